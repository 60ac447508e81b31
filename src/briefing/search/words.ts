/**
 * Words as the full-text index sees them. The index's tokenizer (SQLite FTS5 `unicode61`, see
 * fts-index.ts) keeps letters, digits, private-use characters and marks together and lower-cases;
 * text is folded here first, the same way for documents and for queries.
 */
import { foldText } from '../../text/fold.js';

const NOT_WORD = /[^\p{L}\p{N}\p{Co}\p{M}]+/u;

/** The words of a text as the index holds them: folded, lower-cased, cut where the tokenizer cuts. */
export function wordsOf(text: string): string[] {
  return foldText(text).toLowerCase().split(NOT_WORD).filter(Boolean);
}

/** About one typo forgiven per five letters, on words longer than three letters. */
export const typosForgiven = (word: string): number => (word.length > 3 ? Math.round(word.length * 0.2) : 0);

/** Past this many, a word's further near spellings are left out, so a query stays small. */
const MAX_NEAR_WORDS = 64;

/**
 * The words of `vocabulary` that `word` may be a typo of (within `typosForgiven(word)` edits),
 * closest first. Words that start with `word` are left out: a prefix search already finds them.
 */
export function nearWords(word: string, vocabulary: Iterable<string>): string[] {
  const most = typosForgiven(word);
  if (most === 0) return [];
  const near: Array<{ candidate: string; distance: number }> = [];
  for (const candidate of vocabulary) {
    if (Math.abs(candidate.length - word.length) > most || candidate.startsWith(word)) continue;
    const distance = editDistance(word, candidate, most);
    if (distance <= most) near.push({ candidate, distance });
  }
  return near
    .sort((a, b) => a.distance - b.distance)
    .slice(0, MAX_NEAR_WORDS)
    .map(({ candidate }) => candidate);
}

/** Rows of the edit-distance table, reused: a query checks tens of thousands of words. */
let above = new Int32Array(64);
let row = new Int32Array(64);

/** Levenshtein distance between `a` and `b`, or `most + 1` as soon as it is known to exceed `most`. */
function editDistance(a: string, b: string, most: number): number {
  if (above.length <= b.length) [above, row] = [new Int32Array(b.length + 1), new Int32Array(b.length + 1)];
  for (let j = 0; j <= b.length; j++) above[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      if (row[j]! < best) best = row[j]!;
    }
    if (best > most) return most + 1;
    [above, row] = [row, above];
  }
  return above[b.length]!;
}

/** A word as an FTS5 string: nothing in it is read as query syntax. */
const quoted = (word: string) => `"${word.replaceAll('"', '""')}"`;

/**
 * An FTS5 MATCH expression in which every word must match (AND): as typed, or as the start of a
 * longer word, or as one of its `near` spellings. A word as typed matches twice (whole and as a
 * prefix), so whole-word matches rank above longer words it starts.
 */
export function matchExpression(words: readonly string[], near: readonly (readonly string[])[] = []): string {
  return words.map((word, i) => `(${[quoted(word), `${quoted(word)}*`, ...(near[i] ?? []).map(quoted)].join(' OR ')})`).join(' AND ');
}
