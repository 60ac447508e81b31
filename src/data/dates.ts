import type { Precision } from './schema.js';

const PATTERNS: ReadonlyArray<[Precision, RegExp]> = [
  ['year', /^(\d{4})$/],
  ['month', /^(\d{4})-(\d{2})$/],
  ['day', /^(\d{4})-(\d{2})-(\d{2})$/],
  ['minute', /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?Z$/],
];

/** The precision a partial date is written at, or undefined when it is not one of the four forms. */
export function precisionOfDate(value: string): Precision | undefined {
  return checkedDate(value).precision;
}

/** Dates repeat across a story's records: each distinct one is checked once (the cache is bounded). */
const checkedDates = new Map<string, { precision: Precision | undefined; valid: boolean }>();

function checkedDate(value: string) {
  let checked = checkedDates.get(value);
  if (!checked) {
    if (checkedDates.size >= 50_000) checkedDates.clear();
    const precision = PATTERNS.find(([, pattern]) => pattern.test(value))?.[0];
    checkedDates.set(value, (checked = { precision, valid: precision !== undefined && calendarDateExists(value, precision) }));
  }
  return checked;
}

/** A UTC date from its parts, years 0–99 included (`Date.UTC` and `new Date(y, …)` read those as 1900–1999). */
export function utcDate(year: number, monthIndex: number, day: number, hours = 0, minutes = 0, seconds = 0): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(hours, minutes, seconds);
  return date;
}

/** True when the written month, day and time exist (no 2024-02-30, no 25:00). */
export function isValidCalendarDate(value: string): boolean {
  return checkedDate(value).valid;
}

function calendarDateExists(value: string, precision: Precision): boolean {
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00'] =
    PATTERNS.find(([p]) => p === precision)![1].exec(value)!;
  const utc = utcDate(+year!, +month - 1, +day, +hour, +minute, +second);
  return (
    utc.getUTCFullYear() === +year! &&
    utc.getUTCMonth() === +month - 1 &&
    utc.getUTCDate() === +day &&
    utc.getUTCHours() === +hour &&
    utc.getUTCMinutes() === +minute &&
    utc.getUTCSeconds() === +second
  );
}

/**
 * Chronological order for partial dates. A date known only to the month (or year) comes after the
 * dated events of that month: it happened at some point in it, like a timeline's "undated" entries
 * at the end of a period. Appending "~" (after every digit, "-" and "T") makes plain string order do this.
 */
export function compareDates(a: string, b: string): number {
  if (a === b) return 0;
  // The same as comparing `${a}~` with `${b}~`, without making two strings per comparison (sorting 100k events makes millions).
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) {
    const difference = a.charCodeAt(i) - b.charCodeAt(i);
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  const TILDE = 0x7e;
  return a.length < b.length ? (b.charCodeAt(common) < TILDE ? 1 : -1) : a.charCodeAt(common) < TILDE ? -1 : 1;
}

/** The first calendar day a partial date could be, as `YYYY-MM-DD` (for range filters). */
export function firstDayOf(value: string): string {
  return `${value.slice(0, 10)}${'-01-01'.slice(value.slice(0, 10).length - 4)}`;
}

/** The last calendar day a partial date could be, as `YYYY-MM-DD`. */
export function lastDayOf(value: string): string {
  const precision = precisionOfDate(value);
  if (precision === 'year') return `${value}-12-31`;
  if (precision === 'month') {
    const [year, month] = value.split('-').map(Number) as [number, number];
    const days = utcDate(year, month, 0).getUTCDate();
    return `${value}-${String(days).padStart(2, '0')}`;
  }
  return value.slice(0, 10);
}
