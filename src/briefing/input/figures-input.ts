/**
 * Figures as a moderator types them, one a line — `killed: at least 9 people`, `injured: 3`,
 * `killed: heavy casualties`, `displaced: 10-15 families` — and back: the same words the form is pre-filled
 * with, so an unchanged form parses to the same figures. Pure; refusals name the line.
 */
import { FigureSchema, type Figure, type FigureOutcome } from '../../data/schema.js';
import { clip } from '../render/paginate.js';
import { UserError } from '../reply/reply.js';
import { MESSAGES } from '../../i18n/index.js';
import { figureAmount } from '../../data/figure-text.js';

export { figureAmount };

const OUTCOMES: Record<string, FigureOutcome> = {
  killed: 'killed', dead: 'killed', deaths: 'killed',
  injured: 'injured', wounded: 'injured', hurt: 'injured',
  ill: 'ill', sick: 'ill',
  missing: 'missing',
  detained: 'detained', arrested: 'detained',
  displaced: 'displaced',
  casualties: 'casualties',
  // The outcome as the ledger names it in every language ("Killed", "ہلاک", "کشته").
  ...Object.fromEntries(Object.values(MESSAGES).flatMap((m) => Object.entries(m.figureOutcome).map(([outcome, label]) => [label.toLowerCase(), outcome as FigureOutcome]))),
};

const NUMBER_WORDS: Record<string, number> = {
  no: 0, none: 0, zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40,
  fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, 'a hundred': 100, dozen: 12, 'a dozen': 12,
};
const QUALIFIERS = ['at least', 'about', 'around', 'approximately', 'roughly', 'nearly', 'almost', 'more than', 'over', 'up to', 'as many as', 'an estimated', 'fewer than', 'less than', 'some'];
/** Words that stand for a number the claimant did not give. */
const VAGUE = ['several', 'heavy', 'many', 'numerous', 'dozens of', 'dozens', 'scores of', 'scores', 'hundreds of', 'hundreds', 'thousands of', 'thousands', 'a number of', 'a few', 'mass', 'significant', 'serious', 'unknown', 'some'];

export const MAX_FIGURES = 10;
const MAX_LINE = 120;

const number = `\\d[\\d,]*|${Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).join('|')}`;
const AMOUNT = new RegExp(`^(?:(${QUALIFIERS.join('|')})\\s+)?(${number})(?:\\s*(?:-|–|to)\\s*(${number}))?(?:\\s+(.+))?$`, 'iu');
const VAGUE_AMOUNT = new RegExp(`^(${VAGUE.join('|')})(?:\\s+(.+))?$`, 'iu');

const numeral = (word: string) => (/^\d/.test(word) ? Number(word.replace(/,/g, '')) : NUMBER_WORDS[word.toLowerCase()]!);

function refuse(index: number, line: string, why: string): never {
  throw new UserError(`**Figures**, line ${index + 1} (“${clip(line, 60)}”): ${why} Write one figure a line, e.g. \`killed: at least 9 people\`, \`injured: 3\` or \`killed: heavy casualties\`. Nothing was changed.`);
}

/** One figure from `outcome: amount [who]`; throws a UserError naming the line. */
export function parseFigureLine(line: string, index = 0): Figure {
  const text = line.trim().replace(/\s+/g, ' ');
  if (text.length > MAX_LINE) refuse(index, text, `a line holds at most ${MAX_LINE} characters.`);
  const colon = text.indexOf(':');
  if (colon < 0) refuse(index, text, 'start with what the figure counts and a colon (killed, injured, ill, missing, detained, displaced or casualties).');
  const outcome = OUTCOMES[text.slice(0, colon).trim().toLowerCase()];
  if (!outcome) refuse(index, text, `“${clip(text.slice(0, colon).trim(), 30)}” is not one of killed, injured, ill, missing, detained, displaced or casualties.`);
  const rest = text.slice(colon + 1).trim();
  if (!rest) refuse(index, text, 'give the number (or the words for it, like “several”) after the colon.');
  const exact = AMOUNT.exec(rest);
  let figure: Figure;
  if (exact) {
    const [, qualifier, low, high, who] = exact;
    figure = {
      outcome,
      low: numeral(low!),
      ...(high ? { high: numeral(high) } : {}),
      ...(qualifier ? { qualifier: qualifier.toLowerCase() } : {}),
      ...(who ? { who: who.trim() } : {}),
    };
  } else {
    const vague = VAGUE_AMOUNT.exec(rest);
    if (!vague) refuse(index, text, 'the amount must be a number (“3”, “at least nine”, “10-15”) or words for one (“several”, “heavy”).');
    figure = { outcome, low: null, qualifier: vague[1]!.toLowerCase(), ...(vague[2] ? { who: vague[2].trim() } : {}) };
  }
  const checked = FigureSchema.safeParse(figure);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    refuse(index, text, issue.path[0] === 'high' ? 'the top of a range must not be below its bottom.' : issue.path[0] === 'low' ? 'the number must be a whole number up to 100,000,000.' : 'that figure cannot be stored.');
  }
  return figure;
}

/** The form's text: undefined for an empty field (no figures), else one figure a line. */
export function parseFigures(text: string | undefined): Figure[] | undefined {
  const lines = (text ?? '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (lines.length === 0) return undefined;
  if (lines.length > MAX_FIGURES) throw new UserError(`**Figures**: at most ${MAX_FIGURES} lines, one figure each (this has ${lines.length}). Nothing was changed.`);
  return lines.map((line, index) => parseFigureLine(line, index));
}

/** The form's text for figures (what `parseFigures` reads back to the same figures). */
export function figuresText(figures: readonly Figure[] | undefined): string {
  return (figures ?? []).map((figure) => `${figure.outcome}: ${figureAmount(figure)}`).join('\n');
}
