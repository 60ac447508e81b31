import { describe, expect, it } from 'vitest';
import { compareBounds, overlaps, precisionsMayPair, rangeProblem, type DateBounds } from '../../src/data/date-range.js';
import { ClaimSchema, EventSchema, SourceSchema, StatementSchema } from '../../src/data/schema.js';
import { formatDateBounds, plainDateBounds } from '../../src/briefing/render/date-range-format.js';
import { statementsOf, timelineEvents, visibleEvents } from '../../src/briefing/query/queries.js';
import { mostRecent } from '../../src/briefing/query/briefing.js';
import { correctionLine, correctionsOf } from '../../src/briefing/query/corrections.js';
import { bundledStoreData } from '../../src/data/seed.js';
import type { StoreData } from '../../src/data/schema.js';
import { addEvent, addStatement, buildEvent, editEvent } from '../../src/data/mutations.js';
import { tempStore } from '../fixtures/temp-store.js';

const STORY = 'iran-pakistan-2024';
const author = { userId: '1', userName: 'mod', guildId: null, now: new Date('2024-02-01T00:00:00Z') };

const day = (start: string, end?: string): DateBounds => ({ start, startPrecision: 'day', end, endPrecision: end ? 'day' : undefined });

describe('date ranges: validation', () => {
  it('pairs only the same or neighbouring precisions: never an instant with a year or a month, nor a day with a year', () => {
    expect(precisionsMayPair('year', 'year')).toBe(true);
    expect(precisionsMayPair('month', 'day')).toBe(true);
    expect(precisionsMayPair('day', 'minute')).toBe(true);
    expect(precisionsMayPair('year', 'minute')).toBe(false);
    expect(precisionsMayPair('month', 'minute')).toBe(false);
    expect(precisionsMayPair('year', 'day')).toBe(false);
    expect(rangeProblem('2019', 'year', '2024-01-18T06:26:00Z', 'minute')).toMatch(/cannot pair a year with a minute/);
  });

  it('refuses an end before the start, an end inside a wider start, and a range of one date', () => {
    expect(rangeProblem('2024-01-18', 'day', '2024-01-16', 'day')).toMatch(/ends \(2024-01-16\) before it starts/);
    expect(rangeProblem('2024-01', 'month', '2024-01-20', 'day')).toMatch(/before it starts/);
    expect(rangeProblem('2024-01-16', 'day', '2024-01-16', 'day')).toMatch(/same date/);
    expect(rangeProblem('2024-01-16', 'day', '2024-01-16T06:00:00Z', 'minute')).toMatch(/before it starts/);
    expect(rangeProblem('2024-01-16', 'day', '2024-01-18', 'day')).toBeUndefined();
    expect(rangeProblem('2023-12', 'month', '2024-01-03', 'day')).toBeUndefined();
    expect(rangeProblem('2024-01-16T06:00:00Z', 'minute', '2024-01-17', 'day')).toBeUndefined();
  });

  const event = {
    id: 'e', storyId: 's', occurredAt: '2024-01-16', precision: 'day', title: 't', summary: 's', sideIds: [], sourceIds: ['x'],
    significance: 1, status: 'reported', revision: 1, createdAt: '2024-01-18T12:00:00Z', createdBy: 'seed',
  };

  it('the schema checks every record kind’s range: both end fields or neither, matching precision, a real range', () => {
    expect(EventSchema.safeParse({ ...event, occurredUntil: '2024-01-18', untilPrecision: 'day' }).success).toBe(true);
    expect(EventSchema.safeParse({ ...event, occurredUntil: '2024-01-18' }).error?.issues[0]?.message).toMatch(/go together/);
    expect(EventSchema.safeParse({ ...event, occurredUntil: '2024-01', untilPrecision: 'day' }).error?.issues[0]?.message).toMatch(/does not match/);
    expect(EventSchema.safeParse({ ...event, occurredUntil: '2024-01-15', untilPrecision: 'day' }).error?.issues[0]).toMatchObject({ path: ['occurredUntil'], message: expect.stringMatching(/before it starts/) });
    const statement = { id: 'q', storyId: 's', speaker: 'A', sideId: 'a', quote: 'q', saidAt: '2019', precision: 'year', sourceIds: ['x'] };
    expect(StatementSchema.safeParse({ ...statement, saidUntil: '2021', untilPrecision: 'year' }).success).toBe(true);
    expect(StatementSchema.safeParse({ ...statement, saidUntil: '2021-01-01T00:00:00Z', untilPrecision: 'minute' }).error?.issues[0]?.message).toMatch(/cannot pair a year with a minute/);
    const source = { id: 'x', storyId: 's', outlet: 'O' };
    expect(SourceSchema.safeParse({ ...source, publishedAt: '2024-01', publishedPrecision: 'month', publishedUntil: '2024-02', publishedUntilPrecision: 'month' }).success).toBe(true);
    expect(SourceSchema.safeParse({ ...source, publishedUntil: '2024-02', publishedUntilPrecision: 'month' }).error?.issues[0]?.message).toMatch(/undated source/);
  });
});

describe('date ranges: order and filters', () => {
  it('sorts by the earliest bound; on the same start a single date comes first, then the range that ends sooner', () => {
    const sorted = [day('2024-01-17'), day('2024-01-16', '2024-01-18'), day('2024-01-16', '2024-01-17'), day('2024-01-16'), day('2024-01-15', '2024-01-20')].sort(compareBounds);
    expect(sorted.map((b) => `${b.start}/${b.end ?? ''}`)).toEqual(['2024-01-15/2024-01-20', '2024-01-16/', '2024-01-16/2024-01-17', '2024-01-16/2024-01-18', '2024-01-17/']);
  });

  it('filters by overlap: from:2024-01-17 keeps a 16–18 Jan record, to:2024-01-15 does not', () => {
    expect(overlaps(day('2024-01-16', '2024-01-18'), '2024-01-17', '2024-01-17')).toBe(true);
    expect(overlaps(day('2024-01-16', '2024-01-18'), undefined, '2024-01-15')).toBe(false);
    expect(overlaps(day('2024-01-16', '2024-01-18'), '2024-01-19')).toBe(false);
    expect(overlaps({ start: '2019', startPrecision: 'year', end: '2021', endPrecision: 'year' }, '2020-06-01', '2020-06-30')).toBe(true);
  });

  it('the bundled story: Pakistan’s 16–18 Jan condemnation sorts before its own 18 Jan strikes, and a from:2024-01-17 timeline keeps it', async () => {
    const data = await bundledStoreData();
    const ids = visibleEvents(data, 'iran-pakistan-2024').map((event) => event.id);
    expect(ids.indexOf('pakistan-condemns-iran-strike')).toBeGreaterThan(ids.indexOf('iran-strikes-balochistan'));
    expect(ids.indexOf('pakistan-condemns-iran-strike')).toBeLessThan(ids.indexOf('pakistan-recalls-ambassador'));
    expect(ids.indexOf('pakistan-condemns-iran-strike')).toBeLessThan(ids.indexOf('pakistan-strikes-sistan-baluchistan'));
    const from17 = timelineEvents(data, { storyId: 'iran-pakistan-2024', from: '2024-01-17' }).map((event) => event.id);
    expect(from17).toContain('pakistan-condemns-iran-strike');
    expect(from17).not.toContain('iran-strikes-balochistan');
    // /statements side:pakistan: the 16–18 January warning is not Pakistan's newest statement.
    const pakistan = statementsOf(data, { storyId: 'iran-pakistan-2024', sideId: 'pakistan' });
    expect(pakistan.at(-1)!.saidAt).toBe('2024-01-18');
    expect(pakistan.findIndex((s) => s.id === 'pakistan-warns-serious-consequences')).toBeLessThan(pakistan.findIndex((s) => s.id === 'pakistan-fm-unilateral-action'));
    expect(mostRecent(pakistan)!.saidUntil).toBeUndefined();
  });

  it('the incremental indexes place ranged events and statements as a fresh sort does', async () => {
    const store = await tempStore(bundledStoreData);
    const answers = (data: Readonly<StoreData>) => ({
      timeline: timelineEvents(data, { storyId: STORY }).map((event) => event.id),
      statements: statementsOf(data, { storyId: STORY }).map((statement) => statement.id),
    });
    answers(store.read());
    const source = store.read().sources[0]!.id;
    const fields = { storyId: STORY, title: 'Talks held', summary: 'Officials met.', occurredAt: '2024-01-16', precision: 'day' as const, sideIds: ['pakistan'], sourceIds: [source], significance: 2 };
    const added = await store.update((draft) => {
      const event = buildEvent(draft, fields, author);
      return addEvent(draft, { ...event, occurredUntil: '2024-01-17', untilPrecision: 'day' }, author);
    });
    await store.update((draft) =>
      addStatement(draft, { storyId: STORY, speaker: 'An official', sideId: 'iran', quote: 'We met.', saidAt: '2024-01-16', precision: 'day', saidUntil: '2024-01-17', untilPrecision: 'day', sourceIds: [source] }, author),
    );
    const followed = answers(store.read());
    expect(followed).toEqual(answers(structuredClone(store.read())));
    // A 16–17 Jan range: after the 16 Jan strike and before the 16–18 Jan records.
    expect(followed.timeline.indexOf(added.id)).toBe(followed.timeline.indexOf('iran-strikes-balochistan') + 1);
    await store.close();
  });
});

describe('date ranges: edits', () => {
  it('an edit keeps the range unless it changes the date; an end before the start is refused, naming the field, and nothing changes', async () => {
    const data = await bundledStoreData();
    const id = 'pakistan-condemns-iran-strike';
    const retitled = editEvent(data, id, { title: 'Pakistan condemns Iran’s strike', occurredAt: '2024-01-16', precision: 'day' }, 1, author);
    expect(retitled).toMatchObject({ occurredUntil: '2024-01-18', untilPrecision: 'day' });
    expect(() => editEvent(data, id, { occurredUntil: '2024-01-15', untilPrecision: 'day' }, 2, author)).toThrow(/occurredUntil.*ends \(2024-01-15\) before it starts/);
    expect(data.events.find((event) => event.id === id)!.revision).toBe(2);
    const redated = editEvent(data, id, { occurredAt: '2024-01-17', precision: 'day' }, 2, author);
    expect(redated.occurredUntil).toBeUndefined();
    expect(data.audit.at(-1)).toMatchObject({ before: { occurredAt: '2024-01-16', occurredUntil: '2024-01-18' }, after: { occurredAt: '2024-01-17' } });
    const lines = correctionsOf(data, 'iran-pakistan-2024', { after: new Date(0) }).map((correction) => correctionLine(correction));
    expect(lines.at(-1)).toContain('date: 16–18 Jan 2024 → 17 Jan 2024');
    expect(lines.at(-1)).not.toContain('changed;');
    expect(lines[0]).toContain('title was');
  });
});

describe('date ranges: how they read', () => {
  it('English: 16–18 Jan 2024, 30 Jan – 2 Feb 2024, Jan–Feb 2024, 2019–2021, across years and precisions', () => {
    expect(formatDateBounds(day('2024-01-16', '2024-01-18'))).toBe('16–18 Jan 2024');
    expect(formatDateBounds(day('2024-01-30', '2024-02-02'))).toBe('30 Jan – 2 Feb 2024');
    expect(formatDateBounds(day('2023-12-30', '2024-01-02'))).toBe('30 Dec 2023 – 2 Jan 2024');
    expect(formatDateBounds({ start: '2024-01', startPrecision: 'month', end: '2024-02', endPrecision: 'month' })).toBe('Jan–Feb 2024');
    expect(formatDateBounds({ start: '2023-12', startPrecision: 'month', end: '2024-02', endPrecision: 'month' })).toBe('Dec 2023 – Feb 2024');
    expect(formatDateBounds({ start: '2019', startPrecision: 'year', end: '2021', endPrecision: 'year' })).toBe('2019–2021');
    expect(formatDateBounds({ start: '2023-12', startPrecision: 'month', end: '2024-01-03', endPrecision: 'day' })).toBe('December 2023 – 3 Jan 2024');
    expect(formatDateBounds({ start: '2024-01-16', startPrecision: 'day', end: '2024-01-18T06:26:00Z', endPrecision: 'minute' })).toBe('16 Jan 2024 – <t:1705559160:f>');
    expect(plainDateBounds({ start: '2024-01-16', startPrecision: 'day', end: '2024-01-18T06:26:00Z', endPrecision: 'minute' })).toBe('16 Jan 2024 – 2024-01-18 06:26 UTC');
    expect(formatDateBounds(day('2024-01-16'))).toBe('16 Jan 2024');
  });

  it('Urdu and Persian: one range phrase, their own month names and digits, on the Gregorian calendar', () => {
    expect(formatDateBounds(day('2024-01-16', '2024-01-18'), 'ur')).toBe('16–18 جنوری 2024');
    expect(formatDateBounds({ start: '2019', startPrecision: 'year', end: '2021', endPrecision: 'year' }, 'ur')).toBe('2019–2021');
    expect(formatDateBounds(day('2024-01-16', '2024-01-18'), 'fa')).toMatch(/^۱۶ تا ۱۸ ژانویه.? ۲۰۲۴$/);
    expect(formatDateBounds({ start: '2024-01', startPrecision: 'month', end: '2024-02', endPrecision: 'month' }, 'fa')).toMatch(/ژانویه.*فوریه.*۲۰۲۴/);
  });
});

describe('claims: the kind of dispute', () => {
  const claim = { id: 'c', storyId: 's', question: 'Q?', accounts: [{ position: 'a', text: 't', sourceId: 'x' }] };
  it('reads files written before the kind existed: disputed is a conflict, consistent an agreement', () => {
    expect(ClaimSchema.parse({ ...claim, status: 'disputed' })).toMatchObject({ kind: 'conflict' });
    expect(ClaimSchema.parse({ ...claim, status: 'consistent' })).toMatchObject({ kind: 'agree' });
    expect(ClaimSchema.parse({ ...claim, status: 'disputed' })).not.toHaveProperty('status');
    expect(ClaimSchema.safeParse({ ...claim, status: 'maybe' }).success).toBe(false);
    expect(ClaimSchema.safeParse({ ...claim, kind: 'detail', status: 'disputed' }).success).toBe(false);
  });
});
