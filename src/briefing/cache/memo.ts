import type { StoreData } from '../../data/schema.js';

/** Distinct keys kept per state (searches, filters); past it the cache for that state starts over. */
const MAX_KEYS_PER_STATE = 500;

/** One part of a cache key: compared as a Map compares keys (`===`, NaN equal to itself). */
export type KeyPart = string | number | boolean | undefined | null;

/** A trie of the key's parts, one Map per part, so a key of several parts is never joined into one string. */
interface Node<V> {
  children?: Map<KeyPart, Node<V>>;
  value?: { held: V };
}

/**
 * Caches a value derived from one state of the store. Every write produces a new state object,
 * so a stale entry is never returned and old ones are garbage-collected with their state.
 *
 * The request reaches `derive` as it was passed (typed, not rebuilt from a key). `keyOf` lists
 * the parts that tell two requests apart, each compared as it is; without it the request itself
 * is the one part.
 */
export function memoByState<R, V>(derive: (data: Readonly<StoreData>, request: R) => V, keyOf: (request: R) => readonly KeyPart[] = (request) => [request as KeyPart]) {
  const cache = new WeakMap<Readonly<StoreData>, { root: Node<V>; size: number }>();
  return (data: Readonly<StoreData>, request: R): V => {
    let state = cache.get(data);
    if (!state || state.size >= MAX_KEYS_PER_STATE) cache.set(data, (state = { root: {}, size: 0 }));
    let node = state.root;
    for (const part of keyOf(request)) {
      const children = (node.children ??= new Map());
      let child = children.get(part);
      if (!child) children.set(part, (child = {}));
      node = child;
    }
    if (!node.value) {
      node.value = { held: derive(data, request) };
      state.size++;
    }
    return node.value.held;
  };
}
