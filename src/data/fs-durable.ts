import { open, stat } from 'node:fs/promises';

/** fsyncs a directory, so a rename or a new file inside it survives a crash. */
export async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Identity and size of a file as last seen, to notice a change made behind the store's back. */
export type FileSignature = string;

export async function signatureOf(path: string): Promise<FileSignature> {
  try {
    const info = await stat(path, { bigint: true });
    return `${info.ino}:${info.size}:${info.mtimeNs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}
