/**
 * Dates in a report: every relative or partial date ("on Tuesday", "yesterday", "this morning", "last week",
 * "on 16 January", "in 2019", "Tuesday's strike") worked out against the report's publication day in the
 * story's zone with `resolveWhen` (src/briefing/input/when-input.ts), the basis kept. And a statement's date: the
 * date its sentence gives the saying; else, bounded by the last recent date the report mentioned before it
 * and the report's day (a range); else the report's day.
 */
import { UserError } from '../briefing/reply/reply.js';
import { resolveWhen, type ReferenceSource, type WorkedOutDate } from '../briefing/input/when-input.js';
import type { Precision } from '../data/schema.js';

export interface FoundDate {
  /** The words as the report has them. */
  text: string;
  paragraph: number;
  /** Offset in the paragraph. */
  at: number;
  /** "Tuesday's strike": the date of something else, a lower bound for what is said after it. */
  possessive: boolean;
  /** Inside a quotation: the speaker's words ("by Monday"), never the date of the saying. */
  inQuote?: boolean;
  value?: string;
  precision?: Precision;
  until?: string;
  untilPrecision?: Precision;
  basis?: string;
  /** Why it could not be worked out (an undated report, an ambiguous "last Tuesday"). */
  problem?: string;
}

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const ORD = '(?:st|nd|rd|th)?';
const POSS = "(?:['’]s)?";
const PATTERNS = [
  `(?:between|from) \\d{1,2}${ORD}(?: ${MONTH})? (?:and|to|until) \\d{1,2}${ORD} ${MONTH}(?:,? \\d{4})?`,
  `\\d{1,2}${ORD}\\s?[-–]\\s?\\d{1,2}${ORD} ${MONTH}(?:,? \\d{4})?`,
  `(?:on |since |from |until |by )?\\d{1,2}${ORD} (?:of )?${MONTH}(?:,? \\d{4})?${POSS}`,
  `(?:on |since |from |until |by )?${MONTH} \\d{1,2}${ORD}(?:,? \\d{4})?(?!\\d)${POSS}`,
  `(?:in |since |from |until |by )?${MONTH} \\d{4}`,
  `\\b(?:in|since|until|by|during|from) (?:19|20)\\d{2}\\b`,
  `(?:(?:on|last|this|next|by) )?${WEEKDAY}${POSS}(?: (?:morning|afternoon|evening|night))?`,
  `(?:yesterday|today|tonight)${POSS}`,
  `this (?:morning|afternoon|evening)${POSS}`,
  `last week${POSS}`,
  `earlier this week`,
];
const FUTURE_CUE = /\b(?:will|would|is expected to|are expected to|is due to|are due to|plans to|is set to|are set to|next)\b[^.;]{0,60}$/i;
const DATE = new RegExp(`\\b(?:${PATTERNS.join('|')})`, 'giu');

export interface DateContext {
  now: Date;
  timeZone: string;
  /** The report itself, as the source relative words are read against. */
  source: ReferenceSource;
}

function normalise(text: string): { typed: string; possessive: boolean } {
  const possessive = /['’]s$/.test(text);
  let typed = text.replace(/['’]s$/, '').replace(/\b(?:since|from|until|by|during|of)\s+/gi, '').replace(/^in\s+/i, '');
  typed = typed.replace(/\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) (?:morning|afternoon|evening|night)$/i, '$1');
  typed = typed.replace(/^this (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/i, '$1');
  typed = typed.replace(/(\d)\s?[–-]\s?(\d)/, '$1-$2').replace(/\.(?=\s|$)/g, '');
  return { typed: typed.trim(), possessive };
}

/** Every date the paragraphs mention, worked out where it can be. */
export function findDates(
  paragraphs: ReadonlyArray<{ index: number; text: string; quotes?: ReadonlyArray<{ open: number; close: number }> }>,
  context: DateContext,
): FoundDate[] {
  const found: FoundDate[] = [];
  for (const paragraph of paragraphs) {
    for (const match of paragraph.text.matchAll(DATE)) {
      const text = match[0].trim();
      if (/^next /i.test(text)) continue;
      const { typed, possessive } = normalise(text);
      const inQuote = paragraph.quotes?.some((quote) => match.index > quote.open && match.index < quote.close) ?? false;
      const base = { text, paragraph: paragraph.index, at: match.index, possessive, ...(inQuote ? { inQuote } : {}) };
      try {
        if (/^earlier this week$/i.test(typed)) {
          // From the Monday of the report's week to the day before it.
          const monday = resolveWhen('Monday', { now: context.now, timeZone: context.timeZone, source: context.source, field: 'Date' });
          const yesterday = resolveWhen('yesterday', { now: context.now, timeZone: context.timeZone, source: context.source, field: 'Date' });
          if (monday.value >= yesterday.value) found.push({ ...base, ...dateFields(yesterday), basis: `'${text}': the day before the report.` });
          else found.push({ ...base, value: monday.value, precision: 'day', until: yesterday.value, untilPrecision: 'day', basis: `'${text}' in the ${context.source.outlet} report: ${monday.value} to ${yesterday.value}.` });
          continue;
        }
        const worked = resolveWhen(typed, { now: context.now, timeZone: context.timeZone, source: context.source, field: 'Date' });
        const weekday = /^(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/i.test(typed);
        const future = weekday && (/^by /i.test(text) || FUTURE_CUE.test(paragraph.text.slice(Math.max(0, match.index - 80), match.index)));
        const reportDay = context.source.publishedAt?.slice(0, 10);
        if (future && reportDay && worked.value < reportDay) {
          // "will travel on Saturday", "by Monday": the next one, not the last.
          const next = new Date(Date.parse(`${worked.value}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
          found.push({ ...base, value: next, precision: 'day', basis: `'${text}' looks ahead in the ${context.source.outlet} report of ${reportDay}: the next ${typed.replace(/^on /i, '')}, ${next}.` });
          continue;
        }
        found.push({ ...base, ...dateFields(worked) });
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        found.push({ ...base, problem: plain(error.message) });
      }
    }
  }
  return found;
}

const plain = (message: string) => message.replace(/\*\*|`/g, '').replace(/ Nothing was saved\.?/, '');

function dateFields(worked: WorkedOutDate) {
  return {
    value: worked.value,
    precision: worked.precision,
    ...(worked.until !== undefined ? { until: worked.until, untilPrecision: worked.untilPrecision } : {}),
    ...(worked.basis ? { basis: worked.basis } : {}),
  };
}

export interface SaidDate {
  saidAt?: string;
  precision?: Precision;
  saidUntil?: string;
  untilPrecision?: Precision;
  dateBasis?: string;
  problem?: string;
}

/** Days between two calendar days (b − a). */
const daysBetween = (a: string, b: string) => (Date.parse(`${b.slice(0, 10)}T00:00:00Z`) - Date.parse(`${a.slice(0, 10)}T00:00:00Z`)) / 86_400_000;

/**
 * When a quote was said: a date in its own sentence (not a possessive one); else the range from the last date
 * within a week before the report that the report mentioned before it up to the report's day; else the report's day.
 */
export function saidDate(
  dates: readonly FoundDate[],
  where: { paragraph: number; sentenceStart: number; sentenceEnd: number },
  report: { outlet: string; day?: string },
): SaidDate {
  const said = dates.filter((date) => !date.inQuote);
  const inSentence = said.filter((date) => date.paragraph === where.paragraph && date.at >= where.sentenceStart && date.at < where.sentenceEnd);
  const own = inSentence.find((date) => !date.possessive && !(date.value && report.day && date.value > report.day));
  if (own) {
    if (own.problem || !own.value) return { problem: own.problem ?? `'${own.text}' could not be worked out` };
    return {
      saidAt: own.value,
      precision: own.precision,
      ...(own.until !== undefined ? { saidUntil: own.until, untilPrecision: own.untilPrecision } : {}),
      dateBasis: own.basis ?? `'${own.text}' in the ${report.outlet} report.`,
    };
  }
  if (!report.day) return { problem: 'The report has no publication date: give it one (--published) to date what it says.' };
  // Earlier in the same paragraph, the occasion goes on ("told parliament yesterday … 'Our farmers cannot wait,' he said").
  const sameParagraph = said.filter((date) => date.paragraph === where.paragraph && date.at < where.sentenceStart && !date.possessive && date.value && !(report.day && date.value > report.day)).at(-1);
  if (sameParagraph?.value) {
    return {
      saidAt: sameParagraph.value,
      precision: sameParagraph.precision,
      ...(sameParagraph.until !== undefined ? { saidUntil: sameParagraph.until, untilPrecision: sameParagraph.untilPrecision } : {}),
      dateBasis: `'${sameParagraph.text}' earlier in the same paragraph${sameParagraph.basis ? ` (${sameParagraph.basis.replace(/\.$/, '')})` : ''}.`,
    };
  }
  // Else the last event the report dated before it ("Tuesday's strike") bounds it from below; the report's day from above.
  const earlier = said.filter(
    (date) =>
      date.possessive &&
      (date.paragraph < where.paragraph || (date.paragraph === where.paragraph && date.at < where.sentenceEnd)) &&
      date.value &&
      date.precision !== 'year' &&
      date.precision !== 'month' &&
      daysBetween(date.value, report.day!) >= 0 &&
      daysBetween(date.value, report.day!) <= 7,
  );
  const last = earlier.at(-1);
  if (last && last.value && last.value.slice(0, 10) < report.day) {
    const from = last.precision === 'minute' ? last.value.slice(0, 10) : last.value;
    return {
      saidAt: from,
      precision: 'day',
      saidUntil: report.day,
      untilPrecision: 'day',
      dateBasis: `Not dated in the report: said after '${last.text}' (${from}) and no later than the ${report.outlet} report of ${report.day}, so the range ${from} to ${report.day}.`,
    };
  }
  return {
    saidAt: report.day,
    precision: 'day',
    dateBasis: `Not dated separately: taken as the day of the ${report.outlet} report, ${report.day}${last ? ` (the report last mentions '${last.text}')` : ''}.`,
  };
}
