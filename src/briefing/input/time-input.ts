import { TZDate, tz } from '@date-fns/tz';
import { isValid, parse, subDays, subHours, subMinutes, subWeeks } from 'date-fns';
import { isValidCalendarDate, lastDayOf, precisionOfDate } from '../../data/dates.js';
import { UserError } from '../reply/reply.js';

/** A moment from which on something counts as new. */
export interface Since {
  instant: Date;
  /** The calendar day of `instant` in the deployment's zone, for day-precision dates. */
  day: string;
  /** As the person typed it, for replies ("since 7d"). */
  label: string;
}

const RELATIVE = /^(\d{1,4})\s*(m|min|h|d|w)$/i;
const SUBTRACT = { m: subMinutes, min: subMinutes, h: subHours, d: subDays, w: subWeeks } as const;

/** Reads `24h`, `7d`, `2w`, `90m`, `2024-01-17` or `2024-01-17 14:00` (in `timeZone`). */
export function parseSince(text: string, now: Date, timeZone: string): Since {
  const typed = text.trim();
  const relative = RELATIVE.exec(typed);
  let instant: Date | undefined;
  if (relative) {
    const unit = relative[2]!.toLowerCase() as keyof typeof SUBTRACT;
    instant = SUBTRACT[unit](now, Number(relative[1]));
  } else {
    const reference = new TZDate(now.getTime(), timeZone);
    for (const pattern of ['yyyy-MM-dd HH:mm', "yyyy-MM-dd'T'HH:mm", 'yyyy-MM-dd']) {
      const parsed = parse(typed, pattern, reference, { in: tz(timeZone) });
      if (isValid(parsed)) {
        instant = new Date(parsed.getTime());
        break;
      }
    }
  }
  if (!instant) {
    throw new UserError(`I can't read \`${typed}\` as a time. Try \`24h\`, \`7d\`, \`2w\` or a date like \`2024-01-17\`.`);
  }
  return { instant, day: calendarDay(instant, timeZone), label: typed };
}

export function calendarDay(instant: Date, timeZone: string): string {
  const zoned = new TZDate(instant.getTime(), timeZone);
  return `${zoned.getFullYear()}-${String(zoned.getMonth() + 1).padStart(2, '0')}-${String(zoned.getDate()).padStart(2, '0')}`;
}

/** True when something dated `date` (at its precision) may have happened at or after `since`. */
export function isOnOrAfter(date: string, since: Since): boolean {
  if (precisionOfDate(date) === 'minute') return Date.parse(date) >= since.instant.getTime();
  return lastDayOf(date) >= since.day;
}

/** Reads a `from:` / `to:` bound typed as `2024`, `2024-01` or `2024-01-16`. */
export function parseDateBound(text: string, option: string): string {
  const typed = text.trim();
  const precision = precisionOfDate(typed);
  if (!precision || precision === 'minute' || !isValidCalendarDate(typed)) {
    throw new UserError(`\`${option}\` must be a date like \`2024-01-16\`, \`2024-01\` or \`2024\` — not \`${typed}\`.`);
  }
  return typed;
}
