import { describe, expect, it } from 'vitest';
import { statementsOf, timelineEvents } from '../../src/briefing/query/queries.js';
import { searchStory, warmSearch } from '../../src/briefing/search/search.js';
import { addEvent, addStatement, buildEvent, editEvent, retractEvent } from '../../src/data/mutations.js';
import type { StoreData } from '../../src/data/schema.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { tempStore } from '../fixtures/temp-store.js';

const STORY = 'iran-pakistan-2024';
const author = { userId: '1', userName: 'mod', guildId: null, now: new Date('2024-02-01T00:00:00Z') };

/** What every index-backed query answers: compared between the followed state and a fresh copy (built from scratch). */
function answers(data: Readonly<StoreData>) {
  const ids = (items: ReadonlyArray<{ id: string }>) => items.map((item) => item.id);
  return {
    timeline: ids(timelineEvents(data, { storyId: STORY })),
    statements: ids(statementsOf(data, { storyId: STORY })),
    search: ['strike', 'Kugelman', 'ceasefire talks', 'Jaish'].map((query) => searchStory(data, STORY, query).map((hit) => `${hit.document.id} ${hit.document.title}`)),
  };
}

describe('indexes that follow writes', () => {
  it('answer after adds, edits and retractions exactly as indexes rebuilt from scratch', async () => {
    const store = await tempStore(bundledStoreData);
    answers(store.read());
    const fields = { storyId: STORY, title: 'Ceasefire talks announced', summary: 'Both sides agree to talks.', occurredAt: '2024-01-17', precision: 'day' as const, sideIds: ['pakistan'], sourceIds: [store.read().sources[0]!.id], significance: 3 };
    const added = await store.update((draft) => addEvent(draft, buildEvent(draft, fields, author), author));
    expect(answers(store.read())).toEqual(answers(structuredClone(store.read())));
    expect(answers(store.read()).search[2]!.join()).toContain('Ceasefire talks announced');

    await store.update((draft) => editEvent(draft, added.id, { title: 'Strike talks rescheduled', occurredAt: '2024-01-02' }, 1, author));
    const target = store.read().events.find((event) => event.status !== 'retracted' && event.id !== added.id)!;
    await store.update((draft) => retractEvent(draft, target.id, 'Duplicate', author));
    const statement = store.read().statements[0]!;
    await store.update((draft) => addStatement(draft, { ...statement, id: undefined, quote: 'A new strike statement.' } as never, author));
    const followed = answers(store.read());
    expect(followed).toEqual(answers(structuredClone(store.read())));
    expect(followed.timeline).not.toContain(target.id);
    expect(followed.timeline.indexOf(added.id)).toBeLessThan(followed.timeline.length - 5);
    expect(followed.search[2]!.join()).not.toContain('Ceasefire talks announced');
    await store.close();
  });
});

describe('search built in the background', () => {
  it('answers by scanning while the index builds, then from the index, which then follows writes', async () => {
    const store = await tempStore(bundledStoreData);
    const warm = warmSearch(store.read(), STORY);
    const scanned = searchStory(store.read(), STORY, 'Kugelman');
    expect(scanned.length).toBeGreaterThan(0);
    await warm;
    const indexed = searchStory(store.read(), STORY, 'Kugelman');
    expect(indexed.map((hit) => hit.document.id).sort()).toEqual(scanned.map((hit) => hit.document.id).sort());
    const statement = store.read().statements[0]!;
    await store.update((draft) => addStatement(draft, { ...statement, id: undefined, quote: 'Zyxwvut is a new word.' } as never, author));
    expect(searchStory(store.read(), STORY, 'zyxwvut')).toHaveLength(1);
    await store.close();
  });
});
