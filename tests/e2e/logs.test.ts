import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SlashCommandBuilder } from 'discord.js';
import { prettyFactory } from 'pino-pretty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { commands } from '../../src/commands/index.js';
import type { Command } from '../../src/commands/types.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { tempDir } from '../fixtures/temp-store.js';
import { autocompleteInteraction, buttonInteraction, chatInputInteraction, PERMISSIONS } from '../discord/interactions.js';
import { DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn } from '../discord/stand-in.js';

/**
 * One info line per interaction — its kind, registered name, server, latency and outcome (ok,
 * refused, bug with the ref the user saw) — never what was typed, never a token; and logs on stdout,
 * so the README's `npm start | npx pino-pretty` shows them.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.logs.secret-token-value`;
/** Text a user types: it must never reach the log. */
const TYPED = 'zqxv-typed-by-a-user-7f3a';

const boom: Command = {
  data: new SlashCommandBuilder().setName('boom').setDescription('fails').toJSON(),
  execute: () => {
    throw new Error('kaboom');
  },
};

let standIn: DiscordStandIn;
let bot: RunningBot;
const logs = captureLogger('debug');

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  bot = await startSitrep(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: join(await tempDir(), 'sitrep.json'), DISCORD_GUILD_ID: DEFAULT_GUILD_ID },
    { logger: logs.logger, commands: [...commands, boom] },
  );
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.close();
});

/** The log line of the interaction with this id (the router logs after answering, so wait for it). */
async function lineFor(interactionId: string) {
  const find = () => logs.lines().find((line) => line.msg === 'interaction' && line.id === interactionId);
  await expect.poll(find).toBeDefined();
  return find()!;
}

const applicationId = '111111111111111111';

describe('one log line per interaction', () => {
  it('ok: kind, name, server, latency', async () => {
    const interaction = chatInputInteraction({ applicationId, name: 'sources' });
    await standIn.interact(interaction);
    const line = await lineFor(interaction.id);
    expect(line).toMatchObject({ level: 30, kind: 'command', name: 'sources', guildId: DEFAULT_GUILD_ID, outcome: 'ok' });
    expect(line.ms).toEqual(expect.any(Number));
    expect(Object.keys(line).sort()).toEqual(['guildId', 'id', 'kind', 'level', 'ms', 'msg', 'name', 'outcome', 'time']);
  });

  it('refused: a user’s mistake or missing rights, with the subcommand, and nothing they typed', async () => {
    const unknown = chatInputInteraction({ applicationId, name: 'timeline', options: { actor: TYPED } });
    const answer = await standIn.interact(unknown);
    expect(answer.body.data.content).toBeDefined();
    expect(await lineFor(unknown.id)).toMatchObject({ kind: 'command', name: 'timeline', outcome: 'refused' });
    const rights = chatInputInteraction({ applicationId, name: 'story', subcommand: 'use', options: { story: TYPED }, memberPermissions: PERMISSIONS.none });
    await standIn.interact(rights);
    expect(await lineFor(rights.id)).toMatchObject({ name: 'story use', outcome: 'refused' });
  });

  it('bug: the same ref the user was shown, beside the error line', async () => {
    const interaction = chatInputInteraction({ applicationId, name: 'boom' });
    const answer = await standIn.interact(interaction);
    const ref = /ref `([0-9a-f]{8})`/.exec(answer.body.data.content)![1];
    expect(await lineFor(interaction.id)).toMatchObject({ name: 'boom', outcome: 'bug', ref });
    expect(logs.lines().filter((line) => line.msg === 'interaction failed' && line.ref === ref)).toHaveLength(1);
  });

  it('buttons by their command (a page of /claims); autocomplete only at debug level', async () => {
    const first = await standIn.interact(chatInputInteraction({ applicationId, name: 'claims' }));
    const next = first.body.data.components[0].components[1];
    const click = buttonInteraction({ applicationId, customId: next.custom_id, message: first.body.data });
    await standIn.interact(click);
    expect(await lineFor(click.id)).toMatchObject({ level: 30, kind: 'button', name: 'claims', outcome: 'ok' });
    const typing = autocompleteInteraction({ applicationId, name: 'timeline', options: { actor: TYPED }, focused: 'actor' });
    await standIn.interact(typing);
    expect(await lineFor(typing.id)).toMatchObject({ level: 20, kind: 'autocomplete', name: 'timeline', outcome: 'ok' });
  });

  it('never what was typed, never the token', () => {
    expect(logs.raw()).not.toContain(TYPED);
    expect(logs.raw()).not.toContain('secret-token-value');
  });
});

describe('logs on stdout', () => {
  it('a real `npm start` writes JSON lines on stdout that pino-pretty shows, and nothing on stderr', async () => {
    const cwd = await tempDir();
    const child = spawn(`${root}node_modules/.bin/tsx`, [`${root}src/main.ts`], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: join(cwd, 'sitrep.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      await expect.poll(() => stdout, { timeout: 15_000 }).toContain('Sitrep is online');
    } finally {
      child.kill('SIGTERM');
    }
    await exited;
    const pretty = prettyFactory({ colorize: false });
    const shown = stdout.split('\n').filter(Boolean).map((line) => pretty(line)).join('');
    expect(shown).toMatch(/INFO.*: Sitrep is online/);
    expect(shown).toMatch(/INFO.*: Sitrep stopped/);
    expect(stderr).toBe('');
  });
});
