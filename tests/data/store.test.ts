import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openStore, StoreLoadError } from '../../src/data/store.js';
import { testEvent, testStoreData } from '../fixtures/story.js';
import { tempDir } from '../fixtures/temp-store.js';

let dir: string;
let file: string;
const initialData = () => testStoreData();

beforeEach(async () => {
  dir = await tempDir('sitrep-store-');
  file = join(dir, 'nested', 'sitrep.json');
});

async function expectLoadError(contents: string, problem: RegExp) {
  const path = join(dir, 'bad.json');
  await writeFile(path, contents);
  const error = await openStore(path, { initialData }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(StoreLoadError);
  expect((error as StoreLoadError).message).toContain(path);
  expect((error as StoreLoadError).message).toMatch(problem);
  expect(await readFile(path, 'utf8')).toBe(contents);
}

describe('openStore', () => {
  it('creates the data file from the initial data on first run, on the real file system', async () => {
    const store = await openStore(file, { initialData });
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    expect(onDisk).toEqual(store.read());
    expect(onDisk.events).toHaveLength(3);
  });

  it('loads an existing file instead of the initial data', async () => {
    await (await openStore(file, { initialData })).update((draft) => draft.events.pop());
    const reopened = await openStore(file, { initialData });
    expect(reopened.read().events).toHaveLength(2);
  });

  it('refuses an unparsable, empty or invalid file, naming it and the problem, and leaves it untouched', async () => {
    await expectLoadError('{"schemaVersion": 1,', /not valid JSON/);
    await expectLoadError('', /empty/);
    const invalid = testStoreData();
    invalid.events[0]!.sourceIds = ['no-such-source'];
    invalid.events[1]!.precision = 'minute';
    await expectLoadError(JSON.stringify(invalid), /events\[0\]\.sourceIds\[0\]: unknown source "no-such-source"/);
    await expectLoadError(JSON.stringify(invalid), /events\[1\]\.precision: does not match occurredAt/);
  });
});

describe('store.update', () => {
  it('applies concurrent updates one at a time, in call order, all durably', async () => {
    const store = await openStore(file, { initialData });
    const writes = Array.from({ length: 20 }, (_, i) =>
      store.update((draft) => {
        draft.events.push(testEvent(100 + i));
        return draft.events.length;
      }),
    );
    expect(await Promise.all(writes)).toEqual(Array.from({ length: 20 }, (_, i) => 4 + i));
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    expect(onDisk.events.slice(3).map((event: { id: string }) => event.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => `event-${100 + i}`),
    );
    expect((await readdir(join(dir, 'nested'))).sort()).toEqual(['sitrep.json']);
  });

  it('resolves only after the new state is on disk, and reads see the last acknowledged state meanwhile', async () => {
    const store = await openStore(file, { initialData });
    const pending = store.update((draft) => void draft.events.pop());
    expect(store.read().events).toHaveLength(3);
    await pending;
    expect(store.read().events).toHaveLength(2);
    expect(JSON.parse(await readFile(file, 'utf8')).events).toHaveLength(2);
  });

  it('changes nothing when the mutation throws or produces an invalid store', async () => {
    const store = await openStore(file, { initialData });
    const before = await readFile(file, 'utf8');
    await expect(
      store.update(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(store.update((draft) => void (draft.events[0]!.sourceIds = ['missing']))).rejects.toThrow(/unknown source/);
    expect(store.read().events[0]!.sourceIds).toEqual(['source-1']);
    expect(await readFile(file, 'utf8')).toBe(before);
    await expect(store.update((draft) => draft.events.length)).resolves.toBe(3);
  });

  it('waits for queued writes on close and refuses writes after it', async () => {
    const store = await openStore(file, { initialData });
    const pending = store.update((draft) => void draft.events.pop());
    await store.close();
    await expect(pending).resolves.toBeUndefined();
    await expect(store.update(() => undefined)).rejects.toThrow(/closed/);
  });
});
