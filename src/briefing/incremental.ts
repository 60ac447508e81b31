import type { ChangeSet } from '../data/change-set.js';
import { changesBetween, versionOf } from '../data/lineage.js';
import type { StoreData } from '../data/schema.js';
import { memoByState } from './memo.js';

/** Keys (stories) whose latest value is kept for updating. */
const MAX_KEYS = 50;

/**
 * A value derived from the store per key (a story's search index, its ordered events), built once
 * and then brought up to date with each write's changes. `update` may change the value it is given
 * (it is no longer needed for the older state) and returns it, or undefined to rebuild instead.
 * States the store did not produce (plain data in tests) are derived from scratch, once each.
 */
export function incrementalByState<K, V>(
  build: (data: Readonly<StoreData>, key: K) => V,
  update: (value: V, data: Readonly<StoreData>, key: K, changes: readonly ChangeSet[]) => V | undefined,
): (data: Readonly<StoreData>, key: K) => V {
  const latest = new Map<K, { version: number; value: V }>();
  const once = memoByState(build);
  return (data, key) => {
    const version = versionOf(data);
    if (version === undefined) return once(data, key);
    const held = latest.get(key);
    if (held?.version === version) return held.value;
    // A reader still holding an older state gets a value of its own, built once.
    if (held && held.version > version) return once(data, key);
    const changes = held && changesBetween(held.version, version);
    const value = (changes && update(held.value, data, key, changes)) ?? build(data, key);
    if (!held && latest.size >= MAX_KEYS) latest.clear();
    latest.set(key, { version, value });
    return value;
  };
}
