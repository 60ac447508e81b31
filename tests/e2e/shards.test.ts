import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Events } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { testSchedule } from '../fixtures/schedule.js';
import { tempDir } from '../fixtures/temp-store.js';
import { chatInputInteraction } from '../discord/interactions.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, shardOf, startDiscordStandIn, type DiscordStandIn } from '../discord/stand-in.js';

/**
 * One process, as many shards as Discord asks for (`shards: 'auto'`): the stand-in asks for two and
 * splits the guilds between them as Discord does. Commands are answered on both shards; the
 * scheduler starts once (on ClientReady, after every shard is ready) and each schedule posts once.
 */

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.shards.secret`;
const OTHER_GUILD_ID = '910000000000000001';
const OTHER_CHANNEL_ID = '910000000000000002';
const SLOT = new Date('2024-01-19T08:00:00Z');

let standIn: DiscordStandIn;
let bot: RunningBot;
const logs = captureLogger('debug');
/** Each gateway dispatch the client received, with the shard it arrived on. */
const received: Array<{ event: string; shard: number; guildId?: string }> = [];

beforeAll(async () => {
  standIn = await startDiscordStandIn({
    shards: 2,
    guilds: [
      { id: DEFAULT_GUILD_ID, channels: [{ id: DEFAULT_CHANNEL_ID, name: 'general' }] },
      { id: OTHER_GUILD_ID, channels: [{ id: OTHER_CHANNEL_ID, name: 'news' }] },
    ],
  });
  const dataFile = join(await tempDir(), 'sitrep.json');
  const data = await bundledStoreData();
  data.schedules = [
    testSchedule({ id: 'on-shard-1' }),
    testSchedule({ id: 'on-shard-0', guildId: OTHER_GUILD_ID, channelId: OTHER_CHANNEL_ID }),
  ];
  await writeFile(dataFile, JSON.stringify(data));
  const now = new Date(SLOT.getTime() + 20_000);
  bot = await startSitrep(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile, DISCORD_GUILD_ID: DEFAULT_GUILD_ID },
    { logger: logs.logger, clock: () => now },
  );
  bot.client.on(Events.Raw, (packet: { t?: string; d?: { guild_id?: string } }, shard: number) => {
    if (packet.t) received.push({ event: packet.t, shard, guildId: packet.d?.guild_id });
  });
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.close();
});

const messages = (name: string) => logs.lines().filter((line) => line.msg === name);

describe('two shards in one process', () => {
  it('the guilds sit on different shards, as (guild_id >> 22) % 2 puts them', () => {
    expect(shardOf(DEFAULT_GUILD_ID, 2)).toBe(1);
    expect(shardOf(OTHER_GUILD_ID, 2)).toBe(0);
  });

  it('identifies each shard once, with [id, count], and sees the guilds of both', () => {
    expect([...standIn.identifiedShards].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(bot.client.ws.shards.size).toBe(2);
    expect([...bot.client.guilds.cache.keys()].sort()).toEqual([DEFAULT_GUILD_ID, OTHER_GUILD_ID]);
    expect(messages('gateway shard ready').map((line) => line.shard).sort()).toEqual([0, 1]);
    expect(messages('Sitrep is online')).toEqual([expect.objectContaining({ shards: 2, guilds: 2 })]);
  });

  it('answers commands arriving on either shard, each on its guild’s shard', async () => {
    for (const guildId of [DEFAULT_GUILD_ID, OTHER_GUILD_ID]) {
      const interaction = chatInputInteraction({ applicationId: standIn.applicationId, name: 'sources', guildId, channelId: guildId === OTHER_GUILD_ID ? OTHER_CHANNEL_ID : DEFAULT_CHANNEL_ID });
      const callback = await standIn.interact(interaction);
      expect(callback.body.data.embeds[0].title).toMatch(/^Sources/);
      expect(received.filter((entry) => entry.event === 'INTERACTION_CREATE' && entry.guildId === guildId).map((entry) => entry.shard)).toEqual([shardOf(guildId, 2)]);
    }
    // A DM belongs to no guild: shard 0.
    const dm = await standIn.interact(chatInputInteraction({ applicationId: standIn.applicationId, name: 'help', guildId: null }));
    expect(dm.body.data.embeds[0].description).toContain('`/timeline`');
    expect(received.filter((entry) => entry.event === 'INTERACTION_CREATE' && !entry.guildId).map((entry) => entry.shard)).toEqual([0]);
  });

  it('starts the scheduler once and posts each due schedule once, not once per shard', async () => {
    expect(messages('schedules armed')).toEqual([expect.objectContaining({ schedules: 2 })]);
    await bot.scheduler.checkDue();
    expect(standIn.channelMessages(DEFAULT_CHANNEL_ID)).toHaveLength(1);
    expect(standIn.channelMessages(OTHER_CHANNEL_ID)).toHaveLength(1);
    expect(messages('scheduled briefing posted').map((line) => line.schedule).sort()).toEqual(['on-shard-0', 'on-shard-1']);
  });

  it('after both shards drop and resume, still one scheduler and answers on both shards', async () => {
    const resumes = standIn.resumeCount;
    standIn.closeGatewayConnections(4000);
    await expect.poll(() => standIn.resumeCount, { timeout: 10_000 }).toBe(resumes + 2);
    await expect.poll(() => bot.client.ws.shards.every((shard) => shard.status === 0), { timeout: 5_000 }).toBe(true);
    for (const guildId of [DEFAULT_GUILD_ID, OTHER_GUILD_ID]) {
      const callback = await standIn.interact(chatInputInteraction({ applicationId: standIn.applicationId, name: 'help', guildId }));
      expect(callback.status).toBeLessThan(300);
    }
    expect(messages('schedules armed')).toHaveLength(1);
    await bot.scheduler.checkDue();
    expect(standIn.channelMessages(DEFAULT_CHANNEL_ID)).toHaveLength(1);
    expect(standIn.channelMessages(OTHER_CHANNEL_ID)).toHaveLength(1);
  });
});
