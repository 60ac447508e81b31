import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportStory, importStory, ImportFileError } from '../../src/cli/transfer.js';
import { tempDir, tempStore } from '../fixtures/temp-store.js';

describe('import and export', () => {
  it('an exported story imports back with nothing changed', async () => {
    const store = await tempStore();
    const file = join(await tempDir(), 'story.json');
    await writeFile(file, exportStory(store.read(), 'json'));
    const dryRun = await importStory(store, file, false);
    expect(dryRun).toContain('story iran-pakistan-2024: unchanged');
    expect(dryRun).toContain('events     +0 added, ~0 changed, 10 unchanged');
    expect(dryRun).toContain('Dry run: nothing was written');
  });

  it('writes only with --apply, audited as the import, and the change shows', async () => {
    const store = await tempStore();
    const dir = await tempDir();
    const file = join(dir, 'story.json');
    const bundle = JSON.parse(exportStory(store.read(), 'json'));
    bundle.events[0].title = 'A corrected title';
    bundle.sources.push({ id: 'new-report', storyId: 'iran-pakistan-2024', outlet: 'Another outlet' });
    await writeFile(file, JSON.stringify(bundle));
    const before = await readFile(store.path, 'utf8');
    expect(await importStory(store, file, false)).toContain('events     +0 added, ~1 changed, 9 unchanged');
    expect(await readFile(store.path, 'utf8')).toBe(before);
    const applied = await importStory(store, file, true, new Date('2024-02-01T00:00:00Z'));
    expect(applied).toContain('sources    +1 added');
    expect(store.read().events.find((event) => event.id === bundle.events[0].id)!.title).toBe('A corrected title');
    expect(store.read().audit.at(-1)).toMatchObject({ action: 'import', entity: 'story', entityId: 'iran-pakistan-2024', reason: `npm run import ${file}` });
  });

  it('refuses a malformed file, naming each problem, and changes nothing', async () => {
    const store = await tempStore();
    const file = join(await tempDir(), 'bad.json');
    const bundle = JSON.parse(exportStory(store.read(), 'json'));
    const before = await readFile(store.path, 'utf8');
    const problems = async (broken: unknown) => {
      await writeFile(file, JSON.stringify(broken));
      const error = await importStory(store, file, true).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ImportFileError);
      return (error as Error).message;
    };
    // Shape problems are all reported together; references are checked once the shape is right.
    const shape = structuredClone(bundle);
    shape.events[1].precision = 'minute';
    delete shape.statements[0].quote;
    expect(await problems(shape)).toMatch(/\(2 problems\)[^]*events\[1\]\.precision: does not match occurredAt[^]*statements\[0\]\.quote:/);
    const references = structuredClone(bundle);
    references.events[0].sourceIds = ['nowhere'];
    references.claims[0].accounts[0].sideId = 'martians';
    expect(await problems(references)).toMatch(/events\[0\]\.sourceIds\[0\]: unknown source "nowhere"[^]*claims\[0\]\.accounts\[0\]\.sideId: unknown side "martians"/);
    expect(await readFile(store.path, 'utf8')).toBe(before);
    await writeFile(file, '{ not json');
    await expect(importStory(store, file, true)).rejects.toThrow(/cannot be read as JSON/);
  });

  it('exports TimelineJS JSON with dates only as precise as known, and an ACLED-style CSV', async () => {
    const store = await tempStore();
    const timeline = JSON.parse(exportStory(store.read(), 'timelinejs'));
    expect(timeline.title.text.headline).toBe('Iran–Pakistan cross-border strikes, January 2024');
    expect(timeline.events[0]).toMatchObject({ unique_id: 'irgc-warning-2019', start_date: { year: '2019' } });
    expect(timeline.events[0].start_date).not.toHaveProperty('month');
    expect(timeline.events.find((e: { unique_id: string }) => e.unique_id === 'kerman-bombing').start_date).toEqual({ year: '2024', month: '1', day: '3' });
    const csv = exportStory(store.read(), 'csv').trim().split('\n');
    expect(csv[0]).toBe('event_id,event_date,year,time_precision,disorder_type,event_type,actor1,actor2,other_actors,location,source,notes,status,significance,date_precision,date_until,until_precision,figures');
    expect(csv.filter((line) => /^[a-z0-9-]+,\d{4}/.test(line))).toHaveLength(10);
  });
});
