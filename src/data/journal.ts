import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ChangeSet } from './change-set.js';
import { fsyncDirectory } from './fs-durable.js';

export interface JournalEntry {
  /** Increases by one per acknowledged write; the snapshot records the last one it contains. */
  seq: number;
  changes: ChangeSet;
}

/**
 * The write-ahead journal beside the data file: one JSON line per acknowledged write, fsynced before
 * the write resolves. A crash can only tear the last line, which was never acknowledged, so a last
 * line that does not parse is dropped; a bad line anywhere else is corruption and stops the load.
 */
export class Journal {
  private constructor(
    readonly path: string,
    private handle: FileHandle,
    private size: number,
  ) {}

  /** Opens the journal for appending, dropping what follows its `validBytes` (a torn last line; see readJournal). */
  static async open(path: string, validBytes: number): Promise<Journal> {
    const handle = await open(path, 'a+');
    await handle.truncate(validBytes);
    return new Journal(path, handle, validBytes);
  }

  async append(entry: JournalEntry): Promise<void> {
    const line = Buffer.from(`${JSON.stringify(entry)}\n`);
    try {
      await this.handle.write(line, 0, line.length, this.size);
      await this.handle.datasync();
    } catch (error) {
      // Never leave a torn line in the middle of the journal for the next append to follow.
      await this.handle.truncate(this.size).catch(() => undefined);
      throw error;
    }
    this.size += line.length;
  }

  /** Replaces the journal with only `entries` (those the newest snapshot does not contain yet). */
  async rewrite(entries: readonly JournalEntry[]): Promise<void> {
    const temporary = `${this.path}.${process.pid}.tmp`;
    const text = entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.path);
    await fsyncDirectory(dirname(this.path));
    await this.handle.close();
    this.handle = await open(this.path, 'a+');
    this.size = Buffer.byteLength(text);
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

export async function readJournal(path: string): Promise<{ entries: JournalEntry[]; validBytes: number }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], validBytes: 0 };
    throw error;
  }
  const entries: JournalEntry[] = [];
  let offset = 0;
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const last = index === lines.length - 1;
    if (last && line === '') break;
    try {
      const entry = JSON.parse(line) as JournalEntry;
      if (!Number.isInteger(entry.seq) || typeof entry.changes !== 'object') throw new Error('not a journal entry');
      if (last) break; // no newline after it: torn mid-write, never acknowledged
      entries.push(entry);
    } catch (error) {
      if (last) break;
      throw new JournalCorrupt(`line ${index + 1} of ${path} is damaged (${(error as Error).message})`);
    }
    offset += Buffer.byteLength(line) + 1;
  }
  return { entries, validBytes: offset };
}
