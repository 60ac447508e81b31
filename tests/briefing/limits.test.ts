import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, limitViolations } from '../../src/briefing/reply/limits.js';
import { splitText } from '../../src/briefing/render/paginate.js';
import type { StoreData } from '../../src/data/schema.js';
import type { Store } from '../../src/data/store.js';
import { allPages, textOf } from '../fixtures/ask.js';
import { testEvent, testSource, testStoreData, testStory } from '../fixtures/story.js';
import { tempStore, testContext } from '../fixtures/temp-store.js';

const long = (label: string, length: number) => `${label}. ${'Words of a long sentence here. '.repeat(60)}`.slice(0, length);

/** A store where every text is as long as the schema allows and every list as full. */
function maximalStore(): StoreData {
  const data = testStoreData({ events: 0, sources: 0 });
  const sides = Array.from({ length: 25 }, (_, i) => ({ id: `side-${i}`, name: `Side ${i} ${'n'.repeat(90)}`, aliases: [] }));
  data.stories = [testStory({ sides, title: long('Story', 200), summary: long('Summary', 1000) })];
  data.sources = Array.from({ length: 10 }, (_, i) =>
    testSource(i, { outlet: long(`Outlet ${i}`, 100), title: long('Title', 256), url: `https://example.org/${'p'.repeat(280)}`, note: long('Note', 500) }),
  );
  const sourceIds = data.sources.map((source) => source.id);
  data.actors = sides.map((side, i) => ({ id: `actor-${i}`, storyId: 'test-story', name: long(`Actor ${i}`, 100), role: long('Role', 200), sideId: side.id }));
  data.events = Array.from({ length: 60 }, (_, i) =>
    testEvent(i, {
      title: long(`Event ${i}`, 200),
      summary: long('Summary', 1500),
      location: long('Place', 200),
      dateBasis: long('Basis', 500),
      sideIds: sides.map((side) => side.id),
      actorIds: data.actors.map((actor) => actor.id),
      sourceIds,
      status: 'disputed',
    }),
  );
  data.statements = Array.from({ length: 40 }, (_, i) => ({
    id: `statement-${i}`,
    storyId: 'test-story',
    eventId: 'event-1',
    actorId: `actor-${i % 2}`,
    speaker: long('Speaker', 150),
    sideId: `side-${i % 2}`,
    quote: long('Quote', 1500),
    saidAt: '2024-01-02',
    precision: 'day' as const,
    sourceIds,
    via: long('Via', 200),
    context: long('Context', 500),
  }));
  data.claims = Array.from({ length: 12 }, (_, i) => ({
    id: `claim-${i}`,
    storyId: 'test-story',
    eventId: 'event-1',
    question: long(`Question ${i}`, 200),
    kind: 'conflict' as const,
    accounts: Array.from({ length: 20 }, (_, j) => ({
      position: long(`Position ${j % 3}`, 80),
      text: long('Account', 1000),
      sideId: `side-${j % 25}`,
      sourceId: sourceIds[j % 10]!,
      via: long('Via', 200),
    })),
  }));
  return data;
}

let store: Store;
beforeAll(async () => {
  store = await tempStore(maximalStore);
});

describe('every renderer fits Discord’s limits with the largest data the schema allows', () => {
  it.each([
    '/brief',
    '/timeline',
    '/statements side:side-0',
    '/statements side:side-0 compare:side-1',
    '/claims',
    '/event id:event-1',
    '/search query:words',
    '/sources',
    '/story list',
    '/help',
  ])('%s pages instead of overflowing, and cuts nothing silently', async (line) => {
    const pages = await allPages(line, testContext(store));
    for (const page of pages) {
      expect(limitViolations(page)).toEqual([]);
      expect(page.embeds![0]!.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
    }
    if (line !== '/help' && line !== '/story list') expect(pages.length).toBeGreaterThan(1);
    if (line === '/search query:words') {
      // Everything matches; the answer keeps the best 100 and says how to narrow it.
      expect(pages[0]!.embeds![0]!.footer!.text).toContain('the best 100 results — add words to narrow it');
    }
    if (line === '/statements side:side-0 compare:side-1') {
      // Side by side: every quote is there, a long one continuing in the next row under its heading repeated.
      const text = pages.map(textOf).join('\n');
      expect(pages.every((page) => page.embeds![0]!.fields!.some((field) => field.inline))).toBe(true);
      expect(text.match(/“Quote\./g)!.length).toBe(40);
      expect(text).toContain('(continued)');
    }
    if (line === '/claims') {
      // A claim longer than a page continues on the next, marked, rather than being cut.
      const text = pages.map(textOf).join('\n');
      expect(text).toMatch(/…\n/);
      expect(text.match(/Account\. Words/g)!.length).toBe(12 * 20);
    }
  });
});

describe('splitText', () => {
  it('splits between lines, then sentences, then words, marking each continuation', () => {
    expect(splitText('short', 10)).toEqual(['short']);
    const pieces = splitText('One two three. Four five six. Seven eight nine.', 20);
    expect(pieces).toEqual(['One two three.…', '…Four five six.…', '…Seven eight nine.']);
    for (const piece of splitText('x'.repeat(95), 20)) expect(piece.length).toBeLessThanOrEqual(20);
  });
});
