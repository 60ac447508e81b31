import type { ChangeSet } from '../../data/change-set.js';
import { changesBetween, versionOf } from '../../data/lineage.js';
import type { StoreData } from '../../data/schema.js';
import { memoByState } from './memo.js';

/** Keys (stories) whose latest value is kept for updating. */
const MAX_KEYS = 50;

/**
 * A value derived from the store per key (a story's search index, its ordered events), built once
 * and then brought up to date with each write's changes. `update` may change the value it is given
 * (it is no longer needed for the older state) and returns it, or undefined to rebuild instead.
 * States the store did not produce (plain data in tests) are derived from scratch, once each.
 */
export interface Incremental<K, V> {
  (data: Readonly<StoreData>, key: K): V;
  /** Whether a value for `key` is held that `data` can be reached from (so a call costs an update, not a build). */
  has(data: Readonly<StoreData>, key: K): boolean;
  /** Hands in a value built elsewhere (in the background) for `data`; later writes are followed from it. */
  seed(data: Readonly<StoreData>, key: K, value: V): void;
}

export function incrementalByState<K, V>(
  build: (data: Readonly<StoreData>, key: K) => V,
  update: (value: V, data: Readonly<StoreData>, key: K, changes: readonly ChangeSet[]) => V | undefined,
): Incremental<K, V> {
  const latest = new Map<K, { version: number; value: V }>();
  const once = memoByState(build);
  const derive = (data: Readonly<StoreData>, key: K): V => {
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
  return Object.assign(derive, {
    has(data: Readonly<StoreData>, key: K) {
      const held = latest.get(key);
      const version = versionOf(data);
      return held !== undefined && version !== undefined && (held.version === version || (held.version < version && changesBetween(held.version, version) !== undefined));
    },
    seed(data: Readonly<StoreData>, key: K, value: V) {
      const version = versionOf(data);
      const held = latest.get(key);
      if (version !== undefined && (!held || held.version < version)) latest.set(key, { version, value });
    },
  });
}
