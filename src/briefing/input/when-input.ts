import { TZDate, tz } from '@date-fns/tz';
import { addDays, format, isValid, parse } from 'date-fns';
import { rangeProblem } from '../../data/date-range.js';
import { firstDayOf, isValidCalendarDate, precisionOfDate, utcDate } from '../../data/dates.js';
import type { Precision } from '../../data/schema.js';
import { safe } from '../render/format.js';
import { UserError } from '../reply/reply.js';
import { en } from '../../i18n/en.js';
import type { ModerationMessages } from '../../i18n/messages.js';
import { calendarDay } from './time-input.js';

export interface TypedDate {
  /** A partial date: `2024`, `2024-01`, `2024-01-18`, or a UTC instant for minute precision. */
  value: string;
  precision: Precision;
}

/** A "when" as a form stores it: a date or a range, and how relative words in it were worked out. */
export interface WorkedOutDate extends TypedDate {
  /** The end of a range (`value` is its start). */
  until?: string;
  untilPrecision?: Precision;
  /** How the date was worked out, when the text was relative ("Tuesday", "yesterday", "16 January"); absent for a plain date. */
  basis?: string;
}

/** The chosen source, whose publication day relative words are read against. */
export interface ReferenceSource {
  outlet: string;
  publishedAt?: string;
  publishedPrecision?: Precision;
  publishedUntil?: string;
}

export interface WhenOptions {
  now: Date;
  /** The story's zone (see `storyTimeZone`): calendar days and times of day are read in it. */
  timeZone: string;
  /**
   * The source the form is about. Given: relative words are read against its publication day, and
   * refused when it has none to the day. Absent (no source applies): against today.
   */
  source?: ReferenceSource;
  /** The form field's label, for refusals. */
  field?: string;
  /** The refusals' words, in the moderator's language (English when absent). */
  refusals?: WhenRefusals;
}

export type WhenRefusals = Pick<ModerationMessages, 'unreadableDate' | 'futureDate' | 'undatedSource' | 'ambiguousWeekday' | 'badRange'>;

/** Patterns with a time of day, read in the zone and stored as UTC instants. */
const WITH_TIME = ['yyyy-MM-dd HH:mm', "yyyy-MM-dd'T'HH:mm", 'd MMM yyyy HH:mm', 'd MMMM yyyy HH:mm', 'MMM d yyyy HH:mm', 'MMMM d, yyyy HH:mm', 'MMMM d, yyyy h:mm a'];
/** Calendar dates, kept as calendar values (never midnight UTC). */
const DAY = ['yyyy-MM-dd', 'd MMM yyyy', 'd MMMM yyyy', 'MMM d yyyy', 'MMM d, yyyy', 'MMMM d yyyy', 'MMMM d, yyyy'];
const MONTH = ['yyyy-MM', 'MMM yyyy', 'MMMM yyyy'];
/** A day and month with no year ("16 January"): the year comes from the reference day. */
const DAY_NO_YEAR = ['d MMM', 'd MMMM', 'MMM d', 'MMMM d'];

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const RELATIVE_DAY = new RegExp(
  `^(?:on )?(today|yesterday|this morning|this afternoon|this evening|tonight|${WEEKDAYS.join('|')})(?:,? (?:at )?(\\d{1,2}):(\\d{2}))?$`,
  'i',
);

const EXAMPLES =
  '`2024-01-18 11:26`, `18 Jan 2024`, `January 2024`, `2024`, `Tuesday`, `yesterday 14:00`, `last week`, `on 16 January` or a range like `16-18 Jan 2024`';

/** A story's own zone when its record has a valid one, else the deployment's (SITREP_TIMEZONE). */
export function storyTimeZone(story: object, fallback: string): string {
  const zone = (story as { timeZone?: unknown }).timeZone;
  if (typeof zone !== 'string' || !zone) return fallback;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return fallback;
  }
}

/**
 * Reads a date as a person types it, in `timeZone`, relative words against today; the precision
 * follows from what was typed. A single date only (a range is refused). Refuses dates more than a day in the future.
 */
export function parseWhen(text: string, now: Date, timeZone: string): TypedDate {
  const { value, precision, until } = resolveWhen(text, { now, timeZone });
  if (until !== undefined) throw new UserError(`Give one date here, not a range (\`${text.trim()}\`).`);
  return { value, precision };
}

/** What the reference day is, and how a basis names it. */
interface Anchor {
  day: string;
  describe: (typed: string) => string;
}

/**
 * Reads a form's "when": an absolute date or range, or relative words worked out against the chosen
 * source's publication day in the story's zone, with the basis that says how.
 *
 * - "Tuesday" / "on Tuesday": the most recent Tuesday on or before the reference day (the same day when
 *   it is a Tuesday). "last Tuesday" is refused as ambiguous.
 * - "today", "this morning/afternoon/evening", "tonight": the reference day; "yesterday": the day before;
 *   any of them (and a weekday) may carry a time: "yesterday 14:00".
 * - "last week": the Monday–Sunday week before the reference day's week, as a range of days.
 * - "16 January", "on 16 January": the latest 16 January on or before the reference day.
 * - Ranges: "16-18 Jan 2024", "16–18 January", "between 16 and 18 January 2024", "Jan–Feb 2024",
 *   "2019-2021", "2024-01-16/2024-01-18", "from … to …"; the start borrows the month and year it leaves out from the end.
 */
export function resolveWhen(text: string, options: WhenOptions): WorkedOutDate {
  const typed = text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\b(\d{1,2})(?:st|nd|rd|th)\b/gi, '$1');
  const field = options.field ?? 'When';
  const anchor = anchorOf(options, field, typed);
  const reader = new Reader(options, anchor);
  const result = reader.single(typed) ?? reader.range(typed);
  const refusals = options.refusals ?? en.moderation;
  if (!result) throw new UserError(refusals.unreadableDate(field, typed, EXAMPLES));
  const latest = result.until !== undefined ? { value: result.until, precision: result.untilPrecision! } : result;
  const tomorrow = addDays(options.now, 1);
  const tooLate =
    latest.precision === 'minute' ? new Date(latest.value) > tomorrow : firstDayOf(latest.value) > calendarDay(tomorrow, options.timeZone);
  if (tooLate) throw new UserError(refusals.futureDate(field, typed));
  if (!reader.usedAnchor) return result;
  const basis = `${anchor().describe(typed)}: ${describe(result, options.timeZone)}.`;
  return { ...result, basis: basis.length > 500 ? `${basis.slice(0, 499)}…` : basis };
}

/** The reference day, computed (or refused) only when relative words need it. */
function anchorOf(options: WhenOptions, field: string, typed: string): () => Anchor {
  const { source, timeZone, now } = options;
  return () => {
    const published = (day: string) => format(dayDate(day), 'EEEE d MMMM yyyy');
    if (!source) {
      const day = calendarDay(now, timeZone);
      return { day, describe: (typed) => `'${typed}' read against the day it was entered, ${published(day)} (${timeZone})` };
    }
    const precision = source.publishedPrecision;
    if (!source.publishedAt || (precision !== 'day' && precision !== 'minute') || source.publishedUntil !== undefined) {
      throw new UserError((options.refusals ?? en.moderation).undatedSource(field, typed, safe(source.outlet), Boolean(source.publishedAt)));
    }
    const day = precision === 'minute' ? calendarDay(new Date(source.publishedAt), timeZone) : source.publishedAt;
    return {
      day,
      describe: (typed) => `'${typed}' in the ${source.outlet} report published ${published(day)} (read in ${timeZone})`,
    };
  };
}

class Reader {
  usedAnchor = false;
  constructor(
    private readonly options: WhenOptions,
    private readonly anchorFor: () => Anchor,
  ) {}

  private anchorDay(): string {
    this.usedAnchor = true;
    return this.anchorFor().day;
  }

  /** A range typed in one of its forms, or undefined when the text is not one. */
  range(typed: string): WorkedOutDate | undefined {
    const usedBefore = this.usedAnchor;
    for (const [start, end] of splits(typed)) {
      this.usedAnchor = usedBefore;
      const last = this.single(end);
      if (!last || last.until !== undefined) continue;
      // A start with no year of its own takes the end's ("30 Dec – 2 Jan 2024": the December before).
      const from = (/\d{4}/.test(start) ? undefined : this.borrowing(start, last)) ?? this.single(start);
      if (!from || from.until !== undefined) continue;
      const problem = rangeProblem(from.value, from.precision, last.value, last.precision);
      if (problem) throw new UserError((this.options.refusals ?? en.moderation).badRange(this.options.field ?? 'When', problem));
      return { value: from.value, precision: from.precision, until: last.value, untilPrecision: last.precision };
    }
    return undefined;
  }

  /** The start of a range completed from its end: "16" in the end's month, "16 Jan" or "Jan" in the end's year. */
  private borrowing(start: string, end: TypedDate): WorkedOutDate | undefined {
    if (end.precision === 'year' || end.precision === 'minute') return undefined;
    const year = Number(end.value.slice(0, 4));
    if (/^\d{1,2}$/.test(start)) {
      if (end.precision !== 'day') return undefined;
      const value = `${end.value.slice(0, 8)}${start.padStart(2, '0')}`;
      return isValidCalendarDate(value) ? { value, precision: 'day' } : undefined;
    }
    for (const candidate of [year, year - 1]) {
      const found = readPattern(`${start} ${candidate}`, end.precision === 'day' ? DAY : MONTH, this.options, end.precision);
      if (found && found.value <= end.value) return found;
    }
    return undefined;
  }

  /** One date: absolute, or relative to the reference day. */
  single(typed: string): WorkedOutDate | undefined {
    const text = typed.replace(/^on /i, '');
    const { now, timeZone } = this.options;
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
      const instant = new Date(text);
      return isValid(instant) ? minute(instant) : undefined;
    }
    if (/^last (sunday|monday|tuesday|wednesday|thursday|friday|saturday)$/i.test(text)) {
      throw new UserError((this.options.refusals ?? en.moderation).ambiguousWeekday(this.options.field ?? 'When', text));
    }
    if (/^last week$/i.test(text)) {
      const day = dayDate(this.anchorDay());
      const monday = addDays(day, -((day.getUTCDay() + 6) % 7) - 7);
      return { value: isoDay(monday), precision: 'day', until: isoDay(addDays(monday, 6)), untilPrecision: 'day' };
    }
    const relative = RELATIVE_DAY.exec(text);
    if (relative) {
      const word = relative[1]!.toLowerCase();
      const reference = dayDate(this.anchorDay());
      const weekday = WEEKDAYS.indexOf(word);
      const back = word === 'yesterday' ? 1 : weekday >= 0 ? (reference.getUTCDay() - weekday + 7) % 7 : 0;
      const day = isoDay(addDays(reference, -back));
      if (relative[2] === undefined) return { value: day, precision: 'day' };
      return readPattern(`${day} ${relative[2].padStart(2, '0')}:${relative[3]}`, ['yyyy-MM-dd HH:mm'], this.options, 'minute');
    }
    if (/^\d{4}$/.test(text)) return { value: text, precision: 'year' };
    const absolute =
      readPattern(text.replace(/ UTC$/i, ''), WITH_TIME, { now, timeZone: / UTC$/i.test(text) ? 'UTC' : timeZone }, 'minute') ??
      readPattern(text, DAY, this.options, 'day') ??
      readPattern(text, MONTH, this.options, 'month');
    if (absolute) return absolute;
    if (DAY_NO_YEAR.some((pattern) => isValid(parse(text, pattern, new Date(2024, 0, 1))))) {
      // "16 January": the latest one on or before the reference day.
      const reference = this.anchorDay();
      for (const year of [Number(reference.slice(0, 4)), Number(reference.slice(0, 4)) - 1]) {
        const found = readPattern(`${text} ${year}`, DAY, this.options, 'day');
        if (found && found.value <= reference) return found;
      }
    }
    return undefined;
  }
}

/** The ways a range is split into its two ends, most specific first. */
function splits(typed: string): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const add = (match: RegExpExecArray | null) => {
    if (match) found.push([match[1]!.trim(), match[2]!.trim()]);
  };
  add(/^between (.+?) and (.+)$/i.exec(typed));
  add(/^from (.+?) (?:to|until|till) (.+)$/i.exec(typed));
  add(/^(\S+?)\s*\/\s*(\S+)$/.exec(typed));
  add(/^(.+?)\s*[–—]\s*(.+)$/.exec(typed));
  add(/^(.+?) (?:to|until|till|-) (.+)$/i.exec(typed));
  add(/^(\d{1,2}|\d{4}|[a-z]+)-(.+)$/i.exec(typed));
  add(/^(\d{1,2} [a-z]+)-(.+)$/i.exec(typed));
  return found;
}

function readPattern(typed: string, patterns: string[], options: Pick<WhenOptions, 'now' | 'timeZone'>, precision: Precision): TypedDate | undefined {
  const { now, timeZone } = options;
  const reference = new TZDate(now.getTime(), timeZone);
  for (const pattern of patterns) {
    const parsed = parse(typed, pattern, reference, { in: tz(timeZone) });
    if (!isValid(parsed)) continue;
    if (precision === 'minute') return minute(parsed);
    const zoned = new TZDate(parsed.getTime(), timeZone);
    const day = `${zoned.getFullYear()}-${String(zoned.getMonth() + 1).padStart(2, '0')}-${String(zoned.getDate()).padStart(2, '0')}`;
    const value = precision === 'month' ? day.slice(0, 7) : day;
    if (precisionOfDate(value) === precision && isValidCalendarDate(value)) return { value, precision };
  }
  return undefined;
}

function minute(instant: Date): TypedDate {
  return { value: `${new Date(instant.getTime()).toISOString().slice(0, 16)}:00Z`, precision: 'minute' };
}

/** A calendar day as a date in UTC (for weekday arithmetic and formatting that no zone can shift). */
function dayDate(day: string): TZDate {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new TZDate(utcDate(year, month - 1, date).getTime(), 'UTC');
}

const isoDay = (date: Date) => new Date(date.getTime()).toISOString().slice(0, 10);

/** A worked-out date in words, for the basis: "Tuesday 16 January 2024", "Monday 8 January 2024 to Sunday 14 January 2024". */
function describe(date: WorkedOutDate, timeZone: string): string {
  const one = (value: string, precision: Precision) => {
    if (precision === 'minute') return `${format(new TZDate(Date.parse(value), timeZone), 'EEEE d MMMM yyyy HH:mm')} (${timeZone})`;
    if (precision === 'day') return format(dayDate(value), 'EEEE d MMMM yyyy');
    if (precision === 'month') return format(dayDate(`${value}-01`), 'MMMM yyyy');
    return value;
  };
  const first = one(date.value, date.precision);
  return date.until !== undefined ? `${first} to ${one(date.until, date.untilPrecision!)}` : first;
}
