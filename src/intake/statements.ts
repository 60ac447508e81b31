/**
 * Direct quotations and who said them. For each quote in a sentence, the speaker is looked for in this
 * order: a cue after it (`"…," he said` / `"…," said X` / `"…," X said`), the subject of the nearest
 * reporting verb before it in the sentence, "according to X" (X not a news outlet), the headline's
 * `X: "…"`, the last speaker when the quote is a sentence of its own, and — for agentless cues such as
 * "it has been reported" or "described as" — the first of the story's sides the sentence names
 * (marked inferred). A word or two quoted with no one saying it, a name ("Operation …") or a term
 * introduced by "known as"/"dubbed" is a term, not a statement.
 */
import { frameOf, type Paragraph, type QuoteSpan, wordCount } from './text.js';
import { firstStoryMention, HONORIFIC_DOT, isMedia, type Memory, remember, type Speaker, speakerOf, type StoryContext } from './speakers.js';

export interface FoundQuote {
  quote: string;
  paragraph: number;
  /** The sentence the quote stands in, for dates and review, and where it starts in the paragraph. */
  sentence: string;
  sentenceStart?: number;
  /** Attributed by a present-tense verb ("says", "what it calls"): said as of the report's day. */
  present?: true;
  speaker?: Speaker;
  via?: string;
  /** How the quote was attributed. */
  cue: 'after' | 'before' | 'according-to' | 'headline' | 'continues' | 'inferred' | 'echo' | 'none';
  kind: 'statement' | 'term';
  /** A name or a word quoted for distance (never a statement), or a short quote no one was found saying (a statement when a speaker's own quote repeats it). */
  termReason?: 'name' | 'unattributed';
  headline: boolean;
  /** Where the saying happened when not in the quote's own sentence: the sentence that named the speaker of a quote that runs on, or the body quote a headline repeats. */
  occasion?: { paragraph: number; start: number; end: number };
}

const VERBS =
  'said|says|say|told|tells|added|adds|insisted|insists|warned|warns|condemned|condemns|described|describes|called|calls|urged|urges|stated|states|' +
  'claimed|claims|denied|denies|accused|accuses|wrote|writes|tweeted|posted|asked|asks|replied|replies|announced|announces|declared|declares|vowed|vows|' +
  'confirmed|confirms|argued|argues|noted|notes|explained|explains|stressed|stresses|emphasised|emphasized|threatened|threatens|pledged|promised|' +
  'acknowledged|admitted|alleged|alleges|branded|brands|labelled|labeled|dismissed|dismisses|rejected|rejects|welcomed|welcomes|praised|criticised|' +
  'criticized|blamed|blames|demanded|demands|appealed|cautioned|maintained|maintains|suggested|suggests|recalled|continued|concluded|concludes|' +
  'reiterated|reiterates|responded|responds|saying|telling|adding|calling|describing|warning|urging|insisting|announcing|declaring|promising|' +
  'accusing|claiming|denying|stressing|noting|arguing|vowing|pledging|quoted|wrote|told reporters|went on|shouted|chanted|whispered|joked|' +
  'boasted|conceded|complained|observed|remarked|predicted|estimated|reported|testified|charged|countered|retorted|added that';
const VERB = new RegExp(`\\b(?:${VERBS})\\b`, 'giu');
const AFTER_PRONOUN = new RegExp(`^[\\s,.!?;:—–-]*(he|she|they|it|we|I)\\s+(?:also\\s+|later\\s+|then\\s+)?(?:${VERBS})\\b`, 'iu');
const AFTER_VERB_NAME = new RegExp(`^[\\s,.!?;:—–-]*(?:${VERBS})\\s+([^,.;:!?\\uE000]+?)(?:,\\s+(?:the|a|an)\\s+([^,.;!?\\uE000]+))?\\s*(?:[,.;:!?]|$)`, 'iu');
const AFTER_NAME_VERB = new RegExp(`^(?![\\s,.!?;:—–-]*(?:(?:a|an|the)\\s+(?:term|word|phrase|claim|charge|description|label|accusation|allegation)\\b|while|and|but|whereas|as|after|before|because|although|though|since|when|if|which|who|that|so|with|for|in|on)\\b)[\\s,.!?;:—–-]*((?:the\\s+)?[^,.;:!?\\uE000"“]{1,80}?(?:,\\s[^,.;:!?\\uE000"“]{2,80},)?)\\s+(?:also\\s+|later\\s+|then\\s+|has\\s+|had\\s+)?(?:${VERBS})\\b`, 'iu');
const ACCORDING = /\baccording to\s+((?:the\s+)?[^,.;:!?\uE000]+?)(?=\s*(?:,|\.|;|$|\s+(?:the|it|he|she|they|a|an)\s))/giu;
const VIA = /\b(?:told|telling|speaking to|in an interview with|quoted by|was quoted by|were quoted by|reported by|cited by|writing in|wrote in)\s+((?:the\s+)?[\p{Lu}][\p{L}\p{N}.&' -]*?)(?=\s*(?:,|\.|;|$|\s+(?:as|that|on|in|news|newspaper|agency|broadcaster|the|it|he|she|they|a|an)\b))/u;
const REPORTED_BY = /\b(\p{Lu}[\p{L}]*(?:\s\p{Lu}[\p{L}]*)?)\s+(?:reported|quoted|cited)\b/u;
const AGENTLESS = /\b(?:it (?:has been|was|is) reported|reportedly|described as|was called|were called|is said|are said|was said|were said|branded as|labelled as|labeled as|termed|the statement)\b/i;
const NAMING = /\b(?:known as|dubbed|codenamed|code-named|named|so-called|nicknamed|titled|entitled|the term|the word|the phrase|calls? (?:itself|themselves|himself|herself)|call(?:ed|ing) (?:itself|themselves|himself|herself)|chanting|chanted|chant|slogans? (?:such as|like)|(?:banners?|signs?|placards?|posters?|graffiti) (?:reading|saying|that read|which read))(?:\s+(?:the|a|an))?\s*$/i;
/** A title-case name with its small words ("Sons of the River", "Reyk the Wrecker"). */
const TITLE_NAME = /^\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:the|of|and|for|de|al|la|el|du|von|van)\s+)*\p{Lu}[\p{L}'’-]*){1,5}$/u;
/** After a quote of a word or two: a noun it qualifies ("a 'lockdown' atmosphere"), not a clause going on. */
const NOT_A_NOUN = new Set(
  'for of to in on at by with from and or but that which who as is was were are has had have will would could can may might must should against over into after before since because if when while than then so its their his her'.split(' '),
);
const SUBJECT_LEAD = '(?:(?:However|Meanwhile|Separately|Later|Earlier|Yesterday|Today|On \\p{Lu}\\p{L}+|In \\d{4}),?\\s+|(?:Speaking|Writing|Asked|Responding|Answering|Addressing|Talking|Replying)\\b[^,]{0,80},\\s+)?';
const SUBJECT = new RegExp(
  `^${SUBJECT_LEAD}((?:the\\s+)?\\p{Lu}[^,;:\\uE000]{0,60}?(?:,\\s[^,;:\\uE000]{2,60},)?)\\s+(?:\\p{Ll}+ed|has|have|had|is|was|were|will|would|also|said|says|put|made|makes|took|takes|gave|gives|went|goes|came|comes|spoke|speaks|met|meets|held|holds|ran|runs|sent|sends|told|tells|wrote|writes|heads|leads|led|kept|keeps|stood|stands|remains|became|becomes|began|begins|saw|sees|set|sets|spent|spends|thinks|thought|knows|knew)\\b`,
  'u',
);
const FINITE_REPORTING = /^(?:said|says|told|tells|stated|states|announced|declared|wrote|writes|added|adds)$/i;
const TRAILING_CUE = new RegExp(
  `,\\s*([^,.;:!?\\uE000]{1,60}?)\\s+(?:said|says|added|adds|told reporters|stated|claimed|claims|reported|confirmed|confirms|announced)(?:\\s+(?:on \\p{Lu}\\p{L}+|yesterday|today|later|in a statement))?[.!?]?$`,
  'iu',
);
const LINK_OUT = /^(?:READ|READ MORE|ALSO READ|RELATED|WATCH|OPINION|LISTEN|SEE ALSO|MORE|ADVERTISEMENT)\s*:/;
const CAPTION = /\[[^\]]*(?:Getty|Reuters|AFP|AP|Anadolu|via|Photo|Images?)[^\]]*\]\s*$/i;

export interface StatementOptions {
  story?: StoryContext;
  /** The headline, read first (its quotes are marked `headline`). */
  headline?: string;
}

function viaOf(sentence: string): string | undefined {
  const relayed = VIA.exec(sentence);
  if (relayed && isMedia(relayed[1]!)) return relayed[1]!.replace(/^the\s+/i, '');
  for (const match of sentence.matchAll(ACCORDING)) if (isMedia(match[1]!)) return match[1]!.replace(/^the\s+/i, '');
  const reported = REPORTED_BY.exec(sentence);
  if (reported && isMedia(reported[1]!)) return reported[1]!;
  return undefined;
}

/** Where a clause of its own begins: after the last "; while whereas but that as after before when which and : —" (linear, no backtracking). */
const CLAUSE_START = /(?:;|\bwhile\b|\bwhereas\b|\bbut\b|\bthat\b|\bas\b|\bafter\b|\bbefore\b|\bwhen\b|\bwhich\b|\bwhat\b)\s|\sand\s|[:—]\s/giu;
function lastEnd(pattern: RegExp, text: string): number {
  let end = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    end = Math.max(end, match.index + match[0].length);
    // "and" shares its leading space with the next match: step back one so " and and " style overlaps are seen.
    pattern.lastIndex = match.index + 1;
  }
  return end;
}

/** The speaker of the nearest reporting verb before `at` in the frame, walking back over verbs whose subject names no one. */
function speakerBefore(frame: string, at: number, memory: Memory, story: StoryContext | undefined): Speaker | undefined {
  const before = frame.slice(0, at);
  const verbs = [...before.matchAll(VERB)];
  for (let v = verbs.length - 1; v >= 0; v--) {
    const verb = verbs[v]!;
    const passive = /^(?:reported|described|called|quoted|branded|labelled|labeled|said|claimed|alleged|accused)$/i.test(verb[0]);
    // "Jaish Al-Adl, described as …": a participle with no agent, not the subject speaking.
    if (/^(?:described|called|branded|labelled|labeled|quoted)$/i.test(verb[0]) && /,\s*$/.test(before.slice(0, verb.index)) && /^\s+as\b/i.test(frame.slice(verb.index + verb[0].length))) continue;
    if (passive && /\b(?:been|was|were|is|are|be)\s+$/i.test(before.slice(0, verb.index))) {
      // "X was quoted by the BBC as saying": the subject comes before the auxiliary.
      if (verb[0].toLowerCase() !== 'quoted') continue;
    }
    const head = before.slice(0, verb.index);
    const participle =
      /ing$/i.test(verb[0]) && !/\bas\s*$/.test(head) && (/,\s*$/.test(head) || /^(?:saying|stating|adding|describing|calling|warning|accusing|urging|declaring)$/i.test(verb[0]));
    // "…, the ministry said in a statement, calling it …": the participle belongs to the reporting clause before it.
    if (participle && v > 0 && FINITE_REPORTING.test(verbs[v - 1]![0]) && /,\s*$/.test(head)) continue;
    if (participle) {
      const subject = SUBJECT.exec(frame);
      const found = subject ? speakerOf(subject[1]!, memory, story) : undefined;
      if (found) return found;
    }
    const clauseStart = lastEnd(CLAUSE_START, head);
    let subject = head.slice(clauseStart).replace(/\s+(?:was|were|has been|had been)\s*(?:quoted\s+by\s+.+?\s+as)?\s*$/i, '');
    subject = subject.replace(/\s+was$/i, '');
    if (verb[0].toLowerCase() === 'saying' && /\bas\s*$/.test(head)) {
      const quoted = /(.+?)\s+(?:was|were)\s+quoted\b/isu.exec(head);
      if (quoted) subject = quoted[1]!;
    }
    const unquoted = subject.replace(/Q\uE000*/g, '').trim();
    if (/Q\uE000*|Q$/.test(subject) && unquoted.length < 3 && !/^(?:he|it|we|i)$/i.test(unquoted)) continue;
    const found = speakerOf(subject.replace(/Q\uE000*/g, ' '), memory, story);
    if (found) return found;
    // "Sudria recalled its envoy on Saturday, the foreign ministry said": the reporting clause after the last comma.
    const aside = /,\s+([^,]{2,80})$/u.exec(subject.trimEnd());
    const asideSpeaker = aside && !/Q\uE000/.test(aside[1]!) ? speakerOf(aside[1]!, memory, story) : undefined;
    if (asideSpeaker) return asideSpeaker;
  }
  return undefined;
}

function speakerAfter(frame: string, from: number, memory: Memory, story: StoryContext | undefined): Speaker | undefined {
  const rest = frame.slice(from).split(/Q\uE000/)[0]!.replace(HONORIFIC_DOT, '$1 ');
  // `"Our patience is not endless" — Tomas Reyk, in a post on X`: a pull quote signed with a dash.
  const signed = /^\s*[—–]\s*([^,;:()]{2,80}?)\s*(?:[,;(]|$)/u.exec(rest);
  if (signed) {
    const found = speakerOf(signed[1]!, memory, story);
    if (found && found.how === 'named') return found;
  }
  const pronoun = AFTER_PRONOUN.exec(rest);
  if (pronoun) return speakerOf(pronoun[1]!, memory, story);
  const verbName = AFTER_VERB_NAME.exec(rest);
  if (verbName) {
    const name = verbName[1]!.replace(/\s+(?:in a statement|on \p{Lu}\p{L}+|yesterday|today|told .*)$/iu, '');
    const found = speakerOf(verbName[2] ? `${name}, the ${verbName[2]}` : name, memory, story);
    if (found) return found;
  }
  // `"…," said the speaker of parliament, Olga Renn.`: the role, then the name.
  const roleName = new RegExp(`^[\\s,.!?;:—–-]*(?:${VERBS})\\s+((?:the|a|an)\\s+[^,.;:!?\\uE000]+?),\\s+(\\p{Lu}[^,.;:!?\\uE000]+?)\\s*(?:[,.;:!?]|$)`, 'iu').exec(rest);
  if (roleName) {
    const found = speakerOf(roleName[2]!, memory, story);
    if (found && found.how === 'named') return { ...found, role: found.role ?? roleName[1]!.replace(/^(?:the|a|an)\s+/i, '') };
  }
  const nameVerb = AFTER_NAME_VERB.exec(rest);
  if (nameVerb) return speakerOf(nameVerb[1]!, memory, story);
  return undefined;
}

/** Every quote of the report with its speaker (or marked a term), in reading order. */
export interface SentenceFrame {
  paragraph: number;
  start: number;
  end: number;
  /** The sentence with its quotes blanked out. */
  frame: string;
  /** The speaker memory as the sentence begins. */
  memory: Memory;
}

export function findStatements(paragraphs: readonly Paragraph[], options: StatementOptions = {}): { quotes: FoundQuote[]; sentences: SentenceFrame[] } {
  const sentences: SentenceFrame[] = [];
  const { story } = options;
  let memory: Memory = {};
  const found: FoundQuote[] = [];
  let previousSpeaker: Speaker | undefined;
  let previousSpeakerAt: { paragraph: number; start: number; end: number } | undefined;
  // Headlines and standfirsts: the lines before the first that ends like a sentence.
  const firstBody = paragraphs.findIndex((paragraph) => /[.!?][”"’')]?$/.test(paragraph.text));
  for (const paragraph of paragraphs) {
    const isHeadline = (options.headline !== undefined && paragraph.text === options.headline) || paragraph.index < firstBody;
    if (LINK_OUT.test(paragraph.text) || CAPTION.test(paragraph.text)) continue;
    const frame = frameOf(paragraph.text, paragraph.quotes);
    for (const [start, end] of paragraph.sentences) {
      const sentence = paragraph.text.slice(start, end);
      const sentenceFrame = frame.slice(start, end);
      const quotes = paragraph.quotes.filter((quote) => quote.open >= start && quote.open < end);
      // The sentence's subject is who "it" and "he" mean next ("Iran's foreign ministry summoned … It also warned …").
      const subject = SUBJECT.exec(sentenceFrame);
      if (subject) {
        const mentioned = speakerOf(subject[1]!, memory, story);
        if (mentioned && mentioned.how === 'named' && !isMedia(mentioned.name)) memory = remember(memory, mentioned);
      }
      sentences.push({ paragraph: paragraph.index, start, end, frame: sentenceFrame, memory });
      const via = viaOf(sentenceFrame);
      // Indirect speech moves the memory too ("In effect, he added, …"; "Yesterday, Pakistan said that …").
      let sentenceSpeaker: Speaker | undefined;
      const here = { paragraph: paragraph.index, start, end };
      let sentenceOccasion = here;
      let previousInSentence: FoundQuote | undefined;
      let previousClose = -1;
      for (const quote of quotes) {
        const item = attribute(quote, { sentence, sentenceFrame, start, memory, story, previousSpeaker, isHeadline, paragraph: paragraph.index, quotes, previousInSentence, previousClose });
        if (item.cue === 'continues' && previousSpeakerAt && previousSpeakerAt.paragraph !== paragraph.index) {
          // A quote running on from an earlier paragraph was said where its speaker was named.
          item.occasion = previousSpeakerAt;
          sentenceOccasion = previousSpeakerAt;
        }
        if (item.speaker && item.kind === 'statement') {
          memory = remember(memory, item.speaker);
          sentenceSpeaker = item.speaker;
        }
        found.push({ ...item, ...(via && item.kind === 'statement' ? { via } : {}) });
        previousInSentence = item;
        previousClose = quote.close - start;
      }
      if (!quotes.length) {
        let speaker = speakerBefore(sentenceFrame, sentenceFrame.length, memory, story);
        if (!speaker) {
          // "…, according to Foreign Ministry Spokesperson Liv Haugen.": named here, "Haugen" next.
          for (const match of sentenceFrame.matchAll(ACCORDING)) {
            if (isMedia(match[1]!)) continue;
            speaker = speakerOf(match[1]!, memory, story);
            if (speaker) break;
          }
        }
        if (speaker && speaker.how !== 'inferred' && !isMedia(speaker.name)) memory = remember(memory, speaker);
        if (speaker) sentenceSpeaker = speaker;
      }
      const before = previousSpeaker;
      previousSpeaker = sentenceSpeaker ?? (quotes.length ? previousSpeaker : undefined) ?? previousSpeaker;
      if (!quotes.length && !sentenceSpeaker) previousSpeaker = memory.last;
      if (previousSpeaker !== before || sentenceSpeaker) previousSpeakerAt = sentenceOccasion;
    }
  }
  return { quotes: echo(merge(found)), sentences };
}

/**
 * A short quote the report repeats from a named speaker's longer quote is that speaker's words: a headline's
 * "groundless accusations", a live blog's "on track" over "on track for 28 April". It takes the speaker and the
 * occasion of the longer quote. Names and words quoted for distance stay terms.
 */
function echo(found: FoundQuote[]): FoundQuote[] {
  const sources = found.filter((item) => item.kind === 'statement' && !item.headline && item.speaker && item.speaker.how !== 'inferred' && item.cue !== 'echo');
  return found.map((item) => {
    const loose = (item.kind === 'term' && item.termReason === 'unattributed') || (item.kind === 'statement' && (!item.speaker || item.speaker.how === 'inferred' || item.headline));
    if (!loose) return item;
    const key = ` ${quoteKey(item.quote)} `;
    const source = sources.find((other) => other !== item && ` ${quoteKey(other.quote)} `.includes(key) && quoteKey(other.quote) !== key.trim());
    if (!source) return item;
    // A headline's own "X: '…'" names its speaker; the body's longer quote then only dates it, when it is the same speaker.
    if (item.kind === 'statement' && item.speaker && item.speaker.how !== 'inferred' && speakerKey(item.speaker) !== speakerKey(source.speaker!)) return item;
    const sentence = source.occasion ?? { paragraph: source.paragraph, start: source.sentenceStart ?? 0, end: (source.sentenceStart ?? 0) + source.sentence.length };
    const { termReason: _reason, ...rest } = item;
    return { ...rest, kind: 'statement' as const, speaker: { ...source.speaker!, how: 'pronoun' as const }, cue: 'echo' as const, occasion: sentence, ...(source.via ? { via: source.via } : {}) };
  });
}

/** Who a sentence says makes a claim at `at` (an offset in the sentence): the nearest reporting verb's subject, else "according to X". */
export function claimantAt(sentence: SentenceFrame, at: number, story: StoryContext | undefined): Speaker | undefined {
  const nearest = speakerBefore(sentence.frame, at, sentence.memory, story);
  if (nearest && !isMedia(nearest.name)) return nearest;
  // "At least two soldiers were wounded …, he said.": the cue closing the sentence.
  const trailing = TRAILING_CUE.exec(sentence.frame);
  if (trailing && trailing.index >= at) {
    const speaker = speakerOf(trailing[1]!, sentence.memory, story);
    if (speaker && !isMedia(speaker.name)) return speaker;
  }
  const before = nearest ?? speakerBefore(sentence.frame, sentence.frame.length, sentence.memory, story);
  if (before && !isMedia(before.name)) return before;
  for (const match of sentence.frame.matchAll(ACCORDING)) {
    if (isMedia(match[1]!)) continue;
    const speaker = speakerOf(match[1]!, sentence.memory, story);
    if (speaker) return speaker;
  }
  return undefined;
}

interface Frame {
  sentence: string;
  sentenceFrame: string;
  start: number;
  memory: Memory;
  story?: StoryContext;
  previousSpeaker?: Speaker;
  isHeadline: boolean;
  paragraph: number;
  quotes: QuoteSpan[];
  /** The quote before this one in the sentence, and where it closes (sentence offset): `"…," he said, "…"`. */
  previousInSentence?: FoundQuote | undefined;
  previousClose: number;
}

function attribute(quote: QuoteSpan, frame: Frame): Omit<FoundQuote, 'via'> {
  const { sentenceFrame, start, memory, story, isHeadline } = frame;
  const open = quote.open - start;
  const close = quote.close - start + 1;
  const base = { quote: quote.text, paragraph: frame.paragraph, sentence: frame.sentence, sentenceStart: start, headline: isHeadline };
  const words = wordCount(quote.text);
  const lead = sentenceFrame.slice(0, open);
  const naming =
    NAMING.test(lead.trimEnd()) ||
    /^(?:Operation|Op\.?)\s/.test(quote.text) ||
    isStoryName(quote.text, story) ||
    (/^(?:\p{Lu}[\p{L}-]*\s?){2,4}$/u.test(quote.text.trim()) && !/^(?:We|I|You|They|He|She|It)\b/.test(quote.text)) ||
    (!isHeadline && TITLE_NAME.test(quote.text.trim()) && !/^(?:We|I|You|They|He|She|It|This|That|There|No|Not)\b/.test(quote.text));
  if (naming && words <= 6) return { ...base, kind: 'term', termReason: 'name', cue: 'none' };
  // "described a 'lockdown' atmosphere": a word or two qualifying a noun, quoted for distance.
  const next = /^\s+(\p{Ll}+)\b/u.exec(sentenceFrame.slice(close));
  if (words <= 2 && /\b(?:a|an|the)\s*$/i.test(lead) && next && !NOT_A_NOUN.has(next[1]!) && !/(?:ed|ing|ly)$/.test(next[1]!)) return { ...base, kind: 'term', termReason: 'name', cue: 'none' };
  // `"…," he said, "…"`: the second part of a split quote is the first part's speaker's.
  const previous = frame.previousInSentence;
  if (previous?.speaker && previous.cue === 'after' && previous.kind === 'statement' && /^[^.!?;\uE000Q]{1,80},\s*$/u.test(sentenceFrame.slice(frame.previousClose + 1, open))) {
    return { ...base, speaker: { ...previous.speaker, how: 'pronoun' }, cue: 'after', kind: 'statement' };
  }
  const after = speakerAfter(sentenceFrame, close, memory, story);
  if (after) return { ...base, speaker: after, cue: 'after', kind: 'statement', ...presentTense(sentenceFrame.slice(close).split(/Q\uE000/)[0]!.slice(0, 60), 'first') };
  const before = speakerBefore(sentenceFrame, open, memory, story);
  if (before && !isMedia(before.name)) return { ...base, speaker: before, cue: 'before', kind: 'statement', ...presentTense(lead, 'last') };
  for (const match of sentenceFrame.matchAll(ACCORDING)) {
    if (match.index > open && !/^[\s,]*$/.test(sentenceFrame.slice(close, match.index))) continue;
    if (isMedia(match[1]!)) continue;
    const speaker = speakerOf(match[1]!, memory, story);
    if (speaker) return { ...base, speaker, cue: 'according-to', kind: 'statement' };
  }
  // `Reyk on X: "…"`, `Dahl: "…"`, `A statement from the ministry read: "…"`: the speaker before a colon.
  const colonLead = /^\s*(?:(?:a|the|in a)\s+statement\s+(?:from|by|issued by)\s+)?([^:]{2,70}?)(?:\s+(?:on|in|via)\s+(?:X|Twitter|Telegram|Facebook|Instagram|social media|a post|a video|a statement)[^:]{0,30})?(?:\s+(?:read|reads|posted|tweeted|wrote|writes))?\s*:\s*$/iu.exec(lead);
  if (colonLead && !isHeadline) {
    const speaker = speakerOf(colonLead[1]!, memory, story);
    if (speaker && speaker.how === 'named' && !isMedia(speaker.name)) return { ...base, speaker, cue: 'before', kind: 'statement' };
  }
  if (isHeadline) {
    const colon = /^(.{2,60}?):\s*$/.exec(lead) ?? /^\s*[:—–-]\s*(.{2,60}?)\s*$/.exec(sentenceFrame.slice(close).split(/Q\uE000/)[0]!);
    if (colon) {
      // "'…': an interview with Lena Fisk".
      const speaker = speakerOf(colon[1]!.replace(/^(?:an?\s+)?(?:exclusive\s+)?interview with\s+/i, ''), memory, story);
      if (speaker) return { ...base, speaker, cue: 'headline', kind: 'statement' };
    }
  }
  const standsAlone = sentenceFrame.replace(/Q\uE000*/g, '').replace(/[\s.,;:!?—–-]/g, '') === '' || /^[\s]*$/.test(lead);
  // A sentence of its own ("Do the math.") is speech, however short.
  const wholeSentence = /^\p{Lu}.*[.!?]$/u.test(quote.text.trim()) && words >= 2;
  if (standsAlone && (words >= 4 || wholeSentence) && frame.previousSpeaker && !isHeadline) {
    return { ...base, speaker: { ...frame.previousSpeaker, how: 'pronoun' }, cue: 'continues', kind: 'statement' };
  }
  if (AGENTLESS.test(sentenceFrame) || VERB.test(sentenceFrame)) {
    VERB.lastIndex = 0;
    const inferred = firstStoryMention(sentenceFrame.replace(/Q\uE000*/g, ' '), story);
    if (inferred) return { ...base, speaker: inferred, cue: 'inferred', kind: 'statement', ...presentTense(lead, 'last') };
  }
  VERB.lastIndex = 0;
  if (words <= 3 && !wholeSentence) return { ...base, kind: 'term', termReason: 'unattributed', cue: 'none' };
  return { ...base, cue: 'none', kind: 'statement' };
}

/** "what it calls", "she says": a reporting verb in the present tense speaks as of the report's day, whatever else the sentence dates. */
function presentTense(text: string, which: 'first' | 'last'): { present?: true } {
  const verbs = [...text.matchAll(VERB)];
  const verb = which === 'first' ? verbs[0] : verbs.at(-1);
  return verb && /^(?:says|tells|adds|insists|warns|calls|describes|claims|argues|notes|maintains|insists|believes|thinks|writes|states|denies|accuses)$/i.test(verb[0]) ? { present: true } : {};
}

function isStoryName(text: string, story: StoryContext | undefined): boolean {
  if (!story) return false;
  const key = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return [...story.sides.flatMap((side) => [side.name, ...(side.aliases ?? [])]), ...story.actors.map((actor) => actor.name)].some(
    (name) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim() === key,
  );
}

export const quoteKey = (quote: string) =>
  quote
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * One proposal per quote and speaker: the same words said by the same speaker twice in a report (a headline
 * repeating the body) are one statement, kept where the report attributes them best; a term whose words the
 * report also quotes as a statement is dropped.
 */
function merge(found: FoundQuote[]): FoundQuote[] {
  const out: FoundQuote[] = [];
  const keys: string[] = [];
  for (const item of found) {
    const key = quoteKey(item.quote);
    const same = out.findIndex(
      (other, i) => keys[i] === key && (other.kind === 'term' || item.kind === 'term' || other.headline || item.headline || !other.speaker || !item.speaker || speakerKey(other.speaker) === speakerKey(item.speaker)),
    );
    if (same < 0) {
      out.push(item);
      keys.push(key);
      continue;
    }
    const other = out[same]!;
    const better = rank(item) > rank(other) ? item : other;
    out[same] = better;
  }
  return out;
}

const rank = (item: FoundQuote) => (item.kind === 'statement' ? 2 : 0) + (item.speaker ? 1 : 0) + (item.headline ? 0 : 0.5);
export const speakerKey = (speaker: Speaker) => speaker.actorId ?? speaker.name.toLowerCase();
