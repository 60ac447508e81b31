import { open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import writeFileAtomic from 'write-file-atomic';

/**
 * A lowdb adapter whose writes survive a crash at any moment: write-file-atomic writes a uniquely
 * named temp file, fsyncs it and renames it over the data file; we then fsync the directory so the
 * rename itself is on disk before the write resolves. (lowdb's own JSONFile does neither fsync.)
 * `read` returns the raw text's parsed JSON, or null when the file does not exist.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(readonly path: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if (text.trim() === '') throw new SyntaxError('the file is empty');
    return JSON.parse(text) as T;
  }

  async write(data: T): Promise<void> {
    await writeFileAtomic(this.path, `${JSON.stringify(data, null, 2)}\n`, { fsync: true });
    await fsyncDirectory(dirname(this.path));
  }
}

async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
