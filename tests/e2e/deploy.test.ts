import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canonicalCommand, deployCommands, desiredRegistrations, formatReport, planScope } from '../../src/cli/deploy-commands.js';
import { commands } from '../../src/commands/index.js';
import type { Command } from '../../src/commands/types.js';
import { parseConfig } from '../../src/config.js';
import { tempDir } from '../fixtures/temp-store.js';
import { DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn } from '../discord/stand-in.js';

/**
 * `npm run deploy` against the stand-in's application-command routes: it reads what is registered,
 * sends only the differences (POST new, PATCH changed, DELETE with --prune; never a bulk PUT), puts
 * reader commands globally and moderator commands only in the editorial servers.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const APP = '111111111111111111';
const TOKEN = `${Buffer.from(APP).toString('base64')}.deploy.secret`;
const SECOND_EDITORIAL = '900000000000000021';
const NOT_JOINED = '900000000000000031';
const MODERATOR_COMMANDS = ['claim', 'intake', 'position', 'source', 'statement', 'subscribe', 'update'];
const names = (list: ReadonlyArray<{ name: string }>) => list.map((command) => command.name).sort();
const readerNames = names(commands.filter((command) => !MODERATOR_COMMANDS.includes(command.data.name)).map((command) => command.data));

let standIn: DiscordStandIn;
beforeAll(async () => {
  standIn = await startDiscordStandIn({ guilds: [{ id: DEFAULT_GUILD_ID }, { id: SECOND_EDITORIAL }] });
});
afterEach(() => {
  standIn.reset();
  for (const guild of [undefined, DEFAULT_GUILD_ID, SECOND_EDITORIAL]) standIn.setApplicationCommands(guild, []);
});
afterAll(async () => {
  await standIn?.close();
});

const config = (extra: NodeJS.ProcessEnv = {}) =>
  parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, DISCORD_GUILD_ID: DEFAULT_GUILD_ID, SITREP_EDITORIAL_GUILD_IDS: `${DEFAULT_GUILD_ID},${SECOND_EDITORIAL}`, ...extra });
const writes = () => standIn.requests.filter((request) => request.method !== 'GET');
const globalRoute = `/applications/${APP}/commands`;
const guildRoute = (guildId: string) => `/applications/${APP}/guilds/${guildId}/commands`;

describe('which commands are moderator commands', () => {
  it('is marked on the commands themselves: /update, /statement, /claim, /position, /source, /intake, /subscribe', () => {
    expect(names(commands.filter((command) => command.scope === 'editorial').map((command) => command.data))).toEqual(MODERATOR_COMMANDS);
  });

  it('matches the code: a command is marked editorial exactly when its handler requires an editor', async () => {
    for (const command of commands) {
      const source = await readFile(`${root}src/commands/${command.data.name}.ts`, 'utf8');
      expect(source.includes('requireEditor('), `/${command.data.name}`).toBe(command.scope === 'editorial');
    }
  });

  it('reader commands go global, moderator commands to each editorial server', () => {
    const plan = desiredRegistrations([DEFAULT_GUILD_ID, SECOND_EDITORIAL]);
    expect(plan.map((registration) => [registration.scope, names(registration.commands)])).toEqual([
      [{ kind: 'global' }, readerNames],
      [{ kind: 'guild', guildId: DEFAULT_GUILD_ID }, MODERATOR_COMMANDS],
      [{ kind: 'guild', guildId: SECOND_EDITORIAL }, MODERATOR_COMMANDS],
    ]);
  });
});

describe('comparing with what Discord has', () => {
  const timeline = commands.find((command) => command.data.name === 'timeline')!.data;

  it('a command echoed back with Discord’s defaults equals its definition', () => {
    const echoed = {
      ...JSON.parse(JSON.stringify(timeline)),
      id: '1',
      application_id: APP,
      version: '2',
      dm_permission: true,
      contexts: null,
      integration_types: [0],
      nsfw: false,
      default_member_permissions: null,
    };
    expect(canonicalCommand(echoed)).toEqual(canonicalCommand(timeline as never));
    expect(planScope('/r', { kind: 'global' }, [timeline], [echoed], false)).toMatchObject({ unchanged: ['timeline'], requests: [] });
  });

  it('a changed description is a PATCH of that command; a permission no longer set is cleared with null', () => {
    const registered = { ...JSON.parse(JSON.stringify(timeline)), id: '7', description: 'old', default_member_permissions: '8192' };
    const plan = planScope('/r', { kind: 'global' }, [timeline], [registered], false);
    expect(plan.changed).toEqual([{ name: 'timeline', fields: ['description', 'default_member_permissions'] }]);
    expect(plan.requests).toEqual([{ method: 'PATCH', route: '/r/7', name: 'timeline', body: { ...timeline, default_member_permissions: null } }]);
  });
});

describe('npm run deploy against the stand-in', () => {
  it('first deploy: POSTs each command into its scope, no PUT, and reports them as added', async () => {
    const report = await deployCommands(config());
    expect(names(standIn.applicationCommands())).toEqual(readerNames);
    expect(names(standIn.applicationCommands(DEFAULT_GUILD_ID))).toEqual(MODERATOR_COMMANDS);
    expect(names(standIn.applicationCommands(SECOND_EDITORIAL))).toEqual(MODERATOR_COMMANDS);
    expect(writes().every((request) => request.method === 'POST')).toBe(true);
    expect(writes()).toHaveLength(readerNames.length + 2 * MODERATOR_COMMANDS.length);
    expect(standIn.requests.filter((request) => request.method === 'GET').map((request) => request.path)).toEqual([
      globalRoute,
      guildRoute(DEFAULT_GUILD_ID),
      guildRoute(SECOND_EDITORIAL),
    ]);
    const text = formatReport(report);
    expect(text).toContain('Global (reader commands, in every server):\n  + /brief  added');
    expect(text).toContain(`Server ${SECOND_EDITORIAL} (editorial: moderator commands):\n  + /update  added`);
    expect(text).toMatch(/Sent 25 POST \(new\), 0 PATCH \(changed\), 0 DELETE \(pruned\)\.$/);
  });

  it('a second deploy sends nothing: every command unchanged', async () => {
    await deployCommands(config());
    standIn.reset();
    const report = await deployCommands(config());
    expect(writes()).toEqual([]);
    expect(report.plans.flatMap((plan) => plan.unchanged)).toHaveLength(readerNames.length + 2 * MODERATOR_COMMANDS.length);
    expect(formatReport(report)).toMatch(/= \/brief {2}unchanged[^]*Nothing to change: Discord already has these commands\.$/);
  });

  it('sends only what changed: a PATCH for an edited command; a command no longer defined is listed, removed only with --prune', async () => {
    await deployCommands(config());
    const ids = new Map(standIn.applicationCommands().map((command) => [command.name, command.id]));
    const edited: Command[] = commands
      .filter((command) => command.data.name !== 'help')
      .map((command) => (command.data.name === 'sources' ? { ...command, data: { ...command.data, description: 'The reports, newest first' } } : command));
    standIn.reset();
    const report = await deployCommands(config(), { commands: edited });
    expect(writes().map((request) => [request.method, request.path, request.body?.description])).toEqual([
      ['PATCH', `${globalRoute}/${ids.get('sources')}`, 'The reports, newest first'],
    ]);
    expect(formatReport(report)).toContain('~ /sources  changed: description');
    expect(formatReport(report)).toContain('- /help  would remove (no longer defined here; run with --prune to remove it)');
    expect(names(standIn.applicationCommands())).toContain('help');

    standIn.reset();
    const pruned = await deployCommands(config(), { commands: edited, prune: true });
    expect(writes().map((request) => [request.method, request.path])).toEqual([['DELETE', `${globalRoute}/${ids.get('help')}`]]);
    expect(formatReport(pruned)).toContain('- /help  removed');
    expect(names(standIn.applicationCommands())).not.toContain('help');
    expect(standIn.applicationCommands().find((command) => command.name === 'sources')!.id).toBe(ids.get('sources'));
  });

  it('moves an old all-in-one-server deploy: reader commands registered in the editorial server are pruned there', async () => {
    standIn.setApplicationCommands(
      DEFAULT_GUILD_ID,
      commands.map((command) => ({ ...command.data })),
    );
    const report = await deployCommands(config({ SITREP_EDITORIAL_GUILD_IDS: '' }), { prune: true });
    expect(report.plans.find((plan) => plan.scope.kind === 'guild')).toMatchObject({ unchanged: expect.arrayContaining(MODERATOR_COMMANDS), added: [] });
    expect(names(standIn.applicationCommands(DEFAULT_GUILD_ID))).toEqual(MODERATOR_COMMANDS);
    expect(names(standIn.applicationCommands())).toEqual(readerNames);
  });

  it('--dry-run with a token reads and compares, and sends nothing', async () => {
    const report = await deployCommands(config(), { dryRun: true });
    expect(writes()).toEqual([]);
    expect(standIn.applicationCommands()).toEqual([]);
    expect(formatReport(report)).toContain('+ /brief  would add');
    expect(formatReport(report)).toMatch(/Dry run: nothing sent\. Would send 25 POST \(new\), 0 PATCH \(changed\), 0 DELETE \(pruned\)\.$/);
  });

  it('an editorial server the bot is not in stops the deploy before anything is written, saying why', async () => {
    await expect(deployCommands(config({ SITREP_EDITORIAL_GUILD_IDS: `${DEFAULT_GUILD_ID},${NOT_JOINED}` }))).rejects.toThrow(
      `could not read the registered commands (server ${NOT_JOINED}): Discord error 50001 Missing Access: the bot is not in that server`,
    );
    expect(writes()).toEqual([]);
  });

  it('without an editorial server the moderator commands go nowhere, and it says so', async () => {
    const report = await deployCommands(config({ DISCORD_GUILD_ID: '', SITREP_EDITORIAL_GUILD_IDS: '' }));
    expect(report.plans).toHaveLength(1);
    expect(names(standIn.applicationCommands())).toEqual(readerNames);
    expect(formatReport(report)).toContain('No editorial server (SITREP_EDITORIAL_GUILD_IDS or DISCORD_GUILD_ID): the moderator commands are not registered anywhere.');
  });
});

describe('the deploy command line', () => {
  const run = promisify(execFile);
  const deploy = async (args: string[], env: NodeJS.ProcessEnv) =>
    run(`${root}node_modules/.bin/tsx`, [`${root}src/deploy.ts`, ...args], { cwd: await tempDir(), env: { PATH: process.env.PATH, ...env } });

  it('--dry-run without a token prints the JSON each scope would get, and sends nothing', async () => {
    const { stdout, stderr } = await deploy(['--dry-run'], { DISCORD_GUILD_ID: DEFAULT_GUILD_ID });
    const printed = JSON.parse(stdout) as { global: Array<{ name: string }>; guilds: Record<string, Array<{ name: string }>> };
    expect(names(printed.global)).toEqual(readerNames);
    expect(Object.keys(printed.guilds)).toEqual([DEFAULT_GUILD_ID]);
    expect(names(printed.guilds[DEFAULT_GUILD_ID]!)).toEqual(MODERATOR_COMMANDS);
    expect(stderr).toMatch(/^deploy: no DISCORD_TOKEN, so nothing was compared/);
    expect(standIn.requests).toEqual([]);
  });

  it('with a token, prints the diff; --help lists --prune and --dry-run', async () => {
    const { stdout } = await deploy([], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, DISCORD_GUILD_ID: DEFAULT_GUILD_ID });
    expect(stdout).toContain('+ /timeline  added');
    expect(stdout).toContain(`Server ${DEFAULT_GUILD_ID} (editorial: moderator commands):`);
    expect(stdout).not.toContain('deploy.secret');
    const help = await deploy(['--help'], {});
    expect(help.stdout).toMatch(/--prune/);
    expect(help.stdout).toMatch(/--dry-run/);
  });
});
