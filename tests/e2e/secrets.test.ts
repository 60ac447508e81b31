import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { observeDiscord } from '../../src/bot/discord-faults.js';
import { commands } from '../../src/commands/index.js';
import type { Command } from '../../src/commands/types.js';
import type { Schedule } from '../../src/data/schema.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { testSchedule } from '../fixtures/schedule.js';
import { tempDir } from '../fixtures/temp-store.js';
import { chatInputInteraction, PERMISSIONS } from '../discord/interactions.js';
import { DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn } from '../discord/stand-in.js';

/**
 * The bot token never reaches a log line or the terminal, whatever goes wrong: a handler bug, a REST
 * 500 storm, a 401, a bad configuration. Checked on everything the logger wrote, in process and in
 * a real `npm start` process (its stderr and stdout).
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const APPLICATION_ID = '111111111111111111';
const TOKEN_PARTS = [Buffer.from(APPLICATION_ID).toString('base64'), 'GqT7Zw', `Zx9-${randomBytes(18).toString('base64url')}`] as const;
const TOKEN = TOKEN_PARTS.join('.');
/** The token and every form it could leak in: its parts, as base64, URL-encoded, as an Authorization header. */
const NEEDLES = [
  TOKEN,
  ...TOKEN_PARTS,
  Buffer.from(TOKEN).toString('base64'),
  Buffer.from(TOKEN).toString('base64url'),
  encodeURIComponent(TOKEN),
  `Bot ${TOKEN}`,
];

function expectNoToken(output: string, where: string) {
  expect(output.length, `${where} is not empty`).toBeGreaterThan(0);
  for (const needle of NEEDLES) expect(output.includes(needle), `${where} contains "${needle}"`).toBe(false);
}

const boom: Command = {
  data: new SlashCommandBuilder().setName('boom').setDescription('fails').toJSON(),
  execute: () => {
    throw new Error('kaboom: a handler bug');
  },
};

const schedule = (overrides: Partial<Schedule> = {}): Schedule =>
  testSchedule({ lastSlot: '2024-01-18T08:00:00.000Z', createdAt: '2024-01-17T12:00:00.000Z', ...overrides });

async function dataFileWithSchedule(): Promise<string> {
  const file = join(await tempDir(), 'sitrep.json');
  const data = await bundledStoreData();
  data.schedules = [schedule()];
  await writeFile(file, JSON.stringify(data));
  return file;
}

const serverError = { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
const unauthorized = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
const asManager = { memberPermissions: PERMISSIONS.manageServer };

let standIn: DiscordStandIn;
beforeAll(async () => {
  standIn = await startDiscordStandIn();
});
afterAll(async () => {
  await standIn?.close();
});

describe('the bot token never leaks', () => {
  it('not in any log line, through a handler bug, a 500 storm, a scheduled post failing and a 401', async () => {
    const logs = captureLogger('trace');
    let now = new Date('2024-01-19T07:00:00Z');
    const bot: RunningBot = await startSitrep(
      { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: await dataFileWithSchedule(), DISCORD_GUILD_ID: DEFAULT_GUILD_ID, LOG_LEVEL: 'trace' },
      { logger: logs.logger, clock: () => now, commands: [...commands, boom] },
    );
    observeDiscord(bot.client, logs.logger);
    const interactionTokens: string[] = [];
    const interact = (payload: ReturnType<typeof chatInputInteraction>) => {
      interactionTokens.push(payload.token);
      return standIn.waitForRequest((r) => r.path === `/interactions/${payload.id}/${payload.token}/callback` && r.status < 300, 5000);
    };
    try {
      // A handler bug.
      const bug = chatInputInteraction({ applicationId: APPLICATION_ID, name: 'boom' });
      const bugAnswer = interact(bug);
      standIn.dispatch('INTERACTION_CREATE', bug);
      expect((await bugAnswer).body.data.content).toMatch(/Something went wrong \(ref `[0-9a-f]{8}`\)/);

      // Four 500s on an answer: discord.js gives up, the router logs it and answers again.
      const stormy = chatInputInteraction({ applicationId: APPLICATION_ID, name: 'brief' });
      standIn.addFault({ method: 'POST', path: new RegExp(`^/interactions/${stormy.id}/`), times: 4, respond: serverError });
      const stormyAnswer = interact(stormy);
      standIn.dispatch('INTERACTION_CREATE', stormy);
      expect((await stormyAnswer).body.data.content).toMatch(/Something went wrong/);

      // A scheduled post failing four times over (the scheduler logs it and keeps the slot pending).
      standIn.addFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, times: 4, respond: serverError });
      now = new Date('2024-01-19T08:00:05Z');
      await bot.scheduler.checkDue();
      expect(bot.store.read().schedules[0]!.pendingSlot).toBe('2024-01-19T08:00:00.000Z');

      // A 401 on a route that sends the token (after which discord.js drops it).
      standIn.addFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, respond: unauthorized });
      const run = chatInputInteraction({ applicationId: APPLICATION_ID, name: 'schedule', subcommand: 'run', options: { id: 'morning-briefing' }, ...asManager });
      const runAnswer = interact(run);
      standIn.dispatch('INTERACTION_CREATE', run);
      // `/schedule run` answers "thinking…" before posting; the failure then fills that reply.
      expect((await runAnswer).body.type).toBe(5);
      const runOutcome = await standIn.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(run.token) && r.path.endsWith('/messages/@original'), 5000);
      expect(runOutcome.body.content).toMatch(/Something went wrong/);
    } finally {
      await bot.stop();
    }
    const lines = logs.lines();
    expect(lines.filter((line) => line.level === 50).map((line) => line.msg)).toEqual(
      expect.arrayContaining(['interaction failed', 'scheduled briefing failed; will retry', expect.stringContaining('Discord refused the bot token (401)')]),
    );
    expect(lines.filter((line) => line.status === 500).length).toBeGreaterThanOrEqual(8);
    expectNoToken(logs.raw(), 'the log');
    // Interaction tokens let anyone answer as the bot for 15 minutes: not in the log either.
    for (const token of interactionTokens) expect(logs.raw().includes(token), `the log contains interaction token ${token}`).toBe(false);
  });

  it('not in a configuration error, even when the token is pasted into the wrong variable', async () => {
    const dataFile = join(await tempDir(), 'sitrep.json');
    const base = { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile };
    const mistakes: NodeJS.ProcessEnv[] = [
      { ...base, DISCORD_GUILD_ID: TOKEN },
      { ...base, DISCORD_CLIENT_ID: TOKEN },
      { ...base, SITREP_EDITORIAL_GUILD_IDS: `${DEFAULT_GUILD_ID},${TOKEN}` },
      { ...base, SITREP_TIMEZONE: TOKEN },
      { ...base, LOG_LEVEL: TOKEN },
      { ...base, DISCORD_API_URL: TOKEN },
      { ...base, SITREP_SCHEDULE_GRACE_MINUTES: TOKEN },
    ];
    for (const env of mistakes) {
      const failure = await startSitrep(env, { logger: captureLogger().logger }).then(
        (bot) => bot.stop().then(() => new Error('started')),
        (error: unknown) => error as Error,
      );
      expect(failure.name).toBe('ConfigError');
      expectNoToken(failure.message, `the error for ${Object.keys(env).find((key) => env[key]?.includes(TOKEN) && key !== 'DISCORD_TOKEN')}`);
    }
  });

  it('not on the terminal of a real `npm start`: a bad setting, then a running bot through a 500 storm and a 401', async () => {
    const cwd = await tempDir();
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, LOG_LEVEL: 'trace' };
    const refused = await runMain(cwd, { ...env, DISCORD_GUILD_ID: TOKEN, SITREP_DATA_FILE: join(cwd, 'sitrep.json') });
    expect(refused.stderr).toMatch(/^sitrep: DISCORD_GUILD_ID must be a Discord id/);
    expectNoToken(refused.stderr + refused.stdout, 'the output of a refused start');

    const dataFile = await dataFileWithSchedule();
    const running = await runMain(cwd, { ...env, DISCORD_GUILD_ID: DEFAULT_GUILD_ID, SITREP_DATA_FILE: dataFile }, async (output) => {
      await output.waitFor('Sitrep is online');
      const stormy = chatInputInteraction({ applicationId: APPLICATION_ID, name: 'brief' });
      standIn.addFault({ method: 'POST', path: new RegExp(`^/interactions/${stormy.id}/`), times: 4, respond: serverError });
      standIn.dispatch('INTERACTION_CREATE', stormy);
      await output.waitFor('interaction failed');
      standIn.addFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, respond: unauthorized });
      standIn.dispatch(
        'INTERACTION_CREATE',
        chatInputInteraction({ applicationId: APPLICATION_ID, name: 'schedule', subcommand: 'run', options: { id: 'morning-briefing' }, ...asManager }),
      );
      await output.waitFor('"status":401');
    });
    expect(running.stdout).toContain('Sitrep stopped');
    expectNoToken(running.stderr + running.stdout, 'the output of a running bot');
  });
});

interface Output {
  waitFor(text: string, timeoutMs?: number): Promise<void>;
}

/** Runs `src/main.ts` as `npm start` does; with `drive`, stops it with SIGTERM once `drive` is done. */
function runMain(cwd: string, env: NodeJS.ProcessEnv, drive?: (output: Output) => Promise<void>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(`${root}node_modules/.bin/tsx`, [`${root}src/main.ts`], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  const onData = () => watchers.forEach((check) => check());
  child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), onData()));
  child.stderr.on('data', (chunk: Buffer) => ((stderr += chunk.toString()), onData()));
  // 'close', not 'exit': the output of tsx's own child is complete only once every pipe has closed.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const output: Output = {
    waitFor: (text, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => (watchers.delete(check), reject(new Error(`no "${text}" in:\n${stdout}${stderr}`))), timeoutMs);
        const check = () => {
          if (!(stdout + stderr).includes(text)) return;
          clearTimeout(timer);
          watchers.delete(check);
          resolve();
        };
        watchers.add(check);
        check();
      }),
  };
  return (async () => {
    if (drive) {
      try {
        await drive(output);
      } finally {
        child.kill('SIGTERM');
      }
    }
    const code = await exited;
    return { code, stdout, stderr };
  })();
}
