import { format } from 'date-fns';
import type { DateBounds } from '../../data/date-range.js';
import { utcDate } from '../../data/dates.js';
import type { Precision } from '../../data/schema.js';
import type { Language } from '../../i18n/messages.js';
import { discordTime, formatPartialDate, plainDate } from './format.js';

/**
 * A record's date for a reader: a single date as `formatPartialDate` writes it, a range as one
 * phrase in the reader's language — "16–18 Jan 2024", "30 Jan – 2 Feb 2024", "Jan–Feb 2024",
 * "2019–2021" (Urdu and Persian with their own month names, digits and range words).
 */
export function formatDateBounds(bounds: DateBounds, language: Language = 'en'): string {
  if (bounds.end === undefined || !bounds.endPrecision) return formatPartialDate(bounds.start, bounds.startPrecision, language);
  const key = `${language}:${bounds.start}/${bounds.end}`;
  let formatted = cache.get(key);
  if (formatted === undefined) {
    if (cache.size >= 20_000) cache.clear();
    cache.set(key, (formatted = formatRange(bounds.start, bounds.startPrecision, bounds.end, bounds.endPrecision, language)));
  }
  return formatted;
}

/** The same in plain text, for places Discord renders no markdown or timestamps (autocomplete, the picture). */
export function plainDateBounds(bounds: DateBounds): string {
  if (bounds.end === undefined || !bounds.endPrecision) return plainDate(bounds.start, bounds.startPrecision);
  if (bounds.startPrecision === 'minute' || bounds.endPrecision === 'minute') {
    return `${plainDate(bounds.start, bounds.startPrecision)} – ${plainDate(bounds.end, bounds.endPrecision)}`;
  }
  return formatDateBounds(bounds, 'en');
}

const cache = new Map<string, string>();

type Calendar = Exclude<Precision, 'minute'>;

function parts(value: string) {
  const [year, month = 1, day = 1] = value.split('-').map(Number) as [number, number?, number?];
  return { year, month, day, date: utcDate(year, month - 1, day) };
}

function formatRange(start: string, startPrecision: Precision, end: string, endPrecision: Precision, language: Language): string {
  if (startPrecision === 'minute' || endPrecision === 'minute') {
    // An instant is a Discord timestamp (each reader's own zone): the two ends are written in full,
    // how long ago said once, after the start.
    const until = endPrecision === 'minute' ? discordTime(end) : formatPartialDate(end, endPrecision, language);
    return `${formatPartialDate(start, startPrecision, language)} – ${until}`;
  }
  if (startPrecision !== endPrecision) {
    return `${formatPartialDate(start, startPrecision, language)} – ${formatPartialDate(end, endPrecision, language)}`;
  }
  const precision: Calendar = startPrecision;
  if (language === 'en') return englishRange(start, end, precision);
  // Urdu and Persian: the platform's (ICU) range formats, on the Gregorian calendar the records use.
  const locale = language === 'fa' ? 'fa-u-ca-gregory' : 'ur-u-ca-gregory';
  const options: Intl.DateTimeFormatOptions =
    precision === 'year' ? { year: 'numeric' } : precision === 'month' ? { month: 'long', year: 'numeric' } : { day: 'numeric', month: 'long', year: 'numeric' };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).formatRange(parts(start).date, parts(end).date);
}

function englishRange(start: string, end: string, precision: Calendar): string {
  const [a, b] = [parts(start), parts(end)];
  const month = (p: ReturnType<typeof parts>) => format(p.date, 'MMM');
  if (precision === 'year') return `${a.year}–${b.year}`;
  if (precision === 'month') {
    return a.year === b.year ? `${month(a)}–${month(b)} ${b.year}` : `${month(a)} ${a.year} – ${month(b)} ${b.year}`;
  }
  if (a.year !== b.year) return `${a.day} ${month(a)} ${a.year} – ${b.day} ${month(b)} ${b.year}`;
  if (a.month !== b.month) return `${a.day} ${month(a)} – ${b.day} ${month(b)} ${b.year}`;
  return `${a.day}–${b.day} ${month(b)} ${b.year}`;
}
