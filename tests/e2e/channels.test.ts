import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { editEvent, retractEvent } from '../../src/data/mutations.js';
import type { StoreData } from '../../src/data/schema.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { testSchedule } from '../fixtures/schedule.js';
import { tempDir } from '../fixtures/temp-store.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn } from '../discord/stand-in.js';

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.channels.secret`;
const NEWS = '300000000000000001';
const FORUM = '300000000000000002';
const SLOT = new Date('2024-01-19T08:00:00Z');
const DAY = 86_400_000;

let standIn: DiscordStandIn;
const running: RunningBot[] = [];

beforeAll(async () => {
  standIn = await startDiscordStandIn({
    guilds: [
      {
        id: DEFAULT_GUILD_ID,
        channels: [
          { id: DEFAULT_CHANNEL_ID, name: 'general' },
          { id: NEWS, name: 'news', type: 5 },
          { id: FORUM, name: 'briefings', type: 15 },
        ],
      },
    ],
  });
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((bot) => bot.stop()));
  standIn.reset();
});
afterAll(async () => {
  await standIn?.close();
});

const schedule = testSchedule;

async function storeWith(change: (data: StoreData) => void): Promise<string> {
  const file = join(await tempDir(), 'sitrep.json');
  const data = await bundledStoreData();
  change(data);
  await writeFile(file, JSON.stringify(data));
  return file;
}

async function start(dataFile: string, now: Date): Promise<RunningBot> {
  const bot = await startSitrep(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile, DISCORD_GUILD_ID: DEFAULT_GUILD_ID },
    { logger: captureLogger().logger, clock: () => now },
  );
  running.push(bot);
  return bot;
}

async function runSlot(file: string, now: Date, between?: (bot: RunningBot) => Promise<void>) {
  const bot = await start(file, now);
  await between?.(bot);
  await bot.stop();
  running.splice(running.indexOf(bot), 1);
}

const pngSize = (data: Buffer) => ({ signature: data.subarray(0, 8).toString('hex'), width: data.readUInt32BE(16), height: data.readUInt32BE(20) });

describe('announcement channels, forum threads and pictures in scheduled briefings', () => {
  it('posts into an announcement channel and publishes the post to followers when asked', async () => {
    await start(await storeWith((data) => void (data.schedules = [schedule({ channelId: NEWS, channelKind: 'announcement', crosspost: true })])), new Date(SLOT.getTime() + 1000));
    const posts = standIn.channelMessages(NEWS);
    expect(posts).toHaveLength(1);
    const crossposts = standIn.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${NEWS}/messages/${posts[0]!.id as string}/crosspost`);
    expect(crossposts).toHaveLength(1);
  });

  it('when publishing is refused (50013), the post stands, the schedule pauses with the reason, and nothing is posted twice', async () => {
    standIn.addFault({ method: 'POST', path: /\/crosspost$/, respond: { status: 403, body: { message: 'Missing Permissions', code: 50013 } } });
    const bot = await start(await storeWith((data) => void (data.schedules = [schedule({ channelId: NEWS, channelKind: 'announcement', crosspost: true })])), new Date(SLOT.getTime() + 1000));
    expect(standIn.channelMessages(NEWS)).toHaveLength(1);
    expect(bot.store.read().schedules[0]).toMatchObject({ state: 'paused', lastSlot: SLOT.toISOString() });
    expect(bot.store.read().schedules[0]!.pausedReason).toMatch(/post was made but .*publish.*50013/);
    await bot.scheduler.checkDue();
    expect(standIn.channelMessages(NEWS)).toHaveLength(1);
  });

  it('posts each briefing as a thread of a forum channel, once, even when resent after a crash', async () => {
    const file = await storeWith((data) => void (data.schedules = [schedule({ channelId: FORUM, channelKind: 'forum' })]));
    await runSlot(file, new Date(SLOT.getTime() + 1000));
    const threads = standIn.forumThreads(FORUM);
    expect(threads).toHaveLength(1);
    expect(threads[0]!.name).toBe('Briefing · 19 Jan 2024 08:00 (UTC)');
    expect(JSON.stringify(threads[0]!.message.embeds)).toContain('Briefing');
    expect(threads[0]!.message.allowed_mentions).toEqual({ parse: [] });
    // As if the process died after the thread was made but before it was recorded.
    const data = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(file, 'utf8'))) as StoreData & { sequence: number };
    data.schedules[0] = { ...data.schedules[0]!, pendingSlot: SLOT.toISOString() };
    delete data.schedules[0].lastSlot;
    await writeFile(file, JSON.stringify(data));
    const again = await start(file, new Date(SLOT.getTime() + 5000));
    expect(standIn.forumThreads(FORUM)).toHaveLength(1);
    expect(again.store.read().schedules[0]).toMatchObject({ lastSlot: SLOT.toISOString(), lastMessageId: threads[0]!.id });
  });

  it('attaches a picture of the timeline when the schedule asks for one; it decodes as a PNG', async () => {
    await start(await storeWith((data) => void (data.schedules = [schedule({ image: true })])), new Date(SLOT.getTime() + 1000));
    const post = standIn.requests.find((r) => r.method === 'POST' && r.path === `/channels/${DEFAULT_CHANNEL_ID}/messages`)!;
    expect(post.files).toHaveLength(1);
    expect(post.files[0]!.name).toBe('timeline.png');
    const png = pngSize(post.files[0]!.data);
    expect(png.signature).toBe('89504e470d0a1a0a');
    expect(png.width).toBe(1200);
    expect(png.height).toBeGreaterThan(200);
    expect(post.body.embeds.at(-1).image.url).toBe('attachment://timeline.png');
    expect(post.body.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('corrections reach the channels that were shown the old version', () => {
  it('an edit and a retraction after a post appear once in the next post, with what changed and why, and not in the one after', async () => {
    const file = await storeWith((data) => void (data.schedules = [schedule()]));
    const texts = () => standIn.channelMessages(DEFAULT_CHANNEL_ID).map((message) => String(message.content));
    await runSlot(file, new Date(SLOT.getTime() + 1000));
    expect(texts()[0]).not.toContain('Correction');

    await runSlot(file, new Date(SLOT.getTime() + 2 * 3_600_000), async (bot) => {
      const author = { userId: '600000000000000001', userName: 'mod', guildId: DEFAULT_GUILD_ID, now: new Date(SLOT.getTime() + 3_600_000) };
      const [first, second] = bot.store.read().events.filter((event) => event.status !== 'retracted');
      await bot.store.update((draft) => editEvent(draft, first!.id, { occurredAt: '2024-01-17', precision: 'day' }, first!.revision, author, 'A later report corrected the day'));
      await bot.store.update((draft) => retractEvent(draft, second!.id, 'Reported in error', author));
    });

    await runSlot(file, new Date(SLOT.getTime() + DAY + 1000));
    const second = texts()[1]!;
    expect(second.match(/\*\*Correction\*\*/g)).toHaveLength(2);
    expect(second).toMatch(/date: .* → 17 Jan 2024 — A later report corrected the day/);
    expect(second).toMatch(/retracted — Reported in error/);

    await runSlot(file, new Date(SLOT.getTime() + 2 * DAY + 1000));
    expect(texts()).toHaveLength(3);
    expect(texts()[2]).not.toContain('Correction');
  });
});
