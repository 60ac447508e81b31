import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicationCommandOptionType } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import type { Schedule } from '../../src/data/schema.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { testSchedule } from '../fixtures/schedule.js';
import { tempDir } from '../fixtures/temp-store.js';
import { chatInputInteraction, PERMISSIONS } from '../discord/interactions.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn } from '../discord/stand-in.js';
import { reportReliability } from './reliability-report.js';

/** When a schedule pauses, the people who run it are told: the server's log channel, else a DM to its maker. */
const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.pause.notice`;
const SLOT = new Date('2024-01-19T08:00:00Z');
const LOG_CHANNEL_ID = '900000000000000077';
const MAKER = '600000000000000001';

let standIn: DiscordStandIn;
let now = new Date(SLOT.getTime() - 60_000);
const running: RunningBot[] = [];

beforeAll(async () => {
  standIn = await startDiscordStandIn({
    guilds: [{ id: DEFAULT_GUILD_ID, channels: [{ id: DEFAULT_CHANNEL_ID, name: 'general' }, { id: LOG_CHANNEL_ID, name: 'sitrep-log' }] }],
  });
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((bot) => bot.stop()));
  standIn.reset();
});
afterAll(async () => {
  await standIn?.close();
});

async function start(...schedules: Schedule[]) {
  const file = join(await tempDir(), 'sitrep.json');
  const data = await bundledStoreData();
  data.schedules = schedules;
  await writeFile(file, JSON.stringify(data));
  const log = captureLogger();
  now = new Date(SLOT.getTime() - 60_000);
  const bot = await startSitrep(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: file, DISCORD_GUILD_ID: DEFAULT_GUILD_ID },
    { logger: log.logger, clock: () => now },
  );
  running.push(bot);
  return { bot, log };
}

/** Discord refuses the schedule's channel (50013) when the slot comes, and the schedule pauses. */
async function pauseAtSlot(bot: RunningBot) {
  standIn.addFault({ method: 'POST', path: new RegExp(`^/channels/${DEFAULT_CHANNEL_ID}/messages$`), respond: { status: 403, body: { message: 'Missing Permissions', code: 50013 } } });
  now = new Date(SLOT.getTime() + 1000);
  await bot.scheduler.checkDue();
  expect(bot.store.read().schedules[0]).toMatchObject({ state: 'paused' });
}

const setLogChannel = (options: Record<string, string>, memberPermissions = PERMISSIONS.manageServer) =>
  standIn.interact(
    chatInputInteraction({
      applicationId: standIn.applicationId,
      memberPermissions,
      name: 'settings',
      subcommand: 'log-channel',
      options,
      optionTypes: { channel: ApplicationCommandOptionType.Channel },
    }),
  );

describe('a paused schedule tells the people who run it', () => {
  it('with /settings log-channel set, the notice goes to the log channel (pinging no one), not to a DM', async () => {
    const { bot } = await start(testSchedule());
    const refused = await setLogChannel({ channel: LOG_CHANNEL_ID }, PERMISSIONS.none);
    expect(refused.body.data.content).toContain('Manage Server');
    const set = await setLogChannel({ channel: LOG_CHANNEL_ID });
    expect(set.body.data.content).toContain(`<#${LOG_CHANNEL_ID}>`);
    expect(bot.store.read().guilds.find((guild) => guild.guildId === DEFAULT_GUILD_ID)?.logChannelId).toBe(LOG_CHANNEL_ID);
    await pauseAtSlot(bot);
    const notices = standIn.channelMessages(LOG_CHANNEL_ID);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.content).toContain('paused the schedule `morning-briefing`');
    expect(notices[0]!.content).toContain('Sitrep lacks permission to post in the channel (Discord error 50013)');
    expect(notices[0]!.content).toContain('/schedule resume');
    expect(notices[0]!.allowed_mentions).toEqual({ parse: [] });
    expect(standIn.dmChannelOf(MAKER)).toBeUndefined();
  });

  it('without a log channel, the member who made the schedule gets a DM', async () => {
    const { bot } = await start(testSchedule({ createdBy: MAKER }));
    await pauseAtSlot(bot);
    const dm = standIn.dmChannelOf(MAKER);
    expect(dm).toBeDefined();
    const sent = standIn.channelMessages(dm!);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.content).toContain('Sitrep lacks permission to post in the channel (Discord error 50013)');
    expect(sent[0]!.allowed_mentions).toEqual({ parse: [] });
  });

  it('a DM Discord refuses (50007) is logged once and not retried; the bot carries on', async () => {
    const { bot, log } = await start(testSchedule({ createdBy: MAKER }));
    standIn.addFault({ method: 'POST', path: new RegExp(`^/channels/(?!${DEFAULT_CHANNEL_ID})\\d+/messages$`), times: 10, respond: { status: 403, body: { message: 'Cannot send messages to this user', code: 50007 } } });
    await pauseAtSlot(bot);
    now = new Date(SLOT.getTime() + 5 * 60_000);
    await bot.scheduler.checkDue();
    await bot.scheduler.checkDue();
    const attempts = standIn.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${standIn.dmChannelOf(MAKER)}/messages`);
    reportReliability({ suite: 'pause notice', fault: 'DM refused (50007)', injected: standIn.faultsInjected, duplicatePosts: Math.max(0, attempts.length - 1), lostPosts: 0 });
    expect(attempts).toHaveLength(1);
    const warnings = log.lines().filter((line) => line.msg === 'could not DM the maker of a paused schedule; not retried');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ schedule: 'morning-briefing', userId: MAKER });
    const list = await standIn.interact(
      chatInputInteraction({ applicationId: standIn.applicationId, name: 'schedule', subcommand: 'list', memberPermissions: PERMISSIONS.manageServer }),
    );
    expect(list.body.data.embeds[0].description).toContain('⏸️ paused');
  });
});
