import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { faIR } from 'date-fns/locale/fa-IR';
import type { Language } from '../../i18n/messages.js';
import type { Precision } from '../../data/schema.js';
import { utcDate } from '../../data/dates.js';

/** A Discord timestamp tag: each reader sees the instant in their own zone. */
export function discordTime(instant: Date | string): string {
  return `<t:${Math.floor(new Date(instant).getTime() / 1000)}:f>`;
}

/**
 * A record's known instant: the date and time in the reader's own zone, then how long ago
 * ("18 January 2024 08:26 (2 years ago)"), both Discord timestamp tags — Discord keeps the relative
 * part current. Only instants: a day, month or year stays a calendar value (`formatPartialDate`).
 */
export function discordInstant(instant: Date | string): string {
  const seconds = Math.floor(new Date(instant).getTime() / 1000);
  return `<t:${seconds}:f> (<t:${seconds}:R>)`;
}

/**
 * A date at its precision, for a Discord message. A known instant becomes Discord timestamps (the
 * time and how long ago) so each reader sees it in their own zone; a calendar date stays a calendar
 * date (never midnight UTC, never a timestamp).
 */
export function formatPartialDate(value: string, precision: Precision, language: Language = 'en'): string {
  if (precision === 'minute') return discordInstant(value);
  // Calendar dates repeat across a story's events and formatting is the costliest step of a long
  // timeline, so each distinct one is formatted once per language (the cache is bounded).
  const key = `${language}:${value}`;
  let formatted = calendarCache.get(key);
  if (formatted === undefined) {
    if (calendarCache.size >= 20_000) calendarCache.clear();
    calendarCache.set(key, (formatted = formatCalendarDate(value, precision, language)));
  }
  return formatted;
}

const calendarCache = new Map<string, string>();
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** Day, month and year as calendar values, in the reader's language: never via midnight UTC in some zone. */
function formatCalendarDate(value: string, precision: Exclude<Precision, 'minute'>, language: Language): string {
  const [year, month = 1, day = 1] = value.split('-').map(Number) as [number, number?, number?];
  const calendar = new TZDate(utcDate(year, month - 1, day).getTime(), 'UTC');
  if (language === 'ur') {
    // date-fns has no Urdu locale; the platform's (ICU) calendar names are used instead.
    const options: Intl.DateTimeFormatOptions =
      precision === 'year' ? { year: 'numeric' } : precision === 'month' ? { month: 'long', year: 'numeric' } : { day: 'numeric', month: 'long', year: 'numeric' };
    return new Intl.DateTimeFormat('ur', { ...options, timeZone: 'UTC' }).format(calendar);
  }
  if (language === 'fa') {
    const persian = format(calendar, precision === 'year' ? 'yyyy' : precision === 'month' ? 'MMMM yyyy' : 'd MMMM yyyy', { locale: faIR });
    return persian.replace(/\d/g, (digit) => PERSIAN_DIGITS[Number(digit)]!);
  }
  if (precision === 'year') return String(year);
  if (precision === 'month') return format(calendar, 'MMMM yyyy');
  return format(calendar, 'd MMM yyyy');
}

/** An instant as a wall-clock time in a zone, in plain text ("18 Jan 2024 08:00 (Asia/Karachi)"): for names Discord does not render. */
export function formatInTimeZone(instant: Date, timeZone: string): string {
  return `${format(new TZDate(instant.getTime(), timeZone), 'd MMM yyyy HH:mm')} (${timeZone})`;
}

/** A date at its precision in plain text, for places Discord does not render markdown (autocomplete). */
export function plainDate(value: string, precision: Precision): string {
  if (precision !== 'minute') return formatPartialDate(value, precision);
  return `${value.slice(0, 10)} ${value.slice(11, 16)} UTC`;
}

/** `[1][3]` for the given source numbers, in order. */
export function citation(numbers: Iterable<number>): string {
  return [...new Set(numbers)]
    .sort((a, b) => a - b)
    .map((n) => `[${n}]`)
    .join('');
}

const INLINE_MARKDOWN = /[\\*_~`|[\]<]/g;
const LINE_MARKDOWN = /^(\s*)([>#-])/gm;
const NUMBERED_LIST = /^(\s*\d+)\./gm;

/**
 * Stored text made inert for Discord markdown, in one pass: no emphasis, code, spoiler, heading,
 * quote, list or subtext, no masked link (`[text](url)`) and no mention or timestamp tag. Escaped
 * characters still read as typed. (discord.js's escapeMarkdown does the same in many passes and
 * was the slowest step of rendering a long page.)
 */
export function safe(text: string): string {
  // Directional controls first: dropping a stray closer can bring markdown to the start of a line.
  return closeBidi(text).replace(INLINE_MARKDOWN, '\\$&').replace(LINE_MARKDOWN, '$1\\$2').replace(NUMBERED_LIST, '$1\\.');
}

const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** LRE, RLE, LRO, RLO open an embedding or override, closed by PDF (U+202C). */
const EMBEDDING_OPENERS = new Set(['\u202A', '\u202B', '\u202D', '\u202E']);
const PDF = '\u202C';
/** LRI, RLI, FSI open an isolate, closed by PDI (U+2069). */
const ISOLATE_OPENERS = new Set(['\u2066', '\u2067', '\u2068']);
const PDI = '\u2069';
/** Where a bidi paragraph ends (class B), and every open embedding with it. */
const PARAGRAPH_END = new Set(['\n', '\r', '\u001C', '\u001D', '\u001E', '\u0085', '\u2029']);

/**
 * Stored text with its directional controls closed: every embedding, override or isolate it opens
 * (U+202A–202E, U+2066–2069) is closed before its line ends and at its end, and a closer that closes
 * nothing it opened is dropped — so it cannot reverse what follows it (a citation "[1]" read
 * backwards), leak out of the isolate a right-to-left reply puts it in, or disguise an autocomplete
 * choice. Text without such controls comes back as it is. Matching follows the Unicode
 * Bidirectional Algorithm: PDF closes only an embedding opened inside the innermost isolate, PDI
 * closes the innermost isolate and every embedding inside it.
 */
export function closeBidi(text: string): string {
  if (!BIDI_CONTROL.test(text)) return text;
  let out = '';
  const open: Array<'embedding' | 'isolate'> = [];
  const closeAll = () => {
    while (open.length) out += open.pop() === 'isolate' ? PDI : PDF;
  };
  for (const ch of text) {
    if (EMBEDDING_OPENERS.has(ch)) {
      open.push('embedding');
      out += ch;
    } else if (ISOLATE_OPENERS.has(ch)) {
      open.push('isolate');
      out += ch;
    } else if (ch === PDF) {
      if (open.at(-1) === 'embedding') {
        open.pop();
        out += ch;
      }
    } else if (ch === PDI) {
      const isolate = open.lastIndexOf('isolate');
      if (isolate >= 0) {
        while (open.length > isolate + 1) out += open.pop() === 'isolate' ? PDI : PDF;
        open.pop();
        out += ch;
      }
    } else if (PARAGRAPH_END.has(ch)) {
      closeAll();
      out += ch;
    } else {
      out += ch;
    }
  }
  closeAll();
  return out;
}
