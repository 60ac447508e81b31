import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { createDelivery, postReference } from '../../src/bot/deliver.js';
import { breakingNonce, postToSubscribers } from '../../src/commands/notify.js';
import type { CommandContext } from '../../src/commands/types.js';
import { openStore } from '../../src/data/store.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { slotNonce } from '../../src/schedule/post.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { testSchedule } from '../fixtures/schedule.js';
import { tempDir } from '../fixtures/temp-store.js';
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

  it('a breaking update sent again 30 minutes later (after a restart) is found in the channel, not posted twice', async () => {
    const dir = await tempDir();
    const store = await openStore(join(dir, 'sitrep.json'), { initialData: bundledStoreData });
    try {
      await store.update((draft) => {
        draft.guilds.push({ guildId: DEFAULT_GUILD_ID, moderatorRoleIds: [], subscriptions: [{ channelId: DEFAULT_CHANNEL_ID, storyId: 'iran-pakistan-2024' }] });
      });
      const event = store.read().events[0]!;
      const deliver = createDelivery(new REST({ api: standIn.apiUrl }).setToken(TOKEN));
      const context = {
        store,
        publish: async (target, reply, post) => void (await deliver(target, reply, post!.nonce, { mayExistSince: post!.mayExistSince })),
      } as Pick<CommandContext, 'store' | 'publish'> as CommandContext;
      now = new Date(SLOT);
      expect(await postToSubscribers(event, context)).toBe(1);
      expect(sends()[0]!.body).toMatchObject({ nonce: breakingNonce(event.id, DEFAULT_CHANNEL_ID), enforce_nonce: true });
      now = new Date(SLOT.getTime() + 30 * 60_000);
      expect(await postToSubscribers(event, context)).toBe(1);
      reportReliability({ suite: 'exactly once', fault: 'breaking update resent 30 min later', injected: 1, duplicatePosts: posts().length - 1, lostPosts: 0 });
      expect(posts()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
