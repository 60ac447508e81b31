import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { limitViolations } from '../../src/briefing/reply/limits.js';
import { createConsoleSession } from '../../src/cli/console-session.js';
import { commands } from '../../src/commands/index.js';
import { openStore } from '../../src/data/store.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { tempDir } from '../fixtures/temp-store.js';
import { autocompleteInteraction, buttonInteraction, chatInputInteraction, PERMISSIONS } from '../discord/interactions.js';
import { startDiscordStandIn, type DiscordStandIn, type RecordedRequest } from '../discord/stand-in.js';

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.test.token-secret`;
const EPHEMERAL = 64;

let standIn: DiscordStandIn;
let bot: RunningBot;
let dataFile: string;
let env: NodeJS.ProcessEnv;
const logs = captureLogger('debug');

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  dataFile = join(await tempDir(), 'sitrep.json');
  env = { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile, DISCORD_GUILD_ID: standIn.guildIds[0] };
  bot = await startSitrep(env, { logger: logs.logger });
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.close();
});

type Options = Record<string, string | number | boolean>;

/** Sends a slash command through the gateway and returns the bot's interaction callback. */
async function slash(name: string, options: Options = {}, extra: Record<string, unknown> = {}): Promise<RecordedRequest> {
  const subcommand = typeof extra.subcommand === 'string' ? extra.subcommand : undefined;
  return standIn.interact(chatInputInteraction({ name, options, subcommand, applicationId: standIn.applicationId, ...extra }));
}

/** The message as sent, less the defaults discord.js adds to every reply (tts, enforce_nonce: false). */
function sentMessage(callback: RecordedRequest) {
  const { tts, enforce_nonce: enforceNonce, ...message } = callback.body.data;
  expect([tts, enforceNonce]).toEqual([false, false]);
  return message;
}

function expectSafeMessage(callback: RecordedRequest) {
  expect(callback.body.data.allowed_mentions).toEqual({ parse: [] });
  expect(limitViolations(callback.body.data)).toEqual([]);
}

/** What the console prints with --json for the same command line. */
async function consolePayload(line: string) {
  const store = await openStore(join(await tempDir(), 'console.json'), { initialData: bundledStoreData });
  try {
    const run = createConsoleSession({ commands, store, guildId: standIn.guildIds[0]!, timeZone: 'UTC', json: true });
    return JSON.parse((await run(line)).output);
  } finally {
    await store.close();
  }
}

describe('the bot against the Discord stand-in', () => {
  it('logs in through the REST API base it is given and identifies once', () => {
    expect(bot.client.isReady()).toBe(true);
    expect(standIn.identifyCount).toBe(1);
    expect(standIn.requests.some((request) => request.path === '/gateway/bot')).toBe(true);
    expect(logs.raw()).not.toContain('test.token-secret');
  });

  it('/timeline answers with every event in order, cited, pinging no one — the same as the console', async () => {
    const callback = await slash('timeline');
    expect(callback.body.type).toBe(4);
    expectSafeMessage(callback);
    const embed = callback.body.data.embeds[0];
    expect(embed.title).toBe('Timeline — Iran–Pakistan cross-border strikes, January 2024');
    expect(embed.description).toMatch(/^\*\*2019\*\* — IRGC commander warns Pakistan/);
    expect(embed.description).toContain('**16 Jan 2024** — Iran strikes Jaish al-Adl');
    expect(embed.footer.text).toBe('Page 1 of 1 · 10 events');
    expect(sentMessage(callback)).toEqual(await consolePayload('/timeline'));
  });

  it('/sources lists both reports', async () => {
    const callback = await slash('sources');
    expectSafeMessage(callback);
    expect(callback.body.data.embeds[0].description).toContain('[1] Middle East Monitor, 18 Jan 2024');
    expect(callback.body.data.embeds[0].description).toContain('[2] World News DESK, undated');
    expect(sentMessage(callback)).toEqual(await consolePayload('/sources'));
  });

  it('pages with Next for the invoker, and gives anyone else their own private copy', async () => {
    const first = await slash('claims');
    const next = first.body.data.components[0].components[1];
    const invoker = { id: '200000000000000001', username: 'reader' };
    const message = first.body.data;
    const own = await standIn.interact(
      buttonInteraction({ customId: next.custom_id, message, user: invoker, invoker, applicationId: standIn.applicationId }),
    );
    expect(own.body.type).toBe(7);
    expect(own.body.data.embeds[0].footer.text).toBe('Page 2 of 2 · 5 in conflict of 7 questions');
    const other = await standIn.interact(
      buttonInteraction({
        customId: next.custom_id,
        message,
        invoker,
        user: { id: '200000000000000002', username: 'someone-else' },
        applicationId: standIn.applicationId,
      }),
    );
    expect(other.body.type).toBe(4);
    expect(other.body.data.flags).toBe(EPHEMERAL);
    expect(other.body.data.embeds[0].footer.text).toBe('Page 2 of 2 · 5 in conflict of 7 questions');
  });

  it('autocompletes sides, typo-tolerant, within 25 choices', async () => {
    const callback = await standIn.interact(
      autocompleteInteraction({ name: 'timeline', options: { side: 'pakistn' }, focused: 'side', applicationId: standIn.applicationId }),
    );
    expect(callback.body.type).toBe(8);
    expect(callback.body.data.choices[0]).toMatchObject({ value: 'pakistan' });
    expect(callback.body.data.choices.length).toBeLessThanOrEqual(25);
  });

  it('answers bad input with a polite private message', async () => {
    const callback = await slash('timeline', { side: 'narnia' });
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.content).toMatch(/There is no side `narnia` in this story\. Sides: `pakistan`/);
    expectSafeMessage(callback);
  });

  it.each([
    ['brief', {}, 'Briefing — Iran–Pakistan'],
    ['statements', { side: 'pakistan' }, 'Statements — Pakistan'],
    ['claims', {}, 'Disputed points'],
    ['event', { id: 'kerman-bombing' }, 'Bomb attack in Kerman, Iran'],
    ['search', { query: 'kerman' }, 'Search — “kerman”'],
  ] as const)('/%s works end to end and matches the console', async (name, options, title) => {
    const callback = await slash(name, options);
    expectSafeMessage(callback);
    expect(callback.body.data.embeds[0].title).toContain(title);
    const line = `/${name} ${Object.entries(options).map(([key, value]) => `${key}:${value}`).join(' ')}`;
    expect(sentMessage(callback)).toEqual(await consolePayload(line));
  });

  it('/help and /story list answer; /story use needs Manage Server', async () => {
    expect((await slash('help')).body.data.embeds[0].description).toContain('`/timeline`');
    expect((await slash('story', {}, { subcommand: 'list' })).body.data.embeds[0].title).toBe('Stories');
    const refused = await slash('story', { story: 'iran-pakistan-2024' }, { subcommand: 'use', memberPermissions: PERMISSIONS.none });
    expect(refused.body.data.content).toMatch(/Manage Server/);
    const allowed = await slash('story', { story: 'iran-pakistan-2024' }, { subcommand: 'use', memberPermissions: PERMISSIONS.manageServer });
    expect(allowed.body.data.content).toMatch(/default story is now/);
    expect(bot.store.read().guilds).toEqual([
      { guildId: standIn.guildIds[0], storyId: 'iran-pakistan-2024', moderatorRoleIds: [], subscriptions: [] },
    ]);
  });
});
