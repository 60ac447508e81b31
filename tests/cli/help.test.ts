import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../fixtures/temp-store.js';

/**
 * Every CLI an npm script runs, run as a person runs it: `--help` prints the usage and exits 0, an unknown
 * flag gives one line and exit 2 — never a stack trace, never a write. The entries are read from
 * package.json, so a CLI added later is covered too (`npm start` runs dist/main.js, built from src/main.ts).
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
/** tsx's loader, as `tsx <file>` runs it (without its extra watcher process). */
const TSX_LOADER = pathToFileURL(`${root}node_modules/tsx/dist/loader.mjs`).href;
const scripts: Record<string, string> = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts;

const entries: Array<[string, string]> = [
  ['start', 'src/main.ts'],
  ...Object.entries(scripts).flatMap(([name, command]): Array<[string, string]> => {
    const file = /^tsx (\S+\.ts)$/.exec(command)?.[1];
    return file ? [[name, file]] : [];
  }),
];

async function cli(file: string, args: string[]) {
  // An empty directory and no .env: --help must not need a configuration or a data file.
  const cwd = await tempDir();
  return run(process.execPath, ['--import', TSX_LOADER, `${root}${file}`, ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('every CLI', () => {
  it('is found in package.json', () => {
    expect(entries.map(([name]) => name)).toEqual(
      expect.arrayContaining(['start', 'deploy', 'console', 'import', 'export', 'bench', 'store:check', 'test:reliability', 'check:sources']),
    );
  });

  it.each(entries)('%s: --help prints its usage and exits 0; an unknown flag gives one line and exit 2', async (name, file) => {
    const [help, unknown] = await Promise.all([cli(file, ['--help']), cli(file, ['--no-such-flag'])]);
    expect(help, help.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^usage: npm (run (-s )?)?/);
    expect(help.stdout).toContain(name === 'start' ? 'npm start' : `npm run ${name === 'console' ? '-s console' : name}`);
    expect(help.stdout).toContain('-h, --help');

    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toBe(`${name}: Unknown option '--no-such-flag' (see --help)\n`);
  });
});
