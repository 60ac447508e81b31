import { beforeAll, describe, expect, it } from 'vitest';
import { rankCandidates } from '../../src/briefing/search/autocomplete.js';
import { commands } from '../../src/commands/index.js';
import type { Command, CommandInput } from '../../src/commands/types.js';
import type { Store } from '../../src/data/store.js';
import { testEvent, testStoreData } from '../fixtures/story.js';
import { tempStore, testContext } from '../fixtures/temp-store.js';

let store: Store;
beforeAll(async () => {
  store = await tempStore();
});

const command = (name: string) => commands.find((candidate) => candidate.data.name === name) as Required<Command>;
const complete = (name: string, option: string, value: string, options: CommandInput['options'] = {}) =>
  command(name).autocomplete({ name: option, value }, { options: { ...options, [option]: value } }, testContext(store));

describe('autocomplete', () => {
  it('ranks sides by id, name and alias, forgiving typos', () => {
    expect(complete('timeline', 'side', 'pak')[0]).toEqual({ name: expect.stringContaining('Pakistan'), value: 'pakistan' });
    expect(complete('timeline', 'side', 'pakistn')[0]!.value).toBe('pakistan');
    expect(complete('timeline', 'side', 'tehran')[0]!.value).toBe('iran');
    expect(complete('timeline', 'side', 'BLF')[0]!.value).toBe('baloch-separatists');
  });

  it('lists events newest first with their dates, and finds them by words', () => {
    const all = complete('event', 'id', '');
    expect(all[0]!.name).toMatch(/^January 2024|^18 Jan 2024/);
    expect(complete('event', 'id', 'kerman')[0]).toEqual({ name: '3 Jan 2024 — Bomb attack in Kerman, Iran', value: 'kerman-bombing' });
    expect(complete('event', 'id', 'kermn')[0]!.value).toBe('kerman-bombing');
  });

  it('completes actors and stories', () => {
    expect(complete('timeline', 'actor', 'kugel')[0]!.value).toBe('michael-kugelman');
    expect(complete('brief', 'story', 'iran')[0]!.value).toBe('iran-pakistan-2024');
  });

  it('completes IANA time zones for schedules, typo-tolerant', () => {
    expect(complete('schedule', 'timezone', 'karachi')[0]!.value).toBe('Asia/Karachi');
    expect(complete('schedule', 'timezone', 'new york')[0]!.value).toBe('America/New_York');
    expect(complete('schedule', 'timezone', 'tehrn')[0]!.value).toBe('Asia/Tehran');
  });

  it('offers nothing for options that do not name a thing', () => {
    expect(complete('timeline', 'from', '2024')).toEqual([]);
  });

  it('never offers more than 25 choices or names over 100 characters, on 10,000 events too', async () => {
    const data = testStoreData({ events: 10_000 });
    data.events = data.events.map((event, i) => testEvent(i, { title: `Event ${i} ${'with a long title '.repeat(10)}`.slice(0, 200) }));
    const big = await tempStore(() => data);
    const context = testContext(big);
    const first = command('event').autocomplete({ name: 'id', value: 'event' }, { options: {} }, context);
    expect(first).toHaveLength(25);
    for (const choice of first) expect(choice.name.length).toBeLessThanOrEqual(100);
    expect(command('event').autocomplete({ name: 'id', value: 'event 9999' }, { options: {} }, context)[0]!.value).toBe('event-9999');
  });

  it('rankCandidates keeps order when nothing is typed', () => {
    const candidates = [{ value: 'b', name: 'Bee' }, { value: 'a', name: 'Ay' }];
    expect(rankCandidates(candidates, '  ')).toEqual([{ value: 'b', name: 'Bee' }, { value: 'a', name: 'Ay' }]);
  });
});
