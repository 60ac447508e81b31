import { join } from 'node:path';
import { RESTEvents } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import type { Schedule } from '../../src/data/schema.js';
import { slotNonce } from '../../src/schedule/post.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { testSchedule } from '../fixtures/schedule.js';
import { stateOnDisk, tempDir } from '../fixtures/temp-store.js';
import { buttonInteraction, chatInputInteraction, modalSubmitInteraction, PERMISSIONS, type Invoker } from '../discord/interactions.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn, type FaultRule, type RecordedRequest } from '../discord/stand-in.js';
import { reportReliability } from './reliability-report.js';

/**
 * The real bot (startSitrep, the real discord.js client) against the Discord stand-in, one test per
 * fault. Each checks that the bot keeps serving (a following /brief is answered), posts nothing
 * twice, loses no scheduled post within its grace window, and logs the fault once, with its context.
 */

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.faults.secret`;
const SLOT = new Date('2024-01-19T08:00:00Z');
const BEFORE_SLOT = new Date(SLOT.getTime() - 3_600_000);
const CHANNEL_A = DEFAULT_CHANNEL_ID;
const CHANNEL_B = '900000000000000003';
const DELETED_CHANNEL = '900000000000000099';
const MODERATOR: Invoker = { id: '600000000000000001', username: 'mod' };
const asModerator = { user: MODERATOR, memberPermissions: PERMISSIONS.manageMessages };
const WARN = 40;

let standIn: DiscordStandIn;
let bot: RunningBot;
let dataFile: string;
let now = BEFORE_SLOT;
let appObservesDiscord = false;
const logs = captureLogger('debug');

beforeAll(async () => {
  standIn = await startDiscordStandIn({
    guilds: [{ id: DEFAULT_GUILD_ID, channels: [{ id: CHANNEL_A, name: 'general' }, { id: CHANNEL_B, name: 'briefings' }] }],
  });
  dataFile = join(await tempDir(), 'sitrep.json');
  bot = await startSitrep(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile, DISCORD_GUILD_ID: DEFAULT_GUILD_ID },
    { logger: logs.logger, clock: () => now },
  );
  appObservesDiscord = bot.client.rest.listenerCount(RESTEvents.Response) > 0;
});

afterEach(async () => {
  await bot.store.update((draft) => void (draft.schedules = []));
  bot.scheduler.rearm();
  standIn.reset();
  now = BEFORE_SLOT;
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.close();
});

type Payload = { id: string; token: string };
const app = () => ({ applicationId: standIn.applicationId });
const exactly = (path: string) => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const callbackPath = (interaction: Payload) => `/interactions/${interaction.id}/${interaction.token}/callback`;
const callbacks = (interaction: Payload) => standIn.requests.filter((r) => r.method === 'POST' && r.path === callbackPath(interaction));
const postsTo = (channelId: string) => exactly(`/channels/${channelId}/messages`);
const postRequests = (channelId: string) => standIn.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
const tookEffect = (request: RecordedRequest) => request.status < 300 || Boolean(request.fault?.applied);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Dispatches an interaction and resolves with the bot's answer that Discord took (2xx). */
function answered(interaction: Payload, timeoutMs = 5000): Promise<RecordedRequest> {
  const answer = standIn.waitForRequest((r) => r.method === 'POST' && r.path === callbackPath(interaction) && r.status < 300, timeoutMs);
  standIn.dispatch('INTERACTION_CREATE', interaction);
  return answer;
}

/** Answers Discord took for an interaction: its callback and any follow-up (more than one is a duplicate). */
function answersTaken(interaction: Payload): number {
  const followUps = standIn.requests.filter((r) => r.method === 'POST' && r.path === `/webhooks/${standIn.applicationId}/${interaction.token}` && r.status < 300);
  return callbacks(interaction).filter(tookEffect).length + followUps.length;
}

const brief = () => chatInputInteraction({ ...app(), name: 'brief' });

/** The bot keeps serving: a /brief after the fault gets its briefing. */
async function expectServing() {
  const answer = await answered(brief());
  expect(answer.body.data.embeds[0].title).toBe('Briefing — Iran–Pakistan cross-border strikes, January 2024');
}

/** The log lines written from now on; `faults()` keeps the warnings and errors. */
function logFrom() {
  const mark = logs.lines().length;
  const lines = () => logs.lines().slice(mark);
  return { lines, faults: () => lines().filter((line) => (line.level as number) >= WARN) };
}

function report(fault: string, counts: { duplicatePosts: number; lostPosts: number; injected?: number }) {
  reportReliability({ suite: 'faults', fault, injected: counts.injected ?? standIn.faultsInjected, duplicatePosts: counts.duplicatePosts, lostPosts: counts.lostPosts });
}

const schedule = (overrides: Partial<Schedule> = {}): Schedule => testSchedule({ channelId: CHANNEL_A, createdBy: MODERATOR.id, ...overrides });

async function addSchedules(...schedules: Schedule[]) {
  await bot.store.update((draft) => void draft.schedules.push(...schedules));
  bot.scheduler.rearm();
}

/** The clock reaches the slot and the scheduler runs (as its timer or its sweep would). */
async function reachSlot(offsetMs = 1000) {
  now = new Date(SLOT.getTime() + offsetMs);
  await bot.scheduler.checkDue();
}

const scheduled = (id: string) => bot.store.read().schedules.find((s) => s.id === id)!;

/** Duplicate and lost scheduled posts in a channel that should hold exactly `expected` of them. */
function countPosts(channelId: string, expected: number) {
  const count = standIn.channelMessages(channelId).length;
  return { duplicatePosts: Math.max(0, count - expected), lostPosts: Math.max(0, expected - count) };
}

const rateLimited = (seconds: number): FaultRule['respond'] => ({
  status: 429,
  body: { message: 'You are being rate limited.', retry_after: seconds, global: false },
  headers: { 'retry-after': String(seconds), 'x-ratelimit-scope': 'user' },
});
const serverError: FaultRule['respond'] = { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
const unknownInteraction: FaultRule['respond'] = { status: 404, body: { message: 'Unknown interaction', code: 10062 } };

const fields = (title: string) => ({ title, summary: `${title}, in neutral words.`, when: '2024-01-18', sides: ['pakistan', 'iran'], location: '' });

/** A moderator's /update add up to its preview; resolves with the preview answer. */
async function previewUpdate(title: string, notify = false): Promise<RecordedRequest> {
  const form = await answered(
    chatInputInteraction({ ...app(), ...asModerator, name: 'update', subcommand: 'add', options: { source: 'memo-2024-01-18', notify } }),
  );
  expect(form.body.type).toBe(9);
  return answered(modalSubmitInteraction({ ...app(), ...asModerator, customId: form.body.data.custom_id, fields: fields(title) }));
}

function clickOn(preview: RecordedRequest, label: string) {
  const button = preview.body.data.components[0].components.find((component: { label: string }) => component.label === label);
  return buttonInteraction({ ...app(), ...asModerator, invoker: MODERATOR, customId: button.custom_id, message: { ...preview.body.data, flags: 64 } });
}

describe('Discord misbehaves; Sitrep loses nothing, doubles nothing and carries on', () => {
  it('a 429 on an interaction answer is waited out: one answer, the rate limit logged once with its route', async () => {
    const log = logFrom();
    standIn.addFault({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/, respond: rateLimited(0.05) });
    const interaction = brief();
    const answer = await answered(interaction);
    report('429-interaction-answer', { duplicatePosts: answersTaken(interaction) - 1, lostPosts: 0 });

    expect(callbacks(interaction).map((r) => r.status < 300 || r.status)).toEqual([429, true]);
    expect(answer.body.data.embeds[0].title).toContain('Briefing —');
    expect(answersTaken(interaction)).toBe(1);
    expect(log.faults()).toEqual([
      expect.objectContaining({ level: WARN, status: 429, method: 'POST', route: `/interactions/${interaction.id}/:token/callback`, retryAfterMs: 50 }),
    ]);
    await expectServing();
  });

  it('a 429 on a scheduled post is waited out: one post, the slot recorded, the rate limit logged once', async () => {
    const log = logFrom();
    await addSchedules(schedule({ id: 'rate-limited' }));
    standIn.addFault({ method: 'POST', path: postsTo(CHANNEL_A), respond: rateLimited(0.05) });
    await reachSlot();
    report('429-scheduled-post', countPosts(CHANNEL_A, 1));

    expect(postRequests(CHANNEL_A).map((r) => r.status)).toEqual([429, 200]);
    expect(standIn.channelMessages(CHANNEL_A)).toHaveLength(1);
    expect(scheduled('rate-limited')).toMatchObject({ lastSlot: SLOT.toISOString(), lastMessageId: standIn.channelMessages(CHANNEL_A)[0]!.id });
    expect(log.faults()).toEqual([expect.objectContaining({ level: WARN, status: 429, method: 'POST', route: `/channels/${CHANNEL_A}/messages` })]);
    await expectServing();
  });

  it('two 500s on a scheduled post that Discord had acted on: discord.js retries, the nonce keeps it one message', async () => {
    const log = logFrom();
    await addSchedules(schedule({ id: 'server-errors' }));
    standIn.addFault({ method: 'POST', path: postsTo(CHANNEL_A), times: 2, applied: true, respond: serverError });
    await reachSlot();
    report('500-scheduled-post-retried', countPosts(CHANNEL_A, 1));

    const sends = postRequests(CHANNEL_A);
    expect(sends.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(sends.map((r) => r.body.nonce))).toEqual(new Set([slotNonce('server-errors', SLOT)]));
    expect(sends.every((r) => r.body.enforce_nonce === true)).toBe(true);
    expect(standIn.channelMessages(CHANNEL_A)).toHaveLength(1);
    expect(scheduled('server-errors')).toMatchObject({ lastSlot: SLOT.toISOString(), lastMessageId: standIn.channelMessages(CHANNEL_A)[0]!.id });
    expect(log.faults()).toEqual([
      expect.objectContaining({ level: WARN, status: 500, route: `/channels/${CHANNEL_A}/messages`, attempt: 1 }),
      expect.objectContaining({ level: WARN, status: 500, route: `/channels/${CHANNEL_A}/messages`, attempt: 2 }),
    ]);
    await expectServing();
  });

  it('500s beyond discord.js’s retries: the post is left pending and the next sweep finds the post Discord had made, once, within the grace window', async () => {
    const log = logFrom();
    await addSchedules(schedule({ id: 'outage' }));
    standIn.addFault({ method: 'POST', path: postsTo(CHANNEL_A), times: 4, applied: true, respond: serverError });
    await reachSlot();
    expect(scheduled('outage')).toMatchObject({ pendingSlot: SLOT.toISOString() });
    expect(scheduled('outage').lastSlot).toBeUndefined();
    const afterOutage = log.faults();
    now = new Date(SLOT.getTime() + 61_000);
    await bot.scheduler.checkDue(); // the once-a-minute sweep
    report('500-scheduled-post-outage-then-sweep', countPosts(CHANNEL_A, 1));

    // Discord had made the post: the sweep finds it in the channel by its reference instead of sending again.
    expect(postRequests(CHANNEL_A).map((r) => r.status)).toEqual([500, 500, 500, 500]);
    expect(standIn.channelMessages(CHANNEL_A)).toHaveLength(1);
    expect(scheduled('outage')).toMatchObject({ lastSlot: SLOT.toISOString(), lastMessageId: standIn.channelMessages(CHANNEL_A)[0]!.id });
    expect(scheduled('outage').pendingSlot).toBeUndefined();
    expect(afterOutage).toEqual([
      ...[1, 2, 3, 4].map((attempt) => expect.objectContaining({ level: WARN, status: 500, route: `/channels/${CHANNEL_A}/messages`, attempt })),
      expect.objectContaining({ level: 50, schedule: 'outage', msg: 'scheduled briefing failed; will retry', err: expect.objectContaining({ status: 500 }) }),
    ]);
    expect(log.faults()).toHaveLength(afterOutage.length);
    await expectServing();
  });

  it('a 500 on a breaking-update post that Discord had acted on: the retry does not post it twice', async () => {
    const subscribed = await answered(chatInputInteraction({ ...app(), ...asModerator, name: 'subscribe', options: { channel: CHANNEL_B } }));
    expect(subscribed.body.data.content).toContain('will get breaking updates');
    const preview = await previewUpdate('Talks resume in Islamabad', true);
    const log = logFrom();
    standIn.addFault({ method: 'POST', path: postsTo(CHANNEL_B), applied: true, respond: serverError });
    const confirm = clickOn(preview, 'Confirm');
    expect((await answered(confirm)).body.type).toBe(6); // acknowledged before posting; the outcome edits the preview
    const saved = await standIn.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(confirm.token) && r.path.endsWith('/@original'));
    report('500-breaking-update-post', countPosts(CHANNEL_B, 1));

    expect(saved.body.content).toContain('Posted to 1 subscribed channel.');
    expect(postRequests(CHANNEL_B).map((r) => r.status)).toEqual([500, 200]);
    expect(standIn.channelMessages(CHANNEL_B)).toHaveLength(1);
    expect(log.faults()).toEqual([expect.objectContaining({ level: WARN, status: 500, route: `/channels/${CHANNEL_B}/messages`, attempt: 1 })]);
    await expectServing();
  });

  it('a 500 on an interaction answer that Discord had taken: one answer, no “something went wrong”, no error logged', async () => {
    const log = logFrom();
    const interaction = brief();
    standIn.addFault({ method: 'POST', path: exactly(callbackPath(interaction)), applied: true, respond: serverError });
    standIn.dispatch('INTERACTION_CREATE', interaction);
    await until(() => log.faults().length >= 2, 'the retried answer to be logged');
    await sleep(100);
    report('500-interaction-answer', { duplicatePosts: answersTaken(interaction) - 1, lostPosts: 0 });

    // discord.js retried the 500; Discord said the interaction was already answered (40060).
    expect(callbacks(interaction).map((r) => r.status)).toEqual([500, 400]);
    expect(answersTaken(interaction)).toBe(1);
    expect(callbacks(interaction)[0]!.body.data.embeds[0].title).toContain('Briefing —');
    expect(log.faults()).toEqual([
      expect.objectContaining({ level: WARN, status: 500, route: `/interactions/${interaction.id}/:token/callback` }),
      expect.objectContaining({
        level: WARN,
        msg: 'could not answer: the interaction was already answered',
        interaction: expect.objectContaining({ id: interaction.id, command: 'brief' }),
        discord: expect.objectContaining({ code: 40060 }),
      }),
    ]);
    await expectServing();
  });

  it('50013 Missing Permissions on a scheduled post pauses that schedule with the reason; the other schedule posts', async () => {
    const log = logFrom();
    await addSchedules(schedule({ id: 'forbidden', channelId: CHANNEL_A }), schedule({ id: 'allowed', channelId: CHANNEL_B }));
    standIn.addFault({ method: 'POST', path: postsTo(CHANNEL_A), times: 5, respond: { status: 403, body: { message: 'Missing Permissions', code: 50013 } } });
    await reachSlot();
    report('50013-scheduled-post', { ...countPosts(CHANNEL_B, 1), injected: postRequests(CHANNEL_A).length });

    expect(postRequests(CHANNEL_A)).toHaveLength(1);
    expect(scheduled('forbidden')).toMatchObject({ state: 'paused', pausedReason: 'Sitrep lacks permission to post in the channel (Discord error 50013)' });
    expect(scheduled('allowed')).toMatchObject({ state: 'active', lastSlot: SLOT.toISOString() });
    expect(standIn.channelMessages(CHANNEL_B)).toHaveLength(1);
    expect(log.faults()).toEqual([
      expect.objectContaining({ level: WARN, msg: 'schedule paused', schedule: 'forbidden', channelId: CHANNEL_A, code: 50013 }),
    ]);
    // Paused means paused: the next sweep does not try the channel again.
    await bot.scheduler.checkDue();
    expect(postRequests(CHANNEL_A)).toHaveLength(1);
    await expectServing();
  });

  it('10003 Unknown Channel (the channel was deleted) pauses that schedule with the reason; the other schedule posts', async () => {
    const log = logFrom();
    await addSchedules(schedule({ id: 'deleted', channelId: DELETED_CHANNEL }), schedule({ id: 'alive', channelId: CHANNEL_B }));
    await reachSlot();
    report('10003-scheduled-post', { ...countPosts(CHANNEL_B, 1), injected: postRequests(DELETED_CHANNEL).length });

    expect(postRequests(DELETED_CHANNEL).map((r) => r.status)).toEqual([404]);
    expect(scheduled('deleted')).toMatchObject({ state: 'paused', pausedReason: 'the channel no longer exists (Discord error 10003)' });
    expect(scheduled('alive')).toMatchObject({ state: 'active', lastSlot: SLOT.toISOString() });
    expect(standIn.channelMessages(CHANNEL_B)).toHaveLength(1);
    expect(log.faults()).toEqual([
      expect.objectContaining({ level: WARN, msg: 'schedule paused', schedule: 'deleted', channelId: DELETED_CHANNEL, code: 10003 }),
    ]);
    await expectServing();
  });

  it('10062 Unknown interaction (the 3-second window missed): logged once as a warning, not retried, the bot carries on', async () => {
    const log = logFrom();
    const interaction = brief();
    // An expired interaction stays expired: every answer to it gets 10062.
    standIn.addFault({ method: 'POST', path: exactly(callbackPath(interaction)), times: 10, respond: unknownInteraction });
    standIn.dispatch('INTERACTION_CREATE', interaction);
    await until(() => log.faults().length > 0, 'the expired interaction to be logged');
    await sleep(100);
    report('10062-interaction-answer', { duplicatePosts: 0, lostPosts: 0, injected: callbacks(interaction).length });

    expect(callbacks(interaction)).toHaveLength(1);
    expect(log.faults()).toEqual([
      expect.objectContaining({
        level: WARN,
        msg: 'could not answer: the interaction expired before it was answered',
        interaction: expect.objectContaining({ id: interaction.id, command: 'brief' }),
        discord: expect.objectContaining({ code: 10062, status: 404, route: `/interactions/${interaction.id}/:token/callback` }),
      }),
    ]);
    await expectServing();
  });

  it('10062 on the Confirm of a write: the write is whole (event and audit, on disk) and made once; the bot carries on', async () => {
    const preview = await previewUpdate('Envoys meet in Doha');
    const log = logFrom();
    const confirm = clickOn(preview, 'Confirm');
    standIn.addFault({ method: 'POST', path: exactly(callbackPath(confirm)), times: 10, respond: unknownInteraction });
    standIn.dispatch('INTERACTION_CREATE', confirm);
    await until(() => log.faults().length > 0, 'the expired Confirm to be logged');
    await sleep(100);
    const saved = bot.store.read().events.filter((event) => event.title === 'Envoys meet in Doha');
    report('10062-write-confirmation', { duplicatePosts: Math.max(0, saved.length - 1), lostPosts: 0, injected: callbacks(confirm).length });

    expect(callbacks(confirm)).toHaveLength(1);
    expect(log.faults()).toEqual([
      expect.objectContaining({
        level: WARN,
        interaction: expect.objectContaining({ id: confirm.id, customId: expect.stringMatching(/^update:confirm:/) }),
        discord: expect.objectContaining({ code: 10062 }),
      }),
    ]);
    expect(saved).toHaveLength(1);
    expect(bot.store.read().audit.filter((entry) => entry.entityId === saved[0]!.id)).toHaveLength(1);
    const onDisk = await stateOnDisk(dataFile);
    expect(onDisk.events.filter((event) => event.title === 'Envoys meet in Doha')).toEqual(saved);
    expect(onDisk.audit.filter((entry) => entry.entityId === saved[0]!.id)).toHaveLength(1);
    // Pressing Confirm again (the moderator saw no answer) does not write it twice.
    const again = await answered(clickOn(preview, 'Confirm'));
    expect(again.body.data.content).toMatch(/^This was already saved: Saved \*\*Envoys meet in Doha\*\* .* Nothing more was changed\.$/);
    expect(bot.store.read().events.filter((event) => event.title === 'Envoys meet in Doha')).toHaveLength(1);
    await expectServing();
  });

  it('the gateway closes (4000) in the middle of a scheduled post: posted once, the session resumes, later interactions are answered', async () => {
    const log = logFrom();
    const identified = standIn.identifyCount;
    const resumed = standIn.resumeCount;
    await addSchedules(schedule({ id: 'through-a-reconnect' }));
    standIn.addFault({ method: 'POST', path: postsTo(CHANNEL_A), onMatch: () => standIn.closeGatewayConnections(4000), respond: { delayMs: 300 } });
    await reachSlot();
    await until(() => standIn.resumeCount > resumed, 'the client to resume');
    report('gateway-close-mid-post', { ...countPosts(CHANNEL_A, 1), injected: 1 });

    expect(postRequests(CHANNEL_A)).toHaveLength(1);
    expect(standIn.channelMessages(CHANNEL_A)).toHaveLength(1);
    expect(scheduled('through-a-reconnect')).toMatchObject({ lastSlot: SLOT.toISOString() });
    expect([standIn.resumeCount - resumed, standIn.identifyCount - identified]).toEqual([1, 0]);
    await expectServing();
    expect(log.faults()).toEqual([expect.objectContaining({ level: WARN, msg: 'gateway connection lost: reconnecting', closeCode: 4000, shardId: 0 })]);
    expect(log.lines().filter((line) => line.msg === 'gateway resumed')).toHaveLength(1);
  });

  it('a slow Discord (2 s on an answer and on a post) doubles nothing, and other interactions are answered meanwhile', async () => {
    const log = logFrom();
    await addSchedules(schedule({ id: 'slow-post' }));
    const slow = brief();
    let inFlight = 0;
    const bothInFlight = until(() => inFlight === 2, 'both slow requests to reach Discord');
    standIn.addFault({ method: 'POST', path: exactly(callbackPath(slow)), onMatch: () => inFlight++, respond: { delayMs: 2000 } });
    standIn.addFault({ method: 'POST', path: postsTo(CHANNEL_A), onMatch: () => inFlight++, respond: { delayMs: 2000 } });
    const slowAnswer = answered(slow);
    const posting = reachSlot();
    await bothInFlight;
    const quick = brief();
    await answered(quick);
    // Answered while both slow requests were still waiting on Discord.
    expect(callbacks(slow)).toHaveLength(0);
    expect(postRequests(CHANNEL_A)).toHaveLength(0);
    await Promise.all([slowAnswer, posting]);
    report('slow-answer-and-post', {
      duplicatePosts: countPosts(CHANNEL_A, 1).duplicatePosts + answersTaken(slow) - 1 + answersTaken(quick) - 1,
      lostPosts: countPosts(CHANNEL_A, 1).lostPosts,
    });

    expect([answersTaken(slow), answersTaken(quick)]).toEqual([1, 1]);
    expect(postRequests(CHANNEL_A)).toHaveLength(1);
    expect(standIn.channelMessages(CHANNEL_A)).toHaveLength(1);
    expect(scheduled('slow-post')).toMatchObject({ lastSlot: SLOT.toISOString(), lastLate: false });
    // A slow answer within discord.js's 15-second timeout is no fault: nothing retried, nothing logged.
    expect(log.faults()).toEqual([]);
    await expectServing();
  });

  it('startSitrep itself logs the faults discord.js handles (429, 5xx, 401, gateway drops)', () => {
    expect(appObservesDiscord).toBe(true);
  });
});
