import { describe, expect, it } from 'vitest';
import { composeBriefing, recordedSince } from '../../src/briefing/query/briefing.js';
import {
  changeBlocks,
  correctedAt,
  correctedAtIn,
  correctionLine,
  correctionsOf,
  correctionsWindowDays,
  correctionsWindowStart,
  fieldChanges,
  isCorrection,
} from '../../src/briefing/query/corrections.js';
import { claimsOf, eventView, statementsOf } from '../../src/briefing/query/queries.js';
import { renderEvent } from '../../src/briefing/render/event.js';
import { layoutBrief } from '../../src/briefing/render/brief.js';
import { renderClaims } from '../../src/briefing/render/claims.js';
import { statementBlock } from '../../src/briefing/render/statements.js';
import { layoutTimeline } from '../../src/briefing/render/timeline.js';
import { storyLookup } from '../../src/briefing/query/story-lookup.js';
import { addClaimAccount, editEvent, retractEvent } from '../../src/data/mutations.js';
import type { AuditEntry, Claim, StoreData, Statement } from '../../src/data/schema.js';
import { messagesFor } from '../../src/i18n/index.js';
import { limitViolations } from '../../src/briefing/reply/limits.js';
import { STORY_ID, testStoreData } from '../fixtures/story.js';
import { tempStore } from '../fixtures/temp-store.js';
import { searchStory } from '../../src/briefing/search/search.js';

const MOD = { userId: '600000000000000042', name: 'Desk editor Amina' };
let counter = 0;
const audit = (entry: Pick<AuditEntry, 'action' | 'entity' | 'entityId'> & Partial<AuditEntry>): AuditEntry => ({
  id: `audit-test-${++counter}`,
  at: '2024-02-10T09:00:00.000Z',
  by: MOD,
  ...entry,
});

const statement = (overrides: Partial<Statement> = {}): Statement => ({
  id: 'north-warns',
  storyId: STORY_ID,
  eventId: 'event-1',
  speaker: 'North’s foreign minister',
  sideId: 'north',
  quote: 'We will defend the bridge',
  saidAt: '2019',
  precision: 'year',
  sourceIds: ['source-1'],
  ...overrides,
});

const claim = (overrides: Partial<Claim> = {}): Claim => ({
  id: 'who-built-it',
  storyId: STORY_ID,
  eventId: 'event-1',
  question: 'Who built the bridge?',
  accounts: [
    { position: 'North', text: 'North says it built it.', sourceId: 'source-1' },
    { position: 'South', text: 'South says it built it.', sourceId: 'source-2' },
  ],
  kind: 'conflict',
  ...overrides,
});

/** The test story with a statement edited (its quote and date, revision 2) and a claim retracted, both audited by hand. */
function corrected(): StoreData {
  const data = testStoreData();
  data.statements = [statement({ quote: 'We will defend the bridge at any cost', saidAt: '2019-05', precision: 'month', revision: 2, updatedAt: '2024-02-10T09:00:00.000Z' })];
  data.claims = [claim({ retraction: { at: '2024-02-11T09:00:00.000Z', by: MOD.userId, reason: 'The second report was withdrawn' }, revision: 2, updatedAt: '2024-02-11T09:00:00.000Z' })];
  data.audit = [
    audit({ action: 'create', entity: 'statement', entityId: 'north-warns', at: '2024-02-05T09:00:00.000Z' }),
    audit({
      action: 'update',
      entity: 'statement',
      entityId: 'north-warns',
      before: { quote: 'We will defend the bridge', saidAt: '2019', precision: 'year' },
      after: { quote: 'We will defend the bridge at any cost', saidAt: '2019-05', precision: 'month' },
      reason: 'The report quotes the whole sentence',
    }),
    audit({ action: 'retract', entity: 'claim', entityId: 'who-built-it', at: '2024-02-11T09:00:00.000Z', reason: 'The second report was withdrawn' }),
  ];
  return data;
}

describe('which records are corrected', () => {
  it('a record with an edit in the audit trail, or whose revision says it was edited; not one only retracted, nor a claim given a new account', () => {
    expect(correctedAt({}, [])).toBeUndefined();
    expect(correctedAt({ revision: 2, updatedAt: '2024-02-01T00:00:00.000Z' }, [])).toBe('2024-02-01T00:00:00.000Z');
    const edit = audit({ action: 'update', entity: 'claim', entityId: 'x', at: '2024-03-01T00:00:00.000Z', after: { question: 'y' } });
    expect(correctedAt({}, [edit])).toBe('2024-03-01T00:00:00.000Z');
    const retracted = { revision: 2, updatedAt: '2024-02-01T00:00:00.000Z', retraction: { at: '2024-02-01T00:00:00.000Z' } };
    expect(correctedAt(retracted, [])).toBeUndefined();
    expect(isCorrection(audit({ action: 'update', entity: 'claim', entityId: 'x', after: { accounts: 3, added: { position: 'p' } } }))).toBe(false);
    expect(isCorrection(audit({ action: 'settings', entity: 'guild', entityId: 'g' }))).toBe(false);

    const data = corrected();
    expect(correctedAtIn(data, 'statement', data.statements[0]!)).toBe('2024-02-10T09:00:00.000Z');
    expect(correctedAtIn(data, 'claim', data.claims[0]!)).toBeUndefined();
    expect(correctedAtIn(data, 'event', data.events[0]!)).toBeUndefined();
  });

  it('follows writes: an event edited through the store is marked from its audit entry', () => {
    const data = testStoreData();
    const author = { userId: MOD.userId, userName: MOD.name, guildId: null, now: new Date('2024-02-12T10:00:00Z') };
    editEvent(data, 'event-2', { title: 'Event two, corrected' }, 1, author, 'Misspelt');
    expect(correctedAtIn(data, 'event', data.events[1]!)).toBe('2024-02-12T10:00:00.000Z');
  });
});

describe('the change list', () => {
  it('gives each field before → after, a statement’s date as one date, and leaves out bookkeeping', () => {
    const data = corrected();
    const [, edit] = data.audit;
    expect(fieldChanges(edit!, 'statement', data.statements[0]!)).toEqual([
      { label: 'date', before: '2019', after: 'May 2019', written: true },
      { label: 'quote', before: 'We will defend the bridge', after: 'We will defend the bridge at any cost' },
    ]);
  });

  it('says when, by the moderator’s name (never the id), what changed and why', () => {
    const data = corrected();
    const [block] = changeBlocks(data, 'statement', data.statements[0]!, messagesFor('en'));
    expect(block).toBe(
      [
        '<t:1707555600:d> — edited · by Desk editor Amina',
        '• **date**: 2019 → May 2019',
        '• **quote**: “We will defend the bridge” → “We will defend the bridge at any cost”',
        'Why: The report quotes the whole sentence',
      ].join('\n'),
    );
    expect(block).not.toContain(MOD.userId);
  });

  it('lists the corrections of every kind of record in a window, naming each record; a record made after `shownBy` is left out', () => {
    const data = corrected();
    data.sources = data.sources.map((source, i) => (i === 1 ? { ...source, outlet: 'Outlet Two', revision: 2, updatedAt: '2024-02-12T09:00:00.000Z' } : source));
    data.audit.push(audit({ action: 'update', entity: 'source', entityId: 'source-2', at: '2024-02-12T09:00:00.000Z', before: { outlet: 'Outlet 2' }, after: { outlet: 'Outlet Two' } }));
    const lines = correctionsOf(data, STORY_ID, { after: new Date('2024-02-01T00:00:00Z') }).map((correction) => correctionLine(correction));
    expect(lines).toEqual([
      '**Correction** (<t:1707555600:R>): statement North’s foreign minister: “We will defend the bridge at any cost” — date: 2019 → May 2019; quote changed — The report quotes the whole sentence',
      '**Correction** (<t:1707642000:R>): claim Who built the bridge? — retracted — The second report was withdrawn',
      '**Correction** (<t:1707728400:R>): source Outlet Two — Report number 2 — outlet was “Outlet 2”',
    ]);
    expect(correctionsOf(data, STORY_ID, { after: new Date('2024-02-11T00:00:00Z') })).toHaveLength(2);
    // The statement was recorded on 5 February: a channel last briefed on 1 February never saw it.
    const shown = correctionsOf(data, STORY_ID, { after: new Date('2024-02-01T00:00:00Z'), shownBy: new Date('2024-02-01T00:00:00Z') });
    expect(shown.map((correction) => correction.entity)).toEqual(['claim', 'source']);
  });
});

describe('the corrections window', () => {
  it('is 7 days unless the server set its own; it starts on the hour', () => {
    const data = testStoreData();
    expect(correctionsWindowDays(data, '1')).toBe(7);
    data.guilds = [{ guildId: '1', moderatorRoleIds: [], subscriptions: [], correctionsWindowDays: 30 }];
    expect(correctionsWindowDays(data, '1')).toBe(30);
    expect(correctionsWindowDays(data, '2')).toBe(7);
    expect(correctionsWindowDays(data, null)).toBe(7);
    expect(correctionsWindowStart(new Date('2024-02-10T09:45:00Z'), 2).toISOString()).toBe('2024-02-08T09:00:00.000Z');
  });
});

describe('where the record shows', () => {
  it('marks a corrected event in the timeline and in the briefing with a Discord date, in every language', () => {
    const data = testStoreData();
    const author = { userId: MOD.userId, userName: MOD.name, guildId: null, now: new Date('2024-02-12T10:00:00Z') };
    editEvent(data, 'event-2', { summary: 'Something else happened.' }, 1, author, 'Misread');
    const lookup = storyLookup(data, data.stories[0]!);
    const timeline = (language: 'en' | 'ur' | 'fa') => {
      const layout = layoutTimeline({ story: data.stories[0]!, events: data.events, sources: lookup.sources, citationNumbers: lookup.citationNumbers, messages: messagesFor(language), correctedAt: (event) => lookup.correctedAt('event', event) });
      return 'pages' in layout ? layout.pages.text(0) : '';
    };
    expect(timeline('en')).toContain('Event 2 happens [1] · ✏️ corrected <t:1707732000:d>');
    expect(timeline('en').match(/corrected/g)).toHaveLength(1);
    expect(timeline('ur')).toContain('✏️ <t:1707732000:d> کو درست کیا گیا');
    expect(timeline('fa')).toContain('✏️ اصلاح‌شده در <t:1707732000:d>');
    const brief = layoutBrief(composeBriefing(data, data.stories[0]!), lookup);
    expect('pages' in brief && brief.pages.text(0)).toContain('Event 2 happens [1] · ✏️ corrected <t:1707732000:d>');
  });

  it('marks a corrected statement; lists leave out a retracted statement or claim, which its event’s page shows with when and why', () => {
    const data = corrected();
    data.statements.push(statement({ id: 'north-denies', quote: 'We never said that', retraction: { at: '2024-02-13T00:00:00.000Z', by: MOD.userId, reason: 'Misattributed' } }));
    const lookup = storyLookup(data, data.stories[0]!);
    expect(statementBlock(data.statements[0]!, lookup).text).toContain('[1] · ✏️ corrected <t:1707555600:d>');
    expect(statementsOf(data, { storyId: STORY_ID }).map((s) => s.id)).toEqual(['north-warns']);
    expect(claimsOf(data, STORY_ID)).toEqual([]);
    expect(renderClaims(claimsOf(data, STORY_ID), lookup, { page: 1, customIdFor: () => 'x' }).content).toContain('No disputed points');

    const event = data.events[0]!;
    const page = renderEvent({ ...eventView(data, event), changes: changeBlocks(data, 'statement', data.statements[0]!, messagesFor('en')) }, lookup, { page: 1, customIdFor: (p) => `event:${p}` });
    const text = page.embeds![0]!.description!;
    expect(text).toContain('🚫 **retracted on <t:1707782400:d>: Misattributed**\n> “We never said that”');
    expect(text).toContain('🚫 **retracted on <t:1707642000:d>: The second report was withdrawn**\n**Who built the bridge?**');
    expect(text).toContain('__**What changed**__');
    expect(text).not.toContain(MOD.userId);
  });

  it('a retracted event’s page says so first, with its date and reason, and never who by id', () => {
    const data = testStoreData();
    const author = { userId: MOD.userId, userName: MOD.name, guildId: null, now: new Date('2024-02-12T10:00:00Z') };
    retractEvent(data, 'event-1', 'Reported in error', author);
    const event = data.events[0]!;
    const text = renderEvent(eventView(data, event), storyLookup(data, data.stories[0]!), { page: 1, customIdFor: (p) => `event:${p}` }).embeds![0]!.description!;
    expect(text.startsWith('🚫 **retracted on <t:1707732000:d>: Reported in error**')).toBe(true);
    expect(text).not.toContain('corrected');
    expect(text).not.toContain(MOD.userId);
  });
});

describe('what a digest counts as new', () => {
  it('statements, accounts and sources by when they were recorded, not when said', () => {
    const data = testStoreData();
    data.statements = [statement()];
    data.claims = [claim({ accounts: [claim().accounts[0]!] })];
    data.audit = [audit({ action: 'create', entity: 'statement', entityId: 'north-warns', at: '2024-02-05T09:00:00.000Z' })];
    const author = { userId: MOD.userId, userName: MOD.name, guildId: null, now: new Date('2024-02-06T10:00:00Z') };
    addClaimAccount(data, 'who-built-it', claim().accounts[1]!, author);
    data.sources.push({ id: 'source-3', storyId: STORY_ID, outlet: 'Late Outlet' });
    data.audit.push(audit({ action: 'create', entity: 'source', entityId: 'source-3', at: '2024-02-07T09:00:00.000Z' }));

    const recorded = recordedSince(data, STORY_ID, new Date('2024-02-01T00:00:00Z'));
    expect(recorded.statements.map((s) => s.id)).toEqual(['north-warns']);
    expect(recorded.accounts.map(({ account }) => account.position)).toEqual(['South']);
    expect(recorded.sources.map((s) => s.id)).toEqual(['source-3']);
    expect(recordedSince(data, STORY_ID, new Date('2024-02-06T12:00:00Z')).statements).toEqual([]);

    const digest = composeBriefing(data, data.stories[0]!, { instant: new Date('2024-02-03T00:00:00Z'), day: '2024-02-03', label: 'the last briefing' }, 'recorded');
    expect(digest.events).toEqual([]);
    const layout = layoutBrief(digest, storyLookup(data, data.stories[0]!));
    const text = 'pages' in layout ? layout.pages.text(0) : '';
    expect(text).toContain('__**New statements**__\n\n> “We will defend the bridge”\n— **North’s foreign minister** · 2019 [1]');
    expect(text).toContain('__**New accounts**__\n\n**Who built the bridge?**\n• *South*: South says it built it. [2]');
    expect(text).toContain('__**New sources**__\n\n[3] Late Outlet, undated');
  });
});

describe('a long history on /event', () => {
  it('pages within Discord’s limits and never drops a change or a reason', () => {
    const data = testStoreData();
    let revision = 1;
    for (let i = 0; i < 40; i++) {
      const author = { userId: MOD.userId, userName: MOD.name, guildId: null, now: new Date(Date.UTC(2024, 1, 1, 0, i)) };
      editEvent(data, 'event-1', { summary: `${'A long corrected summary, sentence by sentence. '.repeat(25)}Version ${i}.` }, revision++, author, `Reason number ${i}`);
    }
    const event = data.events[0]!;
    const lookup = storyLookup(data, data.stories[0]!);
    const changes = changeBlocks(data, 'event', event, messagesFor('en'));
    const page = (n: number) => renderEvent({ ...eventView(data, event), changes }, lookup, { page: n, customIdFor: (p) => `event:${p}` });
    const first = page(1);
    const count = Number(/Page 1 of (\d+)/.exec(first.embeds![0]!.footer!.text)![1]);
    expect(count).toBeGreaterThan(5);
    const texts = Array.from({ length: count }, (_, i) => page(i + 1)).map((reply) => {
      expect(limitViolations(reply)).toEqual([]);
      return reply.embeds![0]!.description!;
    });
    const all = texts.join('\n');
    for (let i = 0; i < 40; i++) expect(all).toContain(`Why: Reason number ${i}`);
    // Each change in full, before and after, however long: split over pages, never cut.
    const compact = all.replace(/\s+/g, ' ');
    for (let i = 1; i < 40; i++) expect(compact).toContain(`Version ${i - 1}.” → “A long corrected summary`);
    expect(compact).toContain('Version 39.”');
  });
});

describe('search after a retraction', () => {
  it('finds a statement until it is retracted, as the index follows the write', async () => {
    const store = await tempStore(() => ({ ...testStoreData(), statements: [statement({ quote: 'The pontoon is ours' })] }));
    const found = () => searchStory(store.read(), STORY_ID, 'pontoon').map((hit) => hit.document.kind);
    expect(found()).toEqual(['statement']);
    await store.update((draft) => {
      draft.statements[0] = { ...draft.statements[0]!, retraction: { at: '2024-02-13T00:00:00.000Z', by: MOD.userId, reason: 'Misattributed' }, revision: 2 };
    });
    expect(found()).toEqual([]);
  });
});
