import { describe, expect, it } from 'vitest';
import {
  addClaim,
  addStatement,
  editClaimAccount,
  editRecord,
  editStory,
  InvalidChange,
  retractEvent,
  retractRecord,
  type StatementFields,
} from '../../src/data/mutations.js';
import { claimsOf, statementsOf, storySources } from '../../src/briefing/query/queries.js';
import { StoreDataSchema, type Claim, type Statement } from '../../src/data/schema.js';
import { STORY_ID, testStoreData } from '../fixtures/story.js';

const author = { userId: '300000000000000001', userName: 'mod', guildId: '400000000000000001', now: new Date('2024-02-01T10:00:00Z') };
const other = { ...author, userId: '300000000000000002', userName: 'other mod', now: new Date('2024-02-01T10:05:00Z') };

const statementFields: StatementFields = {
  storyId: STORY_ID,
  speaker: 'North’s minister',
  sideId: 'north',
  quote: 'The bridge is closed.',
  saidAt: '2024-01-20',
  precision: 'day',
  sourceIds: ['source-1'],
  context: 'At a press conference',
};

function withRecords() {
  const data = testStoreData();
  const statement = addStatement(data, statementFields, author);
  const claim = addClaim(
    data,
    {
      storyId: STORY_ID,
      question: 'Is the bridge open?',
      kind: 'conflict',
      accounts: [
        { position: 'open', text: 'It reopened.', sourceId: 'source-1', sideId: 'north' },
        { position: 'closed', text: 'Still closed.', sourceId: 'source-1' },
      ],
    },
    author,
  );
  data.audit = [];
  return { data, statement, claim };
}

describe('editing a statement, claim or source', () => {
  it('changes the fields, counts the revision from 1 when absent, sets updatedAt, and audits before and after with the reason', () => {
    const { data, statement } = withRecords();
    expect(statement.revision).toBeUndefined();
    const edited = editRecord(data, 'statement', statement.id, { quote: 'The bridge is shut.', context: null }, 1, author, 'Misquoted') as Statement;
    expect(edited).toMatchObject({ quote: 'The bridge is shut.', revision: 2, updatedAt: '2024-02-01T10:00:00.000Z' });
    expect(edited).not.toHaveProperty('context');
    expect(data.audit.at(-1)).toMatchObject({
      action: 'update',
      entity: 'statement',
      entityId: statement.id,
      before: { quote: 'The bridge is closed.', context: 'At a press conference' },
      after: { quote: 'The bridge is shut.', context: null },
      reason: 'Misquoted',
      by: { name: 'mod' },
    });
    expect(StoreDataSchema.safeParse(data).success).toBe(true);
  });

  it('refuses an edit of a record someone else just changed, naming the record, who and the field', () => {
    const { data, statement } = withRecords();
    editRecord(data, 'statement', statement.id, { speaker: 'North’s foreign minister' }, 1, other);
    const before = JSON.stringify(data);
    expect(() => editRecord(data, 'statement', statement.id, { quote: 'Mine' }, 1, author)).toThrow(
      /Someone else changed statement `.+` .* \(now revision 2 by other mod; they changed speaker\)/,
    );
    expect(JSON.stringify(data)).toBe(before);
  });

  it('refuses an unknown id, an edit that changes nothing, and an edit of a retracted record', () => {
    const { data, statement, claim } = withRecords();
    expect(() => editRecord(data, 'claim', 'nope', { question: 'x' }, 1, author)).toThrow(/no claim `nope`/);
    expect(() => editRecord(data, 'claim', claim.id, { question: claim.question }, 1, author)).toThrow(/Nothing changed/);
    retractRecord(data, 'statement', statement.id, 'Never said', author);
    expect(() => editRecord(data, 'statement', statement.id, { quote: 'x' }, 2, author)).toThrow(/retracted; it cannot be edited/);
  });

  it('edits a claim’s question, note and kind, and one account with the claim’s revision', () => {
    const { data, claim } = withRecords();
    const edited = editRecord(data, 'claim', claim.id, { question: 'Is the bridge open to traffic?', note: 'They disagree on the date', kind: 'detail' }, 1, author) as Claim;
    expect(edited).toMatchObject({ question: 'Is the bridge open to traffic?', note: 'They disagree on the date', kind: 'detail', revision: 2 });
    const account = editClaimAccount(data, claim.id, 2, { text: 'Still closed to cars.', via: 'Wire' }, 2, author, 'Fuller quote');
    expect(account.accounts[1]).toEqual({ position: 'closed', text: 'Still closed to cars.', sourceId: 'source-1', via: 'Wire' });
    expect(account.revision).toBe(3);
    expect(data.audit.at(-1)).toMatchObject({ before: { 'account 2 text': 'Still closed.', 'account 2 via': null }, after: { 'account 2 text': 'Still closed to cars.' }, reason: 'Fuller quote' });
    expect(() => editClaimAccount(data, claim.id, 3, { text: 'x' }, 3, author)).toThrow(/no account 3: it has 2/);
    expect(() => editClaimAccount(data, claim.id, 1, { text: 'x' }, 2, author)).toThrow(/Someone else changed claim/);
  });

  it('edits a source; a new date without an end drops the old end', () => {
    const data = testStoreData();
    data.sources[0] = { ...data.sources[0]!, publishedAt: '2024-01-02', publishedPrecision: 'day', publishedUntil: '2024-01-04', publishedUntilPrecision: 'day' };
    const edited = editRecord(data, 'source', 'source-1', { outlet: 'Outlet One', publishedAt: '2024-01-03', publishedPrecision: 'day' }, 1, author);
    expect(edited).toMatchObject({ outlet: 'Outlet One', publishedAt: '2024-01-03', revision: 2 });
    expect(edited).not.toHaveProperty('publishedUntil');
  });
});

describe('retracting a statement, claim or source', () => {
  it('needs a reason, keeps the record with it, audits it, and drops it from reader lists', () => {
    const { data, statement, claim } = withRecords();
    expect(() => retractRecord(data, 'statement', statement.id, '  ', author)).toThrow(/needs a reason/);
    expect(() => retractEvent(data, 'event-1', ' ', author)).toThrow(/needs a reason/);
    expect(data.audit).toEqual([]);
    const retracted = retractRecord(data, 'statement', statement.id, 'Never said', author);
    expect(retracted).toMatchObject({ retraction: { at: '2024-02-01T10:00:00.000Z', by: author.userId, reason: 'Never said' }, revision: 2 });
    expect(data.statements.find((s) => s.id === statement.id)).toBe(retracted);
    expect(data.audit.at(-1)).toMatchObject({ action: 'retract', entity: 'statement', reason: 'Never said' });
    expect(() => retractRecord(data, 'statement', statement.id, 'again', author)).toThrow(/already retracted/);
    expect(statementsOf(data, { storyId: STORY_ID })).toEqual([]);
    retractRecord(data, 'claim', claim.id, 'Duplicate question', author);
    expect(claimsOf(data, STORY_ID)).toEqual([]);
    expect(StoreDataSchema.safeParse(data).success).toBe(true);
  });

  it('refuses to retract a source that live records cite, naming them; once they are gone it is retracted and leaves /sources', () => {
    const { data, statement, claim } = withRecords();
    const before = JSON.stringify(data);
    let refusal = '';
    try {
      retractRecord(data, 'source', 'source-1', 'Fabricated', author);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidChange);
      refusal = (error as Error).message;
    }
    expect(refusal).toMatch(/still cited by 5 records: event `event-1` \(Event 1 happens\); event `event-2`/);
    expect(refusal).toContain(`statement \`${statement.id}\``);
    expect(refusal).toContain(`claim \`${claim.id}\` (Is the bridge open?)`);
    expect(JSON.stringify(data)).toBe(before);
    for (const id of ['event-1', 'event-2', 'event-3']) retractEvent(data, id, 'Gone', author);
    retractRecord(data, 'statement', statement.id, 'Gone', author);
    retractRecord(data, 'claim', claim.id, 'Gone', author);
    retractRecord(data, 'source', 'source-1', 'Fabricated', author);
    expect(storySources(data, STORY_ID).map((source) => source.id)).toEqual(['source-2']);
    expect(() => addStatement(data, { ...statementFields, sourceIds: ['source-1'] }, author)).toThrow(/was retracted/);
  });

  it('shortens a long list of citing records within the message limit', () => {
    const data = testStoreData({ events: 200 });
    const message = (() => {
      try {
        retractRecord(data, 'source', 'source-1', 'Fabricated', author);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(/still cited by 200 records: .* and 190 more\./);
    expect(message.length).toBeLessThan(2000);
  });
});

describe('editing the story', () => {
  it('changes title, lead and sides with the revision, audited with sides as lines', () => {
    const data = testStoreData();
    const sides = [
      { id: 'north', name: 'Northland', aliases: ['The North'] },
      { id: 'south', name: 'South', aliases: [] },
      { id: 'east', name: 'East', aliases: [] },
    ];
    const story = editStory(data, STORY_ID, { title: 'The bridge dispute', sides }, 1, author, 'Clearer title');
    expect(story).toMatchObject({ title: 'The bridge dispute', revision: 2, updatedAt: '2024-02-01T10:00:00.000Z', sides });
    expect(data.audit.at(-1)).toMatchObject({
      entity: 'story',
      before: { title: 'A test story', sides: ['north: North | Northland', 'south: South'] },
      after: { sides: ['north: Northland | The North', 'south: South', 'east: East'] },
      reason: 'Clearer title',
    });
    expect(() => editStory(data, STORY_ID, { title: 'Again' }, 1, author)).toThrow(/Someone else changed story .* they changed title, sides/);
  });

  it('refuses to remove a side records use, naming them, and allows removing an unused one', () => {
    const data = testStoreData();
    const before = JSON.stringify(data);
    expect(() => editStory(data, STORY_ID, { sides: [{ id: 'south', name: 'South', aliases: [] }] }, 1, author)).toThrow(
      /side “North” \(`north`\) cannot be removed: 2 records name it: event `event-1` \(Event 1 happens\); event `event-3`/,
    );
    expect(JSON.stringify(data)).toBe(before);
    const added = editStory(data, STORY_ID, { sides: [...data.stories[0]!.sides, { id: 'east', name: 'East', aliases: [] }] }, 1, author);
    const removed = editStory(data, STORY_ID, { sides: added.sides.filter((side) => side.id !== 'east') }, 2, author);
    expect(removed.sides.map((side) => side.id)).toEqual(['north', 'south']);
  });
});
