import type { StoreData } from '../data/schema.js';

/** Distinct keys kept per state (searches, filters); past it the cache for that state starts over. */
const MAX_KEYS_PER_STATE = 500;

/**
 * Caches a value derived from one state of the store. Every write produces a new state object,
 * so a stale entry is never returned and old ones are garbage-collected with their state.
 */
export function memoByState<K, V>(derive: (data: Readonly<StoreData>, key: K) => V) {
  const cache = new WeakMap<Readonly<StoreData>, Map<K, V>>();
  return (data: Readonly<StoreData>, key: K): V => {
    let byKey = cache.get(data);
    if (!byKey) cache.set(data, (byKey = new Map()));
    if (!byKey.has(key)) {
      if (byKey.size >= MAX_KEYS_PER_STATE) byKey.clear();
      byKey.set(key, derive(data, key));
    }
    return byKey.get(key)!;
  };
}
