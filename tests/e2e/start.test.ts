import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../fixtures/temp-store.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

describe('npm start refuses to run on bad set-up', () => {
  it('prints one line saying what to do and exits non-zero', async () => {
    const cwd = await tempDir();
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const failure = await run(`${root}node_modules/.bin/tsx`, [`${root}src/main.ts`], { cwd, env }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1, stdout: '' });
    const stderr = (failure as { stderr: string }).stderr.trim();
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^sitrep: DISCORD_TOKEN is missing: copy \.env\.example to \.env .* `npm run console`\.$/);
  });

  it('stops on an invalid data file, naming the file and the problem, and leaves it untouched', async () => {
    const cwd = await tempDir();
    const dataFile = join(cwd, 'broken.json');
    const contents = '{"schemaVersion": 1, "stories": []}';
    await writeFile(dataFile, contents);
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DISCORD_TOKEN: 'x', SITREP_DATA_FILE: dataFile };
    const failure = await run(`${root}node_modules/.bin/tsx`, [`${root}src/main.ts`], { cwd, env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    const stderr = (failure as { stderr: string }).stderr;
    expect(stderr).toContain(`sitrep: The data file ${dataFile} cannot be loaded:`);
    expect(stderr).toMatch(/- actors: /);
    expect(await readFile(dataFile, 'utf8')).toBe(contents);
  });
});
