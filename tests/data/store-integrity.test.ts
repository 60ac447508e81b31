import { spawnSync } from 'node:child_process';
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotFile } from '../../src/data/snapshot-file.js';
import { openStore, StoreChangedOnDisk, StoreLoadError, StoreNeedsDecision, StoreWriteFailed, type OpenStoreOptions, type Store } from '../../src/data/store.js';
import { readStoreFiles } from '../../src/data/store-files.js';
import { repairStore } from '../../src/data/store-repair.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { injectedDisk, smallDisk, type DiskMode } from '../fixtures/full-disk.js';
import { testEvent, testStoreData } from '../fixtures/story.js';
import { stateOnDisk, tempDir } from '../fixtures/temp-store.js';
import { reportReliability } from '../e2e/reliability-report.js';

let dir: string;
let file: string;
const initialData = () => testStoreData();
const open: Store[] = [];
const openHere = async (options: Partial<OpenStoreOptions> = {}, path = file) => {
  const store = await openStore(path, { initialData, ...options });
  open.push(store);
  return store;
};
const loadError = (path = file) => openStore(path, { initialData }).then(
  (store) => store.close().then(() => undefined),
  (error: unknown) => error,
);

beforeEach(async () => {
  dir = await tempDir('sitrep-integrity-');
  file = join(dir, 'sitrep.json');
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close().catch(() => undefined)));
});

describe('a failed write (full disk, I/O error) leaves the store usable', () => {
  const modes: DiskMode[] = ['tmpfs', 'injected'];
  it.each(modes)('on a full disk (%s): the write is refused as a failed write, the next one succeeds once space is back', async (prefer) => {
    const disk = await smallDisk(prefer);
    // Mounting needs root (and a container allowed to mount); elsewhere the tmpfs case runs with
    // injected errors instead of skipping. The reliability report names the mode that ran.
    reportReliability({ suite: 'store', fault: `full disk on a store (${disk.mode})`, injected: 1, duplicatePosts: 0, lostPosts: 0 });
    const logs = captureLogger();
    const path = join(disk.dir, 'sitrep.json');
    try {
      const store = await openHere({ logger: logs.logger }, path);
      await store.update((draft) => void draft.events.push(testEvent(40)));
      await store.compact(); // an empty journal: the next append needs a new page on the tmpfs
      await disk.fill();
      for (let attempt = 0; attempt < 2; attempt++) {
        const error = await store.update((draft) => void draft.events.push(testEvent(41))).catch((caught: unknown) => caught);
        // Before the fix, the second attempt was refused as "changed outside Sitrep" (StoreChangedOnDisk).
        expect(error).toBeInstanceOf(StoreWriteFailed);
        expect(error).not.toBeInstanceOf(StoreChangedOnDisk);
        expect((error as StoreWriteFailed).code).toBe('ENOSPC');
        expect((error as Error).message).toContain(`${path}.journal`);
      }
      expect(store.read().events.map((event) => event.id)).not.toContain('event-41');
      const logged = logs.lines().filter((line) => line.msg === 'a write failed; nothing was saved');
      expect(logged[0]).toMatchObject({ level: 50, file: `${path}.journal`, code: 'ENOSPC' });
      await disk.free();
      await store.update((draft) => void draft.events.push(testEvent(42)));
      await store.close();
      const ids = (await stateOnDisk(path)).events.map((event) => event.id);
      expect(ids).toContain('event-42');
      expect(ids).not.toContain('event-41');
    } finally {
      await disk.free();
      await Promise.all(open.splice(0).map((store) => store.close().catch(() => undefined)));
      await disk.unmount();
    }
  });

  it('after an I/O error on fsync (injected EIO): the line is cut, the next write follows the last acknowledged one', async () => {
    const disk = await injectedDisk(dir, () => Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    const store = await openHere();
    await store.update((draft) => void draft.events.push(testEvent(40)));
    const before = await readFile(`${file}.journal`, 'utf8');
    await disk.fill();
    await expect(store.update((draft) => void draft.events.push(testEvent(41)))).rejects.toMatchObject({ name: 'StoreWriteFailed', code: 'EIO' });
    await disk.free();
    expect(await readFile(`${file}.journal`, 'utf8')).toBe(before);
    await store.update((draft) => void draft.events.push(testEvent(42)));
    const { state } = await readStoreFiles(file);
    expect(state!.events.map((event) => event.id).slice(-2)).toEqual(['event-40', 'event-42']);
  });
});

/** The data file edited in place, as with a text editor: one story title changed. */
async function editInPlace(path: string, from: string, to: string) {
  const text = await readFile(path, 'utf8');
  expect(text).toContain(from);
  await writeFile(path, text.replace(from, to));
}

describe('a hand edit and the journal', () => {
  async function runningBotWithAHandEdit(edit: (title: string) => Promise<void>) {
    const store = await openHere();
    await store.update((draft) => void draft.events.push(testEvent(50)));
    await edit(store.read().stories[0]!.title);
    // The running bot refuses to write over the edit and asks for a restart …
    await expect(store.update((draft) => void draft.events.push(testEvent(51)))).rejects.toBeInstanceOf(StoreChangedOnDisk);
    await store.close();
    open.splice(0);
  }

  it('a restart is refused, naming both files and the choices; --discard-journal keeps the edit', async () => {
    await runningBotWithAHandEdit((title) => editInPlace(file, title, 'Edited by hand'));
    // … and the restart it asked for no longer replays the journal over the edit.
    const error = await loadError();
    expect(error).toBeInstanceOf(StoreNeedsDecision);
    const message = (error as Error).message;
    expect(message).toContain(file);
    expect(message).toContain(`${file}.journal`);
    expect(message).toMatch(/--discard-journal[^]*--apply-journal/);
    expect(await readFile(file, 'utf8')).toContain('Edited by hand');
    const repaired = await repairStore(file, 'discard-journal', { backups: 1 });
    expect(repaired.setAside).toMatch(/sitrep\.json\.journal\.discarded-/);
    expect(await readFile(repaired.setAside!, 'utf8')).toContain('event-50');
    const store = await openHere();
    expect(store.read().stories[0]!.title).toBe('Edited by hand');
    expect(store.read().events.map((event) => event.id)).not.toContain('event-50');
    await store.update((draft) => void draft.events.push(testEvent(52)));
  });

  it('--apply-journal replays the journal over a file rewritten by hand (no checksum), keeping the edit where they do not overlap', async () => {
    await runningBotWithAHandEdit(async () => {
      const whole = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      (whole.stories as Array<{ title: string }>)[0]!.title = 'Rewritten by a script';
      await writeFile(file, JSON.stringify(whole, null, 2));
    });
    expect(await loadError()).toBeInstanceOf(StoreNeedsDecision);
    await repairStore(file, 'apply-journal', { backups: 1 });
    const store = await openHere();
    expect(store.read().stories[0]!.title).toBe('Rewritten by a script');
    expect(store.read().events.map((event) => event.id)).toContain('event-50');
  });

  it('--discard-journal also sets aside a damaged journal, which otherwise stops the load', async () => {
    const store = await openHere();
    await store.update((draft) => void draft.events.push(testEvent(55)));
    await store.update((draft) => void draft.events.push(testEvent(56)));
    await store.close();
    open.splice(0);
    await writeFile(`${file}.journal`, 'not a journal line\n{"seq":2,"changes":{}}\n');
    expect(await loadError()).toBeInstanceOf(StoreLoadError);
    await repairStore(file, 'discard-journal', { backups: 1 });
    expect((await openHere()).read().events.map((event) => event.id)).toContain('event-56');
  });

  it('a journal left by a crash between a compaction’s rename and its journal rewrite still loads', async () => {
    const store = await openHere();
    await store.update((draft) => void draft.events.push(testEvent(60)));
    const journal = await readFile(`${file}.journal`, 'utf8');
    await store.compact();
    await store.close();
    // The new data file (write 1) beside the old journal: its header names the older file.
    await writeFile(`${file}.journal`, journal);
    const reopened = await openHere();
    expect(reopened.read().events.map((event) => event.id)).toContain('event-60');
    await reopened.update((draft) => void draft.events.push(testEvent(61)));
    await reopened.close();
    expect((await stateOnDisk(file)).events.map((event) => event.id)).toEqual(expect.arrayContaining(['event-60', 'event-61']));
  });
});

describe('checksums', () => {
  it('a byte changed inside a record ("Kerman" → "Kermen") is refused on load, naming the file', async () => {
    const store = await openHere();
    await store.update((draft) => void (draft.events[0] = { ...draft.events[0]!, title: 'Strike near Kerman' }));
    await store.close();
    await editInPlace(file, 'Kerman', 'Kermen');
    const error = await loadError();
    expect(error).toBeInstanceOf(StoreLoadError);
    expect((error as Error).message).toMatch(/does not match the checksum Sitrep wrote in it/);
    await expect(readStoreFiles(file)).rejects.toThrow(/does not match the checksum/);
  });

  it('accepts a file written by hand (no checksum) after validation, in either layout, and still refuses an invalid one', async () => {
    await writeFile(file, JSON.stringify(testStoreData()));
    expect((await readStoreFiles(file)).dataFile?.checked).toBe('none');
    await new SnapshotFile(file).write({ sequence: 0, data: testStoreData() });
    const withoutChecksum = (await readFile(file, 'utf8')).replace(/\],\n"checksum":"[0-9a-f]+"\n\}/, ']\n}');
    await writeFile(file, withoutChecksum);
    expect((await readStoreFiles(file)).dataFile?.checked).toBe('none');
    const store = await openHere();
    expect(store.read().events).toHaveLength(3);
    await store.close();
    const invalid = testStoreData();
    invalid.events[0]!.sourceIds = ['missing'];
    await writeFile(file, JSON.stringify(invalid));
    await expect(readStoreFiles(file)).rejects.toThrow(/unknown source "missing"/);
  });

  it('what the bot writes carries a checksum that matches', async () => {
    const store = await openHere();
    await store.update((draft) => void draft.events.push(testEvent(70)));
    await store.compact();
    expect((await readStoreFiles(file)).dataFile?.checked).toBe('verified');
    expect(await readFile(file, 'utf8')).toMatch(/\],\n"checksum":"[0-9a-f]{64}"\n\}\n$/);
  });

  it('a journal line with a changed byte is refused with its line number; every line carries a checksum', async () => {
    const store = await openHere();
    await store.update((draft) => void draft.events.push(testEvent(80)));
    await store.update((draft) => void draft.events.push({ ...testEvent(81), title: 'Strike near Kerman' }));
    const journal = await readFile(`${file}.journal`, 'utf8');
    expect(journal.split('\n').filter(Boolean).every((line) => /^[0-9a-f]{16} \{/.test(line))).toBe(true);
    await writeFile(`${file}.journal`, journal.replace('Kerman', 'Kermen'));
    await expect(readStoreFiles(file)).rejects.toThrow(/line 3 of .*journal is damaged \(it does not match its checksum\)/);
  });
});

describe('a torn journal tail', () => {
  it('is dropped on start and logged with its size and offset; readStoreFiles (store:check) reports it', async () => {
    const store = await openHere();
    await store.update((draft) => void draft.events.push(testEvent(90)));
    // Stop without the clean-stop compaction, as a crash would.
    const size = (await readFile(`${file}.journal`)).length;
    const torn = 'abcdef0123456789 {"seq":2,"changes":{"events":{"upsert":[{"id":"torn';
    await appendFile(`${file}.journal`, torn);
    const files = await readStoreFiles(file);
    expect(files.torn).toEqual({ offset: size, bytes: torn.length });
    expect(files.state!.events.map((event) => event.id)).toContain('event-90');
  });

  it('logs the dropped bytes when the store opens', async () => {
    const first = await openHere();
    await first.update((draft) => void draft.events.push(testEvent(91)));
    const journal = await readFile(`${file}.journal`, 'utf8');
    await first.close();
    open.splice(0);
    const torn = '{"seq":2,"chan';
    await writeFile(`${file}.journal`, `${journal}${torn}`);
    const logs = captureLogger();
    const store = await openHere({ logger: logs.logger });
    expect(store.read().events.map((event) => event.id)).toContain('event-91');
    expect(logs.lines().find((line) => /torn last line/.test(line.msg as string))).toMatchObject({
      level: 40,
      journal: `${file}.journal`,
      offset: Buffer.byteLength(journal),
      bytes: torn.length,
    });
  });
});

describe('temp files left by a crash', () => {
  it('are removed at start when their process is gone; a live process’s and other files are kept', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const first = await openHere();
    await first.close();
    open.splice(0);
    const names = {
      deadSnapshot: `.sitrep.json.${dead}.1700000000000.tmp`,
      deadJournal: `sitrep.json.journal.${dead}.tmp`,
      live: `.sitrep.json.${process.ppid}.1700000000000.tmp`,
      other: `.other.json.${dead}.1700000000000.tmp`,
      notOurs: 'sitrep.json.notes.tmp',
    };
    for (const name of Object.values(names)) await writeFile(join(dir, name), 'x');
    const logs = captureLogger();
    await openHere({ logger: logs.logger });
    const left = await readdir(dir);
    expect(left).not.toContain(names.deadSnapshot);
    expect(left).not.toContain(names.deadJournal);
    expect(left).toEqual(expect.arrayContaining([names.live, names.other, names.notOurs]));
    expect(logs.raw()).toContain('removed temp files');
  });
});

describe('compaction', () => {
  it('is logged with its duration', async () => {
    const logs = captureLogger();
    const store = await openHere({ logger: logs.logger });
    await store.update((draft) => void draft.events.push(testEvent(95)));
    await store.compact();
    expect(logs.lines().find((line) => line.msg === 'store compacted: journal folded into the data file')).toMatchObject({
      level: 30,
      dataFile: file,
      ms: expect.any(Number),
      sequence: 1,
    });
  });
});
