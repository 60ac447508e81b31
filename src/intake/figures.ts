/**
 * Casualty and other counts, per claimant: "at least nine people", "two children killed and three others
 * wounded", "killing two people and injuring several others", "heavy casualties" (no number). Pure regular
 * expressions over a sentence; the claimant is the sentence's speaker, else the report itself.
 */

export type Outcome = 'killed' | 'injured' | 'ill' | 'missing' | 'detained' | 'displaced' | 'casualties';

export interface FoundFigure {
  outcome: Outcome;
  /** The lowest number the words allow; null when they give none ("heavy casualties", "several"). */
  low: number | null;
  high?: number;
  /** "at least", "about", "up to", "more than", "several", "heavy", … */
  qualifier?: string;
  /** Who: "people", "children", "civilians", "others", … */
  who?: string;
  /** The words as the report has them. */
  text: string;
  paragraph: number;
  /** Offset in the paragraph (for the sentence's speaker and date). */
  at: number;
}

const NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13,
  fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, 'a hundred': 100, 'a dozen': 12, dozen: 12,
};
const MONTH_WORDS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec';
const VAGUE = 'several|dozens(?: of)?|scores(?: of)?|hundreds(?: of)?|thousands(?: of)?|a number of|a few|many|numerous|some';
const NUM = `(?:\\d[\\d,]*|${Object.keys(NUMBERS).join('|')}|${VAGUE})`;
const QUAL = '(?:at least|about|around|approximately|roughly|nearly|almost|more than|over|up to|as many as|an estimated|fewer than|less than|some)';
const WHO =
  '(?:people|persons|civilians|children|women|men|soldiers|troops|militants|fighters|terrorists|policemen|police officers|officers|guards|members|others|residents|workers|students|villagers|personnel|passengers|pilgrims|worshippers|guardsmen|insurgents|rebels|security forces|journalists|nationals|citizens|family members|families|protesters|protestors|demonstrators|detainees|suspects|migrants|refugees|households|relatives|infants|girls|boys|farmers|guards|border guards|herders|fishermen|miners|staff|crew members|teachers|nurses|doctors|patients|shopkeepers|labourers|laborers|suspects)';
const ADJ = '(?:[\\p{L}-]+ ){0,2}?';
const OUTCOME_AFTER = '(?:killed|dead|died|drowned|fallen ill|fell ill|left (?:their|his|her) homes?|fled|wounded|injured|hurt|missing|arrested|detained|displaced|abducted|kidnapped)';
const BE = '(?:(?:were|was|have been|had been|has been|had|have|has|are|being|reportedly|also|all) )*';

const NUMBER_FIRST = new RegExp(`\\b(?:(${QUAL}) )?(${NUM})(?:\\s(?:to|and|or|-|–)\\s(\\d[\\d,]*|${Object.keys(NUMBERS).join('|')}))? (${ADJ}${WHO})(?: ${ADJ})?\\s?${BE}(${OUTCOME_AFTER})\\b`, 'giu');
const VERB_FIRST = new RegExp(
  `\\b(killed|killing|kills|wounded|wounding|injured|injuring|injures|claimed the lives of|claiming the lives of|left|leaving|arrested|detained|displaced|displacing)\\s(?:(${QUAL}) )?(${NUM})(?:\\s(?:to|and|or|-|–)\\s(\\d[\\d,]*|${Object.keys(NUMBERS).join('|')}))? (${ADJ}${WHO})(?:\\s(dead|wounded|injured|missing|homeless))?`,
  'giu',
);
/** "at least 12 killed", "dozens wounded": a count and its outcome with no noun (headlines, "… and dozens wounded"). */
const BARE = new RegExp(`\\b(?:(${QUAL}) )?(${NUM}) (killed|dead|wounded|injured|hurt|missing|arrested|detained|displaced)\\b`, 'giu');
/** "the dead included two children and a woman". */
const INCLUDED = new RegExp(`\\b(dead|killed|victims|wounded|injured) (?:included|include|were|are) (?:(${QUAL}) )?(${NUM}) (${ADJ}${WHO})`, 'giu');
const NO_NUMBER = /\b(heavy|mass|many|several|significant|serious|no|dozens of|scores of|numerous)\s+(casualties|deaths|fatalities|injuries|losses)\b/giu;

function outcomeOf(word: string): Outcome {
  const w = word.toLowerCase();
  if (/kill|dead|died|drown|lives|death|fatal/.test(w)) return 'killed';
  if (/ill\b/.test(w)) return 'ill';
  if (/wound|injur|hurt/.test(w)) return 'injured';
  if (/missing|abduct|kidnap/.test(w)) return 'missing';
  if (/arrest|detain/.test(w)) return 'detained';
  if (/displac|homeless|left|fled/.test(w)) return 'displaced';
  return 'casualties';
}

function amount(word: string): { low: number | null; qualifier?: string } {
  const w = word.toLowerCase();
  if (/^\d/.test(w)) return { low: Number(w.replace(/,/g, '')) };
  if (w in NUMBERS) return { low: NUMBERS[w]! };
  return { low: null, qualifier: w.replace(/ of$/, '') };
}

/** The figures in one paragraph. */
export function findFigures(paragraphs: ReadonlyArray<{ index: number; text: string }>): FoundFigure[] {
  const found: FoundFigure[] = [];
  for (const paragraph of paragraphs) {
    const text = paragraph.text.replace(/[“”"‘]/g, ' ').replace(/’(?!\p{L})/gu, ' ');
    const taken: Array<[number, number]> = [];
    const add = (figure: FoundFigure, length: number) => {
      if (taken.some(([start, end]) => figure.at < end && figure.at + length > start)) return;
      taken.push([figure.at, figure.at + length]);
      found.push(figure);
    };
    for (const match of text.matchAll(VERB_FIRST)) {
      const [whole, verb, qualifier, number, high, who, state] = match;
      const outcome = outcomeOf(/^(?:left|leaving)$/i.test(verb!) ? (state ?? '') : verb!);
      if (/^(?:left|leaving)$/i.test(verb!) && !state) continue;
      const { low, qualifier: vague } = amount(number!);
      add({ outcome, low, ...(high ? { high: amount(high).low ?? undefined } : {}), ...figureQualifier(qualifier, vague), who: who!.trim(), text: whole.trim(), paragraph: paragraph.index, at: match.index }, whole.length);
    }
    for (const match of text.matchAll(NUMBER_FIRST)) {
      const [whole, qualifier, number, high, who, outcomeWord] = match;
      const { low, qualifier: vague } = amount(number!);
      add({ outcome: outcomeOf(outcomeWord!), low, ...(high ? { high: amount(high).low ?? undefined } : {}), ...figureQualifier(qualifier, vague), who: who!.trim(), text: whole.trim(), paragraph: paragraph.index, at: match.index }, whole.length);
    }
    // "said to have killed at least nine people": a count after a verb of killing some words before.
    const loose = new RegExp(`\\b(killed|wounded|injured)\\s(?:${ADJ})?(?:(${QUAL}) )(${NUM}) (${ADJ}${WHO})`, 'giu');
    for (const match of text.matchAll(loose)) {
      const [whole, verb, qualifier, number, who] = match;
      const { low, qualifier: vague } = amount(number!);
      add({ outcome: outcomeOf(verb!), low, ...figureQualifier(qualifier, vague), who: who!.trim(), text: whole.trim(), paragraph: paragraph.index, at: match.index }, whole.length);
    }
    for (const match of text.matchAll(INCLUDED)) {
      const [whole, what, qualifier, number, who] = match;
      const { low, qualifier: vague } = amount(number!);
      add({ outcome: outcomeOf(what! === 'victims' ? 'killed' : what!), low, ...figureQualifier(qualifier, vague), who: who!.trim(), text: whole.trim(), paragraph: paragraph.index, at: match.index }, whole.length);
    }
    for (const match of text.matchAll(BARE)) {
      const [whole, qualifier, number, what] = match;
      // "March 10 killed", "in 2019 wounded": a date, not a count.
      if (/^\d{4}$/.test(number!) || new RegExp(`(?:${MONTH_WORDS})\\s*$`, 'i').test(text.slice(Math.max(0, match.index - 12), match.index))) continue;
      const { low, qualifier: vague } = amount(number!);
      add({ outcome: outcomeOf(what!), low, ...figureQualifier(qualifier, vague), text: whole.trim(), paragraph: paragraph.index, at: match.index }, whole.length);
    }
    for (const match of text.matchAll(NO_NUMBER)) {
      const [whole, qualifier, what] = match;
      add({ outcome: outcomeOf(what!), low: qualifier!.toLowerCase() === 'no' ? 0 : null, qualifier: qualifier!.toLowerCase(), text: whole, paragraph: paragraph.index, at: match.index }, whole.length);
    }
  }
  return found.sort((a, b) => a.paragraph - b.paragraph || a.at - b.at);
}

function figureQualifier(qualifier: string | undefined, vague: string | undefined) {
  const words = [qualifier?.toLowerCase(), vague].filter(Boolean).join(' ');
  return words ? { qualifier: words } : {};
}
