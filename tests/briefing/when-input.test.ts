import { describe, expect, it } from 'vitest';
import { parseSince } from '../../src/briefing/input/time-input.js';
import { parseWhen, resolveWhen, storyTimeZone } from '../../src/briefing/input/when-input.js';

const now = new Date('2024-01-20T10:00:00Z');

describe('parseWhen', () => {
  it.each([
    ['2024-01-18 11:26', 'Asia/Karachi', { value: '2024-01-18T06:26:00Z', precision: 'minute' }],
    ['2024-01-18 11:26', 'UTC', { value: '2024-01-18T11:26:00Z', precision: 'minute' }],
    ['18 Jan 2024', 'America/New_York', { value: '2024-01-18', precision: 'day' }],
    ['January 18, 2024', 'UTC', { value: '2024-01-18', precision: 'day' }],
    ['2024-01-16', 'Pacific/Honolulu', { value: '2024-01-16', precision: 'day' }],
    ['January 2024', 'UTC', { value: '2024-01', precision: 'month' }],
    ['2024-01', 'UTC', { value: '2024-01', precision: 'month' }],
    ['2019', 'UTC', { value: '2019', precision: 'year' }],
    ['yesterday', 'Asia/Tehran', { value: '2024-01-19', precision: 'day' }],
    ['yesterday 14:00', 'Asia/Tehran', { value: '2024-01-19T10:30:00Z', precision: 'minute' }],
    ['today 9:05', 'UTC', { value: '2024-01-20T09:05:00Z', precision: 'minute' }],
    ['2024-01-18T06:26:00Z', 'Asia/Karachi', { value: '2024-01-18T06:26:00Z', precision: 'minute' }],
    ['2024-01-18T11:26+05:00', 'UTC', { value: '2024-01-18T06:26:00Z', precision: 'minute' }],
  ] as const)('reads %s in %s', (typed, zone, expected) => {
    expect(parseWhen(typed, now, zone)).toEqual(expected);
  });

  it('refuses what it cannot read, impossible dates and the far future, with examples', () => {
    expect(() => parseWhen('soon', now, 'UTC')).toThrow(/can't read `soon` as a date\. Try `2024-01-18 11:26`/);
    expect(() => parseWhen('2023-02-29', now, 'UTC')).toThrow(/can't read/);
    expect(() => parseWhen('2024-01-22', now, 'UTC')).toThrow(/more than a day in the future/);
    expect(() => parseWhen('2024-01-21', now, 'UTC')).not.toThrow();
    expect(() => parseWhen('2025', now, 'UTC')).toThrow(/future/);
  });
});

describe('parseSince', () => {
  it('reads durations and dates in the server zone', () => {
    expect(parseSince('24h', now, 'UTC').instant.toISOString()).toBe('2024-01-19T10:00:00.000Z');
    expect(parseSince('7d', now, 'UTC').day).toBe('2024-01-13');
    expect(parseSince('2024-01-17', now, 'Asia/Karachi')).toMatchObject({ day: '2024-01-17', label: '2024-01-17' });
    expect(parseSince('2024-01-17', now, 'Asia/Karachi').instant.toISOString()).toBe('2024-01-16T19:00:00.000Z');
    expect(() => parseSince('whenever', now, 'UTC')).toThrow(/Try `24h`/);
  });
});

describe('resolveWhen: worked out against the chosen source', () => {
  // Middle East Monitor's report of Thursday 18 January 2024; the form is filled in two days later.
  const mem = { outlet: 'Middle East Monitor', publishedAt: '2024-01-18', publishedPrecision: 'day' as const };
  const at = (typed: string, timeZone = 'Asia/Karachi', source: Parameters<typeof resolveWhen>[1]['source'] = mem) =>
    resolveWhen(typed, { now, timeZone, source });

  it.each([
    ['Tuesday', { value: '2024-01-16', precision: 'day' }],
    ['on Tuesday', { value: '2024-01-16', precision: 'day' }],
    ['tuesday', { value: '2024-01-16', precision: 'day' }],
    // The most recent one on or before the publication day: the same day when it is that weekday.
    ['Thursday', { value: '2024-01-18', precision: 'day' }],
    ['Friday', { value: '2024-01-12', precision: 'day' }],
    ['yesterday', { value: '2024-01-17', precision: 'day' }],
    ['today', { value: '2024-01-18', precision: 'day' }],
    ['this morning', { value: '2024-01-18', precision: 'day' }],
    ['tonight', { value: '2024-01-18', precision: 'day' }],
    ['on 16 January', { value: '2024-01-16', precision: 'day' }],
    ['January 16th', { value: '2024-01-16', precision: 'day' }],
    // A day and month after the publication day are from the year before.
    ['3 March', { value: '2023-03-03', precision: 'day' }],
    ['yesterday 14:00', { value: '2024-01-17T09:00:00Z', precision: 'minute' }],
    ['Tuesday 09:30', { value: '2024-01-16T04:30:00Z', precision: 'minute' }],
    ['last week', { value: '2024-01-08', precision: 'day', until: '2024-01-14', untilPrecision: 'day' }],
    ['16-18 January', { value: '2024-01-16', precision: 'day', until: '2024-01-18', untilPrecision: 'day' }],
  ] as const)('%s in a report of Thursday 18 January', (typed, expected) => {
    const result = at(typed);
    expect(result).toMatchObject(expected);
    expect(result.basis).toContain(`'${typed.replace(/(\d)th/, '$1')}' in the Middle East Monitor report published Thursday 18 January 2024 (read in Asia/Karachi)`);
  });

  it('says in the basis what the relative words came to', () => {
    expect(at('Tuesday').basis).toBe("'Tuesday' in the Middle East Monitor report published Thursday 18 January 2024 (read in Asia/Karachi): Tuesday 16 January 2024.");
    expect(at('last week').basis).toMatch(/: Monday 8 January 2024 to Sunday 14 January 2024\.$/);
  });

  it.each([
    ['16-18 Jan 2024', { value: '2024-01-16', precision: 'day', until: '2024-01-18', untilPrecision: 'day' }],
    ['16–18 January 2024', { value: '2024-01-16', precision: 'day', until: '2024-01-18', untilPrecision: 'day' }],
    ['between 16 and 18 January 2024', { value: '2024-01-16', precision: 'day', until: '2024-01-18', untilPrecision: 'day' }],
    ['2024-01-16/2024-01-18', { value: '2024-01-16', precision: 'day', until: '2024-01-18', untilPrecision: 'day' }],
    ['from 16 Jan to 18 Jan 2024', { value: '2024-01-16', precision: 'day', until: '2024-01-18', untilPrecision: 'day' }],
    ['30 Dec - 2 Jan 2024', { value: '2023-12-30', precision: 'day', until: '2024-01-02', untilPrecision: 'day' }],
    ['Jan-Feb 2023', { value: '2023-01', precision: 'month', until: '2023-02', untilPrecision: 'month' }],
    ['2019-2021', { value: '2019', precision: 'year', until: '2021', untilPrecision: 'year' }],
  ] as const)('reads the range %s, with no basis (nothing relative)', (typed, expected) => {
    expect(at(typed)).toEqual(expected);
  });

  it('keeps the plain forms as they were, with no basis', () => {
    expect(at('2024-01-18 11:26')).toEqual({ value: '2024-01-18T06:26:00Z', precision: 'minute' });
    expect(at('18 Jan 2024')).toEqual({ value: '2024-01-18', precision: 'day' });
    expect(at('January 2024')).toEqual({ value: '2024-01', precision: 'month' });
    expect(at('2019')).toEqual({ value: '2019', precision: 'year' });
  });

  it('refuses a range that ends before it starts, or pairs a day with a year, naming the field', () => {
    expect(() => at('18 Jan 2024 - 16 Jan 2024')).toThrow(/\*\*When\*\*: the range ends \(2024-01-16\) before it starts \(2024-01-18\)/);
    expect(() => at('2024-01-16/2025')).toThrow(/\*\*When\*\*: a range cannot pair a day with a year/);
    expect(() => resolveWhen('Tuesday', { now, timeZone: 'UTC', source: mem, field: 'When it was said' })).not.toThrow();
    expect(() => resolveWhen('18-16 Jan 2024', { now, timeZone: 'UTC', source: mem, field: 'When it was said' })).toThrow(/\*\*When it was said\*\*: the range ends/);
  });

  it('reads the publication instant in the story zone: across midnight the day differs', () => {
    // 20:30 UTC on the 17th is 01:30 on the 18th in Karachi.
    const late = { outlet: 'Dawn', publishedAt: '2024-01-17T20:30:00Z', publishedPrecision: 'minute' as const };
    expect(at('yesterday', 'Asia/Karachi', late)).toMatchObject({ value: '2024-01-17' });
    expect(at('yesterday', 'UTC', late)).toMatchObject({ value: '2024-01-16' });
    expect(at('Wednesday', 'Asia/Karachi', late)).toMatchObject({ value: '2024-01-17' });
    expect(at('Wednesday', 'UTC', late)).toMatchObject({ value: '2024-01-17' });
    expect(at('Thursday', 'UTC', late)).toMatchObject({ value: '2024-01-11' });
    expect(at('today', 'Asia/Karachi', late).basis).toContain('published Thursday 18 January 2024 (read in Asia/Karachi)');
    expect(at('today', 'UTC', late).basis).toContain('published Wednesday 17 January 2024 (read in UTC)');
    // A time of day is read in the zone too: 23:30 in Karachi on the 17th is 18:30 UTC.
    expect(at('yesterday 23:30', 'Asia/Karachi', late)).toEqual(expect.objectContaining({ value: '2024-01-17T18:30:00Z', precision: 'minute' }));
    // In New York the report is from the evening of the 17th.
    expect(at('today', 'America/New_York', late)).toMatchObject({ value: '2024-01-17' });
  });

  it('asks for the date when the source has no publication day, and reads plain dates all the same', () => {
    const undated = { outlet: 'Telegram channel' };
    expect(() => at('Tuesday', 'UTC', undated)).toThrow(/\*\*When\*\*: `Tuesday` is worked out from the source's publication day.*\(Telegram channel\) has no publication date\. Type the date itself/);
    expect(() => at('last week', 'UTC', undated)).toThrow(/has no publication date/);
    expect(() => at('16 January', 'UTC', undated)).toThrow(/has no publication date/);
    expect(() => at('yesterday', 'UTC', { outlet: 'Monthly', publishedAt: '2024-01', publishedPrecision: 'month' })).toThrow(/is not dated to one day/);
    expect(at('16-18 Jan 2024', 'UTC', undated)).toEqual({ value: '2024-01-16', precision: 'day', until: '2024-01-18', untilPrecision: 'day' });
    expect(at('16 Jan 2024', 'UTC', undated)).toEqual({ value: '2024-01-16', precision: 'day' });
  });

  it('reads relative words against today when no source applies, and says so', () => {
    expect(resolveWhen('yesterday', { now, timeZone: 'UTC' })).toEqual({
      value: '2024-01-19',
      precision: 'day',
      basis: "'yesterday' read against the day it was entered, Saturday 20 January 2024 (UTC): Friday 19 January 2024.",
    });
  });

  it('refuses "last Tuesday" as ambiguous and the far future', () => {
    expect(() => at('last Tuesday')).toThrow(/ambiguous/);
    expect(() => at('2024-01-22')).toThrow(/more than a day in the future/);
    expect(() => at('20-25 Jan 2024')).toThrow(/more than a day in the future/);
  });

  it('reads the story zone defensively', () => {
    expect(storyTimeZone({ timeZone: 'Asia/Tehran' }, 'UTC')).toBe('Asia/Tehran');
    expect(storyTimeZone({ timeZone: 'Mars/Olympus' }, 'UTC')).toBe('UTC');
    expect(storyTimeZone({}, 'Asia/Karachi')).toBe('Asia/Karachi');
  });
});
