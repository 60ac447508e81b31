import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Low } from 'lowdb';
import lockfile from 'proper-lockfile';
import { COLLECTIONS, type ChangeSet } from './change-set.js';
import { draftOf } from './draft.js';
import { deepFreeze } from './freeze.js';
import { signatureOf } from './fs-durable.js';
import { Journal, type JournalEntry } from './journal.js';
import { recordSuccession, registerState } from './lineage.js';
import type { StoreData } from './schema.js';
import { SnapshotFile, type Snapshot } from './snapshot-file.js';
import { StoreChangedOnDisk, StoreLocked, StoreWriteFailed } from './store-errors.js';
import { readStoreFiles, validate } from './store-files.js';
import { validateChange } from './validate-change.js';

export { StoreChangedOnDisk, StoreLoadError, StoreLocked, StoreNeedsDecision, StoreWriteFailed } from './store-errors.js';

/** Where the store reports what it does on its own (compactions, dropped torn lines, failed writes); pino's Logger fits. */
export interface StoreLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface Store {
  /** Absolute path of the data file. */
  readonly path: string;
  /** The last state acknowledged on disk. Frozen: change it only through `update`. */
  read(): Readonly<StoreData>;
  /**
   * Applies `mutate` to a draft of the current state, validates what changed and makes it durable.
   * Updates run one at a time in call order; `mutate` is synchronous, so no read-modify-write
   * spans an await. Resolves with `mutate`'s result once the change is on disk; if `mutate`
   * throws or the result is invalid, nothing changes and the promise rejects. A write the disk
   * refuses (full, I/O error) rejects with StoreWriteFailed and changes nothing; the next one tries again.
   *
   * In the draft, stories, guild settings and schedules may be edited in place; events, statements,
   * claims, sources, actors and audit entries are frozen records: push or replace them, never edit them.
   */
  update<R>(mutate: (draft: StoreData) => R): Promise<R>;
  /** Writes the whole state as a new data file and empties the journal (also done by itself as the journal grows). */
  compact(): Promise<void>;
  /** Waits for the writes already queued, then refuses new ones and releases the file. */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** The state to create the data file with when it does not exist yet. */
  initialData: () => StoreData | Promise<StoreData>;
  /** Previous data files kept as `<file>.bak.1…N`, rotated at each compaction. */
  backups?: number;
  /** Compact once the journal holds this many bytes. */
  compactAfterBytes?: number;
  /** Take the single-writer lock (`<file>.lock`); off only for read-only tools. */
  lock?: boolean;
  /** Compactions (with their duration), torn journal lines dropped, stale temp files removed, failed writes. */
  logger?: StoreLogger;
}

const SILENT: StoreLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const DEFAULT_COMPACT_AFTER_BYTES = 4 * 1024 * 1024;
/** A lock not refreshed for this long belongs to a process that died; it is taken over. */
const LOCK_STALE_MS = 10_000;

export async function openStore(path: string, options: OpenStoreOptions): Promise<Store> {
  const absolutePath = resolve(path);
  await mkdir(dirname(absolutePath), { recursive: true });
  let compromised: Error | undefined;
  const locked = options.lock !== false;
  const release = locked ? await takeLock(absolutePath, (error) => (compromised = error)) : async () => undefined;
  try {
    await removeStaleTemporaries(absolutePath, locked, options.logger ?? SILENT);
    return await loadStore(absolutePath, options, release, () => compromised);
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * Removes the temp files a killed process left beside the data file: a snapshot being written
 * (`.<file>.<pid>.<time>.tmp`) or a journal rewrite (`<file>.journal.<pid>.tmp`). Only files with
 * exactly those names, whose process is gone — or is this one, when it holds the lock and has not
 * written yet (in a container the bot is often pid 1 at every start).
 */
async function removeStaleTemporaries(path: string, locked: boolean, logger: StoreLogger): Promise<void> {
  const name = basename(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^(?:\\.${name}\\.(\\d+)\\.\\d+|${name}\\.journal\\.(\\d+))\\.tmp$`);
  const removed: string[] = [];
  for (const entry of await readdir(dirname(path))) {
    const match = pattern.exec(entry);
    if (!match) continue;
    const pid = Number(match[1] ?? match[2]);
    if (pid === process.pid ? !locked : isAlive(pid)) continue;
    await rm(join(dirname(path), entry), { force: true });
    removed.push(entry);
  }
  if (removed.length) logger.info({ dataFile: path, files: removed }, 'removed temp files left by a process that stopped mid-write');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The single-writer lock alone, for tools that rewrite the files without loading them as a store (store-repair). */
export function lockDataFile(path: string): Promise<() => Promise<void>> {
  return takeLock(resolve(path), () => undefined);
}

async function takeLock(path: string, onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(path, { realpath: false, stale: LOCK_STALE_MS, update: LOCK_STALE_MS / 5, retries: 0, onCompromised });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new StoreLocked(path, [
      `another process (a running bot, or \`npm run import -- --apply\`) is writing to it (lock: ${path}.lock). Stop that process first; after a crash the lock frees itself within ${LOCK_STALE_MS / 1000} s.`,
    ]);
  }
}

async function loadStore(path: string, options: OpenStoreOptions, release: () => Promise<void>, compromised: () => Error | undefined): Promise<Store> {
  const logger = options.logger ?? SILENT;
  const snapshotFile = new SnapshotFile(path, options.backups ?? 0);
  const db = new Low<Snapshot>(snapshotFile, { sequence: 0, data: undefined as unknown as StoreData });
  const files = await readStoreFiles(path);
  if (files.torn) {
    logger.warn(
      { journal: `${path}.journal`, offset: files.torn.offset, bytes: files.torn.bytes },
      'dropped a torn last line of the journal (a write cut off by a crash, never acknowledged)',
    );
  }
  let pending = files.pending;
  let committed: StoreData;
  let sequence = files.sequence;
  let dataFile = files.dataFile;
  committed = freezeState(files.state ?? validate(path, await options.initialData()));
  if (!dataFile) {
    db.data = { sequence, data: committed };
    await db.write();
    dataFile = { sequence, checksum: snapshotFile.lastChecksum!, checked: 'verified' };
  }
  // A journal whose entries are all in the data file already (a crash just after a compaction's
  // rename) starts afresh, so its header names the data file as it is now.
  const journal = await Journal.open(`${path}.journal`, pending.length ? files.journalBytes : 0, { sequence: dataFile.sequence, checksum: dataFile.checksum });
  registerState(committed);
  let signatures = { data: await signatureOf(path), journal: await signatureOf(journal.path) };
  /** After a failure of its own write, the store takes the files as they are now as its own again. */
  const retakeSignatures = async () => {
    signatures = { data: await signatureOf(path), journal: await signatureOf(journal.path) };
  };

  let queue: Promise<unknown> = Promise.resolve();
  let compaction: Promise<void> | undefined;
  let closed = false;
  const enqueue = <R>(run: () => Promise<R>): Promise<R> => {
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };

  const assertUntouched = async () => {
    const problem = compromised();
    if (problem) throw new Error(`The lock on ${path} was lost (${problem.message}); restart the bot. Nothing was saved.`);
    if ((await signatureOf(path)) !== signatures.data || (await signatureOf(journal.path)) !== signatures.journal) {
      throw new StoreChangedOnDisk(path);
    }
  };

  const apply = async <R>(mutate: (draft: StoreData) => R): Promise<R> => {
    await assertUntouched();
    const previous = committed;
    const draft = draftOf(previous);
    const result = mutate(draft);
    const { next, changes } = validateChange(previous, draft);
    if (Object.keys(changes).length === 0) return result;
    const entry: JournalEntry = { seq: sequence + 1, changes };
    try {
      await journal.append(entry);
    } catch (error) {
      // The journal is back to its acknowledged lines (or is cut before the next append): this
      // store's own change, not one made behind its back, so later writes are not refused for it.
      signatures.journal = await signatureOf(journal.path).catch(() => signatures.journal);
      const failure = new StoreWriteFailed(journal.path, error);
      logger.error({ file: journal.path, code: failure.code, err: describeError(error) }, 'a write failed; nothing was saved');
      throw failure;
    }
    // The state and its sequence change together, before any await: a compaction starting now
    // must snapshot exactly the writes its sequence claims.
    sequence = entry.seq;
    pending.push(entry);
    committed = freezeChanges(next, changes);
    recordSuccession(previous, committed, changes);
    signatures.journal = await signatureOf(journal.path);
    if (journal.bytes >= (options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES)) void compact().catch(() => undefined);
    return result;
  };

  /** Snapshot writing runs beside new writes (the state is immutable); only swapping the journal waits its turn. */
  const compact = (): Promise<void> => {
    compaction ??= (async () => {
      const started = performance.now();
      const state = committed;
      const upTo = sequence;
      const journalBytes = journal.bytes;
      let prepared;
      try {
        prepared = await snapshotFile.prepare({ sequence: upTo, data: state });
      } catch (error) {
        logger.error({ dataFile: path, code: (error as NodeJS.ErrnoException).code, err: describeError(error) }, 'compaction failed: could not write the new data file; the journal keeps every write');
        throw error;
      }
      const written = prepared;
      await enqueue(async () => {
        try {
          await assertUntouched();
        } catch (error) {
          await rm(written.temporary, { force: true });
          throw error;
        }
        try {
          await snapshotFile.commit(written.temporary);
          pending = pending.filter((entry) => entry.seq > upTo);
          await journal.rewrite(pending, { sequence: upTo, checksum: written.checksum });
        } catch (error) {
          await rm(written.temporary, { force: true }).catch(() => undefined);
          await retakeSignatures().catch(() => undefined);
          logger.error({ dataFile: path, code: (error as NodeJS.ErrnoException).code, err: describeError(error) }, 'compaction failed; the journal keeps every write');
          throw error;
        }
        await retakeSignatures();
      });
      logger.info(
        { dataFile: path, ms: Math.round(performance.now() - started), sequence: upTo, journalBytes, records: COLLECTIONS.reduce((n, c) => n + state[c].length, 0) },
        'store compacted: journal folded into the data file',
      );
    })().finally(() => (compaction = undefined));
    return compaction;
  };

  return {
    path,
    read: () => committed,
    update<R>(mutate: (draft: StoreData) => R): Promise<R> {
      if (closed) return Promise.reject(new Error('the store is closed'));
      return enqueue(() => apply(mutate));
    },
    compact,
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await compaction?.catch(() => undefined);
      // Leave one complete data file behind after a clean stop; a failure here loses nothing (the journal stays).
      if (journal.bytes > 0) await compact().catch(() => undefined);
      await journal.close();
      await release();
    },
  };
}


/** An error's code and message for the log: file-system errors carry the path, never user text. */
function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function freezeState(state: StoreData): StoreData {
  for (const collection of COLLECTIONS) deepFreeze(state[collection]);
  return Object.freeze(state);
}

function freezeChanges(state: StoreData, changes: ChangeSet): StoreData {
  for (const collection of COLLECTIONS) {
    if (!changes[collection]) continue;
    for (const record of changes[collection].upsert) deepFreeze(record);
    Object.freeze(state[collection]);
  }
  return Object.freeze(state);
}
