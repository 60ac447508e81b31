import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changesBetween, versionOf } from '../../src/data/lineage.js';
import type { StoreData } from '../../src/data/schema.js';
import { SnapshotFile } from '../../src/data/snapshot-file.js';
import { openStore, StoreChangedOnDisk, StoreLoadError, StoreLocked, type Store } from '../../src/data/store.js';
import { readStoreFiles } from '../../src/data/store-files.js';
import { testEvent, testStoreData } from '../fixtures/story.js';
import { bytesOnDisk, stateOnDisk, tempDir } from '../fixtures/temp-store.js';

let dir: string;
let file: string;
const initialData = () => testStoreData();
const open: Store[] = [];
const openHere = async (options: Partial<Parameters<typeof openStore>[1]> = {}) => {
  const store = await openStore(file, { initialData, ...options });
  open.push(store);
  return store;
};

afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
});

beforeEach(async () => {
  dir = await tempDir('sitrep-store-');
  file = join(dir, 'nested', 'sitrep.json');
});

async function expectLoadError(contents: string, problem: RegExp, journal?: string) {
  const path = join(dir, 'bad.json');
  await writeFile(path, contents);
  if (journal !== undefined) await writeFile(`${path}.journal`, journal);
  const error = await openStore(path, { initialData }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(StoreLoadError);
  expect((error as StoreLoadError).message).toContain(path);
  expect((error as StoreLoadError).message).toMatch(problem);
  expect(await readFile(path, 'utf8')).toBe(contents);
}

describe('openStore', () => {
  it('creates the data file from the initial data on first run, on the real file system', async () => {
    const store = await openHere();
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    expect(onDisk).toEqual({ ...store.read(), sequence: 0, checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(onDisk.events).toHaveLength(3);
  });

  it('loads an existing file, with its journal replayed, instead of the initial data', async () => {
    const store = await openHere();
    await store.update((draft) => draft.events.pop());
    await store.update((draft) => void draft.events.push(testEvent(50)));
    // A header naming the data file it follows, then one line per write.
    expect((await readFile(`${file}.journal`, 'utf8')).trim().split('\n')).toHaveLength(3);
    expect((await stateOnDisk(file)).events.map((event) => event.id)).toEqual(['event-1', 'event-2', 'event-50']);
    await store.close();
    const reopened = await openHere();
    expect(reopened.read().events.map((event) => event.id)).toEqual(['event-1', 'event-2', 'event-50']);
  });

  it('refuses an unparsable, empty or invalid file, naming it and the problem, and leaves it untouched', async () => {
    await expectLoadError('{"schemaVersion": 1,', /not valid JSON/);
    await expectLoadError('', /empty/);
    const invalid = testStoreData();
    invalid.events[0]!.sourceIds = ['no-such-source'];
    invalid.events[1]!.precision = 'minute';
    await expectLoadError(JSON.stringify(invalid), /events\[0\]\.sourceIds\[0\]: unknown source "no-such-source"/);
    await expectLoadError(JSON.stringify(invalid), /events\[1\]\.precision: does not match occurredAt/);
    await expectLoadError(JSON.stringify(testStoreData()), /line 1 of .*journal is damaged/, 'not json\n{"seq":2,"changes":{}}\n');
    await expectLoadError(JSON.stringify(testStoreData()), /does not continue the data file/, '{"seq":3,"changes":{}}\n');
  });

  it('reads its own layout a record at a time, with the same checks and the same messages', async () => {
    const ownLayout = async (data: StoreData) => {
      const path = join(dir, 'own.json');
      await new SnapshotFile(path).write({ sequence: 0, data });
      return readFile(path, 'utf8');
    };
    const good = testStoreData();
    expect((await readStoreFiles(join(dir, 'missing.json'))).state).toBeNull();
    const text = await ownLayout(good);
    expect(text.split('\n').length).toBeGreaterThan(good.events.length);
    expect((await readStoreFiles(join(dir, 'own.json'))).state).toEqual(good);
    const invalid = testStoreData();
    invalid.events[0]!.sourceIds = ['no-such-source'];
    await expectLoadError(await ownLayout(invalid), /events\[0\]\.sourceIds\[0\]: unknown source "no-such-source"/);
    invalid.events[1]!.precision = 'minute';
    await expectLoadError(await ownLayout(invalid), /events\[1\]\.precision: does not match occurredAt/);
    // A record the journal replays is checked like one in the file.
    const entry = { seq: 1, changes: { events: { upsert: [{ ...good.events[0]!, title: '' }], remove: [] } } };
    await expectLoadError(text, /events\[0\]\.title/, `${JSON.stringify(entry)}\n`);
    // Edited by hand so the lines no longer make valid JSON: refused as such, never half-read.
    await expectLoadError(text.replace(/\},\n\{/, '}\n{'), /not valid JSON/);
    await expectLoadError(text.replace('"sequence":0,', '"sequence":0,"extra":1,'), /extra/);
  });

  it('drops a torn last journal line (a write that was never acknowledged)', async () => {
    const store = await openHere();
    await store.update((draft) => void draft.events.push(testEvent(50)));
    await store.close();
    await store.close();
    await appendFile(`${file}.journal`, '{"seq":2,"changes":{"events":{"upsert":[{"id":"torn');
    const reopened = await openHere();
    expect(reopened.read().events.map((event) => event.id)).toContain('event-50');
    await reopened.update((draft) => void draft.events.push(testEvent(51)));
    expect((await stateOnDisk(file)).events.map((event) => event.id)).toContain('event-51');
  });

  it('lets one process write at a time: a second open is refused with a clear message until the first closes', async () => {
    const first = await openHere();
    const error = await openStore(file, { initialData }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreLocked);
    expect((error as Error).message).toMatch(/another process .* is writing to it/);
    await first.close();
    await expect(openHere()).resolves.toBeDefined();
  });
});

describe('store.update', () => {
  it('applies concurrent updates one at a time, in call order, all durably', async () => {
    const store = await openHere();
    const writes = Array.from({ length: 20 }, (_, i) =>
      store.update((draft) => {
        draft.events.push(testEvent(100 + i));
        return draft.events.length;
      }),
    );
    expect(await Promise.all(writes)).toEqual(Array.from({ length: 20 }, (_, i) => 4 + i));
    expect((await stateOnDisk(file)).events.slice(3).map((event) => event.id)).toEqual(Array.from({ length: 20 }, (_, i) => `event-${100 + i}`));
    expect((await readdir(join(dir, 'nested'))).sort()).toEqual(['sitrep.json', 'sitrep.json.journal', 'sitrep.json.lock']);
  });

  it('resolves only after the change is on disk, and reads see the last acknowledged state meanwhile', async () => {
    const store = await openHere();
    const pending = store.update((draft) => void draft.events.pop());
    expect(store.read().events).toHaveLength(3);
    await pending;
    expect(store.read().events).toHaveLength(2);
    expect((await stateOnDisk(file)).events).toHaveLength(2);
  });

  it('changes nothing when the mutation throws or produces an invalid store', async () => {
    const store = await openHere();
    const before = await bytesOnDisk(file);
    await expect(
      store.update(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(store.update((draft) => void (draft.events[0] = { ...draft.events[0]!, sourceIds: ['missing'] }))).rejects.toThrow(/unknown source/);
    await expect(store.update((draft) => void draft.events.push(testEvent(1)))).rejects.toThrow(/duplicate id "event-1"/);
    await expect(store.update((draft) => void (draft.events[0] = { ...draft.events[0]!, title: '' }))).rejects.toThrow(/title/);
    expect(store.read().events[0]!.sourceIds).toEqual(['source-1']);
    expect(await bytesOnDisk(file)).toBe(before);
    await expect(store.update((draft) => draft.events.length)).resolves.toBe(3);
  });

  it('hands out frozen records: editing one in place throws instead of changing the shared state', async () => {
    const store = await openHere();
    await expect(store.update((draft) => void ((draft.events[0] as { title: string }).title = 'changed'))).rejects.toThrow(TypeError);
    expect(store.read().events[0]!.title).not.toBe('changed');
    // Stories, guild settings and schedules are copied into the draft and may be edited in place.
    await store.update((draft) => void (draft.stories[0]!.title = 'Renamed'));
    expect((await stateOnDisk(file)).stories[0]!.title).toBe('Renamed');
  });

  it('records what each write changed, so indexes can follow it', async () => {
    const store = await openHere();
    const before = store.read();
    await store.update((draft) => void draft.events.push(testEvent(60)));
    const changes = changesBetween(versionOf(before)!, versionOf(store.read())!);
    expect(changes?.map((change) => change.events?.upsert.map((event) => event.id))).toEqual([['event-60']]);
    expect(store.read().events[0]).toBe(before.events[0]);
  });

  it('refuses to write over a file changed behind its back, saying how to reload', async () => {
    const store = await openHere();
    const edited = { ...testStoreData(), sequence: 0 };
    edited.events[0]!.title = 'Edited by hand';
    await writeFile(file, JSON.stringify(edited));
    const error = await store.update((draft) => void draft.events.pop()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreChangedOnDisk);
    expect((error as Error).message).toMatch(/changed on disk .* Restart the bot/);
    expect((await stateOnDisk(file)).events[0]!.title).toBe('Edited by hand');
  });

  it('waits for queued writes on close, leaves one complete data file, and refuses writes after it', async () => {
    const store = await openHere();
    const pending = store.update((draft) => void draft.events.pop());
    await store.close();
    await expect(pending).resolves.toBeUndefined();
    await expect(store.update(() => undefined)).rejects.toThrow(/closed/);
    expect(JSON.parse(await readFile(file, 'utf8')).events).toHaveLength(2);
    expect(await readFile(`${file}.journal`, 'utf8')).toBe('');
  });
});

describe('compaction', () => {
  it('rewrites the data file from memory, empties the journal and keeps the last N files as backups', async () => {
    const store = await openHere({ backups: 2, compactAfterBytes: 1 });
    for (let i = 0; i < 4; i++) {
      await store.update((draft) => void draft.events.push(testEvent(200 + i)));
      await store.compact();
    }
    expect(JSON.parse(await readFile(file, 'utf8')).events).toHaveLength(7);
    expect(await readFile(`${file}.journal`, 'utf8')).toBe('');
    expect(JSON.parse(await readFile(`${file}.bak.1`, 'utf8')).events).toHaveLength(6);
    expect(JSON.parse(await readFile(`${file}.bak.2`, 'utf8')).events).toHaveLength(5);
    expect((await readdir(join(dir, 'nested'))).filter((name) => name.includes('.bak.'))).toHaveLength(2);
  });

  it('lets writes continue while the snapshot is written; none is lost', async () => {
    const store = await openHere();
    const compaction = store.compact();
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.update((draft) => void draft.events.push(testEvent(300 + i)))));
    await compaction;
    await store.close();
    expect((await stateOnDisk(file)).events).toHaveLength(13);
  });
});
