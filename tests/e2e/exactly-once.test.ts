import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { postReference } from '../../src/bot/deliver.js';
import { breakingNonce } from '../../src/commands/notify.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { slotNonce } from '../../src/schedule/post.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { testSchedule } from '../fixtures/schedule.js';
import { tempDir } from '../fixtures/temp-store.js';
import { buttonInteraction, chatInputInteraction, modalSubmitInteraction, PERMISSIONS } from '../discord/interactions.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, NONCE_WINDOW_MS, startDiscordStandIn, type DiscordStandIn } from '../discord/stand-in.js';
import { reportReliability } from './reliability-report.js';

/**
 * Discord enforces a message nonce only over "the past few minutes" (the stand-in: 5), while a missed
 * slot is caught up for two hours: a post that may have reached Discord is looked for in the channel
 * before it is sent again. Faults: a crash right after the send, a restart 30 minutes later.
 */
const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.exactly.once`;
const SLOT = new Date('2024-01-19T08:00:00Z');

let standIn: DiscordStandIn;
let now = new Date(SLOT);
const running: RunningBot[] = [];

beforeAll(async () => {
  standIn = await startDiscordStandIn({ clock: () => now.getTime() });
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((bot) => bot.stop()));
  standIn.reset();
});
afterAll(async () => {
  await standIn?.close();
});

async function start(dataFile: string): Promise<RunningBot> {
  const bot = await startSitrep(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile, DISCORD_GUILD_ID: DEFAULT_GUILD_ID },
    { logger: captureLogger().logger, clock: () => now },
  );
  running.push(bot);
  return bot;
}

const MODERATOR = { id: '600000000000000001', username: 'mod' };
const moderator = () => ({ applicationId: standIn.applicationId, user: MODERATOR, memberPermissions: PERMISSIONS.manageMessages });
const slash = (name: string, subcommand: string, options: Record<string, string | boolean>) =>
  standIn.interact(chatInputInteraction({ ...moderator(), name, subcommand, options }));
const updateFields = (title: string) => ({ title, summary: `${title}, in neutral words.`, when: '2024-01-19', sides: ['pakistan', 'iran'], location: '' });
const guildOf = (bot: RunningBot) => bot.store.read().guilds.find((guild) => guild.guildId === DEFAULT_GUILD_ID)!;

/** The bundled story with the default channel subscribed to it (and, if given, breaking updates still marked as under way). */
async function storeWithSubscription(pendingUpdates?: Array<{ eventId: string; channelId: string; since: string }>): Promise<string> {
  const file = join(await tempDir(), 'sitrep.json');
  const data = await bundledStoreData();
  data.guilds.push({ guildId: DEFAULT_GUILD_ID, moderatorRoleIds: [], subscriptions: [{ channelId: DEFAULT_CHANNEL_ID, storyId: 'iran-pakistan-2024' }], ...(pendingUpdates ? { pendingUpdates } : {}) });
  await writeFile(file, JSON.stringify(data));
  return file;
}

const sends = () => standIn.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${DEFAULT_CHANNEL_ID}/messages`);
const posts = () => standIn.channelMessages(DEFAULT_CHANNEL_ID);

describe('exactly once, past Discord’s nonce window', () => {
  it('the stand-in, like Discord, forgets an enforced nonce after a few minutes', async () => {
    const rest = new REST({ api: standIn.apiUrl }).setToken(TOKEN);
    const body = { content: 'x', nonce: 'same-nonce', enforce_nonce: true, allowed_mentions: { parse: [] } };
    now = new Date(SLOT);
    await rest.post(`/channels/${DEFAULT_CHANNEL_ID}/messages`, { body });
    now = new Date(SLOT.getTime() + NONCE_WINDOW_MS - 1000);
    await rest.post(`/channels/${DEFAULT_CHANNEL_ID}/messages`, { body });
    expect(posts()).toHaveLength(1);
    now = new Date(SLOT.getTime() + NONCE_WINDOW_MS + 1000);
    await rest.post(`/channels/${DEFAULT_CHANNEL_ID}/messages`, { body });
    expect(posts()).toHaveLength(2);
  });

  it('a scheduled post: crash right after the send, restart 30 minutes later — one post, found in the channel', async () => {
    const file = join(await tempDir(), 'sitrep.json');
    const data = await bundledStoreData();
    data.schedules = [testSchedule()];
    await writeFile(file, JSON.stringify(data));
    now = new Date(SLOT.getTime() + 1000);
    const first = await start(file);
    expect(posts()).toHaveLength(1);
    expect(sends()[0]!.body.embeds.at(-1).footer.text).toContain(postReference(slotNonce('morning-briefing', SLOT)));
    await first.stop();
    running.pop();
    // As if the process died after Discord took the post but before the store recorded it.
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    const { lastSlot: _slot, lastPostedAt: _at, lastMessageId: _id, lastLate: _late, ...crashed } = onDisk.schedules[0];
    onDisk.schedules[0] = { ...crashed, pendingSlot: SLOT.toISOString() };
    await writeFile(file, JSON.stringify(onDisk));

    now = new Date(SLOT.getTime() + 30 * 60_000);
    const second = await start(file);
    await second.scheduler.checkDue();
    reportReliability({ suite: 'exactly once', fault: 'crash after a scheduled send, restart 30 min later', injected: 1, duplicatePosts: posts().length - 1, lostPosts: 1 - posts().length });
    expect(posts()).toHaveLength(1);
    expect(sends()).toHaveLength(1);
    expect(standIn.requests.some((r) => r.method === 'GET' && r.path === `/channels/${DEFAULT_CHANNEL_ID}/messages`)).toBe(true);
    expect(second.store.read().schedules[0]).toMatchObject({ lastSlot: SLOT.toISOString(), lastMessageId: posts()[0]!.id });
    expect(second.store.read().schedules[0]!.pendingSlot).toBeUndefined();
  });

  it('a pending slot that never reached Discord is posted once on the restart', async () => {
    const file = join(await tempDir(), 'sitrep.json');
    const data = await bundledStoreData();
    data.schedules = [testSchedule({ pendingSlot: SLOT.toISOString() })];
    await writeFile(file, JSON.stringify(data));
    now = new Date(SLOT.getTime() + 30 * 60_000);
    const bot = await start(file);
    expect(posts()).toHaveLength(1);
    expect(bot.store.read().schedules[0]).toMatchObject({ lastSlot: SLOT.toISOString(), lastLate: true });
  });

  it('a breaking update: crash right after the send, restart 30 minutes later — one post, found in the channel', async () => {
    const file = await storeWithSubscription();
    now = new Date(SLOT);
    const first = await start(file);
    const form = await slash('update', 'add', { source: 'memo-2024-01-18', notify: true });
    const preview = await standIn.interact(modalSubmitInteraction({ ...moderator(), customId: form.body.data.custom_id, fields: updateFields('Talks resume in Islamabad') }));
    const button = preview.body.data.components[0].components.find((component: { label: string }) => component.label === 'Confirm');
    // The notify Confirm is acknowledged first (posting may be slow); its outcome then edits the preview.
    const acknowledged = await standIn.interact(buttonInteraction({ ...moderator(), invoker: MODERATOR, customId: button.custom_id, message: { ...preview.body.data, flags: 64 } }));
    expect(acknowledged.body.type).toBe(6);
    const saved = await standIn.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original') && /Posted to/.test(r.body?.content ?? ''));
    expect(saved.body.content).toContain('Posted to 1 subscribed channel.');
    expect(posts()).toHaveLength(1);
    const event = first.store.read().events.at(-1)!;
    expect(sends()[0]!.body).toMatchObject({ nonce: breakingNonce(event.id, DEFAULT_CHANNEL_ID), enforce_nonce: true });
    expect(guildOf(first).pendingUpdates).toBeUndefined();
    await first.stop();
    running.pop();
    // As if the process died after Discord took the post but before the store cleared its mark.
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    onDisk.guilds[0].pendingUpdates = [{ eventId: event.id, channelId: DEFAULT_CHANNEL_ID, since: SLOT.toISOString() }];
    await writeFile(file, JSON.stringify(onDisk));

    now = new Date(SLOT.getTime() + 30 * 60_000);
    const second = await start(file);
    await second.scheduler.checkDue();
    reportReliability({ suite: 'exactly once', fault: 'crash after a breaking-update send, restart 30 min later', injected: 1, duplicatePosts: posts().length - 1, lostPosts: 1 - posts().length });
    expect(posts()).toHaveLength(1);
    expect(sends()).toHaveLength(1);
    expect(guildOf(second).pendingUpdates).toBeUndefined();
  });

  it('a breaking update marked but never sent (a crash before the send) is sent once on the restart', async () => {
    const file = await storeWithSubscription([{ eventId: 'kerman-bombing', channelId: DEFAULT_CHANNEL_ID, since: SLOT.toISOString() }]);
    now = new Date(SLOT.getTime() + 30 * 60_000);
    const bot = await start(file);
    await bot.scheduler.checkDue();
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.content).toContain('Breaking update');
    expect(guildOf(bot).pendingUpdates).toBeUndefined();
  });

  it('a breaking update still marked past the grace window is dropped and logged, not posted', async () => {
    const file = await storeWithSubscription([{ eventId: 'kerman-bombing', channelId: DEFAULT_CHANNEL_ID, since: SLOT.toISOString() }]);
    now = new Date(SLOT.getTime() + 3 * 60 * 60_000);
    const bot = await start(file);
    expect(posts()).toHaveLength(0);
    expect(guildOf(bot).pendingUpdates).toBeUndefined();
  });
});
