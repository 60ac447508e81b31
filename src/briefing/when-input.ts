import { TZDate, tz } from '@date-fns/tz';
import { addDays, isValid, parse } from 'date-fns';
import { firstDayOf, isValidCalendarDate, precisionOfDate } from '../data/dates.js';
import type { Precision } from '../data/schema.js';
import { UserError } from './reply.js';
import { calendarDay } from './time-input.js';

export interface TypedDate {
  /** A partial date: `2024`, `2024-01`, `2024-01-18`, or a UTC instant for minute precision. */
  value: string;
  precision: Precision;
}

/** Patterns with a time of day, read in the server's zone and stored as UTC instants. */
const WITH_TIME = ['yyyy-MM-dd HH:mm', "yyyy-MM-dd'T'HH:mm", 'd MMM yyyy HH:mm', 'd MMMM yyyy HH:mm', 'MMM d yyyy HH:mm', 'MMMM d, yyyy HH:mm', 'MMMM d, yyyy h:mm a'];
/** Calendar dates, kept as calendar values (never midnight UTC). */
const DAY = ['yyyy-MM-dd', 'd MMM yyyy', 'd MMMM yyyy', 'MMM d yyyy', 'MMM d, yyyy', 'MMMM d yyyy', 'MMMM d, yyyy'];
const MONTH = ['yyyy-MM', 'MMM yyyy', 'MMMM yyyy'];

const EXAMPLES = '`2024-01-18 11:26`, `18 Jan 2024`, `January 2024`, `2024`, `yesterday 14:00` or `2024-01-18T06:26:00Z`';

/**
 * Reads a date as a person types it, in `timeZone`; the precision follows from what was typed.
 * Refuses dates more than a day in the future.
 */
export function parseWhen(text: string, now: Date, timeZone: string): TypedDate {
  const typed = text.trim().replace(/\s+/g, ' ');
  const result = readWhen(typed, now, timeZone);
  if (!result) throw new UserError(`I can't read \`${typed}\` as a date. Try ${EXAMPLES}.`);
  const tomorrow = addDays(now, 1);
  const tooLate =
    result.precision === 'minute'
      ? new Date(result.value) > tomorrow
      : firstDayOf(result.value) > calendarDay(tomorrow, timeZone);
  if (tooLate) throw new UserError(`\`${typed}\` is more than a day in the future.`);
  return result;
}

function readWhen(typed: string, now: Date, timeZone: string): TypedDate | undefined {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(typed)) {
    const instant = new Date(typed);
    return isValid(instant) ? minute(instant) : undefined;
  }
  const relative = /^(today|yesterday)(?: (\d{1,2}):(\d{2}))?$/i.exec(typed);
  if (relative) {
    const day = calendarDay(relative[1]!.toLowerCase() === 'yesterday' ? addDays(now, -1) : now, timeZone);
    if (relative[2] === undefined) return { value: day, precision: 'day' };
    return readPattern(`${day} ${relative[2].padStart(2, '0')}:${relative[3]}`, ['yyyy-MM-dd HH:mm'], now, timeZone, 'minute');
  }
  if (/^\d{4}$/.test(typed)) return { value: typed, precision: 'year' };
  return (
    readPattern(typed, WITH_TIME, now, timeZone, 'minute') ??
    readPattern(typed, DAY, now, timeZone, 'day') ??
    readPattern(typed, MONTH, now, timeZone, 'month')
  );
}

function readPattern(typed: string, patterns: string[], now: Date, timeZone: string, precision: Precision): TypedDate | undefined {
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
