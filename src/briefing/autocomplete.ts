import { LIMITS } from './limits.js';
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
    name: shorten(candidate.name, LIMITS.choiceName),
    value: candidate.value,
  }));
}

const wordsOf = (text: string) => foldTerm(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

interface Prepared {
  words: string[][];
  index?: ReturnType<typeof indexOf>;
}

const prepared = new WeakMap<readonly Candidate[], Prepared>();

const indexOf = (candidates: readonly Candidate[]) =>
  createIndex(
    candidates.map((candidate, id) => ({ id, ...candidate })),
    { fields: ['value', 'name', 'keywords'] },
  );

/** A candidate's words, worked out once per candidate object (event candidates outlive store states). */
const wordCache = new WeakMap<Candidate, string[]>();
function candidateWords(candidate: Candidate): string[] {
  let words = wordCache.get(candidate);
  if (!words) wordCache.set(candidate, (words = [...wordsOf(candidate.value), ...wordsOf(candidate.name), ...wordsOf(candidate.keywords ?? '')]));
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
  const exact: Candidate[] = [];
  const prefix: Candidate[] = [];
  ready.words.forEach((words, i) => {
    if (typed.every((word) => words.includes(word))) exact.push(candidates[i]!);
    else if (prefix.length < LIMITS.autocompleteChoices && typed.every((word) => words.some((w) => w.startsWith(word)))) {
      prefix.push(candidates[i]!);
    }
  });
  const found = [...exact, ...prefix];
  if (found.length >= LIMITS.autocompleteChoices) return found;
  ready.index ??= indexOf(candidates);
  const fuzzy = ready.index.search(query, { boost: { value: 3, name: 2 }, combineWith: 'OR' }).map((hit) => candidates[hit.id as number]!);
  return [...new Set([...found, ...fuzzy])];
}
