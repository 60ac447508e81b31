import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearWords, wordsOf } from '../../src/briefing/search/words.js';
import { MAX_RESULTS, searchStory, warmSearch } from '../../src/briefing/search/search.js';
import { addEvent, addStatement, buildEvent, editEvent, retractEvent } from '../../src/data/mutations.js';
import type { Claim, StoreData, Statement } from '../../src/data/schema.js';
import { STORY_ID, testEvent, testStoreData } from '../fixtures/story.js';
import { tempStore } from '../fixtures/temp-store.js';
import { BIDI, EMOJI, INVISIBLE, MARKDOWN, mixed } from '../fuzz/hostile.js';

const author = { userId: '1', userName: 'mod', guildId: null, now: new Date('2024-02-01T00:00:00Z') };

const statement = (id: string, speaker: string, quote: string, eventId?: string): Statement => ({
  id, storyId: STORY_ID, eventId, speaker, sideId: 'south', quote, saidAt: '2024-01-05', precision: 'day', sourceIds: ['source-2'],
});

const claim: Claim = {
  id: 'who-fired-first', storyId: STORY_ID, eventId: 'bridge-attack', question: 'Who fired first at the crossing?', kind: 'conflict',
  accounts: [
    { position: 'north fired', text: 'Southern officials blame a northern patrol.', sideId: 'south', sourceId: 'source-1' },
    { position: 'south fired', text: 'Northern officials blame a southern convoy.', sideId: 'north', sourceId: 'source-2' },
  ],
};

/** A small story whose words are chosen so each query below finds exactly what it names. */
function storyData(): StoreData {
  const data = testStoreData({ events: 0 });
  const event = (id: string, title: string, summary: string, overrides = {}) => testEvent(0, { id, title, summary, ...overrides });
  data.events = [
    event('bridge-attack', 'Bridge attack in Kerman', 'Militants struck the main bridge at dawn.'),
    event('bridge-reopened', 'Bridge reopened to traffic', 'Engineers finished repairs.', { sideIds: ['north'] }),
    event('envoy-summoned', 'Chargé d’affaires summoned', 'The ministry protested the strikes.'),
    event('charge-sheet', 'Prosecutors file a charge sheet', 'Three suspects named.'),
    event('urdu-report', 'کرمان میں دھماکہ', 'سرحد پر حملہ'),
    event('persian-report', 'دولت می‌خواهد مذاکره کند', 'گزارش رسمی'),
    event('drone-title', 'Drone downed near the dam', 'Wreckage was recovered by soldiers from the river bank late on Tuesday evening.'),
    event('drone-text', 'Officials report on the dam', 'A drone was downed.'),
    event('karimo-text', 'Market day', 'Traders from karimo arrived early with grain, cloth, spices, copper pots, dried fruit and goats, and stayed until the evening prayers before the long road home.'),
    event('karima-title', 'Karima festival', 'Crowds gathered.'),
    event('retracted-one', 'Retracted zebrafish story', 'Never happened.', { status: 'retracted', retraction: { at: '2024-02-01T00:00:00Z', by: '1', reason: 'Wrong' } }),
  ];
  data.statements = [statement('kugelman-view', 'Michael Kugelman', 'Escalation is a real risk.', 'bridge-attack')];
  data.claims = [claim];
  return data;
}

const ids = (query: string, data: Readonly<StoreData> = fixture) => searchStory(data, STORY_ID, query).map((hit) => hit.document.id);
const fixture = storyData();

describe('search', () => {
  it('finds a document only when every typed word matches', () => {
    expect(ids('bridge').sort()).toEqual(['event:bridge-attack', 'event:bridge-reopened']);
    expect(ids('bridge kerman')).toEqual(['event:bridge-attack']);
    expect(ids('bridge kerman traffic')).toEqual([]);
  });

  it('matches every word as a prefix', () => {
    expect(ids('bri ker')).toEqual(['event:bridge-attack']);
    expect(ids('reop')).toEqual(['event:bridge-reopened']);
    expect(ids('kug')).toEqual(['statement:kugelman-view']);
  });

  it('forgives about one typo per five letters on words longer than three letters', () => {
    expect(ids('kermann')).toEqual(['event:bridge-attack']);
    expect(ids('kugelmann')).toEqual(['statement:kugelman-view']);
    expect(ids('bridgw keman')).toEqual(['event:bridge-attack']);
    // Three letters: no typo forgiven.
    expect(ids('dan')).toEqual([]);
    expect(nearWords('kerman', ['kerman', 'kermanshah', 'german', 'germans', 'kern'])).toEqual(['german']);
    expect(nearWords('ceasfire', ['ceasefire', 'ceasefires', 'crossfire'])).toEqual(['ceasefire', 'ceasefires']);
  });

  it('ranks words as typed (and their prefixes) above words a typo was forgiven for', () => {
    // karimo is in a summary; karima, one letter off, is in a title, which weighs more.
    expect(ids('karimo')).toEqual(['event:karimo-text', 'event:karima-title']);
    expect(ids('karima')).toEqual(['event:karima-title', 'event:karimo-text']);
  });

  it('ranks a match in the title above one in the text', () => {
    expect(ids('drone')).toEqual(['event:drone-title', 'event:drone-text']);
    const [first, second] = searchStory(fixture, STORY_ID, 'drone');
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it('folds accents and case both ways', () => {
    expect(ids('charge').sort()).toEqual(['event:charge-sheet', 'event:envoy-summoned']);
    expect(ids('chargé').sort()).toEqual(['event:charge-sheet', 'event:envoy-summoned']);
    expect(ids('CHARGE SUMMONED')).toEqual(['event:envoy-summoned']);
    expect(ids('Charge\u0301 d’affaires')).toEqual(['event:envoy-summoned']);
    expect(wordsOf('Chargé d’Affaires')).toEqual(['charge', 'd', 'affaires']);
  });

  it('finds Urdu and Persian words, with or without short vowels and joiners', () => {
    expect(ids('کرمان')).toEqual(['event:urdu-report']);
    expect(ids('کَرمان دھماکہ')).toEqual(['event:urdu-report']);
    expect(ids('حملہ')).toEqual(['event:urdu-report']);
    expect(ids('میخواهد')).toEqual(['event:persian-report']);
    expect(ids('می‌خواهد')).toEqual(['event:persian-report']);
  });

  it('covers statements and claims, with how to open them, and never retracted events', () => {
    const [hit] = searchStory(fixture, STORY_ID, 'escalation');
    expect(hit!.document).toEqual({
      id: 'statement:kugelman-view', kind: 'statement', title: 'Michael Kugelman', text: 'Escalation is a real risk.',
      people: 'Michael Kugelman South', eventId: 'bridge-attack', sideId: 'south', sourceIds: ['source-2'],
    });
    expect(hit!.terms).toEqual(['escalation']);
    const [found] = searchStory(fixture, STORY_ID, 'fired first');
    expect(found!.document).toMatchObject({ id: 'claim:who-fired-first', kind: 'claim', eventId: 'bridge-attack', sourceIds: ['source-1', 'source-2'] });
    expect(ids('zebrafish')).toEqual([]);
  });

  it('reads nothing a person types as query syntax', () => {
    const hostile = [
      '"', '""', '"kerman', 'kerman"', '*', 'kerman*', '**', 'NEAR(kerman bridge)', 'NEAR', 'AND', 'OR', 'NOT', 'kerman AND',
      'bridge OR reopened', 'bridge NOT kerman', '-kerman', 'kerman -bridge', 'title:kerman', '{title people}: kerman', '^kerman',
      '(kerman', 'kerman)', '()', '(', ')', '+', ':', '^', "'; drop table docs; --", '\u0000', '\\', 'x'.repeat(5000),
      ...MARKDOWN, ...INVISIBLE, ...BIDI, ...EMOJI,
    ];
    for (const query of hostile) expect(() => searchStory(fixture, STORY_ID, query), query).not.toThrow();
    // Punctuation is dropped as the index drops it, and operators are plain words.
    for (const query of ['"kerman"', 'kerman*', '-kerman', '^kerman', '(kerman)', 'kerman:', '💣kerman💣']) expect(ids(query), query).toEqual(['event:bridge-attack']);
    expect(ids('bridge OR reopened')).toEqual([]);
    expect(ids('bridge NOT kerman')).toEqual([]);
    expect(ids('NEAR(bridge traffic)')).toEqual([]);
    fc.assert(fc.property(fc.oneof(mixed(), fc.string({ unit: 'binary', maxLength: 30 })), (query) => void searchStory(fixture, STORY_ID, query)));
  });

  it('answers a query with no words with nothing', () => {
    for (const query of ['', '   ', '!!!', '💣🇵🇰', '"*"', '\u0301', '\u200c']) expect(ids(query), query).toEqual([]);
  });

  it(`returns at most ${MAX_RESULTS} results`, () => {
    const data = testStoreData({ events: MAX_RESULTS + 20 });
    expect(ids('happens', data)).toHaveLength(MAX_RESULTS);
    expect(ids('hapens', data)).toHaveLength(MAX_RESULTS);
  });
});

describe('search index following writes', () => {
  it('follows added, edited and retracted events and new statements as an index built from scratch would', async () => {
    const store = await tempStore(storyData);
    await warmSearch(store.read(), STORY_ID);
    const queries = ['bridge', 'ceasefire talks', 'ceasfire', 'kerman', 'strike', 'kugelman', 'zyxwvut'];
    const answers = (data: Readonly<StoreData>) => queries.map((query) => searchStory(data, STORY_ID, query).map((hit) => `${hit.document.id} ${hit.document.title}`));
    const fields = { storyId: STORY_ID, title: 'Ceasefire talks announced', summary: 'Both sides agree to talks.', occurredAt: '2024-01-17', precision: 'day' as const, sideIds: ['north'], sourceIds: ['source-1'], significance: 3 };
    const added = await store.update((draft) => addEvent(draft, buildEvent(draft, fields, author), author));
    expect(ids('ceasfire talks', store.read())).toEqual([`event:${added.id}`]);
    expect(answers(store.read())).toEqual(answers(structuredClone(store.read())));

    await store.update((draft) => editEvent(draft, added.id, { title: 'Strike talks rescheduled' }, 1, author));
    expect(ids('ceasefire', store.read())).toEqual([]);
    expect(ids('rescheduled', store.read())).toEqual([`event:${added.id}`]);

    await store.update((draft) => retractEvent(draft, 'bridge-attack', 'Duplicate', author));
    expect(ids('bridge', store.read())).toEqual(['event:bridge-reopened']);
    expect(ids('kerman', store.read())).toEqual([]);

    await store.update((draft) => addStatement(draft, { ...statement('x', 'Ayesha Siddiqa', 'Zyxwvut is a new word.'), id: undefined } as never, author));
    expect(ids('zyxwvut', store.read())).toHaveLength(1);
    expect(ids('zyxwvu siddiqa', store.read())).toHaveLength(1);
    expect(answers(store.read())).toEqual(answers(structuredClone(store.read())));
    await store.close();
  });

  it('rebuilds when a side is renamed, since documents carry side names', async () => {
    const store = await tempStore(storyData);
    await warmSearch(store.read(), STORY_ID);
    expect(ids('northland bridge', store.read())).toEqual([]);
    await store.update((draft) => {
      draft.stories[0]!.sides[0]!.name = 'Northland';
    });
    expect(ids('northland bridge', store.read())).toEqual(['event:bridge-reopened']);
    await store.close();
  });
});
