import type { ChangeSet } from '../../data/change-set.js';

/** Past this many changed records a fresh sort is cheaper than inserting one by one. */
const MAX_FOLLOWED = 200;

/**
 * A sorted list brought up to date with writes: each changed record leaves the list and, if it
 * still belongs, goes back in at its sorted place (after its equals, as the newest). Returns a new
 * array, or undefined when the changes are too many to be worth it.
 */
export function followChanges<R extends { id: string }>(
  sorted: readonly R[],
  changes: readonly ChangeSet[],
  collection: 'events' | 'statements',
  storyId: string,
  belongs: (record: R) => boolean,
  compare: (a: R, b: R) => number,
): R[] | undefined {
  const touched = changes.flatMap((change) => {
    const { upsert = [], remove = [] } = (change[collection] ?? {}) as { upsert?: Array<R & { storyId: string }>; remove?: string[] };
    return [...upsert.filter((record) => record.storyId === storyId || sorted.some((kept) => kept.id === record.id)), ...remove];
  });
  if (touched.length === 0) return sorted as R[];
  if (touched.length > MAX_FOLLOWED) return undefined;
  const next = sorted.slice();
  for (const change of touched) {
    const id = typeof change === 'string' ? change : change.id;
    const at = next.findIndex((kept) => kept.id === id);
    if (at >= 0) next.splice(at, 1);
    if (typeof change !== 'string' && belongs(change)) next.splice(upperBound(next, change, compare), 0, change);
  }
  return next;
}

function upperBound<R>(sorted: readonly R[], item: R, compare: (a: R, b: R) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(sorted[middle]!, item) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
