import { LIMITS } from './limits.js';
import { closeBidi } from './format.js';
import { shorten } from './paginate.js';
import { createIndex, foldTerm } from './text-search.js';
import type { Choice } from '../commands/types.js';

export interface Candidate {
  /** What the option receives: an id. */
  value: string;
  /** What the person sees in the list. */
  name: string;
  /** Further words that should find it: aliases, roles, dates. */
  keywords?: string;
}

/**
 * Ranks candidates for what has been typed so far: those whose words include every typed word
 * exactly, then those whose words start with every typed word, in the candidates' own order; only
 * when that finds fewer than 25 are typos forgiven (fuzzy search). With nothing typed, the
 * candidates in their order.
 */
export function rankCandidates(candidates: readonly Candidate[], typed: string): Choice[] {
  const query = typed.trim();
  const ranked = query === '' ? candidates : search(candidates, query);
  return ranked.slice(0, LIMITS.autocompleteChoices).map((candidate) => ({
    // Stored text in a choice: a directional control it opens cannot run on past it or reverse the list.
    name: shorten(closeBidi(candidate.name), LIMITS.choiceName),
    value: candidate.value,
  }));
}

const wordsOf = (text: string) => foldTerm(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

interface Prepared {
  words: string[];
  index?: ReturnType<typeof indexOf>;
}

const prepared = new WeakMap<readonly Candidate[], Prepared>();

const indexOf = (candidates: readonly Candidate[]) =>
  createIndex(
    candidates.map((candidate, id) => ({ id, ...candidate })),
    { fields: ['value', 'name', 'keywords'] },
  );

/**
 * A candidate's folded words as one string, " word word … ", worked out once per candidate object
 * (event candidates outlive store states). One string rather than an array of words: a 100k-event
 * story keeps 100k of them.
 */
const wordCache = new WeakMap<Candidate, string>();
function candidateWords(candidate: Candidate): string {
  let words = wordCache.get(candidate);
  if (words === undefined) {
    words = ` ${[...wordsOf(candidate.value), ...wordsOf(candidate.name), ...wordsOf(candidate.keywords ?? '')].join(' ')} `;
    wordCache.set(candidate, words);
  }
  return words;
}

/** Callers pass the same array for the same store state, so its words and index are built once. */
function search(candidates: readonly Candidate[], query: string): Candidate[] {
  let ready = prepared.get(candidates);
  if (!ready) {
    ready = { words: candidates.map(candidateWords) };
    prepared.set(candidates, ready);
  }
  const typed = wordsOf(query);
  const whole = typed.map((word) => ` ${word} `);
  const starts = typed.map((word) => ` ${word}`);
  const exact: Candidate[] = [];
  const prefix: Candidate[] = [];
  ready.words.forEach((words, i) => {
    // A whole word is also a word start, so one test rules out most candidates.
    if (!starts.every((word) => words.includes(word))) return;
    if (whole.every((word) => words.includes(word))) exact.push(candidates[i]!);
    else if (prefix.length < LIMITS.autocompleteChoices) prefix.push(candidates[i]!);
  });
  const found = [...exact, ...prefix];
  if (found.length >= LIMITS.autocompleteChoices) return found;
  ready.index ??= indexOf(candidates);
  const fuzzy = ready.index.search(query, { boost: { value: 3, name: 2 }, combineWith: 'OR' }).map((hit) => candidates[hit.id as number]!);
  return [...new Set([...found, ...fuzzy])];
}
