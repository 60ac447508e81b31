import type { StoreData } from '../data/schema.js';

/**
 * Caches a value derived from one state of the store. Every write produces a new state object,
 * so a stale entry is never returned and old ones are garbage-collected with their state.
 */
export function memoByState<K, V>(derive: (data: Readonly<StoreData>, key: K) => V) {
  const cache = new WeakMap<Readonly<StoreData>, Map<K, V>>();
  return (data: Readonly<StoreData>, key: K): V => {
    let byKey = cache.get(data);
    if (!byKey) cache.set(data, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, derive(data, key));
    return byKey.get(key)!;
  };
}
