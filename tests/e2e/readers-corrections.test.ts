import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { limitViolations } from '../../src/briefing/reply/limits.js';
import { auditEntry } from '../../src/data/audit.js';
import { editEvent, retractEvent } from '../../src/data/mutations.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { testSchedule } from '../fixtures/schedule.js';
import { tempDir } from '../fixtures/temp-store.js';
import { buttonInteraction, chatInputInteraction, PERMISSIONS } from '../discord/interactions.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn, type RecordedRequest } from '../discord/stand-in.js';

/**
 * Corrections where readers look, through the real discord.js client against the stand-in: the
 * "corrected" mark, /event's list of what changed, a retracted event reachable by its id, the
 * server's corrections window in /brief, and a digest that counts what was recorded, not said, since.
 */
const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.readers-corrections.secret`;
const MODERATOR = { userId: '600000000000000077', userName: 'Desk editor Amina', guildId: DEFAULT_GUILD_ID };
const NOW = new Date('2024-03-01T12:00:00Z');
const DAY = 86_400_000;

let standIn: DiscordStandIn;
const running: RunningBot[] = [];

beforeAll(async () => {
  standIn = await startDiscordStandIn();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((bot) => bot.stop()));
  standIn.reset();
});
afterAll(async () => {
  await standIn?.close();
});

async function start(file?: string, now = NOW): Promise<RunningBot> {
  const bot = await startSitrep(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: file ?? join(await tempDir(), 'sitrep.json'), DISCORD_GUILD_ID: DEFAULT_GUILD_ID },
    { logger: captureLogger().logger, clock: () => now },
  );
  running.push(bot);
  return bot;
}

const slash = (name: string, options: Record<string, string | number | boolean> = {}, extra: Record<string, unknown> = {}): Promise<RecordedRequest> =>
  standIn.interact(chatInputInteraction({ name, options, applicationId: standIn.applicationId, ...extra }));

function expectSafe(callback: RecordedRequest) {
  expect(callback.body.data.allowed_mentions).toEqual({ parse: [] });
  expect(limitViolations(callback.body.data)).toEqual([]);
}

const description = (callback: RecordedRequest): string => callback.body.data.embeds?.[0]?.description ?? '';

/** /brief's corrections: its first message counts them, its Corrections button lists them ('' when it has none). */
async function briefCorrections(): Promise<string> {
  const brief = await slash('brief');
  expectSafe(brief);
  const button = (brief.body.data.components ?? []).flatMap((row: { components: Array<{ label: string; custom_id: string }> }) => row.components).find((candidate: { label: string }) => candidate.label === 'Corrections');
  if (!button) return '';
  const section = await standIn.interact(buttonInteraction({ applicationId: standIn.applicationId, customId: button.custom_id, message: brief.body.data }));
  expectSafe(section);
  return description(section);
}
const at = (instant: Date) => `<t:${Math.floor(instant.getTime() / 1000)}:d>`;

describe('a corrected event, where readers see it', () => {
  it('is marked "corrected <date>" in /timeline, and /event lists what changed, by whom (a name) and why', async () => {
    const bot = await start();
    const editedAt = new Date(NOW.getTime() - DAY);
    await bot.store.update((draft) =>
      editEvent(draft, 'kerman-bombing', { title: 'Bomb attacks in Kerman, Iran', occurredAt: '2024-01-04', precision: 'day' }, 1, { ...MODERATOR, now: editedAt }, 'The report dates the attack to 3 January; a later one to the 4th'),
    );
    const timeline = await slash('timeline');
    expectSafe(timeline);
    expect(description(timeline)).toContain(`Bomb attacks in Kerman, Iran [1] · ✏️ corrected ${at(editedAt)}`);
    expect(description(timeline).match(/corrected/g)).toHaveLength(1);

    const event = await slash('event', { id: 'kerman-bombing' });
    expectSafe(event);
    const text = description(event);
    expect(text).toContain(`id \`kerman-bombing\` · ✏️ corrected ${at(editedAt)}`);
    expect(text).toContain('__**What changed**__');
    expect(text).toContain(`${at(editedAt)} — edited · by Desk editor Amina`);
    expect(text).toContain('• **date**: 3 Jan 2024 → 4 Jan 2024');
    expect(text).toContain('• **title**: “Bomb attack in Kerman, Iran” → “Bomb attacks in Kerman, Iran”');
    expect(text).toContain('Why: The report dates the attack to 3 January; a later one to the 4th');
    expect(JSON.stringify(event.body.data)).not.toContain(MODERATOR.userId);

    const ur = await slash('timeline', {}, { locale: 'ur' });
    expect(description(ur)).toContain(`✏️ ${at(editedAt)} کو درست کیا گیا`);
  });

  it('a retracted event opened by id says when and why it was retracted, never that there is no such event', async () => {
    const bot = await start();
    const retractedAt = new Date(NOW.getTime() - 2 * DAY);
    await bot.store.update((draft) => retractEvent(draft, 'kugelman-assessment', 'An analyst’s view, not a development', { ...MODERATOR, now: retractedAt }));
    expect(description(await slash('timeline'))).not.toContain('Analyst says');

    const event = await slash('event', { id: 'kugelman-assessment' });
    expectSafe(event);
    expect(event.body.data.content ?? '').not.toMatch(/There is no event/);
    const text = description(event);
    expect(text.startsWith(`🚫 **retracted on ${at(retractedAt)}: An analyst’s view, not a development**`)).toBe(true);
    expect(text).toContain('**Status:** retracted');
    expect(text).toContain(`${at(retractedAt)} — retracted · by Desk editor Amina`);
    expect(JSON.stringify(event.body.data)).not.toContain(MODERATOR.userId);
    // Still no event to the other commands: /statements event: names only events readers can list.
    const statements = await slash('statements', { side: 'pakistan', event: 'kugelman-assessment' });
    expect(statements.body.data.content).toMatch(/There is no event `kugelman-assessment`/);
  });
});

describe('a retracted statement, opened by its id', () => {
  it('/event id:<statement> opens its event’s page, where it stands with when and why it was retracted; one tied to no event opens alone', async () => {
    const bot = await start();
    const retractedAt = new Date(NOW.getTime() - DAY);
    const retraction = { at: retractedAt.toISOString(), by: MODERATOR.userId, reason: 'The report relays this word, it does not quote it' };
    await bot.store.update((draft) => {
      const index = draft.statements.findIndex((statement) => statement.id === 'pakistan-retaliatory');
      draft.statements[index] = { ...draft.statements[index]!, retraction, revision: 2, updatedAt: retraction.at };
      draft.audit.push(auditEntry({ ...MODERATOR, now: retractedAt }, { action: 'retract', entity: 'statement', entityId: 'pakistan-retaliatory', reason: retraction.reason }));
      draft.statements.push({ id: 'loose-remark', storyId: 'iran-pakistan-2024', speaker: 'An official', sideId: 'iran', quote: 'No comment', saidAt: '2024-01-18', precision: 'day', sourceIds: ['memo-2024-01-18'], retraction });
      draft.audit.push(auditEntry({ ...MODERATOR, now: retractedAt }, { action: 'retract', entity: 'statement', entityId: 'loose-remark', reason: retraction.reason }));
    });
    expect(description(await slash('statements', { side: 'pakistan' }))).not.toContain('“retaliatory”');

    const page = await slash('event', { id: 'pakistan-retaliatory' });
    expectSafe(page);
    expect(page.body.data.embeds[0].title).toBe('Pakistan strikes targets in Iran\'s Sistan and Baluchistan province');
    expect(description(page)).toContain(`🚫 **retracted on ${at(retractedAt)}: The report relays this word, it does not quote it**\n> “retaliatory”`);
    const pages = Number(/ of (\d+)/.exec(page.body.data.embeds[0].footer.text)![1]);
    const rest = await Promise.all(Array.from({ length: pages - 1 }, (_, i) => slash('event', { id: 'pakistan-retaliatory', page: i + 2 })));
    rest.forEach(expectSafe);
    expect(rest.map(description).join('\n')).toContain(`*statement: Pakistan (as reported): “retaliatory”*\n${at(retractedAt)} — retracted · by Desk editor Amina`);

    const alone = await slash('event', { id: 'loose-remark' });
    expectSafe(alone);
    expect(alone.body.data.embeds[0].title).toBe('statement: An official: “No comment”');
    expect(description(alone)).toContain(`🚫 **retracted on ${at(retractedAt)}: The report relays this word, it does not quote it**\n> “No comment”`);
    expect(JSON.stringify([page.body.data, alone.body.data])).not.toContain(MODERATOR.userId);
  });
});

describe('the corrections window is a server setting', () => {
  it('/settings corrections-window days:14 brings a 10-day-old correction into /brief; out of range is refused and changes nothing', async () => {
    const bot = await start();
    const tenDaysAgo = new Date(NOW.getTime() - 10 * DAY);
    await bot.store.update((draft) => editEvent(draft, 'kerman-bombing', { title: 'Kerman bombing, corrected' }, 1, { ...MODERATOR, now: tenDaysAgo }, 'Renamed'));
    expect(await briefCorrections()).not.toContain('Kerman bombing, corrected — title was');

    const reader = await slash('settings', { days: 14 }, { subcommand: 'corrections-window', memberPermissions: PERMISSIONS.none });
    expect(reader.body.data.content).toContain('Manage Server');
    expect(bot.store.read().guilds.find((guild) => guild.guildId === DEFAULT_GUILD_ID)?.correctionsWindowDays).toBeUndefined();

    const set = await slash('settings', { days: 14 }, { subcommand: 'corrections-window', memberPermissions: PERMISSIONS.manageServer });
    expectSafe(set);
    expect(set.body.data.content).toBe('`/brief` now lists the corrections of the last 14 days here (it was 7 days).');
    const settings = bot.store.read().guilds.find((guild) => guild.guildId === DEFAULT_GUILD_ID)!;
    expect(settings.correctionsWindowDays).toBe(14);
    expect(bot.store.read().audit.at(-1)).toMatchObject({ action: 'settings', entity: 'guild', before: { correctionsWindowDays: 7 }, after: { correctionsWindowDays: 14 } });

    expect(await briefCorrections()).toMatch(/\*\*Correction\*\* \(<t:\d+:R>\): Kerman bombing, corrected — title was “Bomb attack in Kerman, Iran” — Renamed/);

    const before = JSON.stringify(bot.store.read().guilds);
    const tooMany = await slash('settings', { days: 91 }, { subcommand: 'corrections-window', memberPermissions: PERMISSIONS.manageServer });
    expect(tooMany.body.data.content).toContain('`days` must be a whole number from 1 to 90. Nothing was changed.');
    expect(JSON.stringify(bot.store.read().guilds)).toBe(before);

    await slash('settings', { days: 3 }, { subcommand: 'corrections-window', memberPermissions: PERMISSIONS.manageServer });
    expect(await briefCorrections()).not.toContain('Kerman bombing, corrected — title was');
  });
});

describe('a digest counts what was recorded since its last post', () => {
  it('includes a statement recorded after the last post although it was said in 2019, and a statement’s correction', async () => {
    const SLOT = new Date('2024-01-19T08:00:00Z');
    const file = join(await tempDir(), 'sitrep.json');
    const data = await bundledStoreData();
    data.schedules = [testSchedule({ kind: 'digest' })];
    await writeFile(file, JSON.stringify(data));

    const first = await start(file, new Date(SLOT.getTime() + 1000));
    const recordedAt = new Date(SLOT.getTime() + 3_600_000);
    await first.store.update((draft) => {
      draft.statements.push({
        id: 'irgc-2019-punish',
        storyId: 'iran-pakistan-2024',
        speaker: 'Mohammad Ali Jafari',
        sideId: 'iran',
        quote: 'Islamabad should pursue and punish them',
        saidAt: '2019',
        precision: 'year',
        sourceIds: ['memo-2024-01-18'],
      });
      draft.audit.push(auditEntry({ ...MODERATOR, now: recordedAt }, { action: 'create', entity: 'statement', entityId: 'irgc-2019-punish' }));
      // An existing statement corrected by hand, as `/statement edit` will record it.
      const index = draft.statements.findIndex((statement) => statement.id === 'pakistan-retaliatory');
      draft.statements[index] = { ...draft.statements[index]!, speaker: 'Pakistan’s foreign ministry (as reported)', revision: 2, updatedAt: recordedAt.toISOString() };
      draft.audit.push(
        auditEntry({ ...MODERATOR, now: recordedAt }, { action: 'update', entity: 'statement', entityId: 'pakistan-retaliatory', before: { speaker: 'Pakistan (as reported)' }, after: { speaker: 'Pakistan’s foreign ministry (as reported)' }, reason: 'The report names the ministry' }),
      );
    });
    await first.stop();
    running.splice(running.indexOf(first), 1);

    await start(file, new Date(SLOT.getTime() + DAY + 1000));
    const posts = standIn.channelMessages(DEFAULT_CHANNEL_ID);
    expect(posts).toHaveLength(2);
    const digest = posts[1]!;
    expect(digest.allowed_mentions).toEqual({ parse: [] });
    expect(limitViolations(digest as never)).toEqual([]);
    const body = String((digest.embeds as Array<{ description: string }>)[0]!.description);
    expect(body).toContain('__**New statements**__');
    expect(body).toContain('> “Islamabad should pursue and punish them”\n— **Mohammad Ali Jafari** (Iran) · 2019 [1]');
    expect(String(digest.content)).toMatch(/\*\*Correction\*\* \(<t:\d+:R>\): statement Pakistan’s foreign ministry \(as reported\): “retaliatory” — speaker changed — The report names the ministry/);
  });
});
