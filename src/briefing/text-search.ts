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
  const index = emptyIndex(options);
  index.addAll(documents);
  return index;
}

/**
 * The same index built from documents made a batch at a time, yielding to the event loop after each
 * batch so the bot keeps answering while a large story is indexed.
 */
export async function createIndexInBackground<T>(batches: Iterable<readonly T[]>, options: Omit<Options<T>, 'processTerm' | 'searchOptions'>): Promise<MiniSearch<T>> {
  const index = emptyIndex(options);
  for (const batch of batches) {
    index.addAll(batch);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return index;
}

function emptyIndex<T>(options: Omit<Options<T>, 'processTerm' | 'searchOptions'>): MiniSearch<T> {
  return new MiniSearch<T>({ ...options, processTerm: foldTerm, searchOptions: FORGIVING_SEARCH });
}
