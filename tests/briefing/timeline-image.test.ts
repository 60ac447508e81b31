import { describe, expect, it } from 'vitest';
import {
  dateSpan,
  dayNumber,
  renderTimelinePng,
  renderTimelineSvg,
  type TimelineImageEvent,
  type TimelineImageInput,
} from '../../src/briefing/render/timeline-image.js';

const SIDES = [
  { id: 'pakistan', name: 'Pakistan' },
  { id: 'iran', name: 'Iran' },
  { id: 'baloch', name: 'Baloch separatist groups' },
  { id: 'un', name: 'United Nations' },
];

const THREE: TimelineImageInput = {
  title: `Strikes <b>&</b> "counter-strikes" 'January'`,
  sides: SIDES.slice(0, 2),
  events: [
    { id: 'strike', title: 'Iran strikes <Balochistan> & more', occurredAt: '2024-01-16', precision: 'day', sideIds: ['iran', 'pakistan'], disputed: true },
    { id: 'condemns', title: 'Pakistan condemns the strike', occurredAt: '2024-01', precision: 'month', sideIds: ['pakistan'], disputed: false },
    { id: 'kerman', title: 'انفجار در کرمان', occurredAt: '2024-01-03', precision: 'day', sideIds: [], disputed: false },
  ],
};

/** `count` events over three months, mostly day-dated, some to the month or minute, a few with no side. */
function manyEvents(count: number): TimelineImageInput {
  const pad = (n: number) => String(n).padStart(2, '0');
  const events = Array.from({ length: count }, (_, i): TimelineImageEvent => {
    const month = pad(1 + (i % 3));
    const day = pad(1 + ((i * 7) % 28));
    const [occurredAt, precision] =
      i % 20 === 0 ? [`2024-${month}`, 'month' as const]
      : i % 9 === 0 ? [`2024-${month}-${day}T${pad(i % 24)}:${pad(i % 60)}:00Z`, 'minute' as const]
      : [`2024-${month}-${day}`, 'day' as const];
    const sideIds = i % 19 === 0 ? [] : SIDES.filter((_, s) => (i + s) % 3 === 0).map((side) => side.id);
    return { id: `e${i}`, title: `Event ${i} <report> & "quote"`, occurredAt, precision, sideIds, disputed: i % 11 === 0 };
  });
  return { title: `${count} events`, sides: SIDES, events };
}

function pngDimensions(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const attribute = (element: string, name: string) => Number(new RegExp(` ${name}="([^"]+)"`).exec(element)?.[1]);

describe('timeline image', () => {
  it.each([
    ['3', THREE],
    ['300', manyEvents(300)],
  ])('renders %s events as a 1200 px wide PNG well under the attachment limit', (_, input) => {
    const png = renderTimelinePng(input);
    const { width, height } = pngDimensions(png);
    expect(width).toBe(1200);
    expect(height).toBeGreaterThan(250);
    expect(height).toBeLessThan(2500);
    expect(png.length).toBeLessThan(1024 * 1024);
  });

  it('does not blow up for 5,000 events: they are grouped into a bounded number of markers', () => {
    const svg = renderTimelineSvg(manyEvents(5000));
    expect(svg.match(/<circle class="group"/g)!.length).toBeLessThan(400);
    expect(svg.length).toBeLessThan(500_000);
    expect(renderTimelinePng(manyEvents(5000)).length).toBeLessThan(1024 * 1024);
  });

  it('escapes all text for XML', () => {
    const svg = renderTimelineSvg(THREE);
    expect(svg).toContain('Strikes &lt;b&gt;&amp;&lt;/b&gt; &quot;counter-strikes&quot; &apos;January&apos;');
    expect(svg).toContain('Iran strikes &lt;Balochistan&gt; &amp; more');
    expect(svg).not.toMatch(/<(b|Balochistan|report)>/);
    expect(renderTimelineSvg(manyEvents(300))).not.toContain('<report>');
  });

  it('draws a month-precision event as a span of its whole month and the 16th on the 16th', () => {
    const svg = renderTimelineSvg(THREE);
    const spans = svg.match(/<rect class="span"[^>]*>/g)!;
    expect(spans).toHaveLength(1);
    // The span is inset by 1 px at each end; the story runs exactly from 1 January to 1 February.
    const monthStart = attribute(spans[0]!, 'x') - 1;
    const monthEnd = monthStart + attribute(spans[0]!, 'width') + 2;
    const dayPx = (monthEnd - monthStart) / 31;
    const strike = attribute(svg.match(/<circle [^>]*data-event="strike"[^>]*>/)![0], 'cx');
    expect(strike).toBeCloseTo(monthStart + 15.5 * dayPx, 0);
    const kerman = attribute(svg.match(/<circle [^>]*data-event="kerman"[^>]*>/)![0], 'cx');
    expect(kerman).toBeCloseTo(monthStart + 2.5 * dayPx, 0);
  });

  it('marks disputed events and explains the mark in the legend', () => {
    const svg = renderTimelineSvg(THREE);
    expect(svg).toMatch(/<circle class="disputed" data-event="strike"[^>]*stroke="#dc2626"/);
    expect(svg).not.toMatch(/<circle class="disputed" data-event="kerman"/);
    expect(svg).toContain('>disputed</text>');
  });

  it('adds the Other lane only when some event has no side', () => {
    expect(renderTimelineSvg(THREE)).toContain('>Other</text>');
    const sided = { ...THREE, events: THREE.events.filter((event) => event.sideIds.length > 0) };
    expect(renderTimelineSvg(sided)).not.toContain('>Other</text>');
  });

  it('reads partial dates on the calendar, never through a time zone', () => {
    expect(dayNumber(1970, 1, 1)).toBe(0);
    expect(dateSpan('2024-01-16', 'day')).toEqual({ start: dayNumber(2024, 1, 16), end: dayNumber(2024, 1, 17) });
    expect(dateSpan('2024-01-16', 'day').start).toBe(19738);
    expect(dateSpan('2024-02', 'month')).toEqual({ start: dayNumber(2024, 2, 1), end: dayNumber(2024, 3, 1) });
    expect(dateSpan('2024-12', 'month').end).toBe(dayNumber(2025, 1, 1));
    expect(dateSpan('2019', 'year')).toEqual({ start: dayNumber(2019, 1, 1), end: dayNumber(2020, 1, 1) });
    expect(dateSpan('2024-01-18T06:00:00Z', 'minute').start).toBe(dayNumber(2024, 1, 18) + 0.25);
    expect(() => dateSpan('2024-01', 'day')).toThrow();
  });

  it('renders an empty timeline', () => {
    expect(pngDimensions(renderTimelinePng({ title: 'Nothing yet', sides: SIDES, events: [] })).width).toBe(1200);
  });
});
