import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suggestDisputeKind } from '../../src/data/dispute-kind.js';
import { addClaim, addClaimAccount } from '../../src/data/mutations.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { exportStory, importStory } from '../../src/cli/transfer.js';
import { toCsv, toTimelineJs } from '../../src/data/export-formats.js';
import { parseStoryBundle } from '../../src/data/bundle.js';
import { timelineImageInput } from '../../src/briefing/query/timeline-picture.js';
import { renderTimelineSvg } from '../../src/briefing/render/timeline-image.js';
import { composeBriefing } from '../../src/briefing/query/briefing.js';
import { tempDir, tempStore } from '../fixtures/temp-store.js';
import { openStore } from '../../src/data/store.js';

const author = { userId: '1', userName: 'mod', guildId: null, now: new Date('2024-02-01T00:00:00Z') };
const positions = (...list: string[]) => list.map((position) => ({ position }));

describe('suggestDisputeKind', () => {
  it('agree when every account gives the same position (any case or spacing)', () => {
    expect(suggestDisputeKind(positions('Jaish al-Adl', 'jaish  al-Adl'))).toBe('agree');
    expect(suggestDisputeKind(positions('Jaish al-Adl'))).toBe('agree');
  });

  it('detail when they differ only in wording or precision: "two children" vs "two people", "three" vs "several" wounded', () => {
    expect(suggestDisputeKind(positions('two children killed, three wounded', 'two people killed, several injured'))).toBe('detail');
    expect(suggestDisputeKind(positions('Jaish al-Adl', 'Jaish al-Adl, a Sunni armed group'))).toBe('detail');
  });

  it('conflict when they cannot all be true: different envoys, a denial against an assertion, two exact numbers', () => {
    expect(suggestDisputeKind(positions("Pakistani chargé d'affaires", 'Pakistani ambassador'))).toBe('conflict');
    expect(suggestDisputeKind(positions('fighters killed', 'no fighters killed'))).toBe('conflict');
    expect(suggestDisputeKind(positions('three killed', 'five killed'))).toBe('conflict');
    expect(suggestDisputeKind(positions('Jaish al-Adl', 'Jaish al-Adl, a Sunni armed group', 'Israeli connection'))).toBe('conflict');
  });
});

describe('the kind on the claim', () => {
  it('a moderator’s kind is stored as given; without one, an account that suggests a stronger kind raises it, never lowers it', async () => {
    const data = await bundledStoreData();
    const source = data.sources[0]!.id;
    const claim = addClaim(data, { storyId: 'iran-pakistan-2024', question: 'How many were hurt?', kind: 'agree', accounts: [{ position: 'three wounded', text: 'Three were wounded.', sourceId: source }] }, author);
    expect(addClaimAccount(data, claim.id, { position: 'several wounded', text: 'Several were wounded.', sourceId: source }, author)).toMatchObject({ kind: 'detail' });
    expect(addClaimAccount(data, claim.id, { position: 'three wounded', text: 'Three again.', sourceId: source }, author)).toMatchObject({ kind: 'detail' });
    expect(addClaimAccount(data, claim.id, { position: 'nobody wounded', text: 'No one was hurt.', sourceId: source }, author)).toMatchObject({ kind: 'conflict' });
    expect(addClaimAccount(data, claim.id, { position: 'three wounded', text: 'Three.', sourceId: source }, author, 'detail')).toMatchObject({ kind: 'detail' });
    expect(data.audit.at(-1)).toMatchObject({ before: { kind: 'conflict' }, after: { kind: 'detail' } });
  });

  it('/brief’s disputes and the picture’s rings count only claims whose accounts conflict', async () => {
    const data = await bundledStoreData();
    const story = data.stories[0]!;
    const disputes = composeBriefing(data, story).disputes;
    expect(disputes.length).toBeGreaterThan(0);
    expect(disputes.every((claim) => claim.kind === 'conflict')).toBe(true);
    expect(disputes.map((claim) => claim.id)).not.toContain('iran-strike-casualties');
    const rings = timelineImageInput(data, story).events.filter((event) => event.disputed).map((event) => event.id);
    expect(rings).not.toContain('iran-strikes-balochistan');
    expect(rings).toContain('kerman-bombing');
  });
});

describe('ranges leave the store as they came in', () => {
  it('TimelineJS gets a start and an end date, the CSV the range’s end and precisions, the picture a span', async () => {
    const data = await bundledStoreData();
    const bundle = parseStoryBundle(JSON.parse(exportStory(data, 'json')));
    const timeline = toTimelineJs(bundle);
    const condemnation = timeline.events.find((event) => event.unique_id === 'pakistan-condemns-iran-strike')!;
    expect(condemnation).toMatchObject({ start_date: { year: '2024', month: '1', day: '16' }, end_date: { year: '2024', month: '1', day: '18' } });
    expect(timeline.events.find((event) => event.unique_id === 'kerman-bombing')).not.toHaveProperty('end_date');
    const row = toCsv(bundle).split('\n').find((line) => line.startsWith('pakistan-condemns-iran-strike,'))!;
    expect(row).toMatch(/^pakistan-condemns-iran-strike,2024-01-16,2024,2,/);
    expect(row.trim()).toMatch(/,day,2024-01-18,day,$/);
    const one = { id: 'e', title: 'Talks', occurredAt: '2024-01-16', precision: 'day' as const, sideIds: ['a'], disputed: false };
    const picture = (events: Array<typeof one & { occurredUntil?: string; untilPrecision?: 'day' }>) => renderTimelineSvg({ title: 'T', sides: [{ id: 'a', name: 'A' }], events });
    expect(picture([one, { ...one, id: 'f', occurredAt: '2024-01-20' }])).not.toMatch(/class="span"/);
    const ranged = picture([{ ...one, occurredUntil: '2024-01-18', untilPrecision: 'day' }, { ...one, id: 'f', occurredAt: '2024-01-20' }]);
    expect(ranged).toMatch(/class="span"/);
    expect(ranged).toContain('2 events · 16 Jan 2024 – 20 Jan 2024');
  });

  it('a data file written before the kind existed opens, its claims read as conflict and agree', async () => {
    const dir = await tempDir();
    const path = join(dir, 'sitrep.json');
    const data = await bundledStoreData();
    const old = { ...data, claims: data.claims.map(({ kind, ...claim }) => ({ ...claim, status: kind === 'conflict' ? 'disputed' : 'consistent' })) };
    await writeFile(path, JSON.stringify(old));
    const store = await openStore(path, { initialData: bundledStoreData });
    expect(store.read().claims.find((claim) => claim.id === 'who-iran-summoned')).toMatchObject({ kind: 'conflict' });
    expect(store.read().claims.find((claim) => claim.id === 'iran-strike-casualties')).toMatchObject({ kind: 'agree' });
    expect(store.read().claims.some((claim) => 'status' in claim)).toBe(false);
    await store.close();
  });

  it('an import with a range that ends before it starts is refused, naming the field, and changes nothing', async () => {
    const store = await tempStore(bundledStoreData);
    const file = join(await tempDir(), 'story.json');
    const bundle = JSON.parse(exportStory(store.read(), 'json'));
    const index = bundle.events.findIndex((event: { id: string }) => event.id === 'iran-defends-strike');
    bundle.events[index].occurredUntil = '2024-01-15';
    await writeFile(file, JSON.stringify(bundle));
    const before = JSON.stringify(store.read());
    await expect(importStory(store, file, true)).rejects.toThrow(new RegExp(`events\\[${index}\\]\\.occurredUntil: the range ends \\(2024-01-15\\) before it starts \\(2024-01-16\\)`));
    expect(JSON.stringify(store.read())).toBe(before);
    await store.close();
  });

  it('a bundle with ranges exports and imports back with nothing changed', async () => {
    const store = await tempStore(bundledStoreData);
    const file = join(await tempDir(), 'story.json');
    await writeFile(file, exportStory(store.read(), 'json'));
    expect(await importStory(store, file, false)).toContain('statements +0 added, ~0 changed');
    const exported = JSON.parse(exportStory(store.read(), 'json'));
    expect(exported.events.find((event: { id: string }) => event.id === 'iran-defends-strike')).toMatchObject({ occurredUntil: '2024-01-18', untilPrecision: 'day' });
    expect(exported.claims.every((claim: Record<string, unknown>) => 'kind' in claim && !('status' in claim))).toBe(true);
    await store.close();
  });
});
