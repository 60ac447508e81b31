import { describe, expect, it } from 'vitest';
import {
  dateSpan,
  dayNumber,
  layoutTimelinePicture,
  periodOf,
  POINT_LIMIT,
  renderTimelinePng,
  renderTimelineSvg,
  THEMES,
  type PictureLayout,
  type TimelineImageEvent,
  type TimelineImageInput,
} from '../../src/briefing/render/timeline-image.js';
import { timelineImageInput } from '../../src/briefing/query/timeline-picture.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { firstPixel } from '../fixtures/png.js';

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
    { id: 'strike', title: 'Iran strikes <Balochistan> & more', occurredAt: '2024-01-16', precision: 'day', sideIds: ['iran', 'pakistan'], disputed: true, significance: 5, main: true },
    { id: 'condemns', title: 'Pakistan condemns the strike', occurredAt: '2024-01', precision: 'month', sideIds: ['pakistan'], disputed: false, significance: 4 },
    { id: 'kerman', title: 'انفجار در کرمان', occurredAt: '2024-01-03', precision: 'day', sideIds: [], disputed: false, significance: 3 },
  ],
};

/** `count` events over three months, mostly day-dated, some to the month or minute, a few with no side; five main ones. */
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
    return { id: `e${i}`, title: `Event ${i} <report> & "quote"`, occurredAt, precision, sideIds, disputed: i % 11 === 0, significance: 1 + (i % 5), main: i % 97 === 1 && i < 500 };
  });
  return { title: `${count} events`, sides: SIDES, events };
}

/** Five main events on one day, all acted by one side: the labels must still all fit, apart. */
const CROWDED: TimelineImageInput = {
  title: 'One busy day',
  sides: SIDES,
  events: Array.from({ length: 12 }, (_, i) => ({
    id: `c${i}`,
    title: `A long title for event number ${i} that needs two lines or more to be read in full`,
    occurredAt: `2024-01-18T${String(8 + (i % 5)).padStart(2, '0')}:00:00Z`,
    precision: 'minute' as const,
    sideIds: ['pakistan', 'iran'],
    disputed: i % 4 === 0,
    significance: i < 5 ? 5 : 2,
    main: i < 5,
  })),
};

function pngDimensions(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const attribute = (element: string, name: string) => Number(new RegExp(` ${name}="([^"]+)"`).exec(element)?.[1]);
const overlaps = (a: PictureLayout['labels'][number], b: PictureLayout['labels'][number]) =>
  a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

async function bundledInput(): Promise<TimelineImageInput> {
  const data = await bundledStoreData();
  return timelineImageInput(data, data.stories[0]!);
}

describe('timeline image', () => {
  it.each([
    ['3', THREE],
    ['300', manyEvents(300)],
  ])('renders %s events as a 1200 px wide PNG well under the attachment limit, in both themes', (_, input) => {
    for (const theme of ['dark', 'light'] as const) {
      const png = renderTimelinePng(input, { theme });
      const { width, height } = pngDimensions(png);
      expect(width).toBe(1200);
      expect(height).toBeGreaterThan(250);
      expect(height).toBeLessThan(2500);
      expect(png.length).toBeLessThan(1024 * 1024);
    }
  });

  it('is dark by default, in Discord’s dark-mode colours, and light when asked', () => {
    const dark = renderTimelineSvg(THREE);
    expect(dark).toContain(`fill="${THEMES.dark.background}"`);
    expect(THEMES.dark.background).toBe('#313338');
    expect(THEMES.dark.text).toBe('#dbdee1');
    expect(dark).toContain(`fill="${THEMES.dark.text}"`);
    expect(dark).not.toContain('fill="#ffffff"');
    const light = renderTimelineSvg(THREE, { theme: 'light' });
    expect(light).toContain('<rect width="1200" height=');
    expect(light).toMatch(/<rect width="1200" height="\d+" fill="#ffffff"\/>/);
    expect(light).not.toContain(`fill="${THEMES.dark.stripe}"`);
    expect(firstPixel(renderTimelinePng(THREE))).toBe('#313338');
    expect(firstPixel(renderTimelinePng(THREE, { theme: 'light' }))).toBe('#ffffff');
  });

  it.each([
    ['3', () => THREE],
    ['12 on one day', () => CROWDED],
    ['300', () => manyEvents(300)],
    ['5,000', () => manyEvents(5000)],
    ['the bundled story', bundledInput],
  ])('draws each of %s events exactly once, in the lane of the side that acted, the other sides marked', async (_, make) => {
    const input = await make();
    const layout = layoutTimelinePicture(input);
    const drawn = layout.marks.flatMap((mark) => mark.eventIds);
    expect(drawn.sort()).toEqual(input.events.map((event) => event.id).sort());
    const laneOf = new Map(layout.marks.flatMap((mark) => mark.eventIds.map((id) => [id, mark.lane] as const)));
    for (const event of input.events) {
      const lane = layout.lanes[laneOf.get(event.id)!]!;
      expect(lane.sideId).toBe(event.sideIds[0]);
      if (lane.sideId === undefined) expect(lane.name).toBe('Other');
      if (layout.mode === 'events') {
        const marked = layout.involved.filter((mark) => mark.eventId === event.id).map((mark) => layout.lanes[mark.lane]!.sideId);
        expect(marked).toEqual(event.sideIds.slice(1));
      }
    }
  });

  it.each([
    ['3', () => THREE],
    ['12 on one day', () => CROWDED],
    ['300', () => manyEvents(300)],
    ['5,000', () => manyEvents(5000)],
    ['the bundled story', bundledInput],
  ])('labels every main event of %s, no two labels overlap, none leaves the picture, none is under 33 px', async (_, make) => {
    const input = await make();
    for (const theme of ['dark', 'light'] as const) {
      const layout = layoutTimelinePicture(input, { theme });
      const labelled = new Set(layout.labels.map((label) => label.eventId));
      for (const event of input.events.filter((candidate) => candidate.main)) expect(labelled, event.id).toContain(event.id);
      layout.labels.forEach((a, i) => layout.labels.slice(i + 1).forEach((b) => expect(overlaps(a, b), `${a.eventId} / ${b.eventId}`).toBe(false)));
      for (const label of layout.labels) {
        expect(label.left).toBeGreaterThanOrEqual(0);
        expect(label.left + label.width).toBeLessThanOrEqual(layout.width);
        expect(label.lines.length).toBeLessThanOrEqual(2);
        expect(label.top + label.height).toBeLessThanOrEqual(layout.lanes[label.lane]!.bottom);
      }
      // Shown 400 px wide, nothing is smaller than 11 px.
      expect(Math.min(...layout.fontSizes) * (400 / layout.width)).toBeGreaterThanOrEqual(11);
    }
  });

  it('labels the bundled story’s five most significant events, and more where there is room', async () => {
    const input = await bundledInput();
    const main = input.events.filter((event) => event.main).map((event) => event.id);
    expect(main.sort()).toEqual(['iran-protests-pakistan-strikes', 'iran-strikes-balochistan', 'pakistan-condemns-iran-strike', 'pakistan-recalls-ambassador', 'pakistan-strikes-sistan-baluchistan']);
    const layout = layoutTimelinePicture(input);
    expect(layout.mode).toBe('events');
    expect(layout.labels.length).toBeGreaterThan(main.length);
  });

  it(`counts events per period past ${POINT_LIMIT} events: a bounded number of bars, never a "999+" disc`, () => {
    const small = layoutTimelinePicture(manyEvents(POINT_LIMIT));
    expect(small.mode).toBe('events');
    for (const count of [5000, 50_000]) {
      const input = manyEvents(count);
      const layout = layoutTimelinePicture(input);
      expect(layout.mode).toBe('periods');
      expect(layout.period).toBeDefined();
      expect(layout.marks.length).toBeLessThan(600);
      expect(layout.marks.filter((mark) => mark.shape === 'dot').every((mark) => input.events.find((event) => event.id === mark.eventIds[0])!.main)).toBe(true);
      const counted = layout.marks.filter((mark) => mark.shape === 'period').reduce((sum, mark) => sum + mark.eventIds.length, 0);
      expect(counted).toBeGreaterThan(count * 0.9);
      expect(layout.svg).not.toContain('999+');
      expect(layout.svg.length).toBeLessThan(500_000);
    }
    expect(renderTimelinePng(manyEvents(5000)).length).toBeLessThan(1024 * 1024);
  });

  it('counts by calendar periods: weeks from Monday, months and quarters as on the calendar', () => {
    const tuesday = dayNumber(2024, 1, 16);
    expect(periodOf('week', tuesday + 0.7)).toEqual({ start: dayNumber(2024, 1, 15), end: dayNumber(2024, 1, 22) });
    expect(periodOf('month', tuesday)).toEqual({ start: dayNumber(2024, 1, 1), end: dayNumber(2024, 2, 1) });
    expect(periodOf('quarter', dayNumber(2024, 5, 31))).toEqual({ start: dayNumber(2024, 4, 1), end: dayNumber(2024, 7, 1) });
    expect(periodOf('year', dayNumber(2024, 12, 31))).toEqual({ start: dayNumber(2024, 1, 1), end: dayNumber(2025, 1, 1) });
    expect(periodOf('day', tuesday + 0.5)).toEqual({ start: tuesday, end: tuesday + 1 });
    expect(periodOf('hour', tuesday + 0.26)).toEqual({ start: tuesday + 6 / 24, end: tuesday + 7 / 24 });
  });

  it('escapes all text for XML', () => {
    const svg = renderTimelineSvg(THREE);
    expect(svg).toContain('Strikes &lt;b&gt;&amp;&lt;/b&gt; &quot;counter-strikes&quot; &apos;January&apos;');
    expect(svg).toContain('&lt;Balochistan&gt; &amp; more');
    expect(svg).not.toMatch(/<(b|Balochistan|report)>/);
    expect(renderTimelineSvg(manyEvents(300))).not.toContain('<report>');
  });

  it('draws a month-precision event as a span of its whole month and the 16th on the 16th', () => {
    const svg = renderTimelineSvg({ ...THREE, events: THREE.events.map((event) => ({ ...event, sideIds: ['pakistan'] })) });
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
    expect(svg).toMatch(new RegExp(`<circle class="main disputed" data-event="strike"[^>]*stroke="${THEMES.dark.disputed}"`));
    expect(svg).not.toMatch(/<circle class="[^"]*disputed" data-event="kerman"/);
    expect(svg).toContain('>disputed</text>');
  });

  it('adds the Other lane only when some event has no side', () => {
    expect(layoutTimelinePicture(THREE).lanes.map((lane) => lane.name)).toEqual(['Pakistan', 'Iran', 'Other']);
    const sided = { ...THREE, events: THREE.events.filter((event) => event.sideIds.length > 0) };
    expect(layoutTimelinePicture(sided).lanes.map((lane) => lane.name)).toEqual(['Pakistan', 'Iran']);
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
