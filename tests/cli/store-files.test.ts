import { execFile } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/data/store.js';
import { testEvent, testStoreData } from '../fixtures/story.js';
import { tempDir } from '../fixtures/temp-store.js';

const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const script = (name: string) => fileURLToPath(new URL(`../../src/${name}`, import.meta.url));
const run = (file: string, args: string[]) =>
  promisify(execFile)(tsx, args, { env: { ...process.env, SITREP_DATA_FILE: file, LOG_LEVEL: 'silent' } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe('npm run store:check and the single-writer lock, as separate processes', () => {
  it('reports a valid file with its journal, and names the problem in a damaged one', async () => {
    const file = join(await tempDir(), 'sitrep.json');
    const store = await openStore(file, { initialData: () => testStoreData() });
    await store.update((draft) => void draft.events.push(testEvent(40)));
    const ok = await run(file, [script('store-check.ts')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/is valid \(write 1; 1 journal entry not yet folded in\)[^]*events: 4/);
    await store.close();
    await appendFile(`${file}.journal`, 'garbage\n{"seq":9,"changes":{}}\n');
    const bad = await run(file, [script('store-check.ts')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cannot be loaded[^]*line 1 of .*journal is damaged/);
  }, 30_000);

  it('reports a torn journal tail, and a hand edit the journal does not follow; --discard-journal settles it, refused while the bot runs', async () => {
    const file = join(await tempDir(), 'sitrep.json');
    const store = await openStore(file, { initialData: () => testStoreData() });
    await store.update((draft) => void draft.events.push(testEvent(40)));
    await appendFile(`${file}.journal`, '{"seq":2,"changes":{"eve');
    const torn = await run(file, [script('store-check.ts')]);
    expect(torn.code).toBe(0);
    expect(torn.stdout).toMatch(/torn journal tail: 24 bytes at offset \d+ of .*sitrep\.json\.journal/);
    expect(torn.stdout).toContain('checksum: matches');
    // A hand edit in place, the journal still holding a write made before it.
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(store.read().stories[0]!.title, 'Edited by hand'));
    const refused = await run(file, [script('store-check.ts')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${file}.journal holds 1 write made to another version of the data file`);
    expect(refused.stderr).toMatch(/does not match the checksum[^]*--discard-journal[^]*--apply-journal/);
    const locked = await run(file, [script('store-check.ts'), '--discard-journal']);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/another process .* is writing to it/);
    await store.close();
    const settled = await run(file, [script('store-check.ts'), '--discard-journal']);
    expect(settled.stdout).toMatch(/is kept as it was[^]*set aside as .*journal\.discarded-[^]*is valid \(write 0; 0 journal entries/);
    expect(settled.code).toBe(0);
    expect(await readFile(file, 'utf8')).toContain('Edited by hand');
  }, 30_000);

  it('refuses `npm run import -- --apply` while another process holds the file, and lets a dry run read beside it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'sitrep.json');
    const bundle = join(dir, 'story.json');
    const data = testStoreData();
    await writeFile(bundle, JSON.stringify({ story: data.stories[0], actors: [], sources: data.sources, events: data.events, statements: [], claims: [] }));
    const store = await openStore(file, { initialData: () => testStoreData() });
    const refused = await run(file, [script('import.ts'), bundle, '--apply']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/another process .* is writing to it/);
    const dryRun = await run(file, [script('import.ts'), bundle]);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toMatch(/Dry run: nothing was written/);
    await store.close();
  }, 30_000);
});
