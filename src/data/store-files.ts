import { z } from 'zod';
import { describeIssues } from './bundle.js';
import { applyChanges } from './change-set.js';
import { JournalCorrupt, readJournal, type JournalEntry } from './journal.js';
import { StoreDataSchema, type StoreData } from './schema.js';
import { SnapshotFile } from './snapshot-file.js';
import { StoreLoadError } from './store-errors.js';

export interface StoreFiles {
  /** The validated state a restart would load: the data file with its journal replayed; null when there is no data file. */
  state: StoreData | null;
  /** The last write it includes. */
  sequence: number;
  /** Journal entries newer than the data file. */
  pending: JournalEntry[];
  /** Where the journal's last whole line ends: anything after it is a torn write. */
  journalBytes: number;
}

/** Reads the data file and its journal without changing either; throws StoreLoadError naming the problem. */
export async function readStoreFiles(path: string): Promise<StoreFiles> {
  let snapshot;
  try {
    snapshot = await new SnapshotFile(path).read();
  } catch (error) {
    throw new StoreLoadError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  let entries: JournalEntry[];
  let journalBytes: number;
  try {
    ({ entries, validBytes: journalBytes } = await readJournal(`${path}.journal`));
  } catch (error) {
    if (error instanceof JournalCorrupt) throw new StoreLoadError(path, [error.message]);
    throw error;
  }
  const base = snapshot?.sequence ?? 0;
  const pending = entries.filter((entry) => entry.seq > base);
  if (!snapshot) {
    if (pending.length) throw new StoreLoadError(path, [`the data file is missing but its journal ${path}.journal is not`]);
    return { state: null, sequence: 0, pending: [], journalBytes };
  }
  if (pending.some((entry, i) => entry.seq !== base + i + 1)) {
    throw new StoreLoadError(path, [`the journal ${path}.journal does not continue the data file (sequence ${base})`]);
  }
  const state = validate(path, applyChanges(snapshot.data, pending.map((entry) => entry.changes)));
  return { state, sequence: pending.at(-1)?.seq ?? base, pending, journalBytes };
}

export function validate(path: string, raw: unknown): StoreData {
  const parsed = StoreDataSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new StoreLoadError(path, describeIssues(parsed.error as z.ZodError));
}
