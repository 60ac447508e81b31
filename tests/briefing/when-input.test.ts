import { describe, expect, it } from 'vitest';
import { parseSince } from '../../src/briefing/time-input.js';
import { parseWhen } from '../../src/briefing/when-input.js';

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
