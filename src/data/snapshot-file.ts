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

/** Written out in pieces of about this size, yielding to the event loop between them. */
const CHUNK_CHARS = 1 << 20;

/**
 * The lowdb adapter for the data file. A write streams one record per line into a temp file in
 * small chunks (so a 100 MB store never blocks the bot for long), fsyncs it, keeps the previous
 * file as a numbered backup, renames the new one over it and fsyncs the directory: a crash at any
 * moment leaves either the old or the new file, both complete.
 */
export class SnapshotFile implements Adapter<Snapshot> {
  constructor(
    readonly path: string,
    readonly backups = 0,
  ) {}

  async read(): Promise<Snapshot | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if (!/\S/.test(text)) throw new SyntaxError('the file is empty');
    const { sequence = 0, ...data } = JSON.parse(text) as StoreData & { sequence?: number };
    return { sequence, data };
  }

  async write(snapshot: Snapshot): Promise<void> {
    await this.commit(await this.prepare(snapshot));
  }

  /** Writes the snapshot to a temp file beside the data file and fsyncs it; returns the temp file. */
  async prepare({ sequence, data }: Snapshot): Promise<string> {
    const temporary = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.${Date.now()}.tmp`);
    const handle = await open(temporary, 'w');
    try {
      let chunk = `{"schemaVersion":${JSON.stringify(data.schemaVersion)},"sequence":${sequence}`;
      for (const collection of COLLECTIONS) {
        chunk += `,\n${JSON.stringify(collection)}:[`;
        const records = data[collection] as unknown[];
        for (let i = 0; i < records.length; i++) {
          chunk += `${i ? ',' : ''}\n${JSON.stringify(records[i])}`;
          if (chunk.length >= CHUNK_CHARS) {
            await handle.write(chunk);
            chunk = '';
          }
        }
        chunk += records.length ? '\n]' : ']';
      }
      await handle.write(`${chunk}\n}\n`);
      await handle.sync();
      await handle.close();
      return temporary;
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
