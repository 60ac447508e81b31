import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { moderatorSession } from '../fixtures/moderator-session.js';
import { stateOnDisk, tempDir } from '../fixtures/temp-store.js';
import { PERMISSIONS, type Invoker } from '../discord/interactions.js';
import { type DiscordStandIn } from '../discord/stand-in.js';

/** Issue 14, items 2 and 9 (worked-out dates in the forms; the neutrality check), through the real discord.js client against the stand-in. */
const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.forms.secret`;
const MODERATOR: Invoker = { id: '600000000000000021', username: 'mod' };

const session = moderatorSession({ token: TOKEN, moderator: MODERATOR, memberPermissions: PERMISSIONS.manageMessages });
const { slash, submit, press, expectSafe } = session;
let standIn: DiscordStandIn;
let bot: RunningBot;
let dataFile: string;
beforeAll(() => void ({ standIn, bot, dataFile } = session));

const BASIS = "'on Tuesday' in the Middle East Monitor report published Thursday 18 January 2024 (read in Asia/Karachi): Tuesday 16 January 2024.";

describe('worked-out dates in the forms, through Discord', () => {
  it('/statement add with "on Tuesday" against Middle East Monitor shows the worked-out date and its basis, and Confirm stores both', async () => {
    const opened = await slash('statement', 'add', { side: 'iran', source: 'memo-2024-01-18' });
    expect(opened.body.type).toBe(9);
    const preview = await submit(opened.body.data.custom_id, { speaker: 'Iran’s foreign ministry', quote: 'We targeted only Iranian terrorists.', when: 'on Tuesday', context: '', via: '' });
    expectSafe(preview);
    expect(preview.body.data.content).toContain(`🗓️ How the date was worked out: ${BASIS}`);
    expect(preview.body.data.embeds[0].description).toContain('16 Jan 2024');
    // The verbatim quote is never checked for loaded terms.
    expect(preview.body.data.content).not.toContain('Loaded term');
    const saved = await press(preview, 'Confirm');
    expect(saved.body.type).toBe(7);
    const state = await stateOnDisk(dataFile);
    const statement = state.statements.find((s) => s.speaker === 'Iran’s foreign ministry')!;
    expect(statement).toMatchObject({ saidAt: '2024-01-16', precision: 'day', dateBasis: BASIS });
    expect(statement.saidUntil).toBeUndefined();
  });

  it('a weekday with an undated source is refused politely, naming the field, and nothing is kept', async () => {
    const before = await stateOnDisk(dataFile);
    const opened = await slash('statement', 'add', { side: 'iran', source: 'world-news-desk' });
    const refused = await submit(opened.body.data.custom_id, { speaker: 'Someone', quote: 'Words.', when: 'Tuesday', context: '', via: '' });
    expectSafe(refused);
    expect(refused.body.data.content).toContain("**When it was said**: `Tuesday` is worked out from the source's publication day");
    expect(refused.body.data.content).toContain('(World News DESK) has no publication date. Type the date itself');
    expect(refused.body.data.components ?? []).toEqual([]);
    const after = await stateOnDisk(dataFile);
    expect(after.previews).toHaveLength(before.previews.length);
    expect(after.statements).toHaveLength(before.statements.length);
  });

  it('/update add stores a typed range as a range, with no basis (nothing relative in it)', async () => {
    const opened = await slash('update', 'add', { source: 'memo-2024-01-18' });
    const preview = await submit(opened.body.data.custom_id, {
      title: 'Border crossings closed',
      summary: 'Pakistan closed two crossings, the report says.',
      when: 'between 16 and 18 January 2024',
      sides: ['pakistan'],
      location: '',
    });
    expectSafe(preview);
    expect(preview.body.data.embeds[0].description).toContain('16–18 Jan 2024');
    await press(preview, 'Confirm');
    const event = (await stateOnDisk(dataFile)).events.find((e) => e.title === 'Border crossings closed')!;
    expect(event).toMatchObject({ occurredAt: '2024-01-16', precision: 'day', occurredUntil: '2024-01-18', untilPrecision: 'day' });
    expect(event.dateBasis).toBeUndefined();
  });

  it('/update edit to "yesterday" works it out against the event’s source and replaces the whole date', async () => {
    const event = (await stateOnDisk(dataFile)).events.find((e) => e.title === 'Border crossings closed')!;
    const opened = await slash('update', 'edit', { id: event.id });
    expect(opened.body.type).toBe(9);
    const preview = await submit(opened.body.data.custom_id, { title: event.title, summary: event.summary, when: 'yesterday', sides: ['pakistan'], location: '' });
    expectSafe(preview);
    expect(preview.body.data.content).toContain("How the date was worked out: 'yesterday' in the Middle East Monitor report published Thursday 18 January 2024 (read in Asia/Karachi): Wednesday 17 January 2024.");
    await press(preview, 'Confirm');
    const edited = (await stateOnDisk(dataFile)).events.find((e) => e.id === event.id)!;
    expect(edited).toMatchObject({ occurredAt: '2024-01-17', precision: 'day' });
    expect(edited.occurredUntil).toBeUndefined();
    expect(edited.dateBasis).toContain("'yesterday' in the Middle East Monitor report");
  });
});

describe('editing an event with a range and a hand-written basis', () => {
  it('the form shows the range as it reads, and an edit of the title alone keeps the date, its end and its basis', async () => {
    const before = (await stateOnDisk(dataFile)).events.find((e) => e.id === 'pakistan-condemns-iran-strike')!;
    const opened = await slash('update', 'edit', { id: before.id });
    const whenField = JSON.stringify(opened.body.data.components);
    expect(whenField).toContain('"value":"16–18 Jan 2024"');
    const preview = await submit(opened.body.data.custom_id, { title: `${before.title} (edited)`, summary: before.summary, when: '16–18 Jan 2024', sides: before.sideIds, location: before.location ?? '' });
    expectSafe(preview);
    expect(preview.body.data.content).toContain('**title**');
    expect(preview.body.data.content).not.toContain('**dateBasis**');
    await press(preview, 'Confirm');
    const after = (await stateOnDisk(dataFile)).events.find((e) => e.id === before.id)!;
    expect(after).toMatchObject({ title: `${before.title} (edited)`, occurredAt: '2024-01-16', occurredUntil: '2024-01-18', untilPrecision: 'day', dateBasis: before.dateBasis });
  });
});

describe('the neutrality check in every preview, through Discord', () => {
  it('/update add whose summary says "terrorists" outside quotes shows the flag, not for the quoted word, and still saves', async () => {
    const opened = await slash('update', 'add', { source: 'memo-2024-01-18' });
    const preview = await submit(opened.body.data.custom_id, {
      title: 'Strike on a border village',
      summary: 'Iran says it hit terrorists; Pakistan calls the dead “martyrs”.',
      when: '18 Jan 2024',
      sides: ['iran', 'pakistan'],
      location: '',
    });
    expectSafe(preview);
    const content: string = preview.body.data.content;
    expect(content).toContain('⚠️ Loaded term “terrorists” in **summary**, outside quotation marks');
    expect(content).not.toContain('“martyrs” in');
    expect(content).not.toContain('How the date was worked out');
    const saved = await press(preview, 'Confirm');
    expect(saved.body.type).toBe(7);
    expect((await stateOnDisk(dataFile)).events.some((e) => e.title === 'Strike on a border village')).toBe(true);
  });

  it('flags a statement’s context and a claim’s question, in Urdu and Persian too', async () => {
    const statement = await slash('statement', 'add', { side: 'pakistan', source: 'memo-2024-01-18' });
    const statementPreview = await submit(statement.body.data.custom_id, { speaker: 'Pakistan', quote: 'A violation.', when: '18 Jan 2024', context: 'بعد از حمله رژیم', via: '' });
    expect(statementPreview.body.data.content).toContain('Loaded term “رژیم” in **context**');
    const claim = await slash('claim', 'add', { source: 'memo-2024-01-18', side: 'pakistan' });
    expect(claim.body.type).toBe(9);
    const claimPreview = await submit(claim.body.data.custom_id, { question: 'کیا دہشت گرد مارے گئے؟', position: 'two killed', account: 'Two people were killed.', via: '' });
    expectSafe(claimPreview);
    expect(claimPreview.body.data.content).toContain('Loaded term “دہشت گرد” in **question**');
  });
});

describe('SITREP_LOADED_TERMS_FILE', () => {
  it('a named list replaces the bundled one in the previews; a bad one stops the start with one line', async () => {
    const bad = startSitrep(
      { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: join(await tempDir(), 'bad.json'), SITREP_LOADED_TERMS_FILE: 'package.json' },
      { logger: captureLogger().logger },
    );
    await expect(bad).rejects.toThrow(/^SITREP_LOADED_TERMS_FILE \(package.json\): .* it must look like/);

    await bot.stop();
    bot = await startSitrep(
      { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile, DISCORD_GUILD_ID: standIn.guildIds[0], SITREP_LOADED_TERMS_FILE: 'tests/fixtures/loaded-terms.json' },
      { logger: captureLogger().logger },
    );
    const opened = await slash('update', 'add', { source: 'memo-2024-01-18' });
    const preview = await submit(opened.body.data.custom_id, { title: 'Insurgents and terrorists', summary: 'A test.', when: '18 Jan 2024', sides: ['iran'], location: '' });
    expect(preview.body.data.content).toContain('Loaded term “Insurgents” in **title**');
    expect(preview.body.data.content).not.toContain('“terrorists”');
    await press(preview, 'Cancel');
  });
});
