import { describe, expect, it } from 'vitest';
import { citationNumbers, storySources, timelineEvents } from '../../src/briefing/query/queries.js';
import { renderSources } from '../../src/briefing/render/sources.js';
import { renderTimeline, type TimelineView } from '../../src/briefing/render/timeline.js';
import { formatPartialDate } from '../../src/briefing/render/format.js';
import { LIMITS, limitViolations } from '../../src/briefing/reply/limits.js';
import type { StoreData } from '../../src/data/schema.js';
import { testEvent, testSource, testStoreData } from '../fixtures/story.js';

const customIdFor = (page: number) => `timeline:${page}:test-story:`;

function timelineView(data: StoreData): TimelineView {
  const sources = storySources(data, 'test-story');
  return {
    story: data.stories[0]!,
    events: timelineEvents(data, { storyId: 'test-story' }),
    sources,
    citationNumbers: citationNumbers(sources),
  };
}

describe('formatPartialDate', () => {
  it('keeps calendar dates as calendar dates and makes instants Discord timestamps', () => {
    expect(formatPartialDate('2019', 'year')).toBe('2019');
    expect(formatPartialDate('2024-01', 'month')).toBe('January 2024');
    expect(formatPartialDate('2024-01-16', 'day')).toBe('16 Jan 2024');
    expect(formatPartialDate('2024-01-18T06:26:00Z', 'minute')).toBe('<t:1705559160:f> (<t:1705559160:R>)');
  });
});

describe('renderTimeline', () => {
  it('answers an empty timeline with a private notice', () => {
    const reply = renderTimeline(timelineView(testStoreData({ events: 0 })), { page: 1, customIdFor });
    expect(reply).toEqual({ content: 'No events in **A test story** yet.', ephemeral: true });
  });

  it('shows one event with its date, title, citation and the cited source only', () => {
    const reply = renderTimeline(timelineView(testStoreData({ events: 1 })), { page: 1, customIdFor });
    const description = reply.embeds![0]!.description!;
    expect(description).toContain('**2 Jan 2024** — Event 1 happens [1]');
    expect(description).toContain('[1] Outlet 1, 2 Jan 2024 — *Report number 1*');
    expect(description).not.toContain('Outlet 2');
    expect(reply.components).toEqual([]);
    expect(reply.embeds![0]!.footer!.text).toBe('Page 1 of 1 · 1 event');
  });

  it('never shows retracted events and marks disputed ones', () => {
    const data = testStoreData({ events: 2 });
    data.events[0] = testEvent(1, { status: 'retracted', retraction: { at: '2024-02-02T00:00:00Z', by: 'mod', reason: 'wrong' } });
    data.events[1] = testEvent(2, { status: 'disputed' });
    const description = renderTimeline(timelineView(data), { page: 1, customIdFor }).embeds![0]!.description!;
    expect(description).not.toContain('Event 1 happens');
    expect(description).toContain('Event 2 happens [1] · ⚠️ disputed');
  });

  it('paginates many events with Previous/Next buttons that carry the page (25 short events share one page; 80 make four, 25 to a page for the select menu)', () => {
    expect(renderTimeline(timelineView(testStoreData({ events: 25 })), { page: 1, customIdFor }).embeds![0]!.footer!.text).toBe('Page 1 of 1 · 25 events');
    const view = timelineView(testStoreData({ events: 80 }));
    const first = renderTimeline(view, { page: 1, customIdFor });
    expect(first.embeds![0]!.footer!.text).toBe('Page 1 of 4 · 80 events');
    const [previous, next] = first.components![0]!.components;
    expect(previous).toMatchObject({ label: '◀ Previous', disabled: true });
    expect(next).toMatchObject({ label: 'Next ▶', custom_id: 'timeline:2:test-story:', disabled: false });
    const last = renderTimeline(view, { page: 99, customIdFor });
    expect(last.embeds![0]!.footer!.text).toBe('Page 4 of 4 · 80 events');
  });

  it('stays within every limit when titles and sources are as long as the schema allows', () => {
    const data = testStoreData({ events: 40, sources: 8 });
    data.sources = data.sources.map((source, i) =>
      testSource(i + 1, { outlet: 'O'.repeat(100), title: 'T'.repeat(256), note: 'N'.repeat(500) }),
    );
    data.events = data.events.map((event, i) => ({
      ...event,
      title: `${'Long title '.repeat(18)}${i}`.slice(0, 200),
      sourceIds: data.sources.map((source) => source.id),
    }));
    const view = timelineView(data);
    let pages = 0;
    for (let page = 1; ; page++) {
      const reply = renderTimeline(view, { page, customIdFor });
      expect(limitViolations(reply)).toEqual([]);
      expect(reply.embeds![0]!.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
      pages = Number(/of (\d+)/.exec(reply.embeds![0]!.footer!.text)![1]);
      if (page >= pages) break;
    }
    expect(pages).toBeGreaterThan(3);
    const sources = renderSources({ story: data.stories[0]!, sources: data.sources }, { page: 1, customIdFor });
    expect(limitViolations(sources)).toEqual([]);
  });
});

describe('renderSources', () => {
  it('lists every report with outlet, date or "undated", and its note', () => {
    const data = testStoreData({ sources: 2 });
    data.sources[1] = testSource(2, { publishedAt: undefined, publishedPrecision: undefined, note: 'Written on the day.' });
    const reply = renderSources({ story: data.stories[0]!, sources: data.sources }, { page: 1, customIdFor });
    expect(reply.embeds![0]!.description).toBe(
      '[1] Outlet 1, 2 Jan 2024 — *Report number 1*\n\n[2] Outlet 2, undated — *Report number 2*\n> Written on the day.',
    );
  });
});

describe('limitViolations', () => {
  it('reports each limit a reply breaks', () => {
    expect(limitViolations({ content: 'x'.repeat(2001) })).toEqual(['content is 2001 (limit 2000)']);
    expect(limitViolations({ embeds: [{ description: 'x'.repeat(4097) }] })).toContain('embeds[0].description is 4097 (limit 4096)');
    expect(
      limitViolations({ embeds: [{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(2001) }] }),
    ).toEqual(['embeds total is 6001 (limit 6000)']);
  });
});

describe('safe', () => {
  it('makes stored markdown, masked links and mentions inert, keeping the text as typed', async () => {
    const { safe } = await import('../../src/briefing/render/format.js');
    expect(safe('**bold** _it_ `code` ||spoiler|| ~~s~~ [click](https://evil.example) <@123> <t:1:f>')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\| \\~\\~s\\~\\~ \\[click\\](https://evil.example) \\<@123> \\<t:1:f>',
    );
    expect(safe('# heading\n> quote\n-# small\n- item\n12. twelve\nplain 3. text')).toBe(
      '\\# heading\n\\> quote\n\\-# small\n\\- item\n12\\. twelve\nplain 3. text',
    );
  });
});
