import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { UserError, type Reply } from '../../src/briefing/reply/reply.js';
import { commands } from '../../src/commands/index.js';
import { isModal, type Answer, type CommandContext } from '../../src/commands/types.js';
import { IntakeSchema, type Intake, type IntakeItem, type SitrepEvent } from '../../src/data/schema.js';
import type { Store } from '../../src/data/store.js';
import type { Proposals } from '../../src/intake/extract.js';
import { bulkAcceptable, INTAKE_KEPT_MS, intakeCounts, itemsFrom, nextPending, proposeEvent, publicationDay, speakerText, sweepIntakes } from '../../src/intake/review.js';
import { tempStore, testContext } from '../fixtures/temp-store.js';

const event = (id: string, occurredAt: string, retracted = false): SitrepEvent =>
  ({ id, storyId: 's', occurredAt, precision: 'day', title: id, summary: id, sideIds: [], actorIds: [], sourceIds: ['x'], significance: 3, status: 'reported', revision: 1, createdAt: '2024-01-01T00:00:00Z', createdBy: 'm', ...(retracted ? { retraction: { at: '2024-01-01T00:00:00Z', by: 'm', reason: 'r' } } : {}) }) as SitrepEvent;

const statement = (overrides: Partial<Proposals['statements'][number]> = {}): Proposals['statements'][number] => ({
  quote: 'We will respond',
  speaker: 'Jalil Abbas Jilani',
  role: "Pakistan's foreign minister",
  side: 'pakistan',
  actor: null,
  saidAt: '2024-01-18',
  precision: 'day',
  dateBasis: 'On Thursday: the day before the report of 19 Jan.',
  via: null,
  attribution: 'named',
  headline: false,
  paragraph: 0,
  ...overrides,
});

const proposals = (overrides: Partial<Proposals> = {}): Proposals => ({
  source: { outlet: 'Gulf Wire', title: 'T', publishedAt: '2024-01-19', publishedPrecision: 'day' },
  statements: [],
  terms: [],
  figures: [],
  dates: [],
  accounts: [],
  questions: [],
  notes: [],
  words: 100,
  ...overrides,
});

describe('an intake’s items from the extractor’s proposals (pure)', () => {
  const story = { id: 's', sides: [{ id: 'pakistan' }, { id: 'iran' }] };
  const data = {
    events: [event('strike', '2024-01-16'), event('talks', '2024-01-18'), event('later', '2024-01-25'), event('withdrawn', '2024-01-18', true)],
    actors: [{ id: 'fm', storyId: 's', name: 'FM' }] as never,
    claims: [{ id: 'toll', storyId: 's', question: 'How many?', accounts: [] }] as never,
  };

  it('keeps statements with the role in the speaker, a side of the story only, and the event proposed by date', () => {
    const items = itemsFrom(proposals({ statements: [statement(), statement({ side: 'elsewhere', saidAt: '2024-01-20', role: null, speaker: 'Amir' }), statement({ speaker: null, saidAt: null, precision: null, attribution: 'none' })] }), story, data);
    expect(items[0]).toEqual({
      kind: 'statement', quote: 'We will respond', speaker: "Jalil Abbas Jilani, Pakistan's foreign minister", role: "Pakistan's foreign minister", sideId: 'pakistan', eventId: 'talks',
      saidAt: '2024-01-18', precision: 'day', dateBasis: 'On Thursday: the day before the report of 19 Jan.', attribution: 'named', headline: false, status: 'pending',
    });
    expect(items[1]).toMatchObject({ speaker: 'Amir', eventId: 'talks' });
    expect(items[1]).not.toHaveProperty('sideId');
    expect(items[2]).toMatchObject({ speaker: '', attribution: 'none' });
    expect(items[2]).not.toHaveProperty('saidAt');
    for (const item of items) expect(() => IntakeSchema.shape.items.element.parse(item)).not.toThrow();
  });

  it('keeps figures the schema takes and answers to the story’s own open claims', () => {
    const figure = { outcome: 'killed' as const, low: 9, qualifier: 'at least', who: 'people', claimant: 'Pakistani officials', claimantSide: 'pakistan', source: 'Gulf Wire', saidAt: '2024-01-19', precision: 'day' as const, text: 'At least nine people were killed' };
    const items = itemsFrom(
      proposals({
        figures: [figure, { ...figure, low: 5, high: 2 }],
        accounts: [{ claimId: 'toll', question: 'How many?', text: 'Nine died.', position: null }, { claimId: 'other-story', question: '?', text: 'x', position: 'y' }],
      }),
      story,
      data,
    );
    expect(items).toEqual([
      { kind: 'figure', figure: { outcome: 'killed', low: 9, qualifier: 'at least', who: 'people', saidAt: '2024-01-19' }, claimant: 'Pakistani officials', claimantSide: 'pakistan', text: 'At least nine people were killed', status: 'pending' },
      { kind: 'account', claimId: 'toll', text: 'Nine died.', status: 'pending' },
    ]);
  });

  it('proposes the same day’s event, else the latest in the three days before; never a retracted one or a later one', () => {
    const events = data.events;
    expect(proposeEvent(events, '2024-01-18')).toBe('talks');
    expect(proposeEvent(events, '2024-01-17')).toBe('strike');
    expect(proposeEvent(events, '2024-01-21T10:00:00Z')).toBe('talks');
    expect(proposeEvent(events, '2024-01-22')).toBeUndefined();
    expect(proposeEvent(events, '2024-01')).toBeUndefined();
    expect(proposeEvent(events, undefined)).toBeUndefined();
  });

  it('a speaker’s role is added once and the whole fits the form', () => {
    expect(speakerText('Ministry of Foreign Affairs', 'foreign affairs')).toBe('Ministry of Foreign Affairs');
    expect(speakerText(null, 'spokesperson')).toBe('');
    expect(speakerText('A'.repeat(100), 'B'.repeat(100))).toHaveLength(100);
  });

  it('an undated quote takes the day the report was published, in the story’s zone, with that basis', () => {
    expect(publicationDay({ outlet: 'Dawn', publishedAt: '2024-01-18T21:00:00Z', publishedPrecision: 'minute' }, 'Asia/Karachi')).toEqual({
      saidAt: '2024-01-19',
      precision: 'day',
      dateBasis: 'The report does not say when: taken as the day Dawn published it, 2024-01-19.',
    });
    expect(publicationDay({ outlet: 'Dawn', publishedAt: '2024-01', publishedPrecision: 'month' }, 'UTC')).toBeUndefined();
    expect(publicationDay({ outlet: 'Dawn' }, 'UTC')).toBeUndefined();
  });
});

describe('an intake’s lifetime and progress (pure)', () => {
  const item = (status: IntakeItem['status'], overrides: Partial<IntakeItem> = {}) => ({ kind: 'statement', quote: 'q', speaker: 'S', attribution: 'named', headline: false, status, ...overrides }) as IntakeItem;
  const intake = (expiresAt: string | undefined, items: IntakeItem[] = []): Intake => ({
    id: 'abcdefgh12', storyId: 's', guildId: 'g', authorId: 'u', authorName: 'mod', createdAt: '2024-01-01T00:00:00Z', ...(expiresAt ? { expiresAt } : {}),
    source: { outlet: 'O', from: 'link' }, items, notes: [],
  });

  it('sweeps an intake a day after it expired, never a kept one', () => {
    const now = new Date('2024-01-10T00:00:00Z');
    const draft = { intakes: [intake('2024-01-09T12:00:00Z'), intake(new Date(now.getTime() - INTAKE_KEPT_MS - 1).toISOString()), intake(undefined)] };
    sweepIntakes(draft, now);
    expect(draft.intakes.map((kept) => kept.expiresAt)).toEqual(['2024-01-09T12:00:00Z', undefined]);
  });

  it('counts, finds the next pending (wrapping round) and picks what the bulk accept takes', () => {
    const items = [item('accepted'), item('pending'), item('skipped'), item('pending', { attribution: 'pronoun' }), item('pending', { duplicateOf: 'st-1' } as Partial<IntakeItem>)];
    const kept = intake(undefined, items);
    expect(intakeCounts(kept)).toEqual({ pending: 3, accepted: 1, skipped: 1, total: 5 });
    expect(nextPending(kept, 2)).toBe(3);
    expect(nextPending(kept, 5)).toBe(1);
    expect(nextPending(intake(undefined, [item('accepted')]))).toBeUndefined();
    expect(items.map(bulkAcceptable)).toEqual([false, true, false, false, false]);
  });
});

describe('/intake through the dispatch, on a temp store', () => {
  const GUILD = '800000000000000001';
  const moderator = (store: Store, overrides: Partial<CommandContext> = {}): CommandContext =>
    testContext(store, { now: new Date('2024-01-20T12:00:00Z'), guildId: GUILD, userId: '700000000000000004', userName: 'mod', member: { permissions: PermissionFlagsBits.ManageMessages, roleIds: [] }, editorialGuildIds: [GUILD], ...overrides });
  const command = commands.find((candidate) => candidate.data.name === 'intake')!;
  const source = commands.find((candidate) => candidate.data.name === 'source')!;
  const buttonIds = (reply: Reply) => reply.components!.flatMap((row) => row.components).map((b) => ('custom_id' in b ? b.custom_id : ''));

  async function pasted(store: Store, text: string) {
    const context = moderator(store);
    const opened: Answer = await source.execute({ subcommand: 'paste', options: {} }, context);
    if (!isModal(opened)) throw new Error('no form');
    const preview = await source.modalSubmit!(opened.modal.custom_id.split(':').slice(1), { text, outlet: 'Gulf Wire', title: 'Talks', date: '19 Jan 2024', url: '' }, context);
    const confirm = buttonIds(preview).find((id) => id.startsWith('source:confirm:'))!;
    await source.component!(confirm.split(':').slice(1), context);
    return store.read().intakes.at(-1)!;
  }

  it('two Accepts of one card at once save one statement; Skip after Accept changes nothing', async () => {
    const store = await tempStore();
    const intake = await pasted(store, 'Talks\n\n"We will talk," Pakistan\'s foreign minister Jalil Abbas Jilani said on Friday.');
    const context = moderator(store);
    const card = (await command.execute({ subcommand: 'review', options: { intake: intake.id } }, context)) as Reply;
    const accept = buttonIds(card).find((id) => id.startsWith('intake:accept:'))!.split(':').slice(1);
    const before = store.read().statements.length;
    await Promise.all([command.component!(accept, context), command.component!(accept, context)]);
    expect(store.read().statements).toHaveLength(before + 1);
    const skip = buttonIds(card).find((id) => id.startsWith('intake:skip:'))!.split(':').slice(1);
    const late = (await command.component!(skip, context)) as Reply;
    expect(late.content).toMatch(/already accepted/);
    expect(store.read().intakes.at(-1)!.items[0]!.status).toBe('accepted');
  });

  it('every button and form refuses a member without moderator rights, and another server', async () => {
    const store = await tempStore();
    const intake = await pasted(store, 'Talks\n\n"We will talk," Pakistan\'s foreign minister Jalil Abbas Jilani said on Friday.');
    const card = (await command.execute({ subcommand: 'review', options: { intake: intake.id } }, moderator(store))) as Reply;
    const reader = moderator(store, { member: { permissions: 0n, roleIds: [] } });
    for (const id of buttonIds(card)) await expect(command.component!(id.split(':').slice(1), reader)).rejects.toThrow(UserError);
    await expect(command.modalSubmit!(['revise', intake.id, '0'], { speaker: 'x', quote: 'y', when: '19 Jan 2024' }, reader)).rejects.toThrow(/moderators/i);
    const elsewhere = moderator(store, { guildId: '800000000000000009', editorialGuildIds: ['800000000000000009'] });
    await expect(command.component!(buttonIds(card)[0]!.split(':').slice(1), elsewhere)).rejects.toThrow(/no report `[\w-]+` waiting for review here/);
    expect(store.read().intakes.at(-1)!.items[0]!.status).toBe('pending');
  });

  it('autocompletes this server’s open intakes by outlet', async () => {
    const store = await tempStore();
    const intake = await pasted(store, 'Talks\n\n"We will talk," Jalil Abbas Jilani said.');
    expect(command.autocomplete!({ name: 'intake', value: 'gulf' }, { subcommand: 'review', options: {} }, moderator(store))).toEqual([{ name: 'Gulf Wire — Talks (1 pending)', value: intake.id }]);
    expect(command.autocomplete!({ name: 'intake', value: '' }, { subcommand: 'review', options: {} }, moderator(store, { member: { permissions: 0n, roleIds: [] } }))).toEqual([]);
  });
});
