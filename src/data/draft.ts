import { COLLECTIONS, SMALL_COLLECTIONS } from './change-set.js';
import type { StoreData } from './schema.js';

/**
 * A draft of a state for a mutation to change: the big collections are copied shallowly (their
 * records are frozen, so a mutation replaces a record and never edits one), the small ones deeply.
 * What `store.update` hands a mutation, and what a preview tries a write on without cloning a
 * 100k-event store (a structuredClone of one takes seconds).
 */
export function draftOf(state: Readonly<StoreData>): StoreData {
  const draft = { ...state };
  for (const collection of COLLECTIONS) {
    (draft as Record<string, unknown>)[collection] = SMALL_COLLECTIONS.has(collection) ? structuredClone(state[collection]) : [...state[collection]];
  }
  return draft;
}
