import { rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fsyncDirectory } from './fs-durable.js';
import { SnapshotFile } from './snapshot-file.js';
import { lockDataFile } from './store.js';
import { readStoreFiles, type Resolution } from './store-files.js';

export interface RepairResult {
  /** The write the new data file holds. */
  sequence: number;
  /** Where a discarded journal was set aside (never deleted). */
  setAside?: string;
  /** Journal writes replayed into the data file. */
  applied: number;
}

/**
 * Settles a data file and journal the bot refused to load (StoreNeedsDecision), as the operator
 * chose: `discard-journal` keeps the data file as it is (the journal is renamed aside, not deleted),
 * `apply-journal` replays the journal over it. Either way the result is validated, written as a new
 * data file with a fresh checksum (the old one kept as `.bak.1`), and the journal starts empty.
 * Takes the single-writer lock, so it is refused while the bot runs.
 */
export async function repairStore(path: string, resolution: Resolution, options: { backups: number; now?: Date }): Promise<RepairResult> {
  const file = resolve(path);
  const release = await lockDataFile(file);
  try {
    const files = await readStoreFiles(file, resolution);
    if (!files.state || !files.dataFile) throw new Error(`${file} does not exist`);
    await new SnapshotFile(file, options.backups).write({ sequence: files.sequence, data: files.state });
    const journal = `${file}.journal`;
    let setAside: string | undefined;
    if (resolution === 'discard-journal') {
      setAside = `${journal}.discarded-${(options.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
      await rename(journal, setAside).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        setAside = undefined;
      });
    } else {
      await rm(journal, { force: true });
    }
    await fsyncDirectory(dirname(file));
    return { sequence: files.sequence, setAside, applied: resolution === 'apply-journal' ? files.pending.length : 0 };
  } finally {
    await release();
  }
}
