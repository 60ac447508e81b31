import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import type { Schedule } from '../../src/data/schema.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { limitViolations } from '../../src/briefing/reply/limits.js';
import { slotNonce } from '../../src/schedule/post.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { testSchedule } from '../fixtures/schedule.js';
import { tempDir } from '../fixtures/temp-store.js';
import { chatInputInteraction, PERMISSIONS } from '../discord/interactions.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn } from '../discord/stand-in.js';

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.schedule.secret`;
const SLOT = new Date('2024-01-19T08:00:00Z');

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

const schedule = testSchedule;

async function storeWith(...schedules: Schedule[]): Promise<string> {
  const file = join(await tempDir(), 'sitrep.json');
  const data = await bundledStoreData();
  data.schedules = schedules;
  await writeFile(file, JSON.stringify(data));
  return file;
}

async function start(dataFile: string, now: Date, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningBot> {
  const bot = await startSitrep(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile, DISCORD_GUILD_ID: DEFAULT_GUILD_ID, ...extraEnv },
    { logger: captureLogger().logger, clock: () => now },
  );
  running.push(bot);
  return bot;
}

const posts = () => standIn.channelMessages(DEFAULT_CHANNEL_ID);
const scheduleIn = (bot: RunningBot) => bot.store.read().schedules[0]!;

describe('scheduled briefings against the stand-in', () => {
  it('a due schedule posts exactly one message, rendered like /brief, with its slot nonce, pinging no one', async () => {
    const bot = await start(await storeWith(schedule()), new Date(SLOT.getTime() + 20_000));
    expect(posts()).toHaveLength(1);
    const request = standIn.requests.find((r) => r.path === `/channels/${DEFAULT_CHANNEL_ID}/messages`)!;
    expect(request.body).toMatchObject({ nonce: slotNonce('morning-briefing', SLOT), enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(request.body.content).toContain('📰 Scheduled briefing');
    expect(request.body.content).not.toContain('Late');
    expect(request.body.embeds[0].title).toBe('Briefing — Iran–Pakistan cross-border strikes, January 2024');
    expect(limitViolations(request.body)).toEqual([]);
    expect(scheduleIn(bot)).toMatchObject({ lastSlot: SLOT.toISOString(), lastLate: false, skippedSlots: 0 });
    expect(scheduleIn(bot).pendingSlot).toBeUndefined();
    await bot.scheduler.checkDue();
    await bot.scheduler.checkDue();
    expect(posts()).toHaveLength(1);
  });

  it('stopped before a slot and started after it, the bot posts it once, late; a further restart posts nothing', async () => {
    const file = await storeWith(schedule());
    await (await start(file, new Date(SLOT.getTime() - 60_000))).stop();
    running.pop();
    expect(posts()).toHaveLength(0);
    const late = await start(file, new Date(SLOT.getTime() + 45 * 60_000));
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.content).toContain('⏰ Late: this briefing was due at <t:1705651200:f>.');
    expect(scheduleIn(late)).toMatchObject({ lastLate: true });
    await late.stop();
    running.pop();
    await start(file, new Date(SLOT.getTime() + 50 * 60_000));
    expect(posts()).toHaveLength(1);
  });

  it('slots missed by more than the grace window are skipped and counted, not flooded into the channel', async () => {
    const bot = await start(await storeWith(schedule({ lastSlot: '2024-01-15T08:00:00.000Z' })), new Date('2024-01-19T11:00:00Z'));
    expect(posts()).toHaveLength(0);
    expect(scheduleIn(bot)).toMatchObject({ lastSlot: SLOT.toISOString(), skippedSlots: 4 });
  });

  it('killed right after sending: the restart finds the post in the channel and keeps one message', async () => {
    const file = await storeWith(schedule());
    const first = await start(file, new Date(SLOT.getTime() + 1000));
    expect(posts()).toHaveLength(1);
    await first.stop();
    running.pop();
    // As if the process died after the send but before recording it.
    const data = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(file, 'utf8')));
    data.schedules[0] = { ...data.schedules[0], pendingSlot: SLOT.toISOString() };
    delete data.schedules[0].lastSlot;
    await writeFile(file, JSON.stringify(data));
    const second = await start(file, new Date(SLOT.getTime() + 5000));
    const sends = standIn.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${DEFAULT_CHANNEL_ID}/messages`);
    expect(sends).toHaveLength(1);
    expect(posts()).toHaveLength(1);
    expect(scheduleIn(second)).toMatchObject({ lastSlot: SLOT.toISOString(), lastMessageId: posts()[0]!.id });
  });

  it('a channel that answers 50013 pauses the schedule with the reason, shown in /schedule list; others still post', async () => {
    standIn.addFault({ method: 'POST', path: new RegExp(`^/channels/${DEFAULT_CHANNEL_ID}/messages$`), respond: { status: 403, body: { message: 'Missing Permissions', code: 50013 } } });
    const other = schedule({ id: 'evening', cron: '0 8 * * *', createdAt: '2024-01-18T12:00:00.000Z' });
    const bot = await start(await storeWith(schedule(), other), new Date(SLOT.getTime() + 1000));
    const states = bot.store.read().schedules.map((s) => [s.id, s.state, s.pausedReason]);
    expect(states).toContainEqual(expect.arrayContaining(['paused', 'Sitrep lacks permission to post in the channel (Discord error 50013)']));
    expect(states.filter(([, state]) => state === 'active')).toHaveLength(1);
    expect(posts()).toHaveLength(1);
    const list = await standIn.interact(
      chatInputInteraction({ applicationId: standIn.applicationId, name: 'schedule', subcommand: 'list', memberPermissions: PERMISSIONS.manageServer }),
    );
    expect(list.body.data.embeds[0].description).toContain('⏸️ paused — Sitrep lacks permission to post in the channel (Discord error 50013)');
  });

  it('a 429 and then success yields one post', async () => {
    standIn.addFault({
      method: 'POST',
      path: new RegExp(`^/channels/${DEFAULT_CHANNEL_ID}/messages$`),
      respond: { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.05, global: false }, headers: { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' } },
    });
    await start(await storeWith(schedule()), new Date(SLOT.getTime() + 1000));
    const sends = standIn.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${DEFAULT_CHANNEL_ID}/messages`);
    expect(sends.map((r) => r.status)).toEqual([429, 200]);
    expect(posts()).toHaveLength(1);
  });

  it('/schedule add arms a schedule and /schedule list shows its next run in the reader’s time', async () => {
    const bot = await start(await storeWith(), new Date('2024-01-19T06:00:00Z'));
    const asManager = { applicationId: standIn.applicationId, memberPermissions: PERMISSIONS.manageServer };
    const added = await standIn.interact(
      chatInputInteraction({ ...asManager, name: 'schedule', subcommand: 'add', options: { channel: DEFAULT_CHANNEL_ID, time: '08:00', timezone: 'Asia/Karachi', days: 'weekdays', kind: 'digest', quiet: true } }),
    );
    expect(added.body.data.content).toMatch(/Scheduled `08-00-weekdays-[0-9a-f]+`.*digest, quiet.*08:00 weekdays Asia\/Karachi\. Next: <t:1705892400:f>\./);
    expect(bot.store.read().schedules[0]).toMatchObject({ cron: '0 8 * * 1-5', timeZone: 'Asia/Karachi', state: 'active' });
    const list = await standIn.interact(chatInputInteraction({ ...asManager, name: 'schedule', subcommand: 'list' }));
    expect(list.body.data.embeds[0].description).toContain('🟢 active · next <t:1705892400:f> · not posted yet');
    const refused = await standIn.interact(
      chatInputInteraction({ applicationId: standIn.applicationId, memberPermissions: PERMISSIONS.none, name: 'schedule', subcommand: 'list' }),
    );
    expect(refused.body.data.content).toContain('Manage Server');
    const badZone = await standIn.interact(
      chatInputInteraction({ ...asManager, name: 'schedule', subcommand: 'add', options: { channel: DEFAULT_CHANNEL_ID, time: '25:00', timezone: 'UTC' } }),
    );
    expect(badZone.body.data.content).toContain('`25:00` is not a time of day');
  });
});
