import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { postReference } from '../../src/bot/deliver.js';
import { limitViolations } from '../../src/briefing/reply/limits.js';
import type { ChannelKind, EventPost } from '../../src/data/schema.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { tempDir } from '../fixtures/temp-store.js';
import { buttonInteraction, chatInputInteraction, modalSubmitInteraction, PERMISSIONS } from '../discord/interactions.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn, type RecordedRequest } from '../discord/stand-in.js';
import { reportReliability } from './reliability-report.js';

/**
 * Posts updated in place, through the real client against the stand-in: a breaking update posted with
 * notify, then a change to its event edits that post and adds one line in a thread started on it —
 * "Update:" for new reporting, "Correction:" for an edit — never a second full post; across a crash
 * and a restart past Discord's nonce window, exactly one note.
 */
const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.in.place`;
const NEWS = '300000000000000011';
const FORUM = '300000000000000012';
const START = new Date('2024-01-19T08:00:00Z');
const MODERATOR = { id: '600000000000000001', username: 'mod' };

let standIn: DiscordStandIn;
let now = new Date(START);
const running: RunningBot[] = [];

beforeAll(async () => {
  standIn = await startDiscordStandIn({
    clock: () => now.getTime(),
    guilds: [
      {
        id: DEFAULT_GUILD_ID,
        channels: [
          { id: DEFAULT_CHANNEL_ID, name: 'general' },
          { id: NEWS, name: 'news', type: 5 },
          { id: FORUM, name: 'updates', type: 15 },
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

async function storeSubscribed(channelId: string, channelKind?: ChannelKind, crosspost?: boolean): Promise<string> {
  const file = join(await tempDir(), 'sitrep.json');
  const data = await bundledStoreData();
  data.guilds.push({
    guildId: DEFAULT_GUILD_ID,
    moderatorRoleIds: [],
    subscriptions: [{ channelId, storyId: 'iran-pakistan-2024', ...(channelKind ? { channelKind } : {}), ...(crosspost ? { crosspost } : {}) }],
  });
  await writeFile(file, JSON.stringify(data));
  return file;
}

async function start(file: string): Promise<RunningBot> {
  const bot = await startSitrep(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: file, DISCORD_GUILD_ID: DEFAULT_GUILD_ID },
    { logger: captureLogger().logger, clock: () => now },
  );
  running.push(bot);
  return bot;
}

async function stop(bot: RunningBot) {
  await bot.stop();
  running.splice(running.indexOf(bot), 1);
}

const as = () => ({ applicationId: standIn.applicationId, user: MODERATOR, memberPermissions: PERMISSIONS.manageMessages });
const slash = (name: string, subcommand: string, options: Record<string, string | boolean>) => standIn.interact(chatInputInteraction({ ...as(), name, subcommand, options }));
const submit = (customId: string, fields: Record<string, string | string[]>) => standIn.interact(modalSubmitInteraction({ ...as(), customId, fields }));
const confirm = (preview: RecordedRequest) => {
  const button = preview.body.data.components[0].components.find((component: { label: string }) => component.label === 'Confirm');
  return standIn.interact(buttonInteraction({ ...as(), invoker: MODERATOR, customId: button.custom_id, message: { ...preview.body.data, flags: 64 } }));
};
/** The deferred Confirm's answer (it edits the preview once the posts are made), among the requests since `from`. */
const answered = (pattern: RegExp, from: number) =>
  standIn.waitForRequest((r) => standIn.requests.indexOf(r) >= from && r.method === 'PATCH' && r.path.endsWith('/messages/@original') && pattern.test(r.body?.content ?? ''), 10_000);
const eventFields = (title: string) => ({ title, summary: `${title}, in neutral words.`, when: '2024-01-19', sides: ['pakistan', 'iran'], location: '' });
const guildOf = (bot: RunningBot) => bot.store.read().guilds.find((guild) => guild.guildId === DEFAULT_GUILD_ID)!;
const postOf = (bot: RunningBot, eventId: string): EventPost | undefined => guildOf(bot).eventPosts?.find((post) => post.eventId === eventId);
const messagesIn = (channelId: string) => standIn.channelMessages(channelId) as Array<Record<string, unknown> & { id: string }>;
const requests = (method: string, pattern: RegExp) => standIn.requests.filter((r) => r.method === method && pattern.test(r.path));

/** `/update add notify:true`, confirmed: resolves with the new event's id once it is posted. */
async function postNew(bot: RunningBot, title: string): Promise<string> {
  const from = standIn.requests.length;
  const form = await slash('update', 'add', { source: 'memo-2024-01-18', notify: true });
  await confirm(await submit(form.body.data.custom_id, eventFields(title)));
  await answered(/Posted to 1 subscribed channel/, from);
  return bot.store.read().events.at(-1)!.id;
}

/** `/update edit` of the event with a new title and a reason, confirmed; resolves with the Confirm's final answer. */
async function correct(eventId: string, title: string, reason: string, expectAnswer = /Updated its post in place in 1 channel/) {
  const from = standIn.requests.length;
  const form = await slash('update', 'edit', { id: eventId, reason });
  const preview = await submit(form.body.data.custom_id, eventFields(title));
  // The preview says so before anything is saved, with the note the thread will get.
  expect(preview.body.data.content).toContain(`Confirm also edits its post in place in 1 channel and adds this in the post’s thread: **Correction:** title, summary — ${reason}`);
  await confirm(preview);
  return answered(expectAnswer, from);
}

/** `/statement add` about the event (new reporting), confirmed. */
async function addStatementAbout(eventId: string) {
  const from = standIn.requests.length;
  const form = await slash('statement', 'add', { side: 'pakistan', source: 'memo-2024-01-18', event: eventId });
  await confirm(await submit(form.body.data.custom_id, { speaker: 'Pakistan’s foreign ministry', quote: 'We are studying the report.', when: '2024-01-19', context: '', via: '' }));
  return answered(/Updated its post in place in 1 channel/, from);
}

function expectSafe(body: Record<string, unknown>) {
  expect(body.allowed_mentions).toEqual({ parse: [] });
  expect(limitViolations(body as never)).toEqual([]);
}

describe('a change to an event already posted edits its post in place, with a note in its thread', () => {
  it('text channel: "Update:" for a statement added, "Correction:" for an edit — one post, one thread, two notes', async () => {
    const bot = await start(await storeSubscribed(DEFAULT_CHANNEL_ID));
    const eventId = await postNew(bot, 'Talks resume in Islamabad');
    const [post] = messagesIn(DEFAULT_CHANNEL_ID);
    expect(postOf(bot, eventId)).toMatchObject({ channelId: DEFAULT_CHANNEL_ID, messageId: post!.id });

    await addStatementAbout(eventId);
    const edited = standIn.message(post!.id)!;
    expect(edited.edited_timestamp).not.toBeNull();
    expect(JSON.stringify(edited.embeds)).toContain('We are studying the report.');
    // The edit keeps the post's reference, so a resend still finds it.
    expect(JSON.stringify(edited.embeds)).toContain(postReference(postOf(bot, eventId)!.nonce));
    expect(standIn.messageThreads(DEFAULT_CHANNEL_ID)).toEqual([expect.objectContaining({ id: post!.id, name: 'Updates: Talks resume in Islamabad', type: 11 })]);
    expect(messagesIn(post!.id).map((message) => message.content)).toEqual(['**Update:** statement added']);

    now = new Date(START.getTime() + 60 * 60_000);
    await correct(eventId, 'Talks resume in Rawalpindi', 'The first report named the wrong city');
    expect(messagesIn(DEFAULT_CHANNEL_ID)).toHaveLength(1);
    expect((standIn.message(post!.id)!.embeds as Array<{ title?: string }>)[0]!.title).toBe('Talks resume in Rawalpindi');
    expect(messagesIn(post!.id).map((message) => message.content)).toEqual([
      '**Update:** statement added',
      '**Correction:** title, summary — The first report named the wrong city',
    ]);
    // One thread, started once; every edit and note pings nobody and fits Discord's limits.
    expect(requests('POST', /^\/channels\/\d+\/messages\/\d+\/threads$/)).toHaveLength(1);
    for (const request of [...requests('PATCH', new RegExp(`^/channels/${DEFAULT_CHANNEL_ID}/messages/`)), ...requests('POST', new RegExp(`^/channels/${post!.id}/messages$`))]) expectSafe(request.body);
    expect(guildOf(bot).pendingUpdates).toBeUndefined();
  });

  it('a retraction edits the post to say so, with a "Correction:" note', async () => {
    const bot = await start(await storeSubscribed(DEFAULT_CHANNEL_ID));
    const eventId = await postNew(bot, 'A strike reported near Panjgur');
    const [post] = messagesIn(DEFAULT_CHANNEL_ID);
    const from = standIn.requests.length;
    const preview = await slash('update', 'retract', { id: eventId, reason: 'No second source confirmed it' });
    await confirm(preview);
    await answered(/Updated its post in place/, from);
    expect(messagesIn(DEFAULT_CHANNEL_ID)).toHaveLength(1);
    expect(messagesIn(post!.id).map((message) => message.content)).toEqual(['**Correction:** retracted — No second source confirmed it']);
  });

  it('a post someone deleted is posted again once, remembered, and later changes edit the new one', async () => {
    const bot = await start(await storeSubscribed(DEFAULT_CHANNEL_ID));
    const eventId = await postNew(bot, 'Border crossing reopens');
    const [first] = messagesIn(DEFAULT_CHANNEL_ID);
    standIn.deleteMessage(DEFAULT_CHANNEL_ID, first!.id);

    await correct(eventId, 'Border crossing at Taftan reopens', 'The crossing was not named');
    const [fresh] = messagesIn(DEFAULT_CHANNEL_ID);
    expect(messagesIn(DEFAULT_CHANNEL_ID)).toHaveLength(1);
    expect(fresh!.id).not.toBe(first!.id);
    expect(postOf(bot, eventId)).toMatchObject({ messageId: fresh!.id, threadId: fresh!.id });
    expect(messagesIn(fresh!.id).map((message) => message.content)).toEqual(['**Correction:** title, summary — The crossing was not named']);

    await correct(eventId, 'Border crossing at Taftan reopens to trade', 'Only trade resumed');
    expect(messagesIn(DEFAULT_CHANNEL_ID)).toHaveLength(1);
    expect(messagesIn(fresh!.id)).toHaveLength(2);
    reportReliability({ suite: 'posts in place', fault: 'post deleted in the channel, then its event corrected', injected: 1, duplicatePosts: messagesIn(DEFAULT_CHANNEL_ID).length - 1, lostPosts: 1 - messagesIn(DEFAULT_CHANNEL_ID).length });
  });

  it('forum: the post is its thread; the edit is made there and the note is posted in it — no new thread', async () => {
    const bot = await start(await storeSubscribed(FORUM, 'forum'));
    const eventId = await postNew(bot, 'Envoys return to their posts');
    const [thread] = standIn.forumThreads(FORUM);
    expect(postOf(bot, eventId)).toMatchObject({ messageId: thread!.id, threadId: thread!.id });
    await correct(eventId, 'Envoys return to Islamabad and Tehran', 'Named both capitals');
    expect(standIn.forumThreads(FORUM)).toHaveLength(1);
    expect(requests('PATCH', new RegExp(`^/channels/${thread!.id}/messages/${thread!.id}$`))).toHaveLength(1);
    expect(requests('POST', /\/messages\/\d+\/threads$/)).toHaveLength(0);
    const inThread = messagesIn(thread!.id);
    expect(inThread.map((message) => message.content)).toEqual([expect.stringContaining('Breaking update'), '**Correction:** title, summary — Named both capitals']);
    expect((inThread[0]!.embeds as Array<{ title?: string }>)[0]!.title).toBe('Envoys return to Islamabad and Tehran');
  });

  it('announcement channel: the published post is edited (Discord carries edits to followers), never published again; the note stays in its thread', async () => {
    const bot = await start(await storeSubscribed(NEWS, 'announcement', true));
    const eventId = await postNew(bot, 'Foreign ministers speak by phone');
    const [post] = messagesIn(NEWS);
    expect(requests('POST', /\/crosspost$/)).toHaveLength(1);
    await correct(eventId, 'Foreign ministers speak by phone for an hour', 'The call’s length was left out');
    expect(messagesIn(NEWS)).toHaveLength(1);
    expect(requests('POST', /\/crosspost$/)).toHaveLength(1);
    expect(standIn.messageThreads(NEWS)).toEqual([expect.objectContaining({ id: post!.id, type: 10 })]);
    expect(messagesIn(post!.id)).toHaveLength(1);
    expect(postOf(bot, eventId)).toMatchObject({ messageId: post!.id, threadId: post!.id });
  });
});

describe('exactly one note across a crash and a restart past the nonce window', () => {
  it('the note reached Discord but the bot stopped before clearing its mark: found in the thread, not posted again', async () => {
    const file = await storeSubscribed(DEFAULT_CHANNEL_ID);
    now = new Date(START);
    const first = await start(file);
    const eventId = await postNew(first, 'Trade talks set for next week');
    const [post] = messagesIn(DEFAULT_CHANNEL_ID);
    await correct(eventId, 'Trade talks set for Monday', 'The day was given');
    await stop(first);
    // As if the process died after the note was posted but before the store cleared its mark.
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    const noteRequest = requests('POST', new RegExp(`^/channels/${post!.id}/messages$`))[0]!;
    expect(noteRequest.body).toMatchObject({ enforce_nonce: true, content: '**Correction:** title, summary — The day was given' });
    onDisk.guilds[0].pendingUpdates = [{ eventId, channelId: DEFAULT_CHANNEL_ID, since: now.toISOString(), note: { nonce: noteRequest.body.nonce, text: noteRequest.body.content } }];
    await writeFile(file, JSON.stringify(onDisk));

    now = new Date(now.getTime() + 30 * 60_000);
    const second = await start(file);
    await second.scheduler.checkDue();
    const notes = messagesIn(post!.id);
    reportReliability({ suite: 'posts in place', fault: 'crash after a threaded note, restart 30 min later', injected: 1, duplicatePosts: notes.length - 1, lostPosts: 1 - notes.length });
    expect(notes).toHaveLength(1);
    expect(requests('POST', new RegExp(`^/channels/${post!.id}/messages$`))).toHaveLength(1);
    expect(requests('GET', new RegExp(`^/channels/${post!.id}/messages$`)).length).toBeGreaterThan(0);
    expect(messagesIn(DEFAULT_CHANNEL_ID)).toHaveLength(1);
    expect(guildOf(second).pendingUpdates).toBeUndefined();
  });

  it('the bot stopped between the edit and the note (the note never sent): the restart posts it once', async () => {
    const file = await storeSubscribed(DEFAULT_CHANNEL_ID);
    now = new Date(START);
    const first = await start(file);
    const eventId = await postNew(first, 'Ambassadors to be recalled');
    const [post] = messagesIn(DEFAULT_CHANNEL_ID);
    // The note's send fails past discord.js's retries, and the bot is stopped before its sweep runs.
    standIn.addFault({ method: 'POST', path: new RegExp(`^/channels/${post!.id}/messages$`), times: 4, respond: { status: 500, body: { message: 'Internal Server Error', code: 0 } } });
    const from = standIn.requests.length;
    const form = await slash('update', 'edit', { id: eventId, reason: 'Only one ambassador' });
    await confirm(await submit(form.body.data.custom_id, eventFields('Ambassador to be recalled')));
    const answer = await answered(/Saved/, from);
    expect(answer.body.content).not.toContain('Updated its post');
    expect(standIn.message(post!.id)!.edited_timestamp).not.toBeNull();
    expect(messagesIn(post!.id)).toHaveLength(0);
    expect(guildOf(first).pendingUpdates).toHaveLength(1);
    await stop(first);

    now = new Date(START.getTime() + 30 * 60_000);
    const second = await start(file);
    await second.scheduler.checkDue();
    await second.scheduler.checkDue();
    const notes = messagesIn(post!.id);
    reportReliability({ suite: 'posts in place', fault: 'stop between the edit and its note, restart 30 min later', injected: 1, duplicatePosts: notes.length - 1, lostPosts: 1 - notes.length });
    expect(notes.map((message) => message.content)).toEqual(['**Correction:** title, summary — Only one ambassador']);
    expect(messagesIn(DEFAULT_CHANNEL_ID)).toHaveLength(1);
    expect(requests('POST', /\/messages\/\d+\/threads$/).filter((r) => r.status < 300)).toHaveLength(1);
    expect(guildOf(second).pendingUpdates).toBeUndefined();
  });
});
