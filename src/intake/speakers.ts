/**
 * Who says it: names in a clause's subject, the role the report gives, a side matched against the
 * story's sides and actors by name and alias, and the memory that resolves "he", "they", "it" and
 * "the ministry" to the last fitting named speaker. Pure; the memory is a value passed along a report.
 */

export interface StoryContext {
  sides: ReadonlyArray<{ id: string; name: string; aliases?: readonly string[] }>;
  actors: ReadonlyArray<{ id: string; name: string; role?: string; sideId?: string }>;
}

export interface Speaker {
  name: string;
  role?: string;
  sideId?: string;
  actorId?: string;
  kind: 'person' | 'body';
  /** How the name was found: named in the clause, a pronoun or reference resolved, inferred from the sentence. */
  how: 'named' | 'pronoun' | 'inferred';
}

export interface Memory {
  /** Every person named so far, for a surname alone ("Reyk said"). */
  people?: readonly Speaker[];
  person?: Speaker;
  body?: Speaker;
  last?: Speaker;
}

const ROLE_WORDS = new Set(
  (
    'minister ministry spokesperson spokesman spokeswoman president vice commander commander-in-chief chief director secretary general ' +
    'ambassador envoy governor official officials head leader mayor analyst professor senator adviser advisor lieutenant colonel captain major ' +
    'police chairman chairwoman chair founder ceo editor correspondent researcher fellow deputy prime foreign interior defence defense army ' +
    'affairs spokesperson’s then former acting senior military provincial regional state information home justice finance ' +
    'spokesperson, general, brigadier admiral marshal sheikh king queen prince judge justice attorney lawyer mp mla councillor ' +
    'speaker secretary-general under-secretary-general director-general vice-president commander-in-chief commissioner coordinator representative'
  ).split(/\s+/),
);
const BODY_WORDS =
  /\b(?:ministry|army|front|group|groups|government|office|council|corps|agency|party|forces|police|department|centre|center|liberation|organisation|organization|committee|union|nations|authority|court|guards?|news|tv|embassy|military|parliament|assembly|statement|spokesperson's office|federation|movement|brigades?|battalion|network|institute|university|bank|company|commission)\b/i;
const MEDIA =
  /\b(?:BBC|Reuters|AFP|AP|Associated Press|Agence France-Presse|Al Jazeera|CNN|PressTV|Press TV|IRNA|ISNA|Tasnim|Fars|Mehr|Dawn|Geo(?: News| TV)?|ARY|Express Tribune|New York Times|Washington Post|Guardian|Times|Telegraph|Financial Times|Bloomberg|Sky News|NPR|Xinhua|TASS|RIA|Anadolu|DW|France 24|Middle East Monitor|Radio Pakistan|APP|state media|state television|state TV|news agency|newspaper|broadcaster|Radio \p{Lu}\p{L}+|[\p{Lu}][\p{L}]* (?:News|TV|Times|Post|Tribune|Herald|Daily|Agency|Radio|Monitor|Journal|Gazette))\b/u;

export function isMedia(name: string): boolean {
  return MEDIA.test(name);
}

const norm = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/ministry of foreign affairs/g, 'foreign ministry')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function containsWord(haystack: string, needle: string): boolean {
  if (!needle) return false;
  return ` ${haystack} `.includes(` ${needle} `);
}

/** The story's actor or side a name (and its role) points to: an actor by name or surname, else a side by name or alias. */
export function matchStory(name: string, role: string | undefined, story: StoryContext | undefined, options: { sidesOnly?: boolean } = {}): { sideId?: string; actorId?: string } {
  if (!story) return {};
  const text = norm(name);
  // "an adviser to Tomas Reyk" is not Tomas Reyk.
  for (const actor of options.sidesOnly ? [] : story.actors) {
    const actorName = norm(actor.name);
    if (actorName === text || (text.split(' ').length >= 1 && containsWord(actorName, text) && /^\p{Lu}/u.test(name) && text.length > 3) || containsWord(text, actorName)) {
      return { actorId: actor.id, ...(actor.sideId ? { sideId: actor.sideId } : {}) };
    }
  }
  const both = `${text} ${norm(role ?? '')}`;
  let best: { sideId: string; length: number; at: number; key: string } | undefined;
  for (const side of story.sides) {
    for (const alias of [side.name, ...(side.aliases ?? [])]) {
      const key = norm(alias);
      if (!key) continue;
      const at = ` ${both} `.indexOf(` ${key} `);
      if (at < 0) continue;
      if (!best || at < best.at || (at === best.at && key.length > best.length)) best = { sideId: side.id, length: key.length, at, key };
    }
  }
  if (!best) return {};
  // "Norland's foreign minister": the one actor of that side whose role is those words ("Foreign Minister of Norland").
  if (!options.sidesOnly) {
    const office = ` ${text} `.replace(` ${best.key} `, ' ').trim();
    if (office.split(' ').length >= 2 && !/\p{Lu}/u.test(name.replace(/^[^\s]+\s*/u, '').replace(/^(?:the\s+)/i, ''))) {
      const holders = story.actors.filter((actor) => actor.sideId === best.sideId && actor.role && containsWord(norm(actor.role), office));
      if (holders.length === 1) return { actorId: holders[0]!.id, sideId: best.sideId };
    }
  }
  return { sideId: best.sideId };
}

const PRONOUN = /^(he|she|they|it|we|i)$/i;
const REFERENCE =
  /^(?:the|its|their|his|her|this|that|a|an) (?:[\p{L}-]+ ){0,2}(ministry|statement|spokesperson|spokesman|spokeswoman|government|army|military|group|groups|minister|president|official|officials|agency|office|embassy|police|department|commander|organisation|organization|movement|militants|separatists|rebels|authorities|leader|diplomat|envoy|ambassador|analyst|expert|source|sources)$/iu;
const NAME_TOKEN = /^(?:\p{Lu}[\p{L}\p{M}.'’-]*|al-[\p{L}-]+|bin|ibn|de|van|von|of|the|and|al|ul|el|e|o|in|at|for)$/u;
const GROUP_NOUN =
  /^(?:workers|officials|residents|witnesses|sources|authorities|officers|doctors|medics|villagers|farmers|diplomats|engineers|groups|militants|separatists|activists|police|forces|troops|rescuers|volunteers|journalists|analysts|experts|leaders|lawmakers|ministers|spokesperson|state|television|media|operators)$/;
const HONORIFIC = /^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame)\.?\s+/;
/** "Ms. Dalca", "Dr. Aziz": the abbreviation's full stop is not the end of a phrase. */
export const HONORIFIC_DOT = /\b(Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Capt|Maj|Sgt|Gov|Sen|Rep|Rev|Adm|Brig)\./gu;
export const LEADING_PARTICIPLE = /^(?:speaking|writing|addressing|talking|asked|responding|answering|replying|interviewed|briefing|appearing)\b[^,]{0,80},\s*/iu;
/** "a senior Norlandic official", "one adviser to the defence minister", "a diplomat in Vessen": a speaker the report names only by role. */
/** "aid agencies", "local health officials", "residents of Oskar": a group the report names by what it is. */
const GROUP =
  /^((?:(?:two|three|four|several|some|many|other|local|senior|western|foreign|[\p{Ll}-]+|[\p{Ll}]+['’]s)\s+){0,3}(?:officials|diplomats|sources|residents|witnesses|workers|agencies|doctors|medics|activists|analysts|experts|authorities|officers|rescuers|villagers|farmers|engineers|lawmakers|campaigners|observers|monitors|organisations|organizations|charities|groups|members|police)(?:\s+(?:in|at|from|of|for|close to)\s+(?:[\p{L}.'’-]+\s*){1,5})?)$/u;
const UNNAMED =
  /^(?:a|an|one|another)\s+((?:[\p{L}-]+\s+){0,4}?(?:official|diplomat|delegate|mediator|observer|participant|source|adviser|advisor|aide|officer|analyst|resident|witness|negotiator|insider|member|lawmaker|engineer|doctor|commander|spokesman|spokesperson|spokeswoman|minister|security official|police officer|medic|nurse|farmer|villager|worker|soldier)(?:\s+(?:in|at|from|with|to|of|for|close to)\s+(?:[\p{L}.'’-]+\s*){1,6})?)$/iu;

/** Strips framing words from a subject phrase: leading "the", trailing auxiliaries and adverbs. */
function cleanSubject(phrase: string): string {
  let text = phrase
    .replace(/[\uE000]+/g, '')
    .replace(HONORIFIC_DOT, '$1')
    .replace(/^according to [^,]+,\s*/i, '')
    // "a term Norland rejected", "a claim the army denied": who rejected it.
    .replace(/^(?:a|an|the)\s+(?:term|word|phrase|claim|charge|description|label|accusation|allegation|characteri[sz]ation|version|account)\s+(?:that\s+|which\s+)?/i, '')
    // "Speaking in Vessen on Wednesday, the foreign minister": the participle's phrase is not the speaker.
    .replace(LEADING_PARTICIPLE, '')
    // "Mira Dalca, who heads the water authority,", "Ana Petrova, 54,": a relative clause or an age between name and verb.
    .replace(/,\s*(?:who|whose|which)\s+(?!is\b|was\b)[^,]*(?:,|$)/giu, ' ')
    .replace(/,\s*\d{1,3}\s*(?:,|$)/gu, ' ')
    .replace(/^(?:what|which|who)\s+/i, '')
    .replace(/,\s*(?:speaking|writing|addressing|talking)\b[^,]*,/gi, ' ')
    .replace(/,\s*(?:however|meanwhile|though|too|also|in turn|for (?:its|his|her|their) part|in a statement|in response)\s*,/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  text = text.replace(/^(?:downstream|upstream|neighbouring|neighboring|rival|nearby)\s+(?=\p{Lu})/u, '');
  text = text.replace(/^(?:(?:in|on|at|since|by|until|during|earlier|later|last|this|after|before)\s[^,]{1,30},\s*)+/iu, '');
  text = text.replace(/^(?:(?:and|but|while|whereas|as|so|then|however|meanwhile|also|later|earlier|separately|in a statement|on \p{Lu}\p{L}+|yesterday|today),?\s+)+/iu, '');
  for (let again = true; again; ) {
    const before = text;
    text = text
      .replace(/\s*,?\s+(?:also|later|earlier|then|previously|again|further|just|now|already|publicly|reportedly|on \p{Lu}\p{L}+day|yesterday|today|in a statement|had|has|have|was|were|is|are|would|will|had earlier|once|itself)$/iu, '')
      .replace(/[,;:]$/, '')
      .trim();
    again = text !== before;
  }
  return text;
}

function kindOf(name: string, role?: string): 'person' | 'body' {
  if (BODY_WORDS.test(name)) return 'body';
  const tokens = name.split(/\s+/).filter((token) => /^\p{Lu}/u.test(token));
  if (tokens.length >= 2 && !/^\p{Lu}+$/u.test(name.replace(/\s/g, ''))) return 'person';
  if (role && /\b(?:spokes|minister|director|president|analyst|commander|professor|adviser|advisor|chief|secretary|envoy|ambassador)\b/i.test(role) && tokens.length >= 1)
    return tokens.length >= 2 ? 'person' : 'body';
  return 'body';
}

/**
 * A named speaker in a subject phrase ("Iranian Foreign Minister Hossein Amir-Abdollahian", "Michael Kugelman, the
 * South Asia director at the Wilson Centre", "Pakistan's foreign ministry"), a pronoun or reference resolved against
 * the memory, or undefined when the phrase names nobody.
 */
export function speakerOf(phrase: string, memory: Memory, story: StoryContext | undefined): Speaker | undefined {
  const text = cleanSubject(phrase);
  if (!text || text.length > 160) return undefined;
  const unnamed = UNNAMED.exec(text.replace(/\s+(?:briefed|familiar|speaking|involved|who|with knowledge)\b.*$/iu, '')) ?? GROUP.exec(text.replace(/^the\s+/i, ''));
  if (unnamed) {
    const name = unnamed[1]!;
    // The side from the words before any place or link ("a diplomat in Vessen" is not Norland's).
    const own = name.replace(/\s+(?:in|at|from|with|to|of|for|close to)\s+.*$/iu, '');
    return { name, ...matchStory(own, undefined, story, { sidesOnly: true }), kind: 'person', how: 'named' };
  }
  if (PRONOUN.test(text)) {
    const word = text.toLowerCase();
    const found = word === 'he' || word === 'she' || word === 'i' ? memory.person : word === 'it' ? memory.body : (memory.body ?? memory.last);
    return found ? { ...found, how: 'pronoun' } : undefined;
  }
  // "Its defence ministry", "their spokesman": a body of the last body named.
  const owned = /^(?:[Ii]ts|[Tt]heir)\s+((?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+)$/u.exec(text);
  if (owned && memory.body && (BODY_WORDS.test(owned[1]!) || owned[1]!.split(/\s+/).some((word) => ROLE_WORDS.has(word)))) {
    const owner = memory.body.name.replace(/[’']s\s.*$/, '');
    const name = `${owner}'s ${owned[1]}`;
    return { name, ...(memory.body.sideId ? { sideId: memory.body.sideId } : {}), ...matchStory(name, undefined, story), kind: kindOf(name), how: 'pronoun' };
  }
  const reference = REFERENCE.exec(text);
  if (reference && !/^\p{Lu}/u.test(text.split(' ').slice(1).join(' '))) {
    const head = reference[1]!.toLowerCase();
    const personal = /spokes|minister|president|official|commander|leader|diplomat|envoy|ambassador|analyst|expert/.test(head);
    const candidates = [memory.last, memory.body, memory.person].filter((speaker): speaker is Speaker => !!speaker);
    const fitting =
      candidates.find((speaker) => norm(`${speaker.name} ${speaker.role ?? ''}`).includes(head.replace(/s$/, ''))) ??
      (personal ? memory.person : head === 'statement' || head === 'authorities' ? (memory.body ?? memory.last) : memory.body);
    return fitting ? { ...fitting, how: 'pronoun' } : undefined;
  }
  // "the Crane Institute's Lena Fisk": an organisation's person, by name.
  const owner = /^(?:the\s+)?((?:\p{Lu}[\p{L}-]*\s+){0,4}\p{Lu}[\p{L}-]*)[’']s\s+(\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+){1,2})$/u.exec(text);
  if (owner && !BODY_WORDS.test(owner[2]!) && !owner[2]!.split(/\s+/).some((token) => ROLE_WORDS.has(token.toLowerCase()))) {
    const name = owner[2]!;
    const found = speakerOf(name, memory, story);
    if (found) return { ...found, role: found.role ?? owner[1]!, how: 'named' };
  }
  // "Name, the role at X": the name and its role.
  const appositive = /^(.+?),\s+((?:the|a|an|of|from|at|who is)\s+.+?),?$/iu.exec(text);
  const parts = text.split(/,\s+/).filter(Boolean);
  // "Sudria's defence minister, Tomas Reyk": the role, then the name.
  const roleThenName =
    !appositive && parts.length === 2 && parts[0]!.split(/\s+/).some((token) => ROLE_WORDS.has(token.toLowerCase())) && parts[1]!.split(/\s+/).every((token) => NAME_TOKEN.test(token));
  // "Ilse Marten, Norland's foreign minister": the name, then the role.
  const nameThenRole =
    !appositive && !roleThenName && parts.length === 2 && parts[0]!.split(/\s+/).every((token) => NAME_TOKEN.test(token)) && parts[1]!.split(/\s+/).some((token) => ROLE_WORDS.has(token.toLowerCase()));
  const [namePart, rolePart] = nameThenRole
    ? [parts[0]!, parts[1]!]
    : appositive
    ? [appositive[1]!, appositive[2]!.replace(/^(?:the|a|an|who is)\s+/i, '')]
    : roleThenName
      ? [parts[1]!, parts[0]!.replace(/^the\s+/i, '')]
      : [parts.at(-1) ?? text, undefined];
  const tokens = namePart.replace(/^the\s+/i, '').split(/\s+/);
  // The name: the run after the last role word ("… spokesperson Mumtaz Zahra Baloch"), when it is a run of capitals.
  let lastRole = -1;
  tokens.forEach((token, index) => {
    if (ROLE_WORDS.has(token.toLowerCase().replace(/[’']s$/, ''))) lastRole = index;
  });
  const tail = tokens.slice(lastRole + 1);
  const isName = tail.length > 0 && tail.every((token) => NAME_TOKEN.test(token)) && /^\p{Lu}/u.test(tail[0]!);
  let name: string;
  let role: string | undefined = rolePart;
  if (isName && lastRole >= 0) {
    name = tail.join(' ');
    role = tokens.slice(0, lastRole + 1).join(' ').replace(/^the then\s+|^then\s+/i, '') + (rolePart ? `, ${rolePart}` : '');
  } else {
    name = tokens.join(' ').replace(/^(?:the|a|an)\s+/i, '');
    if (/^\p{Ll}/u.test(name)) {
      // "the foreign ministry" with no country: a reference, resolved above when the memory has one.
      if (!/\p{Lu}/u.test(name)) return undefined;
    }
  }
  name = name.replace(/[,.;:]+$/, '').replace(HONORIFIC, '').trim();
  const nameTokens = name.split(/\s+/);
  // "Sudria's water authority", "Pakistan's foreign ministry": a possessive name, a few plain words, a body.
  const possessiveBody = nameTokens.length <= 5 && /^\p{Lu}[\p{L}-]*[’']s$/u.test(nameTokens[0]!) && (BODY_WORDS.test(nameTokens.at(-1)!) || ROLE_WORDS.has(nameTokens.at(-1)!.toLowerCase()) || /^(?:authority|television|radio|agency)$/i.test(nameTokens.at(-1)!));
  const plausible = possessiveBody || nameTokens
    .every((token, index) => NAME_TOKEN.test(token) || (index > 0 && GROUP_NOUN.test(token)) || /^\p{Lu}[\p{L}-]*[’']s$/u.test(token) || ROLE_WORDS.has(token.toLowerCase()) || BODY_WORDS.test(token) || /^\(.*\)$/.test(token));
  if (!plausible) return undefined;
  if (!name || !/\p{Lu}/u.test(name) || name.split(/\s+/).length > 9) return undefined;
  if (/^(?:Q|It|This|That|There|These|Those|What|When|If|In|On|At|But|And|The|Here|Now|Then|Today|Yesterday|Asked|Speaking|Meanwhile|However)$/.test(name)) return undefined;
  // A surname alone names the person met before ("Kugelman said").
  if (name.split(' ').length === 1) {
    const known = [...(memory.people ?? [])].reverse().find((person) => person.name.split(' ').slice(-1)[0] === name);
    if (known) return { ...known, how: 'named' };
    // …or the story's actor of that surname ("Reyk said"), by the actor's full name.
    const actor = story?.actors.find((candidate) => candidate.name.split(' ').length > 1 && candidate.name.split(' ').at(-1) === name);
    if (actor) return { name: actor.name, ...(role ? { role } : {}), actorId: actor.id, ...(actor.sideId ? { sideId: actor.sideId } : {}), kind: 'person', how: 'named' };
  }
  // "Its head, Mira Dalca": the head of the body last named.
  if (role && /^(?:its|their)\s/i.test(role) && memory.body) role = `${role.replace(/^(?:its|their)\s+/i, '')} of ${memory.body.name}`;
  const matched = matchStory(name, role, story);
  return { name, ...(role ? { role } : {}), ...matched, kind: kindOf(name, role), how: 'named' };
}

/** The memory after a speaker has spoken. */
export function remember(memory: Memory, speaker: Speaker): Memory {
  const named = { ...speaker, how: 'named' as const };
  return speaker.kind === 'person'
    ? { ...memory, person: named, last: named, people: [...(memory.people ?? []).filter((p) => p.name !== named.name), named] }
    : { ...memory, body: named, last: named };
}

/** The side a sentence is about, for quotes whose speaker is not named: the first of the story's actors or sides it mentions. */
export function firstStoryMention(text: string, story: StoryContext | undefined): Speaker | undefined {
  if (!story) return undefined;
  const lower = ` ${norm(text)} `;
  let best: { at: number; sideId: string } | undefined;
  for (const side of story.sides) {
    for (const alias of [side.name, ...(side.aliases ?? [])]) {
      const key = norm(alias);
      if (!key) continue;
      const at = lower.indexOf(` ${key} `);
      if (at >= 0 && (!best || at < best.at)) best = { at, sideId: side.id };
    }
  }
  if (!best) return undefined;
  const side = story.sides.find((candidate) => candidate.id === best.sideId)!;
  return { name: side.name, sideId: side.id, kind: 'body', how: 'inferred' };
}
