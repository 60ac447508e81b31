import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readStoreFiles } from '../src/data/store-files.js';

export interface CrashResult {
  trials: number;
  acknowledged: number;
  lost: number;
  corrupt: number;
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
  const result: CrashResult = { trials: 0, acknowledged: 0, lost: 0, corrupt: 0 };
  try {
    for (let trial = 0; trial < trials; trial++) {
      await crashOnce(file, maxDelayMs, acknowledged);
      result.trials++;
      try {
        const { state } = await readStoreFiles(file);
        const stored = new Set(state?.events.map((event) => event.id));
        result.lost = [...acknowledged].filter((id) => !stored.has(id)).length;
      } catch (error) {
        result.corrupt++;
        process.stderr.write(`trial ${trial}: ${(error as Error).message}\n`);
        break;
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  result.acknowledged = acknowledged.size;
  return result;
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
