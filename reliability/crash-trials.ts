import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledStoreData } from '../src/data/seed.js';
import { openStore } from '../src/data/store.js';
import { readStoreFiles } from '../src/data/store-files.js';

export interface CrashResult {
  trials: number;
  acknowledged: number;
  lost: number;
  corrupt: number;
  /** Temp files (half-written snapshots, journal rewrites) the kills left, summed over the trials. */
  tempFilesLeftByKills: number;
  /** Torn journal tails found after a kill (dropped on restart, never acknowledged writes). */
  tornTails: number;
  /** Temp files still beside the data file after a final restart: must be 0. */
  leftoverFiles: number;
}

const writer = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));

/**
 * Starts a writer on one data file, kills it with SIGKILL at a random moment, checks that the files
 * load and validate and that every acknowledged write is there; then again on the same files.
 */
export async function runCrashTrials(trials: number, maxDelayMs = 250): Promise<CrashResult> {
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-crash-'));
  const file = join(dir, 'sitrep.json');
  const acknowledged = new Set<string>();
  const result: CrashResult = { trials: 0, acknowledged: 0, lost: 0, corrupt: 0, tempFilesLeftByKills: 0, tornTails: 0, leftoverFiles: 0 };
  try {
    for (let trial = 0; trial < trials; trial++) {
      await crashOnce(file, maxDelayMs, acknowledged);
      result.trials++;
      result.tempFilesLeftByKills += (await temporaries(dir)).length;
      try {
        const { state, torn } = await readStoreFiles(file);
        if (torn) result.tornTails++;
        const stored = new Set(state?.events.map((event) => event.id));
        result.lost = [...acknowledged].filter((id) => !stored.has(id)).length;
      } catch (error) {
        result.corrupt++;
        process.stderr.write(`trial ${trial}: ${(error as Error).message}\n`);
        break;
      }
    }
    // A last restart, as the bot's: it removes what the last kill left.
    const store = await openStore(file, { initialData: bundledStoreData, lock: false });
    await store.close();
    result.leftoverFiles = (await temporaries(dir)).length;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  result.acknowledged = acknowledged.size;
  return result;
}

/** The files beside the data file that are neither it, its journal, nor its backups. */
async function temporaries(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !/^sitrep\.json(\.journal|\.bak\.\d+)?$/.test(name));
}

function crashOnce(file: string, maxDelayMs: number, acknowledged: Set<string>): Promise<void> {
  return new Promise((resolve, reject) => {
    // node itself, not the tsx wrapper: SIGKILL must hit the process that writes, not a parent that leaves it running.
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), Math.random() * maxDelayMs);
        else if (line.startsWith('ack ')) acknowledged.add(line.slice(4));
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the writer exited by itself (code ${code})`))));
  });
}
