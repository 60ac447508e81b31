import { compareDates, firstDayOf, lastDayOf, precisionOfDate } from './dates.js';
import type { Precision } from './schema.js';

/**
 * When a record is known to have happened (been said, been published): one partial date, or a range
 * between two, each at its own precision. The start is the record's usual date field (`occurredAt` +
 * `precision`, `saidAt` + `precision`, `publishedAt` + `publishedPrecision`); the end is the optional
 * field beside it (`occurredUntil` / `saidUntil` + `untilPrecision`, `publishedUntil` + `publishedUntilPrecision`).
 */
export interface DateBounds {
  start: string;
  startPrecision: Precision;
  end?: string;
  endPrecision?: Precision;
}

const LADDER: readonly Precision[] = ['year', 'month', 'day', 'minute'];

/**
 * The precisions one range may pair: the same, or neighbours on year–month–day–minute. So "2019–2021",
 * "Jan–Feb 2024", "Dec 2023 – 3 Jan 2024", "16 Jan 2024 – 18 Jan 2024 06:26 UTC"; never an instant with a
 * month or a year, nor a day with a year.
 */
export function precisionsMayPair(a: Precision, b: Precision): boolean {
  return Math.abs(LADDER.indexOf(a) - LADDER.indexOf(b)) <= 1;
}

/** The earliest and latest moments a partial date may stand for, as sortable ISO strings (calendar days read in UTC). */
function earliest(value: string): string {
  return precisionOfDate(value) === 'minute' ? normalInstant(value) : `${firstDayOf(value)}T00:00:00.000Z`;
}

function latest(value: string): string {
  return precisionOfDate(value) === 'minute' ? normalInstant(value) : `${lastDayOf(value)}T23:59:59.999Z`;
}

const normalInstant = (value: string) => new Date(value).toISOString();

/**
 * Why `start`..`end` is not a range, or undefined when it is one: the end may not come before the
 * start (neither its earliest nor its latest moment), the two may not be the same date, and the
 * precisions must pair (see `precisionsMayPair`).
 */
export function rangeProblem(start: string, startPrecision: Precision, end: string, endPrecision: Precision): string | undefined {
  if (!precisionsMayPair(startPrecision, endPrecision)) {
    return `a range cannot pair a ${startPrecision} with a ${endPrecision}: give both ends to the year, both to the month or day, or neighbouring precisions`;
  }
  if (start === end) return 'the range starts and ends on the same date: give the date alone';
  if (earliest(end) < earliest(start) || latest(end) < latest(start)) return `the range ends (${end}) before it starts (${start})`;
  return undefined;
}

/**
 * Chronological order by the earliest bound (the start, with `compareDates`'s rule that a date known
 * only to the month sorts after that month's dated records). Tie rule: on the same start, a single
 * date comes before a range, and a range ending sooner before one ending later.
 */
export function compareBounds(a: DateBounds, b: DateBounds): number {
  return compareRanges(a.start, a.end, b.start, b.end);
}

/** `compareBounds` on the stored fields themselves: sorting 100k records makes millions of comparisons, none of which should allocate. */
export function compareRanges(aStart: string, aEnd: string | undefined, bStart: string, bEnd: string | undefined): number {
  const byStart = compareDates(aStart, bStart);
  if (byStart !== 0) return byStart;
  if (aEnd === bEnd) return 0;
  if (aEnd === undefined) return -1;
  if (bEnd === undefined) return 1;
  return compareDates(aEnd, bEnd);
}

/** The first and last calendar day a record may fall on (`YYYY-MM-DD`), for filters by overlap. */
export function calendarSpan(bounds: DateBounds): { first: string; last: string } {
  return { first: firstDayOf(bounds.start), last: lastDayOf(bounds.end ?? bounds.start) };
}

/** True when the record may fall within `from`..`to` (calendar days, either open): it overlaps them. */
export function overlaps(bounds: DateBounds, from?: string, to?: string): boolean {
  const { first, last } = calendarSpan(bounds);
  return (!from || last >= from) && (!to || first <= to);
}

/** The latest moment a record may stand for: its end, or its start when it has none. */
export function latestBound(bounds: DateBounds): { value: string; precision: Precision } {
  return bounds.end !== undefined && bounds.endPrecision ? { value: bounds.end, precision: bounds.endPrecision } : { value: bounds.start, precision: bounds.startPrecision };
}

interface EventDates {
  occurredAt: string;
  precision: Precision;
  occurredUntil?: string;
  untilPrecision?: Precision;
}

interface StatementDates {
  saidAt: string;
  precision: Precision;
  saidUntil?: string;
  untilPrecision?: Precision;
}

interface SourceDates {
  publishedAt?: string;
  publishedPrecision?: Precision;
  publishedUntil?: string;
  publishedUntilPrecision?: Precision;
}

export const eventBounds = (event: EventDates): DateBounds => ({
  start: event.occurredAt,
  startPrecision: event.precision,
  end: event.occurredUntil,
  endPrecision: event.untilPrecision,
});

export const statementBounds = (statement: StatementDates): DateBounds => ({
  start: statement.saidAt,
  startPrecision: statement.precision,
  end: statement.saidUntil,
  endPrecision: statement.untilPrecision,
});

/** A source's publication bounds, or undefined when it is undated. */
export const sourceBounds = (source: SourceDates): DateBounds | undefined =>
  source.publishedAt && source.publishedPrecision
    ? { start: source.publishedAt, startPrecision: source.publishedPrecision, end: source.publishedUntil, endPrecision: source.publishedUntilPrecision }
    : undefined;
