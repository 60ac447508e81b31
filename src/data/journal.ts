import { createHash } from 'node:crypto';
import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ChangeSet } from './change-set.js';
import { fsyncDirectory } from './fs-durable.js';

export interface JournalEntry {
  /** Increases by one per acknowledged write; the snapshot records the last one it contains. */
  seq: number;
  changes: ChangeSet;
}

/** The data file a journal's entries follow: its sequence and its checksum (see SnapshotFile). */
export interface JournalBase {
  sequence: number;
  checksum: string;
}

/** Where a torn last line was found and how long it was (a write that was never acknowledged). */
export interface TornTail {
  offset: number;
  bytes: number;
}

/**
 * A journal line: a checksum of the JSON (16 hex digits of its SHA-256), a space, the JSON. A line
 * that starts with `{` has no checksum (journals written before checksums; still read).
 */
export function journalLine(value: JournalEntry | { base: JournalBase }): string {
  const json = JSON.stringify(value);
  return `${lineChecksum(json)} ${json}\n`;
}

function lineChecksum(json: string): string {
  return createHash('sha256').update(json).digest('hex').slice(0, 16);
}

/**
 * The write-ahead journal beside the data file: a header line naming the data file it follows
 * (`{"base":{"sequence","checksum"}}`), then one line per acknowledged write, fsynced before the
 * write resolves. A crash can only tear the last line, which was never acknowledged, so a last
 * line without its newline is dropped (and reported); a bad line anywhere else is corruption and
 * stops the load.
 */
export class Journal {
  /** Set when a failed append may have left bytes after `size`, or a rewrite left the handle on an old file. */
  private needsRepair = false;

  private constructor(
    readonly path: string,
    private handle: FileHandle,
    private size: number,
    private base: JournalBase,
  ) {}

  /**
   * Opens the journal for appending, dropping what follows its `validBytes` (a torn last line; see
   * readJournal). `base` is the data file on disk: written as the header when the journal is empty.
   */
  static async open(path: string, validBytes: number, base: JournalBase): Promise<Journal> {
    const handle = await open(path, 'a+');
    await handle.truncate(validBytes);
    return new Journal(path, handle, validBytes, base);
  }

  async append(entry: JournalEntry): Promise<void> {
    await this.repair();
    const line = Buffer.from(`${this.size === 0 ? journalLine({ base: this.base }) : ''}${journalLine(entry)}`);
    try {
      await this.handle.write(line, 0, line.length, this.size);
      await this.handle.datasync();
    } catch (error) {
      // Never leave a torn line in the middle of the journal for the next append to follow:
      // cut it now, or before the next append if this cut fails too.
      this.needsRepair = true;
      await this.repair().catch(() => undefined);
      throw error;
    }
    this.size += line.length;
  }

  /** Brings the file back to exactly the acknowledged lines (after a failed append or rewrite). */
  private async repair(): Promise<void> {
    if (!this.needsRepair) return;
    const handle = await open(this.path, 'a+');
    const { size } = await handle.stat();
    if (size < this.size) {
      await handle.close();
      throw new Error(`${this.path} is shorter than the writes it acknowledged`);
    }
    await this.handle.close().catch(() => undefined);
    this.handle = handle;
    if (size > this.size) {
      await handle.truncate(this.size);
      await handle.datasync();
    }
    this.needsRepair = false;
  }

  /** Replaces the journal with `base`'s header and `entries` (those the newest snapshot does not contain yet). */
  async rewrite(entries: readonly JournalEntry[], base: JournalBase): Promise<void> {
    const temporary = `${this.path}.${process.pid}.tmp`;
    const text = entries.length ? [journalLine({ base }), ...entries.map(journalLine)].join('') : '';
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.path);
    // From here on the old handle points at the replaced file: appends must go to the new one.
    this.needsRepair = true;
    this.size = Buffer.byteLength(text);
    this.base = base;
    await this.repair();
    await fsyncDirectory(dirname(this.path));
  }

  get bytes(): number {
    return this.size;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

export class JournalCorrupt extends Error {
  override name = 'JournalCorrupt';
}

export interface JournalContents {
  entries: JournalEntry[];
  /** The header's data file, when the journal has one. */
  base?: JournalBase;
  /** Where the last whole line ends. */
  validBytes: number;
  torn?: TornTail;
}

export async function readJournal(path: string): Promise<JournalContents> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], validBytes: 0 };
    throw error;
  }
  const entries: JournalEntry[] = [];
  let base: JournalBase | undefined;
  let offset = 0;
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const last = index === lines.length - 1;
    if (last) {
      // No newline after it: torn mid-write, never acknowledged.
      if (line !== '') return { entries, base, validBytes: offset, torn: { offset, bytes: Buffer.byteLength(line) } };
      break;
    }
    try {
      const value = parseLine(line);
      if (index === 0 && isBase(value)) base = value.base;
      else if (isEntry(value)) entries.push(value);
      else throw new Error('not a journal entry');
    } catch (error) {
      throw new JournalCorrupt(`line ${index + 1} of ${path} is damaged (${(error as Error).message})`);
    }
    offset += Buffer.byteLength(line) + 1;
  }
  return { entries, base, validBytes: offset };
}

function parseLine(line: string): unknown {
  if (line.startsWith('{')) return JSON.parse(line);
  const match = /^([0-9a-f]{16}) (\{.*)$/.exec(line);
  if (!match) throw new Error('not a journal line');
  if (lineChecksum(match[2]!) !== match[1]) throw new Error('it does not match its checksum');
  return JSON.parse(match[2]!);
}

function isEntry(value: unknown): value is JournalEntry {
  const entry = value as JournalEntry;
  return typeof entry === 'object' && entry !== null && Number.isInteger(entry.seq) && typeof entry.changes === 'object' && entry.changes !== null;
}

function isBase(value: unknown): value is { base: JournalBase } {
  const base = (value as { base?: JournalBase } | null)?.base;
  return typeof base === 'object' && base !== null && Number.isInteger(base.sequence) && typeof base.checksum === 'string';
}
