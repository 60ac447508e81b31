import MiniSearch, { type Options, type SearchOptions } from 'minisearch';

/** Lower case, accents folded ("chargé" finds "charge"), so typing is forgiving. */
export function foldTerm(term: string): string {
  // Most terms are plain ASCII, and indexing a large story folds millions of them.
  if (/^[\x20-\x7e]*$/.test(term)) return term.toLowerCase();
  return term.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** Prefix matching on every term, and fuzzy matching (about one typo in five letters) on longer ones. */
export const FORGIVING_SEARCH: SearchOptions = {
  prefix: true,
  fuzzy: (term) => (term.length > 3 ? 0.2 : false),
  combineWith: 'AND',
};

export function createIndex<T>(documents: readonly T[], options: Omit<Options<T>, 'processTerm' | 'searchOptions'>): MiniSearch<T> {
  const index = new MiniSearch<T>({ ...options, processTerm: foldTerm, searchOptions: FORGIVING_SEARCH });
  index.addAll(documents);
  return index;
}
