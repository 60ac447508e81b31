import { Cron } from 'croner';
import type { Schedule } from '../data/schema.js';

/** When a schedule posts: every day, Monday to Friday, or the listed days. */
export type Days = 'daily' | 'weekdays' | readonly number[];

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Reads `daily`, `weekdays` or a list such as `mon,wed,fri`; undefined when it is none of them. */
export function parseDays(text: string): Days | undefined {
  const typed = text.trim().toLowerCase();
  if (typed === 'daily' || typed === 'every day') return 'daily';
  if (typed === 'weekdays') return 'weekdays';
  const days = typed.split(/[\s,]+/).map((word) => DAY_NAMES.indexOf(word.slice(0, 3) as (typeof DAY_NAMES)[number]));
  return days.length && days.every((day) => day >= 0) ? [...new Set(days)].sort() : undefined;
}

/** `08:00` + days → the five-field cron pattern croner runs in the schedule's zone. */
export function cronPattern(time: { hour: number; minute: number }, days: Days): string {
  const dow = days === 'daily' ? '*' : days === 'weekdays' ? '1-5' : days.join(',');
  return `${time.minute} ${time.hour} * * ${dow}`;
}

export function describeDays(days: Days): string {
  return typeof days === 'string' ? days : days.map((day) => DAY_NAMES[day]).join(',');
}

/** Throws a readable error for a pattern croner refuses (a power user's own cron expression). */
export function checkPattern(pattern: string, timeZone: string): void {
  new Cron(pattern, { timezone: timeZone, paused: true, mode: '5-part' }).stop();
}

/**
 * The slots (instants) of a pattern in a zone after `after` and at or before `until`, oldest first,
 * at most `limit`. croner applies the zone's rules: 08:00 Europe/London is 08:00 local on both sides
 * of a clock change, and a local time that does not exist on a spring-forward day runs once, at the
 * first valid time after it.
 */
export function slotsBetween(pattern: string, timeZone: string, after: Date, until: Date, limit = 1000): Date[] {
  const job = new Cron(pattern, { timezone: timeZone, paused: true, mode: '5-part' });
  const slots: Date[] = [];
  let cursor: Date | null = after;
  while (slots.length < limit && (cursor = job.nextRun(cursor)) && cursor <= until) slots.push(cursor);
  job.stop();
  return slots;
}

/** The latest slot at or before `now`. */
export function latestSlot(pattern: string, timeZone: string, now: Date): Date | undefined {
  const job = new Cron(pattern, { timezone: timeZone, paused: true, mode: '5-part' });
  const [latest] = job.previousRuns(1, new Date(now.getTime() + 1));
  job.stop();
  return latest;
}

export function nextSlot(pattern: string, timeZone: string, after: Date): Date | undefined {
  const job = new Cron(pattern, { timezone: timeZone, paused: true, mode: '5-part' });
  const next = job.nextRun(after) ?? undefined;
  job.stop();
  return next;
}

export type RunPlan =
  | { action: 'wait' }
  /** Post `slot` now; `late` when it is past its time; `skipped` older missed slots. */
  | { action: 'post'; slot: Date; late: boolean; skipped: number }
  /** Every missed slot is older than the grace window: record them as skipped, post nothing. */
  | { action: 'skip'; slot: Date; skipped: number };

/** A post counts as late when it goes out more than this after its slot. */
const LATE_AFTER_MS = 60_000;

/**
 * What a schedule should do at `now`. Only the latest slot since the last one handled can be posted,
 * and only within `graceMs` of its time; older missed slots are counted, never flooded into the channel.
 */
export function planRun(schedule: Pick<Schedule, 'cron' | 'timeZone' | 'lastSlot' | 'createdAt' | 'state'>, now: Date, graceMs: number): RunPlan {
  if (schedule.state !== 'active') return { action: 'wait' };
  const since = new Date(schedule.lastSlot ?? schedule.createdAt);
  const latest = latestSlot(schedule.cron, schedule.timeZone, now);
  if (!latest || latest <= since) return { action: 'wait' };
  // Counted for the record only; a very long outage of a frequent schedule is counted up to the limit.
  const missed = slotsBetween(schedule.cron, schedule.timeZone, since, latest, 10_000).length;
  const age = now.getTime() - latest.getTime();
  if (age > graceMs) return { action: 'skip', slot: latest, skipped: missed };
  return { action: 'post', slot: latest, late: age > LATE_AFTER_MS, skipped: missed - 1 };
}
