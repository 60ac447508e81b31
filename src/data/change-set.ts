import type { StoreData } from './schema.js';

/** The collections of the store, each keyed by its own id. */
export const COLLECTIONS = ['stories', 'actors', 'sources', 'events', 'statements', 'claims', 'audit', 'guilds', 'schedules', 'previews', 'intakes', 'positions'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];
export type RecordOf<C extends CollectionName> = StoreData[C][number];

/**
 * Small collections are deep-copied into each draft, so a mutation may change their records in
 * place (a schedule's `lastSlot`). Large ones are copied shallowly and their records are frozen:
 * a mutation replaces a record, it never edits one, so a write costs what it touches.
 */
export const SMALL_COLLECTIONS: ReadonlySet<CollectionName> = new Set(['stories', 'guilds', 'schedules', 'previews', 'intakes']);

export function keyOf(collection: CollectionName, record: unknown): string {
  return collection === 'guilds' ? (record as { guildId: string }).guildId : (record as { id: string }).id;
}

export interface CollectionChange<R = unknown> {
  /** New or replaced records, in the order they appear in the new state. */
  upsert: R[];
  /** Keys of records no longer present. */
  remove: string[];
}

/** What one write changed: enough to replay it on the previous state, and to update indexes. */
export type ChangeSet = { [C in CollectionName]?: CollectionChange<RecordOf<C>> };

/** Two records with one key: a mutation pushed a record whose id is taken. */
export class DuplicateKey extends Error {
  override name = 'DuplicateKey';
  constructor(
    readonly collection: CollectionName,
    readonly key: string,
  ) {
    super(`duplicate id "${key}" in ${collection}`);
  }
}

const sameRecord = (collection: CollectionName, a: unknown, b: unknown) =>
  a === b || (SMALL_COLLECTIONS.has(collection) && JSON.stringify(a) === JSON.stringify(b));

/**
 * Compares one collection before and after a mutation. Writes almost always append or replace in
 * place, which a single positional pass finds; anything else (removal, reordering) is diffed by key.
 */
export function diffCollection<R>(collection: CollectionName, before: readonly R[], after: readonly R[], has: (key: string) => boolean): CollectionChange<R> | undefined {
  if (before === after) return undefined;
  const upsert: R[] = [];
  let positional = after.length >= before.length;
  for (let i = 0; positional && i < before.length; i++) {
    if (sameRecord(collection, before[i], after[i])) continue;
    if (keyOf(collection, before[i]) === keyOf(collection, after[i])) upsert.push(after[i]!);
    else positional = false;
  }
  if (positional) {
    const added = new Set<string>();
    for (const record of after.slice(before.length)) {
      const key = keyOf(collection, record);
      if (has(key) || added.has(key)) throw new DuplicateKey(collection, key);
      added.add(key);
      upsert.push(record);
    }
    return upsert.length ? { upsert, remove: [] } : undefined;
  }
  return diffByKey(collection, before, after);
}

function diffByKey<R>(collection: CollectionName, before: readonly R[], after: readonly R[]): CollectionChange<R> | undefined {
  const previous = new Map(before.map((record) => [keyOf(collection, record), record]));
  const seen = new Set<string>();
  const upsert: R[] = [];
  for (const record of after) {
    const key = keyOf(collection, record);
    if (seen.has(key)) throw new DuplicateKey(collection, key);
    seen.add(key);
    const old = previous.get(key);
    if (old === undefined || !sameRecord(collection, old, record)) upsert.push(record);
  }
  const remove = [...previous.keys()].filter((key) => !seen.has(key));
  return upsert.length || remove.length ? { upsert, remove } : undefined;
}

/** Applies change sets in order: an upsert replaces a record in place or appends it; a removal drops it. */
export function applyChanges(data: StoreData, changes: readonly ChangeSet[]): StoreData {
  const next = { ...data };
  for (const collection of COLLECTIONS) {
    const touched = changes.filter((change) => change[collection]);
    if (touched.length === 0) continue;
    const records = new Map<string, unknown>(data[collection].map((record) => [keyOf(collection, record), record]));
    for (const change of touched) {
      for (const record of change[collection]!.upsert) records.set(keyOf(collection, record), record);
      for (const key of change[collection]!.remove) records.delete(key);
    }
    (next as Record<CollectionName, unknown[]>)[collection] = [...records.values()];
  }
  return next;
}
