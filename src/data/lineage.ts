import type { ChangeSet } from './change-set.js';
import type { StoreData } from './schema.js';

export interface Succession {
  previous: Readonly<StoreData>;
  changes: ChangeSet;
}

const parents = new WeakMap<Readonly<StoreData>, Succession>();

/** Records that `next` is `previous` with `changes` applied, so derived indexes can be updated, not rebuilt. */
export function recordSuccession(previous: Readonly<StoreData>, next: Readonly<StoreData>, changes: ChangeSet): void {
  parents.set(next, { previous, changes });
}

export function successionOf(state: Readonly<StoreData>): Succession | undefined {
  return parents.get(state);
}
