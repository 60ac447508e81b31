import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import type { Precision } from '../../data/schema.js';
import { plainDateBounds } from './date-range-format.js';

const boundsOf = (event: TimelineImageEvent) => ({ start: event.occurredAt, startPrecision: event.precision, end: event.occurredUntil, endPrecision: event.untilPrecision });
/** Drawn as a bar over its stretch: an event known only to the month or year, or to lie between two dates. */
const isSpan = (event: TimelineImageEvent) => event.precision === 'year' || event.precision === 'month' || event.occurredUntil !== undefined;

/** The stretch an event may lie in: from its start's first moment to its end's last. */
function eventSpan(event: TimelineImageEvent): DaySpan {
  const start = dateSpan(event.occurredAt, event.precision);
  if (event.occurredUntil === undefined || !event.untilPrecision) return start;
  return { start: start.start, end: Math.max(start.end, dateSpan(event.occurredUntil, event.untilPrecision).end) };
}

export interface TimelineImageEvent {
  id: string;
  title: string;
  /** A partial date as stored: `2024`, `2024-01`, `2024-01-16` or a UTC instant. */
  occurredAt: string;
  precision: Precision;
  /** The end of a range the event is known to lie in (drawn as a span from its start to this end). */
  occurredUntil?: string;
  untilPrecision?: Precision;
  sideIds: string[];
  disputed: boolean;
}

export interface TimelineImageInput {
  title: string;
  sides: Array<{ id: string; name: string }>;
  events: TimelineImageEvent[];
}

/** A stretch of time in day numbers (days since 1970-01-01 on the calendar; fractions are UTC time of day). */
export interface DaySpan {
  start: number;
  end: number;
}

const WIDTH = 1200;
const PLOT_LEFT = 210;
const PLOT_RIGHT = 1168;
const LANES_TOP = 84;
const LANE_HEIGHT = 76;
const MARKER_Y = 30;
const BREAK_WIDTH = 24;
const MIN_BAR_PX = 6;
const LABEL_MAX_PX = 320;
/** Spans (month or year bars) sit under the row of point markers. */
const BAR_OFFSET = 18;
const FONT = 'Noto Sans, Noto Naskh Arabic';
const DISPUTED = '#dc2626';
const PALETTE = ['#2563eb', '#0f766e', '#7c3aed', '#b45309', '#0891b2', '#4d7c0f', '#9333ea', '#475569'];
const OTHER_COLOR = '#6b7280';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const require = createRequire(import.meta.url);
const FONT_FILES = [
  '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  '@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf',
  '@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf',
].map((file) => require.resolve(file));

export function renderTimelinePng(input: TimelineImageInput): Buffer {
  const resvg = new Resvg(renderTimelineSvg(input), {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'Noto Sans' },
    background: 'white',
  });
  return resvg.render().asPng();
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

function buildSegments(spans: DaySpan[]): Segment[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const total = spans.reduce((end, span) => Math.max(end, span.end), -Infinity) - sorted[0]!.start;
  const groups: Array<DaySpan & { events: number }> = [];
  for (const span of sorted) {
    const last = groups.at(-1);
    if (last && span.start - last.end <= Math.max(BREAK_SHARE * total, BREAK_MIN_DAYS)) {
      last.end = Math.max(last.end, span.end);
      last.events++;
    } else groups.push({ ...span, events: 1 });
  }
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
  ...[1, 3, 6, 12].map((step) => ({ kind: 'hour' as const, step, days: step / 24, labelPx: 40 })),
  ...[1, 2, 7, 14].map((step) => ({ kind: 'day' as const, step, days: step, labelPx: 22 })),
  ...[1, 3, 6].map((step) => ({ kind: 'month' as const, step, days: step * 30.4, labelPx: 30 })),
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500].map((step) => ({ kind: 'year' as const, step, days: step * 365.25, labelPx: 36 })),
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

// ---- lanes and what is drawn in them ----

interface Lane {
  name: string;
  color: string;
  events: number;
  points: Array<{ x: number; event: TimelineImageEvent }>;
  /** Spans by their first and last day: events known only to the same month (or range) share one bar. */
  bars: Map<string, { x0: number; x1: number; events: TimelineImageEvent[] }>;
}

interface Cluster {
  x: number;
  events: TimelineImageEvent[];
}

const radius = (count: number) => (count === 1 ? 5 : Math.min(13, 7 + 1.6 * Math.log2(count)));

/** Points closer than their markers' size merge into one marker with a count, so dense stretches stay readable. */
function clusterPoints(points: Lane['points']): Cluster[] {
  const clusters: Array<Cluster & { sum: number }> = [];
  for (const point of [...points].sort((a, b) => a.x - b.x)) {
    clusters.push({ x: point.x, sum: point.x, events: [point.event] });
    while (clusters.length >= 2) {
      const [a, b] = [clusters.at(-2)!, clusters.at(-1)!];
      if (b.x - a.x >= radius(a.events.length) + radius(b.events.length) + 5) break;
      clusters.pop();
      a.events.push(...b.events);
      a.sum += b.sum;
      a.x = a.sum / a.events.length;
    }
  }
  return clusters;
}

function buildLanes(input: TimelineImageInput, x: (day: number) => number, spans: Map<TimelineImageEvent, DaySpan>): Lane[] {
  const lanes = new Map<string, Lane>(
    input.sides.map((side, i) => [side.id, { name: side.name, color: PALETTE[i % PALETTE.length]!, events: 0, points: [], bars: new Map() }]),
  );
  const other: Lane = { name: 'Other', color: OTHER_COLOR, events: 0, points: [], bars: new Map() };
  for (const event of input.events) {
    const span = spans.get(event)!;
    const known = [...new Set(event.sideIds)].flatMap((id) => lanes.get(id) ?? []);
    for (const lane of known.length > 0 ? known : [other]) {
      lane.events++;
      const [x0, x1] = [x(span.start), x(span.end)];
      if (isSpan(event) && x1 - x0 >= MIN_BAR_PX) {
        const key = `${span.start}/${span.end}`;
        const bar = lane.bars.get(key) ?? { x0, x1, events: [] };
        bar.events.push(event);
        lane.bars.set(key, bar);
        continue;
      }
      lane.points.push({ x: event.precision === 'day' && !event.occurredUntil ? x(span.start + 0.5) : (x0 + x1) / 2, event });
    }
  }
  return [...lanes.values(), ...(other.events > 0 ? [other] : [])];
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

// ---- the picture ----

export function renderTimelineSvg(input: TimelineImageInput): string {
  const spans = new Map(input.events.map((event) => [event, eventSpan(event)]));
  const segments = input.events.length > 0 ? buildSegments([...spans.values()]) : [];
  const x = (day: number) => scaleX(segments, day);
  const lanes = buildLanes(input, x, spans);
  const lanesBottom = LANES_TOP + lanes.length * LANE_HEIGHT;
  const height = lanesBottom + 100;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    text(24, 40, ellipsize(input.title, WIDTH - 48, 22 * 1.08), 'font-size="22" font-weight="700" fill="#0f172a"'),
    text(24, 64, subtitle(input, spans), 'font-size="13" fill="#64748b"'),
  ];
  lanes.forEach((lane, i) => {
    const top = LANES_TOP + i * LANE_HEIGHT;
    if (i % 2 === 0) out.push(`<rect x="0" y="${top}" width="${WIDTH}" height="${LANE_HEIGHT}" fill="#f8fafc"/>`);
    const name = wrap(lane.name, PLOT_LEFT - 48, 14 * 1.08);
    const nameTop = top + LANE_HEIGHT / 2 - (name.length * 17 + 14) / 2 + 13;
    name.forEach((line, j) => out.push(text(24, nameTop + j * 17, line, `font-size="14" font-weight="700" fill="${lane.color}"`)));
    out.push(text(24, nameTop + name.length * 17, `${lane.events} event${lane.events === 1 ? '' : 's'}`, 'font-size="11" fill="#64748b"'));
  });
  out.push(...axis(segments, spans, lanesBottom));
  const segmentEnds = segments.map((segment) => segment.x1);
  lanes.forEach((lane, i) => out.push(...drawLane(lane, LANES_TOP + i * LANE_HEIGHT, segmentEnds)));
  if (input.events.length === 0) out.push(text(PLOT_LEFT, LANES_TOP + 40, 'No events to show.', 'font-size="14" fill="#64748b"'));
  out.push(...legend(lanesBottom + 72));
  out.push('</svg>');
  return out.join('\n');
}

function subtitle(input: TimelineImageInput, spans: Map<TimelineImageEvent, DaySpan>): string {
  const count = `${input.events.length} event${input.events.length === 1 ? '' : 's'}`;
  if (input.events.length === 0) return count;
  const byStart = [...input.events].sort((a, b) => spans.get(a)!.start - spans.get(b)!.start);
  const byEnd = [...input.events].sort((a, b) => spans.get(a)!.end - spans.get(b)!.end);
  const [first, last] = [byStart[0]!, byEnd.at(-1)!];
  const range = [
    plainDateBounds({ start: first.occurredAt, startPrecision: first.precision }),
    plainDateBounds(last.occurredUntil && last.untilPrecision ? { start: last.occurredUntil, startPrecision: last.untilPrecision } : boundsOf(last)),
  ];
  const disputed = input.events.filter((event) => event.disputed).length;
  return `${count} · ${range[0] === range[1] ? range[0] : `${range[0]} – ${range[1]}`}${disputed ? ` · ${disputed} disputed` : ''}`;
}

function axis(segments: Segment[], spans: Map<TimelineImageEvent, DaySpan>, lanesBottom: number): string[] {
  const timed = [...spans.keys()].some((event) => event.precision === 'minute');
  const out: string[] = [`<line x1="${PLOT_LEFT}" y1="${lanesBottom}" x2="${PLOT_RIGHT}" y2="${lanesBottom}" stroke="#94a3b8"/>`];
  const taken = { label: -Infinity, context: -Infinity };
  for (const [i, segment] of segments.entries()) {
    for (const tick of segmentTicks(segment, timed)) {
      const lineX = (tick.lineX ?? tick.x).toFixed(1);
      out.push(`<line x1="${lineX}" y1="${LANES_TOP}" x2="${lineX}" y2="${lanesBottom + 5}" stroke="#e2e8f0"/>`);
      const labelPx = textWidth(tick.label, 11);
      if (tick.x - labelPx / 2 > taken.label + 6) {
        out.push(text(tick.x, lanesBottom + 19, tick.label, 'font-size="11" fill="#334155" text-anchor="middle"'));
        taken.label = tick.x + labelPx / 2;
      }
      const contextX = Math.min(Math.max(tick.x - labelPx / 2, PLOT_LEFT), WIDTH - 8 - textWidth(tick.context ?? '', 11 * 1.08));
      if (tick.context && contextX > taken.context + 10) {
        out.push(text(contextX, lanesBottom + 37, tick.context, 'font-size="11" font-weight="700" fill="#334155"'));
        taken.context = contextX + textWidth(tick.context, 11 * 1.08);
      }
    }
    const next = segments[i + 1];
    if (next) out.push(breakMark((segment.x1 + next.x0) / 2, lanesBottom));
  }
  return out;
}

/** Where empty years are cut out of the axis: a zigzag through the lanes. */
function breakMark(x: number, lanesBottom: number): string {
  const zig = Array.from({ length: Math.ceil((lanesBottom - LANES_TOP) / 8) + 1 }, (_, i) => `${x + (i % 2 ? 3 : -3)},${LANES_TOP + i * 8}`);
  return `<rect x="${x - 8}" y="${LANES_TOP}" width="16" height="${lanesBottom - LANES_TOP}" fill="#ffffff"/>` +
    `<polyline points="${zig.join(' ')}" fill="none" stroke="#94a3b8" stroke-width="1.5"/>`;
}

interface Label {
  /** Where the marker starts and ends horizontally. */
  left: number;
  right: number;
  title: string;
  /** Spans are labelled under their bar; points above, or below where no bar is in the way. */
  isSpan: boolean;
}

function drawLane(lane: Lane, top: number, segmentEnds: number[]): string[] {
  const y = top + MARKER_Y;
  const out: string[] = [];
  const labels: Label[] = [];
  for (const bar of lane.bars.values()) {
    const disputed = bar.events.some((event) => event.disputed);
    const stroke = disputed ? `stroke="${DISPUTED}" stroke-width="2"` : `stroke="${lane.color}"`;
    // Inset a little so the bars of neighbouring months stay apart.
    const width = (bar.x1 - bar.x0 - 2).toFixed(1);
    out.push(`<rect class="span" x="${(bar.x0 + 1).toFixed(1)}" y="${y + BAR_OFFSET - 4}" width="${width}" height="8" rx="4" fill="${lane.color}" fill-opacity="0.3" ${stroke}/>`);
    const [first] = bar.events as [TimelineImageEvent];
    const title = bar.events.length === 1 ? first.title : `${bar.events.length} events in ${plainDateBounds(boundsOf(first))}`;
    labels.push({ left: bar.x0, right: bar.x1, title, isSpan: true });
  }
  for (const cluster of clusterPoints(lane.points)) {
    const r = radius(cluster.events.length);
    const disputed = cluster.events.filter((event) => event.disputed).length;
    const cx = cluster.x.toFixed(1);
    if (cluster.events.length === 1) {
      const event = cluster.events[0]!;
      const style = disputed ? `fill="#ffffff" stroke="${DISPUTED}" stroke-width="2.5"` : `fill="${lane.color}" stroke="#ffffff" stroke-width="1"`;
      out.push(`<circle class="${disputed ? 'disputed' : 'event'}" data-event="${escapeXml(event.id)}" cx="${cx}" cy="${y}" r="${r}" ${style}/>`);
      labels.push({ left: cluster.x - r, right: cluster.x + r, title: event.title, isSpan: false });
    } else {
      const count = cluster.events.length > 999 ? '999+' : String(cluster.events.length);
      out.push(`<circle class="group" cx="${cx}" cy="${y}" r="${r.toFixed(1)}" fill="${lane.color}" stroke="#ffffff" stroke-width="1"/>`);
      if (disputed > 0) out.push(disputedArc(cluster.x, y, r, disputed / cluster.events.length));
      out.push(text(cluster.x, y + 3.5, count, `font-size="${count.length > 2 ? 8 : 10}" font-weight="700" fill="#ffffff" text-anchor="middle"`));
    }
  }
  out.push(...laneLabels(labels, y, segmentEnds));
  return out;
}

/** A red arc round a group's marker, as long as the share of its events that are disputed (always visible). */
function disputedArc(x: number, y: number, r: number, share: number): string {
  const circumference = 2 * Math.PI * r;
  const arc = share >= 1 ? `${circumference}` : `${Math.max(4, share * circumference).toFixed(1)} ${circumference.toFixed(1)}`;
  return `<circle class="disputed" cx="${x.toFixed(1)}" cy="${y}" r="${r.toFixed(1)}" fill="none" stroke="${DISPUTED}" stroke-width="2.5" stroke-dasharray="${arc}" transform="rotate(-90 ${x.toFixed(1)} ${y})"/>`;
}

/**
 * Short titles in a row above the markers and a row below, left to right, each kept inside its
 * stretch of the axis; a label that would overlap another is left out.
 */
function laneLabels(labels: Label[], y: number, segmentEnds: number[]): string[] {
  const above = { y: y - 17, end: -Infinity };
  const below = { y: y + BAR_OFFSET + 17, end: -Infinity };
  const bars = labels.filter((label) => label.isSpan);
  const out: string[] = [];
  labels.sort((a, b) => a.left - b.left);
  labels.forEach((label, i) => {
    const limit = Math.min(WIDTH - 12, (segmentEnds.find((end) => label.left <= end) ?? PLOT_RIGHT) + 4);
    // Room up to the label after next, since neighbours alternate between the two rows.
    const room = Math.min(LABEL_MAX_PX, limit - label.left, (labels[i + 2]?.left ?? Infinity) - label.left - 8);
    const endAligned = limit - label.left < 80;
    const content = ellipsize(label.title, endAligned ? 160 : room, 11);
    const width = textWidth(content, 11);
    const start = endAligned ? label.right - width : label.left;
    const underBar = bars.some((bar) => bar.left < start + width && bar.right > start);
    const rows = label.isSpan ? [below] : underBar ? [above] : [above, below];
    const row = rows.find((candidate) => start >= candidate.end + 8);
    if (!row || (!endAligned && room < 40)) return;
    row.end = start + width;
    out.push(text(start, row.y, content, 'font-size="11" fill="#1e293b"'));
  });
  return out;
}

function legend(y: number): string[] {
  const items: Array<[string, string]> = [
    [`<circle cx="8" cy="0" r="5" fill="${PALETTE[0]}"/>`, 'event (on its day or time)'],
    [`<circle cx="8" cy="0" r="5" fill="#ffffff" stroke="${DISPUTED}" stroke-width="2.5"/>`, 'disputed'],
    [`<circle cx="9" cy="0" r="9" fill="${PALETTE[0]}"/>${disputedArc(9, 0, 9, 0.4)}<text x="9" y="3.5" font-size="10" font-weight="700" fill="#ffffff" text-anchor="middle">5</text>`, 'events close together (count; red arc: share disputed)'],
    [`<rect x="0" y="-5" width="28" height="10" rx="4" fill="${PALETTE[0]}" fill-opacity="0.3" stroke="${PALETTE[0]}"/>`, 'known only to the month or year, or between two dates'],
  ];
  let x = 24;
  return items.map(([symbol, label]) => {
    const item = `<g transform="translate(${x} ${y})">${symbol}${text(34, 4, label, 'font-size="12" fill="#334155"')}</g>`;
    x += 34 + textWidth(label, 12) + 28;
    return item;
  });
}
