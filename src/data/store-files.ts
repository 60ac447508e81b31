import { z } from 'zod';
import { describeIssues } from './bundle.js';
import { applyChanges, COLLECTIONS, type CollectionName } from './change-set.js';
import { deepFreeze } from './freeze.js';
import { JournalCorrupt, readJournal, type JournalEntry } from './journal.js';
import { checkAcrossRecords, RECORD_SCHEMAS, SCHEMA_VERSION, StoreDataSchema, type StoreData } from './schema.js';
import { SnapshotFile, type Snapshot } from './snapshot-file.js';
import { readLineSnapshot } from './snapshot-lines.js';
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
  const checked = new RecordCheck();
  const snapshot = await readSnapshot(path, checked);
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
  const replayed = applyChanges(snapshot.data, pending.map((entry) => entry.changes));
  const state = snapshot.recordsChecked ? checked.finish(path, replayed) : validate(path, replayed);
  return { state, sequence: pending.at(-1)?.seq ?? base, pending, journalBytes };
}

/** The data file, its records checked as they are read when it is in the layout the store writes. */
async function readSnapshot(path: string, checked: RecordCheck): Promise<(Snapshot & { recordsChecked: boolean }) | null> {
  const lines = await readLineSnapshot(path, (collection, record, index) => checked.record(collection, record, index));
  if (lines === null) return null;
  if (lines !== 'other layout' && lines.schemaVersion === SCHEMA_VERSION) {
    return { sequence: lines.sequence, data: { schemaVersion: SCHEMA_VERSION, ...lines.collections } as StoreData, recordsChecked: true };
  }
  checked.reset();
  try {
    const whole = await new SnapshotFile(path).read();
    return whole && { ...whole, recordsChecked: false };
  } catch (error) {
    throw new StoreLoadError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
}

/**
 * The store's schema applied a record at a time (each record frozen once checked), then across
 * records: the same checks as `StoreDataSchema`, without holding two copies of a large store.
 */
class RecordCheck {
  private issues: z.core.$ZodIssue[] = [];

  record(collection: CollectionName, record: unknown, index: number): unknown {
    const parsed = RECORD_SCHEMAS[collection].safeParse(record);
    if (parsed.success) return deepFreeze(parsed.data);
    for (const issue of parsed.error.issues) this.issues.push({ ...issue, path: [collection, index, ...issue.path] });
    return record;
  }

  reset(): void {
    this.issues = [];
  }

  /** Checks the records the journal replaced (those not yet frozen), then everything across records. */
  finish(path: string, state: StoreData): StoreData {
    this.throwIfAny(path);
    for (const collection of COLLECTIONS) {
      const records = state[collection] as unknown[];
      records.forEach((record, index) => {
        if (!Object.isFrozen(record)) records[index] = this.record(collection, record, index);
      });
    }
    this.throwIfAny(path);
    checkAcrossRecords(state, (at, message) => this.issues.push({ code: 'custom', path: at, message, input: undefined }));
    this.throwIfAny(path);
    return state;
  }

  private throwIfAny(path: string): void {
    if (this.issues.length) throw new StoreLoadError(path, describeIssues(new z.ZodError(this.issues)));
  }
}

export function validate(path: string, raw: unknown): StoreData {
  const parsed = StoreDataSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new StoreLoadError(path, describeIssues(parsed.error as z.ZodError));
}
