import type { ChangeSet } from './change-set.js';
import type { StoreData } from './schema.js';

/**
 * Which store state came from which, and what changed: derived indexes (search, orderings) follow
 * the changes instead of being rebuilt on every write. States are numbered; only the last
 * `KEPT_STEPS` steps are remembered, and no old state is kept alive by this record.
 */
const KEPT_STEPS = 1000;
const versions = new WeakMap<Readonly<StoreData>, number>();
const steps = new Map<number, { from: number; changes: ChangeSet }>();
let lastVersion = 0;

export function versionOf(state: Readonly<StoreData>): number | undefined {
  return versions.get(state);
}

/** Numbers a state loaded from disk, so indexes built on it can follow later writes. */
export function registerState(state: Readonly<StoreData>): void {
  if (!versions.has(state)) versions.set(state, ++lastVersion);
}

/** Records that `next` is `previous` with `changes` applied. */
export function recordSuccession(previous: Readonly<StoreData>, next: Readonly<StoreData>, changes: ChangeSet): void {
  registerState(previous);
  const from = versions.get(previous)!;
  const version = ++lastVersion;
  versions.set(next, version);
  steps.set(version, { from, changes });
  if (steps.size > KEPT_STEPS) steps.delete(steps.keys().next().value!);
}

/** The change sets, oldest first, that lead from state version `from` to `to`; undefined if they are not all remembered. */
export function changesBetween(from: number, to: number): ChangeSet[] | undefined {
  const path: ChangeSet[] = [];
  for (let version = to; version !== from; ) {
    const step = steps.get(version);
    if (!step || version < from) return undefined;
    path.push(step.changes);
    version = step.from;
  }
  return path.reverse();
}
