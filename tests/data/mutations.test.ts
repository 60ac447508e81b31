import { describe, expect, it } from 'vitest';
import {
  addClaim,
  addClaimAccount,
  addEvent,
  addSource,
  addStatement,
  buildEvent,
  editEvent,
  findDuplicates,
  InvalidChange,
  retractEvent,
  type EventFields,
} from '../../src/data/mutations.js';
import { StoreDataSchema } from '../../src/data/schema.js';
import { STORY_ID, testStoreData } from '../fixtures/story.js';

const author = { userId: '300000000000000001', userName: 'mod', guildId: '400000000000000001', now: new Date('2024-02-01T10:00:00Z') };
const fields: EventFields = {
  storyId: STORY_ID,
  title: 'Bridge reopens',
  summary: 'The bridge reopened to traffic.',
  occurredAt: '2024-01-30',
  precision: 'day',
  sideIds: ['north'],
  sourceIds: ['source-1'],
  significance: 3,
};

describe('event mutations', () => {
  it('adds an event with a readable id, revision 1, and an audit entry with who, where and what', () => {
    const data = testStoreData();
    const event = addEvent(data, buildEvent(data, fields, author), author);
    expect(event.id).toMatch(/^bridge-reopens-[0-9a-f]{5}$/);
    expect(event).toMatchObject({ revision: 1, status: 'reported', createdBy: author.userId, createdAt: '2024-02-01T10:00:00.000Z' });
    expect(data.audit.at(-1)).toMatchObject({
      action: 'create',
      entity: 'event',
      entityId: event.id,
      by: { userId: author.userId, name: 'mod' },
      guildId: author.guildId,
      after: { title: 'Bridge reopens' },
    });
    expect(StoreDataSchema.safeParse(data).success).toBe(true);
  });

  it('refuses unknown sides and sources, and invalid fields, naming the problem', () => {
    const data = testStoreData();
    expect(() => buildEvent(data, { ...fields, sideIds: ['east'] }, author)).toThrow(/no side `east`/);
    expect(() => buildEvent(data, { ...fields, sourceIds: ['nope'] }, author)).toThrow(/no source `nope`.*\/source add/);
    expect(() => buildEvent(data, { ...fields, title: 'x'.repeat(201) }, author)).toThrow(InvalidChange);
    expect(() => buildEvent(data, { ...fields, precision: 'minute' }, author)).toThrow(/precision: does not match/);
  });

  it('flags the same title on the same day as a likely duplicate', () => {
    const data = testStoreData();
    const event = addEvent(data, buildEvent(data, fields, author), author);
    expect(findDuplicates(data, { ...fields, title: ' BRIDGE reopens ' })).toEqual([event]);
    expect(findDuplicates(data, { ...fields, occurredAt: '2024-01-29' })).toEqual([]);
    expect(findDuplicates(data, fields, event.id)).toEqual([]);
  });

  it('edits with the before and after of each changed field, and refuses a stale revision', () => {
    const data = testStoreData();
    const event = addEvent(data, buildEvent(data, fields, author), author);
    const edited = editEvent(data, event.id, { title: 'Bridge reopens to cars', summary: fields.summary }, 1, author);
    expect(edited).toMatchObject({ revision: 2, title: 'Bridge reopens to cars', updatedAt: '2024-02-01T10:00:00.000Z' });
    expect(data.audit.at(-1)).toMatchObject({ action: 'update', before: { title: 'Bridge reopens' }, after: { title: 'Bridge reopens to cars' } });
    expect(data.audit.at(-1)!.after).not.toHaveProperty('summary');
    expect(() => editEvent(data, event.id, { title: 'Again' }, 1, author)).toThrow(/changed this event while you were editing/);
    expect(() => editEvent(data, event.id, { title: 'Bridge reopens to cars' }, 2, author)).toThrow(/Nothing changed/);
  });

  it('retracts: kept in the store with the reason, audited, not retractable twice', () => {
    const data = testStoreData();
    const retracted = retractEvent(data, 'event-1', 'Wrong bridge', author);
    expect(retracted).toMatchObject({ status: 'retracted', retraction: { reason: 'Wrong bridge', by: author.userId }, revision: 2 });
    expect(data.audit.at(-1)).toMatchObject({ action: 'retract', reason: 'Wrong bridge' });
    expect(() => retractEvent(data, 'event-1', 'again', author)).toThrow(/already retracted/);
    expect(() => editEvent(data, 'event-1', { title: 'x' }, 2, author)).toThrow(/retracted/);
  });
});

describe('statement, claim and source mutations', () => {
  it('adds each with an audit entry; a second position makes a claim disputed', () => {
    const data = testStoreData();
    const source = addSource(data, { storyId: STORY_ID, outlet: 'New Outlet', publishedAt: '2024-02-01', publishedPrecision: 'day' }, author);
    const statement = addStatement(
      data,
      { storyId: STORY_ID, speaker: 'North spokesperson', sideId: 'north', quote: 'We will “rebuild”.', saidAt: '2024-02-01', precision: 'day', sourceIds: [source.id] },
      author,
    );
    expect(statement.quote).toBe('We will “rebuild”.');
    const claim = addClaim(
      data,
      { storyId: STORY_ID, question: 'Who closed the bridge?', kind: 'agree', accounts: [{ position: 'North', text: 'North closed it.', sourceId: 'source-1' }] },
      author,
    );
    const disputed = addClaimAccount(data, claim.id, { position: 'South', text: 'South closed it.', sourceId: source.id, sideId: 'south' }, author);
    expect(disputed).toMatchObject({ kind: 'conflict', accounts: [{ position: 'North' }, { position: 'South' }] });
    expect(data.audit.map((entry) => `${entry.action} ${entry.entity}`)).toEqual([
      'create source',
      'create statement',
      'create claim',
      'update claim',
    ]);
    expect(StoreDataSchema.safeParse(data).success).toBe(true);
  });
});
