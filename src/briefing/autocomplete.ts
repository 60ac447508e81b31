import { LIMITS } from './limits.js';
import { shorten } from './paginate.js';
import { createIndex } from './text-search.js';
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
 * Ranks candidates for what has been typed so far: exact and prefix matches first, then words
 * that merely contain it or are a typo away. With nothing typed, the candidates in their order.
 */
export function rankCandidates(candidates: readonly Candidate[], typed: string): Choice[] {
  const query = typed.trim();
  const ranked = query === '' ? candidates : search(candidates, query);
  return ranked.slice(0, LIMITS.autocompleteChoices).map((candidate) => ({
    name: shorten(candidate.name, LIMITS.choiceName),
    value: candidate.value,
  }));
}

const indexes = new WeakMap<readonly Candidate[], ReturnType<typeof indexOf>>();

const indexOf = (candidates: readonly Candidate[]) =>
  createIndex(
    candidates.map((candidate, id) => ({ id, ...candidate })),
    { fields: ['value', 'name', 'keywords'] },
  );

/** Callers pass the same array for the same store state, so its index is built once. */
function search(candidates: readonly Candidate[], query: string): Candidate[] {
  let index = indexes.get(candidates);
  if (!index) indexes.set(candidates, (index = indexOf(candidates)));
  const hits = index.search(query, { boost: { value: 3, name: 2 }, combineWith: 'OR' });
  return hits.map((hit) => candidates[hit.id as number]!);
}
