import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Events, SlashCommandBuilder } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { createClient } from '../../src/bot/client.js';
import { createInteractionRouter } from '../../src/bot/router.js';
import { UserError } from '../../src/briefing/reply/reply.js';
import type { Command } from '../../src/commands/types.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { testSchedule } from '../fixtures/schedule.js';
import { stateOnDisk, tempDir, tempStore } from '../fixtures/temp-store.js';
import { reportReliability } from './reliability-report.js';
import { buttonInteraction, chatInputInteraction, modalSubmitInteraction, PERMISSIONS, type Invoker } from '../discord/interactions.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn, type RecordedRequest } from '../discord/stand-in.js';

/**
 * Previews as data, through the real discord.js client against the stand-in: a double-clicked
 * Confirm saves once, a preview survives a restart, and slow moderator actions answer Discord
 * within its 3 s deadline (a deferred answer first, the outcome as an edit).
 */

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.previews.secret`;
const MODERATOR: Invoker = { id: '600000000000000001', username: 'mod' };
const OTHER_MODERATOR: Invoker = { id: '600000000000000003', username: 'other-mod' };
const DEADLINE_MS = 3000;
const report = (fault: string, figures: { duplicatePosts: number; lostPosts: number; injected: number }) => reportReliability({ suite: 'previews', fault, ...figures });
/** A channel post slower than Discord's deadline for an interaction's first answer. */
const SLOW_POST_MS = DEADLINE_MS + 500;

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

async function start(dataFile: string, clock?: () => Date): Promise<RunningBot> {
  const bot = await startSitrep(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile, DISCORD_GUILD_ID: DEFAULT_GUILD_ID },
    { logger: captureLogger().logger, clock },
  );
  running.push(bot);
  return bot;
}

const newDataFile = async () => join(await tempDir(), 'sitrep.json');
const app = () => ({ applicationId: standIn.applicationId });
const asModerator = { user: MODERATOR, memberPermissions: PERMISSIONS.manageMessages };

const slash = (name: string, subcommand: string | undefined, options: Record<string, string | number | boolean>, who: { user: Invoker; memberPermissions: string } = asModerator) =>
  standIn.interact(chatInputInteraction({ ...app(), ...who, name, subcommand, options }));
const submit = (customId: string, fields: Record<string, string | string[]>) => standIn.interact(modalSubmitInteraction({ ...app(), ...asModerator, customId, fields }));

function clickOf(preview: RecordedRequest, label: string, who: Invoker = MODERATOR) {
  const button = preview.body.data.components[0].components.find((component: { label: string }) => component.label === label);
  return buttonInteraction({ ...app(), user: who, memberPermissions: PERMISSIONS.manageMessages, invoker: MODERATOR, customId: button.custom_id, message: { ...preview.body.data, flags: 64 } });
}

/** Each write that previews: how to open and fill its form, and how many records it has made. */
interface Write {
  name: string;
  open(bot: RunningBot): Promise<RecordedRequest>;
  fields: Record<string, string | string[]>;
  count(bot: RunningBot): number;
}

const WRITES: Write[] = [
  {
    name: '/statement add',
    open: () => slash('statement', 'add', { side: 'pakistan', source: 'memo-2024-01-18' }),
    fields: { speaker: 'Foreign ministry', quote: 'We welcome “dialogue”.', when: '19 Jan 2024', context: '', via: '' },
    count: (bot: RunningBot) => bot.store.read().statements.filter((statement) => statement.quote === 'We welcome “dialogue”.').length,
  },
  {
    name: '/source add',
    open: () => slash('source', 'add', {}),
    fields: { outlet: 'Dawn', title: 'Talks resume', url: '', date: '19 Jan 2024', note: '' },
    count: (bot: RunningBot) => bot.store.read().sources.filter((source) => source.outlet === 'Dawn').length,
  },
  {
    name: '/claim account',
    open: (bot: RunningBot) => slash('claim', 'account', { claim: bot.store.read().claims[0]!.id, source: 'memo-2024-01-18', side: 'iran' }),
    fields: { position: 'a third view', account: 'A third account of it.', via: '' },
    count: (bot: RunningBot) => bot.store.read().claims.flatMap((claim) => claim.accounts).filter((account) => account.position === 'a third view').length,
  },
  {
    name: '/update add',
    open: () => slash('update', 'add', { source: 'memo-2024-01-18' }),
    fields: { title: 'Talks resume', summary: 'Talks resume, in neutral words.', when: '2024-01-19', sides: ['pakistan', 'iran'], location: '' },
    count: (bot: RunningBot) => bot.store.read().events.filter((event) => event.title === 'Talks resume').length,
  },
];

async function previewOf(write: Write, bot: RunningBot): Promise<RecordedRequest> {
  const form = await write.open(bot);
  expect(form.body.type).toBe(9);
  const preview = await submit(form.body.data.custom_id, write.fields);
  expect(preview.body.data.content).toContain('nothing is saved until you press Confirm');
  return preview;
}

describe('a double-clicked Confirm saves once', () => {
  for (const write of WRITES) {
    it(`${write.name}: two Confirm clicks arriving together — one record saved, the other click told “already saved”`, async () => {
      const bot = await start(await newDataFile());
      const preview = await previewOf(write, bot);
      const [first, second] = [clickOf(preview, 'Confirm'), clickOf(preview, 'Confirm')];
      const answers = await Promise.all([standIn.interact(first), standIn.interact(second)]);
      const saved = answers.filter((answer) => answer.body.type === 7);
      const refused = answers.filter((answer) => answer.body.type === 4);
      report(`double Confirm: ${write.name}`, { duplicatePosts: Math.max(0, write.count(bot) - 1), lostPosts: 0, injected: 1 });
      expect(saved).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]!.body.data).toMatchObject({ flags: 64, content: `This was already saved: ${saved[0]!.body.data.content} Nothing more was changed.` });
      expect(refused[0]!.body.data.allowed_mentions).toEqual({ parse: [] });
      expect(write.count(bot)).toBe(1);
      await bot.stop();
      running.length = 0;
      const onDisk = await stateOnDisk(bot.store.path);
      expect(onDisk.previews).toMatchObject([{ status: 'saved' }]);
    });
  }

  it('Confirm on another moderator’s preview is refused politely, and nothing changes', async () => {
    const bot = await start(await newDataFile());
    const preview = await previewOf(WRITES[1]!, bot);
    const refused = await standIn.interact(clickOf(preview, 'Confirm', OTHER_MODERATOR));
    expect(refused.body.data).toMatchObject({ flags: 64, content: 'This preview is another moderator’s: only they can confirm, edit or cancel it. Nothing was changed.' });
    expect(WRITES[1]!.count(bot)).toBe(0);
  });
});

describe('a preview survives a restart', () => {
  it('preview, stop the bot, start a new one on the same data file, Confirm: saved once; a second Confirm is told so', async () => {
    const dataFile = await newDataFile();
    const first = await start(dataFile);
    const preview = await previewOf(WRITES[0]!, first);
    await first.stop();
    running.length = 0;

    const second = await start(dataFile);
    const saved = await standIn.interact(clickOf(preview, 'Confirm'));
    expect(saved.body).toMatchObject({ type: 7, data: { content: 'Saved the statement by **Foreign ministry**.' } });
    report('double Confirm across a restart', { duplicatePosts: Math.max(0, WRITES[0]!.count(second) - 1), lostPosts: 0, injected: 1 });
    const again = await standIn.interact(clickOf(preview, 'Confirm'));
    expect(again.body.data.content).toBe('This was already saved: Saved the statement by **Foreign ministry**. Nothing more was changed.');
    expect(WRITES[0]!.count(second)).toBe(1);
  });
});

describe('slow moderator actions answer within Discord’s 3 s', () => {
  it('/update add notify:true: the Confirm is acknowledged (type 6) at once, the slow post follows, then the outcome edits the preview', async () => {
    const bot = await start(await newDataFile());
    expect((await slash('subscribe', undefined, { channel: DEFAULT_CHANNEL_ID })).body.data.content).toContain('will get breaking updates');
    const form = await slash('update', 'add', { source: 'memo-2024-01-18', notify: true });
    const preview = await submit(form.body.data.custom_id, WRITES[3]!.fields);
    standIn.addFault({ method: 'POST', path: new RegExp(`^/channels/${DEFAULT_CHANNEL_ID}/messages$`), respond: { delayMs: SLOW_POST_MS } });

    const confirm = clickOf(preview, 'Confirm');
    const started = Date.now();
    const acknowledged = await standIn.interact(confirm);
    const acknowledgedAfter = Date.now() - started;
    expect(acknowledged.body.type).toBe(6);
    expect(acknowledgedAfter).toBeLessThan(DEADLINE_MS);

    const edited = await standIn.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(confirm.token) && r.path.endsWith('/messages/@original'), SLOW_POST_MS + 5000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_POST_MS);
    expect(edited.body.content).toMatch(/^Saved \*\*Talks resume\*\*.* Posted to 1 subscribed channel\.$/);
    expect(edited.body.components).toEqual([]);
    expect(edited.body.allowed_mentions).toEqual({ parse: [] });
    const order = standIn.requests.map((r) => r);
    const callbackAt = order.indexOf(acknowledged);
    const postAt = order.findIndex((r) => r.method === 'POST' && r.path === `/channels/${DEFAULT_CHANNEL_ID}/messages`);
    expect(callbackAt).toBeLessThan(postAt);
    expect(postAt).toBeLessThan(order.indexOf(edited));
    expect(WRITES[3]!.count(bot)).toBe(1);
  });

  it('/schedule run: “thinking…” (type 5, private) at once, then the outcome edits the reply once the slow post is made', async () => {
    const dataFile = await newDataFile();
    const data = await bundledStoreData();
    data.schedules = [testSchedule({ lastSlot: '2024-01-19T08:00:00.000Z' })];
    await writeFile(dataFile, JSON.stringify(data));
    await start(dataFile, () => new Date('2024-01-19T09:00:00Z'));
    standIn.addFault({ method: 'POST', path: new RegExp(`^/channels/${DEFAULT_CHANNEL_ID}/messages$`), respond: { delayMs: SLOW_POST_MS } });

    const run = chatInputInteraction({ ...app(), user: MODERATOR, memberPermissions: PERMISSIONS.manageServer, name: 'schedule', subcommand: 'run', options: { id: 'morning-briefing' } });
    const started = Date.now();
    const thinking = await standIn.interact(run);
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS);
    expect(thinking.body).toMatchObject({ type: 5, data: { flags: 64 } });

    const edited = await standIn.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(run.token) && r.path.endsWith('/messages/@original'), SLOW_POST_MS + 5000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_POST_MS);
    expect(edited.body.content).toBeTruthy();
    expect(edited.body.allowed_mentions).toEqual({ parse: [] });
    expect(standIn.channelMessages(DEFAULT_CHANNEL_ID)).toHaveLength(1);
  });
});

describe('what the router does after a defer', () => {
  it('a failure after “thinking…” fills that reply; a failure after a silently acknowledged click comes as a private follow-up', async () => {
    const slowThenRefused: Command = {
      data: new SlashCommandBuilder().setName('slow').setDescription('defers, then refuses').toJSON(),
      async execute(_input, context) {
        await context.defer?.();
        throw new UserError('Nothing was posted: the channel is gone.');
      },
      async component(_args, context) {
        await context.defer?.();
        throw new Error('a bug after the click was acknowledged');
      },
    };
    const client = createClient(standIn.apiUrl);
    const route = createInteractionRouter({ commands: [slowThenRefused], store: await tempStore(), logger: captureLogger().logger, timeZone: 'UTC', editorialGuildIds: [] });
    client.on(Events.InteractionCreate, (interaction) => void route(interaction));
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(TOKEN);
    await ready;
    try {
      const command = chatInputInteraction({ ...app(), user: MODERATOR, name: 'slow' });
      expect((await standIn.interact(command)).body).toMatchObject({ type: 5, data: { flags: 64 } });
      const filled = await standIn.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(command.token) && r.path.endsWith('/messages/@original'));
      expect(filled.body).toMatchObject({ content: 'Nothing was posted: the channel is gone.', allowed_mentions: { parse: [] } });

      const click = buttonInteraction({ ...app(), user: MODERATOR, invoker: MODERATOR, customId: 'slow:go', message: { content: 'a message', flags: 64 } });
      expect((await standIn.interact(click)).body.type).toBe(6);
      const followUp = await standIn.waitForRequest((r) => r.method === 'POST' && r.path.includes(click.token) && r.path.startsWith('/webhooks/'));
      expect(followUp.body).toMatchObject({ flags: 64, content: expect.stringMatching(/^Something went wrong \(ref `[0-9a-f]{8}`\)/) });
    } finally {
      await client.destroy();
    }
  });
});
