import { createHash } from 'node:crypto';
import { link, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { COLLECTIONS } from './change-set.js';
import { fsyncDirectory } from './fs-durable.js';
import type { StoreData } from './schema.js';

/** The data file's content: the store's state and the last journal entry it includes. */
export interface Snapshot {
  sequence: number;
  data: StoreData;
}

/** A snapshot written to a temp file, not yet renamed over the data file. */
export interface PreparedSnapshot {
  temporary: string;
  /** SHA-256 of every byte before the `"checksum"` line: the data file's identity for its journal. */
  checksum: string;
}

/** The temp files a snapshot or a journal rewrite of `dataFile` leaves if the process dies mid-way (see removeStaleTemporaries). */
export function temporaryName(dataFile: string, pid: number, timestamp: number): string {
  return join(dirname(dataFile), `.${basename(dataFile)}.${pid}.${timestamp}.tmp`);
}

/** Written out in pieces of about this size, yielding to the event loop between them. */
const CHUNK_CHARS = 1 << 20;

/**
 * The lowdb adapter for the data file. A write streams one record per line into a temp file in
 * small chunks (so a 100 MB store never blocks the bot for long), fsyncs it, keeps the previous
 * file as a numbered backup, renames the new one over it and fsyncs the directory: a crash at any
 * moment leaves either the old or the new file, both complete.
 */
export class SnapshotFile implements Adapter<Snapshot> {
  /** The checksum of the last file written through `write` (lowdb's Adapter returns nothing). */
  lastChecksum?: string;

  constructor(
    readonly path: string,
    readonly backups = 0,
  ) {}

  /**
   * Reads the file whole (any layout: one written by hand, say). Any `"checksum"` field is left out:
   * it covers the bytes of the store's own layout, which `readLineSnapshot` checks.
   */
  async read(): Promise<Snapshot | null> {
    return (await this.readWithHash())?.snapshot ?? null;
  }

  /** `read`, with the SHA-256 of the file's bytes. */
  async readWithHash(): Promise<{ snapshot: Snapshot; hash: string } | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const hash = createHash('sha256').update(bytes).digest('hex');
    const text = bytes.toString('utf8');
    if (!/\S/.test(text)) throw new SyntaxError('the file is empty');
    const { sequence = 0, checksum: _checksum, ...data } = JSON.parse(text) as StoreData & { sequence?: number; checksum?: unknown };
    return { snapshot: { sequence, data }, hash };
  }

  async write(snapshot: Snapshot): Promise<void> {
    const prepared = await this.prepare(snapshot);
    await this.commit(prepared.temporary);
    this.lastChecksum = prepared.checksum;
  }

  /**
   * Writes the snapshot to a temp file beside the data file and fsyncs it. The last line before the
   * closing brace is `"checksum":"<SHA-256 of every byte before that line>"`, so a byte changed on
   * disk afterwards is found on load.
   */
  async prepare({ sequence, data }: Snapshot): Promise<PreparedSnapshot> {
    const temporary = temporaryName(this.path, process.pid, Date.now());
    const handle = await open(temporary, 'w');
    const hash = createHash('sha256');
    const write = async (text: string) => {
      hash.update(text);
      await handle.write(text);
    };
    try {
      let chunk = `{"schemaVersion":${JSON.stringify(data.schemaVersion)},"sequence":${sequence}`;
      for (const collection of COLLECTIONS) {
        chunk += `,\n${JSON.stringify(collection)}:[`;
        const records = data[collection] as unknown[];
        for (let i = 0; i < records.length; i++) {
          chunk += `${i ? ',' : ''}\n${JSON.stringify(records[i])}`;
          if (chunk.length >= CHUNK_CHARS) {
            await write(chunk);
            chunk = '';
          }
        }
        chunk += records.length ? '\n]' : ']';
      }
      await write(`${chunk},\n`);
      const checksum = hash.digest('hex');
      await handle.write(`"checksum":${JSON.stringify(checksum)}\n}\n`);
      await handle.sync();
      await handle.close();
      return { temporary, checksum };
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** Keeps the current file as a backup and renames the prepared one over it. */
  async commit(temporary: string): Promise<void> {
    await this.keepBackup();
    await rename(temporary, this.path);
    await fsyncDirectory(dirname(this.path));
  }

  backupPath(n: number): string {
    return `${this.path}.bak.${n}`;
  }

  /** Shifts `.bak.1…N` up by one and hard-links the current file as `.bak.1`; the data file itself is never absent. */
  private async keepBackup(): Promise<void> {
    if (this.backups <= 0) return;
    await rm(this.backupPath(this.backups), { force: true });
    for (let n = this.backups - 1; n >= 1; n--) {
      await rename(this.backupPath(n), this.backupPath(n + 1)).catch(ignoreMissing);
    }
    await link(this.path, this.backupPath(1)).catch(ignoreMissing);
  }
}

function ignoreMissing(error: NodeJS.ErrnoException) {
  if (error.code !== 'ENOENT') throw error;
}
