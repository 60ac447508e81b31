import { z } from 'zod';
import { describeIssues } from './bundle.js';
import { applyChanges, COLLECTIONS, type CollectionName } from './change-set.js';
import { deepFreeze } from './freeze.js';
import { JournalCorrupt, readJournal, type JournalBase, type JournalEntry, type TornTail } from './journal.js';
import { checkAcrossRecords, RECORD_SCHEMAS, SCHEMA_VERSION, StoreDataSchema, type StoreData } from './schema.js';
import { SnapshotFile, type Snapshot } from './snapshot-file.js';
import { readLineSnapshot } from './snapshot-lines.js';
import { StoreLoadError, StoreNeedsDecision } from './store-errors.js';

export interface StoreFiles {
  /** The validated state a restart would load: the data file with its journal replayed; null when there is no data file. */
  state: StoreData | null;
  /** The last write it includes. */
  sequence: number;
  /** Journal entries newer than the data file. */
  pending: JournalEntry[];
  /** Where the journal's last whole line ends: anything after it is a torn write. */
  journalBytes: number;
  /** A torn last journal line (a write that was never acknowledged), dropped. */
  torn?: TornTail;
  /** The data file as its journal's header names it (its sequence and SHA-256); absent when there is no data file. */
  dataFile?: JournalBase & {
    /** `verified`: it matches the checksum Sitrep wrote in it; `none`: it has none (written by hand or before checksums). */
    checksum: string;
    checked: 'verified' | 'none' | 'accepted mismatch';
  };
}

/**
 * How to load files that need the operator's decision (see StoreNeedsDecision): `discard-journal`
 * keeps the data file as it is (its journal's writes are not replayed), `apply-journal` replays the
 * journal over it. Both accept a data file that does not match its checksum, after validation.
 */
export type Resolution = 'discard-journal' | 'apply-journal';

/** Reads the data file and its journal without changing either; throws StoreLoadError naming the problem. */
export async function readStoreFiles(path: string, resolution?: Resolution): Promise<StoreFiles> {
  const checked = new RecordCheck();
  const snapshot = await readSnapshot(path, checked);
  let journal: Awaited<ReturnType<typeof readJournal>>;
  try {
    journal = await readJournal(`${path}.journal`);
  } catch (error) {
    if (!(error instanceof JournalCorrupt)) throw error;
    // Discarding a damaged journal is the operator's choice; otherwise it stops the load.
    if (resolution !== 'discard-journal') throw new StoreLoadError(path, [error.message]);
    journal = { entries: [], validBytes: 0 };
  }
  const { entries, validBytes: journalBytes, torn } = journal;
  const base = snapshot?.sequence ?? 0;
  let pending = entries.filter((entry) => entry.seq > base);
  if (!snapshot) {
    if (pending.length) throw new StoreLoadError(path, [`the data file is missing but its journal ${path}.journal is not`]);
    return { state: null, sequence: 0, pending: [], journalBytes, torn };
  }
  const problems: string[] = [];
  const mismatch = snapshot.checksum !== undefined && snapshot.checksum !== snapshot.hash;
  if (mismatch) {
    problems.push(`the data file ${path} does not match the checksum Sitrep wrote in it: a byte changed since (damage on disk), or it was edited by hand in place`);
  }
  // The journal follows this file if the header names it, or names a snapshot this one replaced: a
  // crash between a compaction's rename and its journal rewrite. Only the bot writes a file whose
  // checksum matches, so a hand edit never passes for one.
  const follows =
    !journal.base || journal.base.checksum === snapshot.hash || (snapshot.checksum === snapshot.hash && snapshot.sequence >= journal.base.sequence);
  if (pending.length && !follows) {
    problems.push(
      `its journal ${path}.journal holds ${pending.length} write${pending.length === 1 ? '' : 's'} made to another version of the data file ` +
        `(write ${journal.base!.sequence}, not the file as it is now): replaying ${pending.length === 1 ? 'it' : 'them'} could undo changes made to the file, ` +
        'by hand for instance',
    );
  }
  if (problems.length && !resolution) throw new StoreNeedsDecision(path, [...problems, ...choices(path, pending.length)]);
  if (resolution === 'discard-journal') pending = [];
  if (pending.some((entry, i) => entry.seq !== base + i + 1)) {
    throw new StoreLoadError(path, [`the journal ${path}.journal does not continue the data file (sequence ${base})`]);
  }
  const replayed = applyChanges(snapshot.data, pending.map((entry) => entry.changes));
  const state = snapshot.recordsChecked ? checked.finish(path, replayed) : validate(path, replayed);
  return {
    state,
    sequence: pending.at(-1)?.seq ?? base,
    pending,
    journalBytes,
    torn,
    dataFile: { sequence: base, checksum: snapshot.hash, checked: mismatch ? 'accepted mismatch' : snapshot.checksum === undefined ? 'none' : 'verified' },
  };
}

function choices(path: string, pending: number): string[] {
  const check = `npm run store:check -- ${JSON.stringify(path)}`;
  return [
    'Nothing was changed. With the bot stopped, choose one:',
    pending
      ? `  ${check} --discard-journal: keep the data file as it is now; the journal is set aside as ${path}.journal.discarded-<time>`
      : `  ${check} --discard-journal: accept the data file as it is now (it is validated first)`,
    ...(pending ? [`  ${check} --apply-journal: replay the journal's ${pending} write${pending === 1 ? '' : 's'} over the data file`] : []),
    `  or put back a backup (${path}.bak.1, …) if the file was damaged`,
  ];
}

/** The data file, its records checked as they are read when it is in the layout the store writes. */
async function readSnapshot(path: string, checked: RecordCheck): Promise<(Snapshot & { recordsChecked: boolean; checksum?: string; hash: string }) | null> {
  const lines = await readLineSnapshot(path, (collection, record, index) => checked.record(collection, record, index));
  if (lines === null) return null;
  if (lines !== 'other layout' && lines.schemaVersion === SCHEMA_VERSION) {
    return {
      sequence: lines.sequence,
      data: { schemaVersion: SCHEMA_VERSION, ...lines.collections } as StoreData,
      recordsChecked: true,
      checksum: lines.checksum,
      hash: lines.hash,
    };
  }
  checked.reset();
  try {
    const whole = await new SnapshotFile(path).readWithHash();
    return whole && { ...whole.snapshot, recordsChecked: false, hash: whole.hash };
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
