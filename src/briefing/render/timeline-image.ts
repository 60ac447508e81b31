import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import type { Precision } from '../../data/schema.js';
import { plainDateBounds } from './date-range-format.js';

/**
 * The timeline picture: one lane per side, each event drawn once in the lane of the side that acted
 * (its first side), the other sides it involves marked in theirs; the main events always labelled,
 * others where there is room; past `POINT_LIMIT` events, counts per period instead of one mark each.
 * Sized to be read on a phone: 1,200 px wide and no text under 33 px, so shown 400 px wide (as
 * Discord shows an embed's image) the smallest text is 11 px.
 */

export type PictureTheme = 'dark' | 'light';
export const PICTURE_THEMES: readonly PictureTheme[] = ['dark', 'light'];

export interface TimelineImageEvent {
  id: string;
  title: string;
  /** A partial date as stored: `2024`, `2024-01`, `2024-01-16` or a UTC instant. */
  occurredAt: string;
  precision: Precision;
  /** The end of a range the event is known to lie in (drawn as a span from its start to this end). */
  occurredUntil?: string;
  untilPrecision?: Precision;
  /** The sides involved, the side that acted first (as the CSV export's `actor1`). */
  sideIds: string[];
  disputed: boolean;
  /** 1–5 as stored; the more significant are labelled first. */
  significance?: number;
  /** One of the story's main events (the briefing's developments): always drawn on its own and labelled. */
  main?: boolean;
}

export interface TimelineImageInput {
  title: string;
  sides: Array<{ id: string; name: string }>;
  events: TimelineImageEvent[];
}

export interface PictureOptions {
  theme?: PictureTheme;
}

/** A stretch of time in day numbers (days since 1970-01-01 on the calendar; fractions are UTC time of day). */
export interface DaySpan {
  start: number;
  end: number;
}

interface Colors {
  background: string;
  stripe: string;
  text: string;
  muted: string;
  grid: string;
  axis: string;
  disputed: string;
  lanes: string[];
  other: string;
}

/** Dark is Discord's default dark mode (#313338 behind, #dbdee1 text); light its light mode. */
export const THEMES: Record<PictureTheme, Colors> = {
  dark: {
    background: '#313338',
    stripe: '#2b2d31',
    text: '#dbdee1',
    muted: '#a2a8b3',
    grid: '#43464d',
    axis: '#80848e',
    disputed: '#f5575b',
    lanes: ['#8ea1ff', '#3fcfa6', '#cf9bff', '#f7a65c', '#5cc8f5', '#a9d865', '#f584bd', '#c0c4cc'],
    other: '#a2a8b3',
  },
  light: {
    background: '#ffffff',
    stripe: '#f2f3f5',
    text: '#313338',
    muted: '#5c5f66',
    grid: '#e1e3e6',
    axis: '#80848e',
    disputed: '#d83c3e',
    lanes: ['#3451d1', '#0f766e', '#7c3aed', '#b45309', '#0e7490', '#4d7c0f', '#be185d', '#475569'],
    other: '#5c5f66',
  },
};

const WIDTH = 1200;
const MARGIN = 28;
const PLOT_LEFT = 44;
const PLOT_RIGHT = 1156;
const BREAK_WIDTH = 30;
/** Text sizes in px at 1,200 px wide; the smallest (33) is 11 px when shown 400 px wide. */
const SIZE = { title: 44, name: 37, label: 34, small: 33 } as const;
const LINE = { label: 40, small: 40 } as const;
/** A label is at most this wide and two lines long (about 20 characters a line). */
const LABEL_MAX_PX = 420;
const LABEL_GAP = 26;
const DOT_R = 9;
const MAIN_R = 13;
const SPAN_H = 12;
const MIN_BAR_PX = 8;
/** Up to this many events each get a mark; more are counted per period (week, month, year…). */
export const POINT_LIMIT = 150;
const PERIOD_BAR_MAX = 64;
const FONT = 'Noto Sans, Noto Naskh Arabic';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const require = createRequire(import.meta.url);
const FONT_FILES = [
  '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  '@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf',
  '@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf',
].map((file) => require.resolve(file));

/** The picture as a PNG, 1,200 px wide (or `fitWidth` px: how it looks shown smaller). */
export function renderTimelinePng(input: TimelineImageInput, options: PictureOptions & { fitWidth?: number } = {}): Buffer {
  const theme = options.theme ?? 'dark';
  const resvg = new Resvg(renderTimelineSvg(input, { theme }), {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'Noto Sans' },
    background: THEMES[theme].background,
    ...(options.fitWidth ? { fitTo: { mode: 'width' as const, value: options.fitWidth } } : {}),
  });
  return resvg.render().asPng();
}

export function renderTimelineSvg(input: TimelineImageInput, options: PictureOptions = {}): string {
  return layoutTimelinePicture(input, options).svg;
}

const boundsOf = (event: TimelineImageEvent) => ({ start: event.occurredAt, startPrecision: event.precision, end: event.occurredUntil, endPrecision: event.untilPrecision });
/** Drawn as a bar over its stretch: an event known only to the month or year, or to lie between two dates. */
const isSpan = (event: TimelineImageEvent) => event.precision === 'year' || event.precision === 'month' || event.occurredUntil !== undefined;

/** The stretch an event may lie in: from its start's first moment to its end's last. */
function eventSpan(event: TimelineImageEvent): DaySpan {
  const start = dateSpan(event.occurredAt, event.precision);
  if (event.occurredUntil === undefined || !event.untilPrecision) return start;
  return { start: start.start, end: Math.max(start.end, dateSpan(event.occurredUntil, event.untilPrecision).end) };
}

// ---- calendar maths: on calendar values, never through a time zone ----

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468;
}

function calendarDate(days: number): { year: number; month: number; day: number } {
  const z = Math.floor(days) + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day: dayOfYear - Math.floor((153 * mp + 2) / 5) + 1 };
}

const DATE_FORMS: Record<Precision, RegExp> = {
  year: /^(\d{4})$/,
  month: /^(\d{4})-(\d{2})$/,
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
  minute: /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z$/,
};

/** The stretch a partial date covers: its whole year, month or day, or (for an instant) one moment. */
export function dateSpan(value: string, precision: Precision): DaySpan {
  const parts = DATE_FORMS[precision].exec(value);
  if (!parts) throw new Error(`"${value}" is not a ${precision}-precision date`);
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = parts.slice(1).map((part) => Number(part ?? 0));
  const start = dayNumber(year, month, day);
  if (precision === 'year') return { start, end: dayNumber(year + 1, 1, 1) };
  if (precision === 'month') return { start, end: month === 12 ? dayNumber(year + 1, 1, 1) : dayNumber(year, month + 1, 1) };
  if (precision === 'day') return { start, end: start + 1 };
  const instant = start + (hour * 3600 + minute * 60 + second) / 86400;
  return { start: instant, end: instant };
}

// ---- the horizontal scale: linear, broken across long empty stretches ----

interface Segment extends DaySpan {
  x0: number;
  x1: number;
}

/** A gap with no events longer than this share of the whole span (and than two months) is cut out of the axis. */
const BREAK_SHARE = 0.4;
const BREAK_MIN_DAYS = 60;

/** Within one stretch, a gap of a week or more that is 40% of the stretch is cut too (days before the events of a crowded week). */
const LOCAL_BREAK_SHARE = 0.4;
const LOCAL_BREAK_MIN_DAYS = 7;

type Group = DaySpan & { events: number; spans: DaySpan[] };

function groupSpans(sorted: DaySpan[], gap: number): Group[] {
  const groups: Group[] = [];
  for (const span of sorted) {
    const last = groups.at(-1);
    if (last && span.start - last.end <= gap) {
      last.end = Math.max(last.end, span.end);
      last.events++;
      last.spans.push(span);
    } else groups.push({ ...span, events: 1, spans: [span] });
  }
  return groups;
}

function buildSegments(spans: DaySpan[]): Segment[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const total = spans.reduce((end, span) => Math.max(end, span.end), -Infinity) - sorted[0]!.start;
  const groups = groupSpans(sorted, Math.max(BREAK_SHARE * total, BREAK_MIN_DAYS)).flatMap((group) =>
    groupSpans(group.spans, Math.max(LOCAL_BREAK_SHARE * (group.end - group.start), LOCAL_BREAK_MIN_DAYS)),
  );
  // Each stretch gets width for its events (at least 15%), so a lone old event does not squeeze the rest.
  const weights = groups.map((group) => Math.max(0.15, group.events / spans.length));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const available = PLOT_RIGHT - PLOT_LEFT - BREAK_WIDTH * (groups.length - 1);
  let x = PLOT_LEFT;
  return groups.map((group, i) => {
    const middle = (group.start + group.end) / 2;
    const length = Math.max(group.end - group.start, 0.25);
    const pad = Math.max(length * 0.03, 1 / 48);
    const x0 = x;
    x += (available * weights[i]!) / weightSum;
    const segment = { start: middle - length / 2 - pad, end: middle + length / 2 + pad, x0, x1: x };
    x += BREAK_WIDTH;
    return segment;
  });
}

function scaleX(segments: Segment[], day: number): number {
  const segment = segments.find((candidate) => day <= candidate.end) ?? segments.at(-1)!;
  return segment.x0 + ((day - segment.start) / (segment.end - segment.start)) * (segment.x1 - segment.x0);
}

// ---- axis ticks, chosen for the span ----

interface Tick {
  x: number;
  label: string;
  /** The month or year the tick falls in, written under the first tick and where it changes. */
  context?: string;
  /** Grid line position when it differs from the label (a label centred in its month). */
  lineX?: number;
}

type Unit = { kind: 'hour' | 'day' | 'month' | 'year'; step: number; days: number; labelPx: number };
const UNITS: Unit[] = [
  ...[1, 3, 6, 12].map((step) => ({ kind: 'hour' as const, step, days: step / 24, labelPx: 110 })),
  ...[1, 2, 7, 14].map((step) => ({ kind: 'day' as const, step, days: step, labelPx: 60 })),
  ...[1, 3, 6].map((step) => ({ kind: 'month' as const, step, days: step * 30.4, labelPx: 80 })),
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500].map((step) => ({ kind: 'year' as const, step, days: step * 365.25, labelPx: 96 })),
];

const DAY_STEPS: Record<number, (day: number) => boolean> = {
  1: () => true,
  2: (day) => day % 2 === 1 && day < 31,
  7: (day) => [1, 8, 15, 22].includes(day),
  14: (day) => day === 1 || day === 15,
};

function segmentTicks(segment: Segment, timed: boolean): Tick[] {
  const pxPerDay = (segment.x1 - segment.x0) / (segment.end - segment.start);
  const unit =
    UNITS.find((candidate) => (timed || candidate.kind !== 'hour') && candidate.days * pxPerDay >= candidate.labelPx + 14) ??
    UNITS.at(-1)!;
  const x = (day: number) => segment.x0 + (day - segment.start) * pxPerDay;
  const inside = (day: number) => day >= segment.start && day <= segment.end;
  const ticks: Tick[] = [];
  if (unit.kind === 'hour') {
    for (let t = Math.ceil((segment.start * 24) / unit.step) * unit.step; t / 24 <= segment.end; t += unit.step) {
      const hour = t % 24;
      const date = calendarDate(Math.floor(t / 24));
      const context = ticks.length === 0 || hour === 0 ? `${date.day} ${MONTHS[date.month - 1]} ${date.year} (UTC)` : undefined;
      ticks.push({ x: x(t / 24), label: `${String(hour).padStart(2, '0')}:00`, context });
    }
  } else if (unit.kind === 'day') {
    for (let day = Math.floor(segment.start); day <= segment.end; day++) {
      const date = calendarDate(day);
      if (!inside(day + 0.5) || !DAY_STEPS[unit.step]!(date.day)) continue;
      const context = ticks.length === 0 || date.day === 1 ? `${MONTH_NAMES[date.month - 1]} ${date.year}` : undefined;
      ticks.push({ x: x(day + 0.5), label: String(date.day), context });
    }
  } else {
    const months = unit.kind === 'month' ? unit.step : unit.step * 12;
    const first = calendarDate(segment.start);
    let index = first.year * 12 + first.month - 1;
    index -= ((index % months) + months) % months;
    for (; ; index += months) {
      const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
      const start = dayNumber(year, month, 1);
      if (start > segment.end) break;
      const next = dayNumber(Math.floor((index + months) / 12), ((index + months) % 12) + 1, 1);
      // A single month or year is labelled in its middle, where its events' bars sit, if mostly in view.
      const [from, to] = [Math.max(start, segment.start), Math.min(next, segment.end)];
      const labelDay = unit.step === 1 ? (from + to) / 2 : start;
      if (!inside(labelDay) || (unit.step === 1 && to - from < (next - start) / 2)) continue;
      const isMonth = unit.kind === 'month';
      const context = isMonth && (ticks.length === 0 || month === 1) ? String(year) : undefined;
      ticks.push({ x: x(labelDay), label: isMonth ? MONTHS[month - 1]! : String(year), context, lineX: inside(start) ? x(start) : undefined });
    }
  }
  return ticks;
}

// ---- text ----

function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters even when escaped.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[char]};`);
}

/** A rough advance width in em for Noto Sans: good enough to keep labels apart, a little generous. */
function charWidth(char: string): number {
  if (/[ilj.,:;'|!I ]/.test(char)) return 0.3;
  if (/[frt()[\]\-"/]/.test(char)) return 0.38;
  if (/[mwMW@%]/.test(char)) return 0.88;
  if (/[A-Z]/.test(char)) return 0.66;
  if (/[0-9a-z]/.test(char)) return 0.57;
  if (/[\u0590-\u08FF\uFB50-\uFEFF]/.test(char)) return 0.48;
  return 0.62;
}

function textWidth(text: string, size: number): number {
  let em = 0;
  for (const char of text) em += charWidth(char);
  return em * size;
}

/** The text cut with "…" to fit `maxPx`. */
function ellipsize(text: string, maxPx: number, size: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (textWidth(clean, size) <= maxPx) return clean;
  let kept = '';
  let width = textWidth('…', size);
  for (const char of clean) {
    width += charWidth(char) * size;
    if (width > maxPx) break;
    kept += char;
  }
  return kept.trimEnd() + '…';
}

/** At most two lines, broken between words; the second is cut with "…" if needed. */
function wrap(content: string, maxPx: number, size: number): string[] {
  const words = content.replace(/\s+/g, ' ').trim().split(' ');
  let first = words.shift() ?? '';
  while (words.length > 0 && textWidth(`${first} ${words[0]}`, size) <= maxPx) first += ` ${words.shift()}`;
  if (textWidth(first, size) > maxPx) return [ellipsize(content, maxPx, size)];
  return words.length > 0 ? [first, ellipsize(words.join(' '), maxPx, size)] : [first];
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attributes}>${escapeXml(content)}</text>`;
}

// ---- periods: events counted per calendar hour, day, week, month, quarter or year ----

export type PeriodUnit = 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';
const PERIODS: Array<{ unit: PeriodUnit; days: number }> = [
  { unit: 'hour', days: 1 / 24 },
  { unit: 'day', days: 1 },
  { unit: 'week', days: 7 },
  { unit: 'month', days: 30.4 },
  { unit: 'quarter', days: 91.3 },
  { unit: 'year', days: 365.25 },
];
/** A period's bar is at least this wide where the axis is most crowded. */
const MIN_PERIOD_PX = 9;

/** The calendar period a moment falls in (weeks start on Monday), as [start, end) day numbers. */
export function periodOf(unit: PeriodUnit, day: number): DaySpan {
  if (unit === 'hour') {
    const start = Math.floor(day * 24) / 24;
    return { start, end: start + 1 / 24 };
  }
  const whole = Math.floor(day);
  if (unit === 'day') return { start: whole, end: whole + 1 };
  // Day 4 (5 January 1970) was a Monday.
  if (unit === 'week') return { start: whole - ((((whole - 4) % 7) + 7) % 7), end: whole - ((((whole - 4) % 7) + 7) % 7) + 7 };
  const { year, month } = calendarDate(whole);
  const months = unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12;
  const index = year * 12 + month - 1;
  const first = index - (((index % months) + months) % months);
  const at = (i: number) => dayNumber(Math.floor(i / 12), (((i % 12) + 12) % 12) + 1, 1);
  return { start: at(first), end: at(first + months) };
}

function choosePeriod(segments: Segment[], events: TimelineImageEvent[]): PeriodUnit {
  const pxPerDay = Math.min(...segments.map((segment) => (segment.x1 - segment.x0) / (segment.end - segment.start)));
  const timed = events.filter((event) => event.precision === 'minute').length * 2 > events.length;
  return PERIODS.find((period) => (timed || period.unit !== 'hour') && period.days * pxPerDay >= MIN_PERIOD_PX)?.unit ?? 'year';
}

const PERIOD_WORD: Record<PeriodUnit, string> = { hour: 'an hour', day: 'a day', week: 'a week', month: 'a month', quarter: 'a quarter', year: 'a year' };

// ---- the layout: plain data the SVG is written from (and tests read) ----

export interface DrawnMark {
  lane: number;
  /** Every event is in exactly one mark, in the lane of the side that acted. */
  eventIds: string[];
  shape: 'dot' | 'group' | 'span' | 'period';
  x0: number;
  x1: number;
  disputed: number;
}

export interface InvolvedMark {
  /** The lane of a side the event involves, other than the one that acted. */
  lane: number;
  eventId: string;
  x0: number;
  x1: number;
}

export interface PlacedLabel {
  lane: number;
  eventId: string;
  main: boolean;
  anchorX: number;
  left: number;
  top: number;
  width: number;
  height: number;
  lines: string[];
  fontSize: number;
}

export interface PictureLayout {
  width: number;
  height: number;
  theme: PictureTheme;
  mode: 'events' | 'periods';
  period?: PeriodUnit;
  lanes: Array<{ name: string; sideId?: string; top: number; bottom: number; acted: number; involved: number }>;
  marks: DrawnMark[];
  involved: InvolvedMark[];
  labels: PlacedLabel[];
  /** Every text size used, in px at the picture's width. */
  fontSizes: number[];
  svg: string;
}

interface LaneModel {
  sideId?: string;
  name: string;
  color: string;
  acted: TimelineImageEvent[];
  involved: number;
}

/** The lane of the side that acted: the event's first side the story has, else "Other". */
function lanesOf(input: TimelineImageInput, colors: Colors): { lanes: LaneModel[]; laneOf: Map<TimelineImageEvent, number>; involvedIn: Map<TimelineImageEvent, number[]> } {
  const lanes: LaneModel[] = input.sides.map((side, i) => ({ sideId: side.id, name: side.name, color: colors.lanes[i % colors.lanes.length]!, acted: [], involved: 0 }));
  const index = new Map(input.sides.map((side, i) => [side.id, i]));
  const other: LaneModel = { name: 'Other', color: colors.other, acted: [], involved: 0 };
  const laneOf = new Map<TimelineImageEvent, number>();
  const involvedIn = new Map<TimelineImageEvent, number[]>();
  for (const event of input.events) {
    const known: number[] = [];
    for (const id of event.sideIds) {
      const at = index.get(id);
      if (at !== undefined && !known.includes(at)) known.push(at);
    }
    const lane = known[0] ?? lanes.length;
    (lanes[lane] ?? other).acted.push(event);
    laneOf.set(event, lane);
    const rest = known.slice(1);
    rest.forEach((i) => lanes[i]!.involved++);
    involvedIn.set(event, rest);
  }
  return { lanes: other.acted.length > 0 ? [...lanes, other] : lanes, laneOf, involvedIn };
}

interface LocalLabel {
  eventId: string;
  main: boolean;
  anchorX: number;
  /** Other places along a bar its leader may start from, tried in turn. */
  alternatives?: number[];
  /** A bar's stretch: its label sits at least partly under it, never beside it. */
  extent?: [number, number];
  /** Where the leader starts (lane-local y: the marker's bottom). */
  fromY: number;
  title: string;
}

interface Row {
  labels: Array<{ left: number; right: number; anchorX: number; lines: string[]; candidate: LocalLabel }>;
}

/**
 * Labels in rows under the marks, the main events first (each always placed: in the first row where it
 * fits, a new row if none), then the others by significance, only where they fit in the rows there
 * are (at least one). A label never overlaps another; its leader line, from its mark down to it, passes
 * no other label where that can be helped.
 */
function placeLabels(candidates: LocalLabel[]): Row[] {
  const rows: Row[] = [];
  const placedRow = (i: number) => rows[i] ?? (rows[i] = { labels: [] });
  const clear = (row: number, left: number, right: number, anchorX: number, strict: boolean) => {
    if ((rows[row]?.labels ?? []).some((label) => left < label.right + LABEL_GAP && right > label.left - LABEL_GAP)) return false;
    if (!strict) return true;
    // Its leader crosses the rows above; the leaders of the rows below cross this one.
    const above = rows.slice(0, row).some((r) => r.labels.some((label) => anchorX > label.left - 8 && anchorX < label.right + 8 && label.anchorX !== anchorX));
    const below = rows.slice(row + 1).some((r) => r.labels.some((label) => label.anchorX > left - 8 && label.anchorX < right + 8 && label.anchorX !== anchorX));
    return !above && !below;
  };
  for (const candidate of candidates) {
    const size = candidate.main ? SIZE.label * 1.06 : SIZE.label;
    const lines = wrap(candidate.title, LABEL_MAX_PX, size);
    const width = Math.max(...lines.map((line) => textWidth(line, size)));
    const clamp = (left: number) => Math.min(Math.max(left, MARGIN), WIDTH - MARGIN - width);
    const places = [candidate.anchorX, ...(candidate.alternatives ?? [])].flatMap((anchorX) =>
      [clamp(anchorX - 14), clamp(anchorX + 14 - width)].map((left) => ({ anchorX, left })),
    ).filter(({ left }) => !candidate.extent || Math.min(left + width, candidate.extent[1]) - Math.max(left, candidate.extent[0]) >= Math.min(width, candidate.extent[1] - candidate.extent[0]) / 2);
    const limit = candidate.main ? rows.length + 1 : Math.max(1, rows.length);
    const tries = candidate.main ? [true, false] : [true];
    let done = false;
    for (const strict of tries) {
      for (let row = 0; row < limit && !done; row++) {
        const place = places.find(({ anchorX, left }) => clear(row, left, left + width, anchorX, strict));
        if (!place) continue;
        placedRow(row).labels.push({ left: place.left, right: place.left + width, anchorX: place.anchorX, lines, candidate: { ...candidate, anchorX: place.anchorX } });
        done = true;
      }
      if (done) break;
    }
  }
  return rows;
}

interface LaneDrawing {
  height: number;
  /** SVG in lane-local coordinates (translated into place). */
  parts: string[];
  marks: Omit<DrawnMark, 'lane'>[];
  labels: Omit<PlacedLabel, 'lane'>[];
  /** Where involvement marks go (lane-local y). */
  markerY: number;
}

const HEADER_Y = 44;

/** Bars over stretches, stacked into rows where they overlap; events known to the same stretch share one bar. */
function stackSpans(spans: Array<{ x0: number; x1: number; events: TimelineImageEvent[] }>): Array<{ x0: number; x1: number; events: TimelineImageEvent[]; row: number }> {
  const ends: number[] = [];
  return [...spans]
    .sort((a, b) => a.x0 - b.x0)
    .map((span) => {
      let row = ends.findIndex((end) => span.x0 >= end + 6);
      if (row < 0) row = ends.length;
      ends[row] = span.x1;
      return { ...span, row };
    });
}

function drawLane(
  lane: LaneModel,
  mode: 'events' | 'periods',
  x: (day: number) => number,
  spans: Map<TimelineImageEvent, DaySpan>,
  colors: Colors,
  periods: { unit: PeriodUnit; peak: number; of: (day: number) => DaySpan } | undefined,
  header: string,
  stripe: string,
): LaneDrawing {
  const parts: string[] = [];
  const marks: LaneDrawing['marks'] = [];
  const candidates: LocalLabel[] = [];
  const markerY = mode === 'events' ? 92 : 70 + PERIOD_BAR_MAX;
  const spanGroups = new Map<string, { x0: number; x1: number; events: TimelineImageEvent[] }>();
  const points: Array<{ x: number; event: TimelineImageEvent }> = [];
  const bins = new Map<number, DaySpan & { count: number; disputed: number; ids: string[] }>();
  for (const event of lane.acted) {
    const span = spans.get(event)!;
    if (periods && !event.main) {
      const period = periods.of(span.start);
      if (span.end <= period.end) {
        const bin = bins.get(period.start) ?? { ...period, count: 0, disputed: 0, ids: [] };
        bin.count++;
        if (event.disputed) bin.disputed++;
        bin.ids.push(event.id);
        bins.set(period.start, bin);
        continue;
      }
    }
    const [x0, x1] = [x(span.start), x(span.end)];
    const pointX = event.precision === 'day' && !event.occurredUntil ? x(span.start + 0.5) : (x0 + x1) / 2;
    if (isSpan(event) && x1 - x0 >= MIN_BAR_PX) {
      const key = event.main ? `main:${event.id}` : `${span.start}/${span.end}`;
      const group = spanGroups.get(key) ?? { x0, x1, events: [] };
      group.events.push(event);
      spanGroups.set(key, group);
    } else points.push({ x: pointX, event });
  }

  // Counts per period: a bar as tall as the count (on one scale for every lane), its disputed share on top.
  if (periods) {
    const baseline = 70 + PERIOD_BAR_MAX;
    parts.push(`<line x1="${PLOT_LEFT}" y1="${baseline}" x2="${PLOT_RIGHT}" y2="${baseline}" stroke="${colors.grid}" stroke-width="2"/>`);
    for (const bin of bins.values()) {
      const [x0, x1] = [x(bin.start), x(bin.end)];
      const height = Math.max(3, (bin.count / periods.peak) * PERIOD_BAR_MAX);
      const red = bin.disputed > 0 ? Math.max(2, (bin.disputed / bin.count) * height) : 0;
      const w = Math.max(1, x1 - x0 - (x1 - x0 > 6 ? 2 : 0.5));
      parts.push(`<rect class="period" x="${(x0 + 0.5).toFixed(1)}" y="${(baseline - height + red).toFixed(1)}" width="${w.toFixed(1)}" height="${(height - red).toFixed(1)}" fill="${lane.color}"/>`);
      if (red > 0) parts.push(`<rect class="period-disputed" x="${(x0 + 0.5).toFixed(1)}" y="${(baseline - height).toFixed(1)}" width="${w.toFixed(1)}" height="${red.toFixed(1)}" fill="${colors.disputed}"/>`);
      marks.push({ eventIds: bin.ids, shape: 'period', x0, x1, disputed: bin.disputed });
    }
  }

  // Bars for stretches, under the row of dots.
  const spanTop = markerY + 22;
  const stacked = stackSpans([...spanGroups.values()]);
  for (const bar of stacked) {
    const y = spanTop + bar.row * (SPAN_H + 8);
    const disputed = bar.events.filter((event) => event.disputed).length;
    const main = bar.events.some((event) => event.main);
    const stroke = disputed ? `stroke="${colors.disputed}" stroke-width="3"` : `stroke="${lane.color}" stroke-width="2"`;
    parts.push(`<rect class="span" data-event="${escapeXml(bar.events.map((event) => event.id).join(' '))}" x="${(bar.x0 + 1).toFixed(1)}" y="${y}" width="${(bar.x1 - bar.x0 - 2).toFixed(1)}" height="${main ? SPAN_H + 4 : SPAN_H}" rx="6" fill="${lane.color}" fill-opacity="${main ? 0.85 : 0.4}" ${stroke}/>`);
    marks.push({ eventIds: bar.events.map((event) => event.id), shape: 'span', x0: bar.x0, x1: bar.x1, disputed });
    const [first] = bar.events as [TimelineImageEvent];
    const inset = Math.min(18, (bar.x1 - bar.x0) / 2);
    const alternatives = [(bar.x0 + bar.x1) / 2, bar.x1 - inset];
    const title = bar.events.length === 1 ? first.title : `${bar.events.length} events in ${plainDateBounds(boundsOf(first))}`;
    candidates.push({ eventId: first.id, main, anchorX: bar.x0 + inset, alternatives, extent: [bar.x0, bar.x1], fromY: y + SPAN_H + (main ? 4 : 0), title });
  }
  const spanBottom = stacked.length ? spanTop + (Math.max(...stacked.map((bar) => bar.row)) + 1) * (SPAN_H + 8) - 8 : markerY + (mode === 'events' ? 20 : MAIN_R);

  // Dots: the main events each on its own; the others merged into a counted pill where they would touch.
  const main = points.filter((point) => point.event.main);
  const groups: Array<{ x: number; sum: number; events: TimelineImageEvent[] }> = [];
  const half = (count: number) => (count === 1 ? DOT_R : (textWidth(String(count), SIZE.small) + 22) / 2);
  for (const point of points.filter((candidate) => !candidate.event.main).sort((a, b) => a.x - b.x)) {
    groups.push({ x: point.x, sum: point.x, events: [point.event] });
    while (groups.length >= 2) {
      const [a, b] = [groups.at(-2)!, groups.at(-1)!];
      if (b.x - a.x >= half(a.events.length) + half(b.events.length) + 4) break;
      groups.pop();
      a.events.push(...b.events);
      a.sum += b.sum;
      a.x = a.sum / a.events.length;
    }
  }
  for (const group of groups) {
    const disputed = group.events.filter((event) => event.disputed).length;
    const cx = group.x.toFixed(1);
    if (group.events.length === 1) {
      const event = group.events[0]!;
      const style = disputed ? `fill="${colors.background}" stroke="${colors.disputed}" stroke-width="4"` : `fill="${lane.color}"`;
      parts.push(`<circle class="${disputed ? 'disputed' : 'event'}" data-event="${escapeXml(event.id)}" cx="${cx}" cy="${markerY}" r="${DOT_R}" ${style}/>`);
      marks.push({ eventIds: [event.id], shape: 'dot', x0: group.x, x1: group.x, disputed });
      candidates.push({ eventId: event.id, main: false, anchorX: group.x, fromY: markerY + DOT_R, title: event.title });
    } else {
      const count = String(group.events.length);
      const w = half(group.events.length) * 2;
      const stroke = disputed ? `stroke="${colors.disputed}" stroke-width="4"` : '';
      parts.push(`<rect class="group" data-event="${escapeXml(group.events.map((event) => event.id).join(' '))}" x="${(group.x - w / 2).toFixed(1)}" y="${markerY - 21}" width="${w.toFixed(1)}" height="42" rx="21" fill="${lane.color}" ${stroke}/>`);
      parts.push(text(group.x, markerY + 12, count, `font-size="${SIZE.small}" font-weight="700" fill="${colors.background}" text-anchor="middle"`));
      marks.push({ eventIds: group.events.map((event) => event.id), shape: 'group', x0: group.x - w / 2, x1: group.x + w / 2, disputed });
    }
  }
  for (const point of main) {
    const event = point.event;
    const style = event.disputed ? `fill="${colors.background}" stroke="${colors.disputed}" stroke-width="5"` : `fill="${lane.color}" stroke="${colors.background}" stroke-width="3"`;
    parts.push(`<circle class="main ${event.disputed ? 'disputed' : 'event'}" data-event="${escapeXml(event.id)}" cx="${point.x.toFixed(1)}" cy="${markerY}" r="${MAIN_R}" ${style}/>`);
    marks.push({ eventIds: [event.id], shape: 'dot', x0: point.x, x1: point.x, disputed: event.disputed ? 1 : 0 });
    candidates.push({ eventId: event.id, main: true, anchorX: point.x, fromY: markerY + MAIN_R, title: event.title });
  }

  // Labels: the main events first (left to right), then the others, most significant and latest first.
  const significance = new Map(lane.acted.map((event) => [event.id, event.significance ?? 0]));
  const ordered = [
    ...candidates.filter((c) => c.main).sort((a, b) => b.anchorX - a.anchorX),
    ...(mode === 'events' ? candidates.filter((c) => !c.main).sort((a, b) => (significance.get(b.eventId) ?? 0) - (significance.get(a.eventId) ?? 0) || b.anchorX - a.anchorX).slice(0, 80) : []),
  ];
  const rows = placeLabels(ordered);
  const labels: LaneDrawing['labels'] = [];
  let y = spanBottom + 22;
  const leaders: string[] = [];
  const boxes: string[] = [];
  for (const row of rows) {
    const lines = Math.max(...row.labels.map((label) => label.lines.length));
    for (const label of row.labels) {
      const { candidate } = label;
      const height = label.lines.length * LINE.label;
      leaders.push(`<line x1="${candidate.anchorX.toFixed(1)}" y1="${candidate.fromY + 2}" x2="${candidate.anchorX.toFixed(1)}" y2="${y}" stroke="${lane.color}" stroke-width="2" stroke-opacity="0.8"/>`);
      boxes.push(`<rect x="${(label.left - 6).toFixed(1)}" y="${y}" width="${(label.right - label.left + 12).toFixed(1)}" height="${height + 6}" rx="6" fill="${colors.background}" fill-opacity="0.88"/>`);
      const weight = candidate.main ? 'font-weight="700" ' : '';
      label.lines.forEach((line, i) =>
        boxes.push(text(label.left, y + (i + 1) * LINE.label - 8, line, `class="label" ${weight}font-size="${SIZE.label}" fill="${candidate.main ? colors.text : colors.muted}"`)),
      );
      labels.push({ eventId: candidate.eventId, main: candidate.main, anchorX: candidate.anchorX, left: label.left, top: y, width: label.right - label.left, height, lines: label.lines, fontSize: SIZE.label });
    }
    y += lines * LINE.label + 16;
  }
  parts.push(...leaders, ...boxes);
  // The name over a box of the lane's own colour, so grid lines and axis breaks do not run through it.
  const headerWidth = textWidth(lane.name, SIZE.name * 1.08) + textWidth(header, SIZE.small) + 24;
  parts.unshift(`<rect x="${MARGIN - 10}" y="${HEADER_Y - 38}" width="${headerWidth.toFixed(1)}" height="50" fill="${stripe}"/>`);
  parts.splice(1, 0, text(MARGIN, HEADER_Y, '', '').replace('></text>', `><tspan font-weight="700" font-size="${SIZE.name}" fill="${lane.color}">${escapeXml(lane.name)}</tspan><tspan font-size="${SIZE.small}" fill="${colors.muted}">${escapeXml(header)}</tspan></text>`));
  return { height: (rows.length ? y : spanBottom + 22) + 4, parts, marks, labels, markerY };
}

// ---- the picture ----

export function layoutTimelinePicture(input: TimelineImageInput, options: PictureOptions = {}): PictureLayout {
  const theme = options.theme ?? 'dark';
  const colors = THEMES[theme];
  const spans = new Map(input.events.map((event) => [event, eventSpan(event)]));
  const segments = input.events.length > 0 ? buildSegments([...spans.values()]) : [];
  const x = (day: number) => scaleX(segments, day);
  const { lanes, laneOf, involvedIn } = lanesOf(input, colors);
  const mode = input.events.length > POINT_LIMIT ? 'periods' : 'events';
  const unit = mode === 'periods' ? choosePeriod(segments, input.events) : undefined;
  // One scale for every lane's bars: the busiest period of any lane is full height.
  let peak = 0;
  // Periods by day: a story of 50,000 events has a few thousand days.
  const periodCache = new Map<number, DaySpan>();
  const periodAt = (day: number) => {
    if (unit === 'hour') return periodOf(unit, day);
    const whole = Math.floor(day);
    let period = periodCache.get(whole);
    if (!period) periodCache.set(whole, (period = periodOf(unit!, whole)));
    return period;
  };
  const peaks = lanes.map((lane) => {
    if (!unit) return 0;
    const counts = new Map<number, number>();
    for (const event of lane.acted) {
      if (event.main) continue;
      const span = spans.get(event)!;
      const period = periodAt(span.start);
      if (span.end <= period.end) counts.set(period.start, (counts.get(period.start) ?? 0) + 1);
    }
    const lanePeak = Math.max(0, ...counts.values());
    peak = Math.max(peak, lanePeak);
    return lanePeak;
  });
  const number = (n: number) => n.toLocaleString('en');
  const drawings = lanes.map((lane, i) => {
    const acted = `   ${number(lane.acted.length)} event${lane.acted.length === 1 ? '' : 's'}`;
    const header = unit ? `${acted}${peaks[i] ? ` · up to ${number(peaks[i]!)} ${PERIOD_WORD[unit]}` : ''}` : `${acted}${lane.involved ? ` · involved in ${number(lane.involved)} more` : ''}`;
    return drawLane(lane, mode, x, spans, colors, unit ? { unit, peak: Math.max(1, peak), of: periodAt } : undefined, header, i % 2 === 0 ? colors.stripe : colors.background);
  });

  const lanesTop = 136;
  const tops: number[] = [];
  let bottom = lanesTop;
  for (const drawing of drawings) {
    tops.push(bottom);
    bottom += drawing.height;
  }
  const lanesBottom = bottom;
  const axisParts = axis(segments, spans, lanesTop, lanesBottom, colors);
  const legendTop = lanesBottom + 150;
  const shapes = new Set(drawings.flatMap((drawing) => drawing.marks.map((mark) => mark.shape)));
  const plainDots = drawings.some((drawing) => drawing.parts.some((part) => part.startsWith('<circle class="event"') || part.startsWith('<circle class="disputed"')));
  const legendParts = legend(legendTop, mode, unit, input.events, { spans: shapes.has('span'), groups: shapes.has('group'), dots: plainDots }, colors);
  const height = legendTop + legendParts.height + 12;

  const involved: InvolvedMark[] = [];
  const involvedParts: string[] = drawings.map(() => '');
  if (mode === 'events') {
    for (const [event, others] of involvedIn) {
      const span = spans.get(event)!;
      const acting = lanes[laneOf.get(event)!]!;
      const wide = isSpan(event) && x(span.end) - x(span.start) >= MIN_BAR_PX;
      const [x0, x1] = wide ? [x(span.start), x(span.end)] : [0, 0].map(() => (event.precision === 'day' && !event.occurredUntil ? x(span.start + 0.5) : (x(span.start) + x(span.end)) / 2)) as [number, number];
      for (const lane of others) {
        involved.push({ lane, eventId: event.id, x0, x1 });
        const y = drawings[lane]!.markerY;
        involvedParts[lane] += wide
          ? `<rect class="involved" data-event="${escapeXml(event.id)}" x="${(x0 + 1).toFixed(1)}" y="${y - 3}" width="${(x1 - x0 - 2).toFixed(1)}" height="6" rx="3" fill="${acting.color}" fill-opacity="0.7"/>`
          : `<rect class="involved" data-event="${escapeXml(event.id)}" x="${(x0 - 2.5).toFixed(1)}" y="${y - 15}" width="5" height="30" rx="2.5" fill="${acting.color}"/>`;
      }
    }
  }

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT}">`,
    `<rect width="${WIDTH}" height="${height}" fill="${colors.background}"/>`,
    text(MARGIN, 58, ellipsize(input.title, WIDTH - 2 * MARGIN, SIZE.title * 1.08), `font-size="${SIZE.title}" font-weight="700" fill="${colors.text}"`),
    text(MARGIN, 106, subtitle(input, spans), `font-size="${SIZE.small}" fill="${colors.muted}"`),
  ];
  drawings.forEach((drawing, i) => {
    if (i % 2 === 0) out.push(`<rect x="0" y="${tops[i]}" width="${WIDTH}" height="${drawing.height}" fill="${colors.stripe}"/>`);
  });
  out.push(...axisParts);
  drawings.forEach((drawing, i) => {
    out.push(`<g transform="translate(0 ${tops[i]})">`, involvedParts[i]!, ...drawing.parts, '</g>');
  });
  if (input.events.length === 0) out.push(text(MARGIN, lanesTop - 0 + 40, 'No events to show.', `font-size="${SIZE.small}" fill="${colors.muted}"`));
  out.push(...legendParts.parts, '</svg>');
  const fontSizes = [...new Set([...out.join('\n').matchAll(/font-size="(\d+(?:\.\d+)?)"/g)].map((match) => Number(match[1])))].sort((a, b) => a - b);
  return {
    width: WIDTH,
    height,
    theme,
    mode,
    ...(unit ? { period: unit } : {}),
    lanes: lanes.map((lane, i) => ({ name: lane.name, ...(lane.sideId ? { sideId: lane.sideId } : {}), top: tops[i]!, bottom: tops[i]! + drawings[i]!.height, acted: lane.acted.length, involved: lane.involved })),
    marks: drawings.flatMap((drawing, i) => drawing.marks.map((mark) => ({ ...mark, lane: i }))),
    involved,
    labels: drawings.flatMap((drawing, i) => drawing.labels.map((label) => ({ ...label, lane: i, top: label.top + tops[i]! }))),
    fontSizes,
    svg: out.join('\n'),
  };
}

function subtitle(input: TimelineImageInput, spans: Map<TimelineImageEvent, DaySpan>): string {
  const count = `${input.events.length.toLocaleString('en')} event${input.events.length === 1 ? '' : 's'}`;
  if (input.events.length === 0) return count;
  let [first, last] = [input.events[0]!, input.events[0]!];
  for (const event of input.events) {
    if (spans.get(event)!.start < spans.get(first)!.start) first = event;
    if (spans.get(event)!.end > spans.get(last)!.end) last = event;
  }
  const range = [
    plainDateBounds({ start: first.occurredAt, startPrecision: first.precision }),
    plainDateBounds(last.occurredUntil && last.untilPrecision ? { start: last.occurredUntil, startPrecision: last.untilPrecision } : boundsOf(last)),
  ];
  const disputed = input.events.filter((event) => event.disputed).length;
  return `${count} · ${range[0] === range[1] ? range[0] : `${range[0]} – ${range[1]}`}${disputed ? ` · ${disputed.toLocaleString('en')} disputed` : ''}`;
}

function axis(segments: Segment[], spans: Map<TimelineImageEvent, DaySpan>, lanesTop: number, lanesBottom: number, colors: Colors): string[] {
  const timed = [...spans.keys()].some((event) => event.precision === 'minute');
  const out: string[] = [];
  const labels: string[] = [`<line x1="${PLOT_LEFT}" y1="${lanesBottom}" x2="${PLOT_RIGHT}" y2="${lanesBottom}" stroke="${colors.axis}" stroke-width="2"/>`];
  const taken = { label: -Infinity, context: -Infinity };
  for (const [i, segment] of segments.entries()) {
    for (const tick of segmentTicks(segment, timed)) {
      const lineX = (tick.lineX ?? tick.x).toFixed(1);
      out.push(`<line x1="${lineX}" y1="${lanesTop}" x2="${lineX}" y2="${lanesBottom + 8}" stroke="${colors.grid}" stroke-width="2"/>`);
      const labelPx = textWidth(tick.label, SIZE.small);
      const labelX = Math.min(Math.max(tick.x, MARGIN + labelPx / 2), WIDTH - MARGIN - labelPx / 2);
      if (labelX - labelPx / 2 > taken.label + 14) {
        labels.push(text(labelX, lanesBottom + 42, tick.label, `font-size="${SIZE.small}" fill="${colors.text}" text-anchor="middle"`));
        taken.label = labelX + labelPx / 2;
      }
      const contextPx = textWidth(tick.context ?? '', SIZE.small * 1.08);
      const contextX = Math.min(Math.max(labelX - labelPx / 2, MARGIN), WIDTH - MARGIN - contextPx);
      if (tick.context && contextX > taken.context + 20) {
        labels.push(text(contextX, lanesBottom + 84, tick.context, `font-size="${SIZE.small}" font-weight="700" fill="${colors.text}"`));
        taken.context = contextX + contextPx;
      }
    }
    const next = segments[i + 1];
    if (next) out.push(breakMark((segment.x1 + next.x0) / 2, lanesTop, lanesBottom, colors));
  }
  return [...out, ...labels];
}

/** Where empty years are cut out of the axis: a zigzag through the lanes. */
function breakMark(x: number, lanesTop: number, lanesBottom: number, colors: Colors): string {
  const zig = Array.from({ length: Math.ceil((lanesBottom - lanesTop) / 10) + 1 }, (_, i) => `${x + (i % 2 ? 4 : -4)},${Math.min(lanesBottom, lanesTop + i * 10)}`);
  return `<polyline class="break" points="${zig.join(' ')}" fill="none" stroke="${colors.axis}" stroke-width="2.5"/>`;
}

/** What each mark means, only the marks the picture has, wrapped into lines. */
function legend(
  top: number,
  mode: 'events' | 'periods',
  unit: PeriodUnit | undefined,
  events: TimelineImageEvent[],
  drawn: { spans: boolean; groups: boolean; dots: boolean },
  colors: Colors,
): { parts: string[]; height: number } {
  const c = colors.lanes[0]!;
  const items: Array<[string, string]> = [];
  const main = events.some((event) => event.main);
  if (main) items.push([`<circle cx="14" cy="0" r="${MAIN_R}" fill="${c}"/>`, 'main event']);
  if (mode === 'events') {
    if (drawn.dots) items.push([`<circle cx="14" cy="0" r="${DOT_R}" fill="${c}"/>`, 'event']);
    if (drawn.groups) items.push([`<rect x="0" y="-21" width="36" height="42" rx="21" fill="${c}"/><text x="18" y="12" font-size="${SIZE.small}" font-weight="700" fill="${colors.background}" text-anchor="middle">3</text>`, 'same time']);
  } else {
    items.push([`<rect x="4" y="-14" width="10" height="30" fill="${c}"/><rect x="18" y="-2" width="10" height="18" fill="${c}"/>`, `events ${PERIOD_WORD[unit ?? 'month']}, by side`]);
  }
  if (events.some((event) => event.disputed)) {
    items.push([mode === 'events' ? `<circle cx="14" cy="0" r="${DOT_R + 2}" fill="${colors.background}" stroke="${colors.disputed}" stroke-width="4"/>` : `<rect x="4" y="-14" width="22" height="10" fill="${colors.disputed}"/><rect x="4" y="-4" width="22" height="20" fill="${c}"/>`, mode === 'events' ? 'disputed' : 'share disputed']);
  }
  if (drawn.spans) items.push([`<rect x="0" y="-6" width="44" height="${SPAN_H}" rx="6" fill="${c}" fill-opacity="0.4" stroke="${c}" stroke-width="2"/>`, 'known only to a month, year or range']);
  if (mode === 'events' && events.some((event) => event.sideIds.length > 1)) {
    items.push([`<rect x="12" y="-15" width="5" height="30" rx="2.5" fill="${c}"/>`, 'also involves this side']);
  }
  const parts: string[] = [];
  let [xAt, line] = [MARGIN, 0];
  for (const [symbol, label] of items) {
    const width = 56 + textWidth(label, SIZE.small);
    if (xAt > MARGIN && xAt + width > WIDTH - MARGIN) [xAt, line] = [MARGIN, line + 1];
    parts.push(`<g transform="translate(${xAt} ${top + line * 52})">${symbol}${text(56, 12, label, `font-size="${SIZE.small}" fill="${colors.muted}"`)}</g>`);
    xAt += width + 34;
  }
  return { parts, height: (line + 1) * 52 };
}
