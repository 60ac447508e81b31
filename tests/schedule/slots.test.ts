import { describe, expect, it } from 'vitest';
import { cronPattern, parseDays, planRun, slotsBetween } from '../../src/schedule/slots.js';

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());
const daily8 = cronPattern({ hour: 8, minute: 0 }, 'daily');

describe('schedule slots across time zones and clock changes', () => {
  it('08:00 Europe/London is 08:00 local on both sides of the spring and autumn changes', () => {
    expect(iso(slotsBetween(daily8, 'Europe/London', new Date('2024-03-30T00:00:00Z'), new Date('2024-04-01T23:00:00Z')))).toEqual([
      '2024-03-30T08:00:00.000Z',
      '2024-03-31T07:00:00.000Z',
      '2024-04-01T07:00:00.000Z',
    ]);
    expect(iso(slotsBetween(daily8, 'Europe/London', new Date('2024-10-26T00:00:00Z'), new Date('2024-10-28T23:00:00Z')))).toEqual([
      '2024-10-26T07:00:00.000Z',
      '2024-10-27T08:00:00.000Z',
      '2024-10-28T08:00:00.000Z',
    ]);
  });

  it('08:00 America/New_York follows its own (different) change dates', () => {
    expect(iso(slotsBetween(daily8, 'America/New_York', new Date('2024-03-09T00:00:00Z'), new Date('2024-03-11T23:00:00Z')))).toEqual([
      '2024-03-09T13:00:00.000Z',
      '2024-03-10T12:00:00.000Z',
      '2024-03-11T12:00:00.000Z',
    ]);
  });

  it('a local time that does not exist on the spring-forward day still runs once that day', () => {
    const pattern = cronPattern({ hour: 2, minute: 30 }, 'daily');
    const slots = slotsBetween(pattern, 'America/New_York', new Date('2024-03-09T12:00:00Z'), new Date('2024-03-11T12:00:00Z'));
    expect(iso(slots)).toEqual(['2024-03-10T07:00:00.000Z', '2024-03-11T06:30:00.000Z']);
    const london = slotsBetween(cronPattern({ hour: 1, minute: 30 }, 'daily'), 'Europe/London', new Date('2024-03-31T00:00:00Z'), new Date('2024-03-31T23:59:00Z'));
    expect(london).toHaveLength(1);
  });

  it('a local time that happens twice on the autumn day runs once', () => {
    const slots = slotsBetween(cronPattern({ hour: 1, minute: 30 }, 'daily'), 'Europe/London', new Date('2024-10-27T00:00:00Z'), new Date('2024-10-27T23:00:00Z'));
    expect(iso(slots)).toEqual(['2024-10-27T00:30:00.000Z']);
  });

  it('Asia/Karachi (UTC+5) and Asia/Tehran (UTC+3:30) have no clock changes', () => {
    expect(iso(slotsBetween(daily8, 'Asia/Karachi', new Date('2024-01-17T00:00:00Z'), new Date('2024-01-18T23:00:00Z')))).toEqual([
      '2024-01-17T03:00:00.000Z',
      '2024-01-18T03:00:00.000Z',
    ]);
    expect(iso(slotsBetween(daily8, 'Asia/Tehran', new Date('2024-03-20T00:00:00Z'), new Date('2024-03-22T23:00:00Z')))).toEqual([
      '2024-03-20T04:30:00.000Z',
      '2024-03-21T04:30:00.000Z',
      '2024-03-22T04:30:00.000Z',
    ]);
  });

  it('weekdays and day lists', () => {
    expect(parseDays('weekdays')).toBe('weekdays');
    expect(parseDays('Mon, wed fri')).toEqual([1, 3, 5]);
    expect(parseDays('someday')).toBeUndefined();
    const weekdays = slotsBetween(cronPattern({ hour: 8, minute: 0 }, 'weekdays'), 'UTC', new Date('2024-01-19T00:00:00Z'), new Date('2024-01-23T00:00:00Z'));
    expect(iso(weekdays)).toEqual(['2024-01-19T08:00:00.000Z', '2024-01-22T08:00:00.000Z']);
  });
});

describe('planRun: exactly once per slot, late within the grace window, older slots skipped', () => {
  const schedule = { cron: daily8, timeZone: 'UTC', createdAt: '2024-01-01T00:00:00Z', state: 'active' as const };
  const grace = 2 * 60 * 60 * 1000;

  it('posts a slot that is due, once', () => {
    expect(planRun(schedule, new Date('2024-01-02T08:00:00Z'), grace)).toEqual({ action: 'post', slot: new Date('2024-01-02T08:00:00Z'), late: false, skipped: 1 });
    expect(planRun({ ...schedule, lastSlot: '2024-01-02T08:00:00.000Z' }, new Date('2024-01-02T08:00:30Z'), grace)).toEqual({ action: 'wait' });
  });

  it('posts a slot missed within the grace window late, counting the older ones as skipped', () => {
    const plan = planRun({ ...schedule, lastSlot: '2024-01-01T08:00:00.000Z' }, new Date('2024-01-04T09:30:00Z'), grace);
    expect(plan).toEqual({ action: 'post', slot: new Date('2024-01-04T08:00:00Z'), late: true, skipped: 2 });
  });

  it('skips slots older than the grace window without posting', () => {
    expect(planRun({ ...schedule, lastSlot: '2024-01-01T08:00:00.000Z' }, new Date('2024-01-04T11:00:00Z'), grace)).toEqual({
      action: 'skip',
      slot: new Date('2024-01-04T08:00:00Z'),
      skipped: 3,
    });
  });

  it('after a long outage of a frequent schedule, still finds the latest slot', () => {
    const everyMinute = { ...schedule, cron: '* * * * *', lastSlot: '2024-01-01T00:00:00.000Z' };
    const plan = planRun(everyMinute, new Date('2024-01-03T00:00:30Z'), grace);
    expect(plan).toEqual({ action: 'post', slot: new Date('2024-01-03T00:00:00Z'), late: false, skipped: 2 * 24 * 60 - 1 });
  });

  it('never plans anything for a paused schedule', () => {
    expect(planRun({ ...schedule, state: 'paused' }, new Date('2024-01-02T08:00:00Z'), grace)).toEqual({ action: 'wait' });
  });
});
