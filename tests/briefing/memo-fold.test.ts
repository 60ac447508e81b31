import { describe, expect, it } from 'vitest';
import { memoByState } from '../../src/briefing/cache/memo.js';
import type { StoreData } from '../../src/data/schema.js';
import { foldKey, foldText } from '../../src/text/fold.js';
import { slugify } from '../../src/data/ids.js';
import { testStoreData } from '../fixtures/story.js';

describe('memoByState', () => {
  it('derives once per state and key parts, handing derive the request as passed', () => {
    const seen: unknown[] = [];
    const derive = memoByState(
      (_data, request: { story: string; side?: string; since?: Date }) => {
        seen.push(request);
        return `${request.story}/${request.side ?? '-'}`;
      },
      (request) => [request.story, request.side, request.since?.getTime()],
    );
    const data = testStoreData({ events: 1 }) as StoreData;
    const since = new Date('2024-01-16T00:00:00Z');
    expect(derive(data, { story: 's', since })).toBe('s/-');
    expect(derive(data, { story: 's', since: new Date(since) })).toBe('s/-');
    expect(derive(data, { story: 's', side: 'a' })).toBe('s/a');
    // "s" + "a:b" and "s:a" + "b" would collide if the parts were joined into one string.
    expect(derive(data, { story: 's:a', side: 'b' })).toBe('s:a/b');
    expect(derive(data, { story: 's', side: 'a:b' })).toBe('s/a:b');
    expect(seen).toHaveLength(4);
    expect(seen[0]).toEqual({ story: 's', since });
    expect((seen[0] as { since: Date }).since).toBeInstanceOf(Date);
    derive({ ...data }, { story: 's', since });
    expect(seen).toHaveLength(5);
  });
});

describe('the one text fold', () => {
  it('drops accents and in-word joiners, makes compatibility forms plain, keeps case', () => {
    expect(foldText('Chargé d’affaires')).toBe('Charge d’affaires');
    expect(foldText('ﬁle')).toBe('file');
    expect(foldText('می‌خواهد')).toBe('میخواهد');
    expect(foldText('plain ASCII')).toBe('plain ASCII');
  });

  it('compares names, titles and positions the same way everywhere', () => {
    expect(foldKey('  Chargé   d’Affaires ')).toBe(foldKey("charge d'affaires"));
    expect(slugify('Iran–Pakistan strikes: Chargé, Jan 2024')).toBe('iran-pakistan-strikes-charge-jan-2024');
  });
});
