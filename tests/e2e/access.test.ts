import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApplicationCommandOptionType, ComponentType, type APIApplicationCommandOption } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { commands } from '../../src/commands/index.js';
import type { Command } from '../../src/commands/types.js';
import type { Schedule } from '../../src/data/schema.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { testSchedule } from '../fixtures/schedule.js';
import { bytesOnDisk, tempDir } from '../fixtures/temp-store.js';
import { buttonInteraction, chatInputInteraction, modalSubmitInteraction, PERMISSIONS, type Invoker } from '../discord/interactions.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn, type RecordedRequest } from '../discord/stand-in.js';

/**
 * Every write path, through the real client, refuses whoever may not write — and the data file and
 * its journal stay byte-for-byte the same. The paths come from a table checked against the source
 * of src/commands, so a new write command or subcommand cannot be added without a row here.
 */

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.access.secret`;
const EDITORIAL = DEFAULT_GUILD_ID;
const EDITORIAL_CHANNEL = DEFAULT_CHANNEL_ID;
const OTHER_EDITORIAL = '900000000000000021';
const ELSEWHERE = '900000000000000011';
const ELSEWHERE_CHANNEL = '900000000000000012';
const MODERATOR_ROLE = '650000000000000001';
const PLAIN_ROLE = '650000000000000002';
const ELSEWHERE_MODERATOR_ROLE = '650000000000000011';
const EVERY_PERMISSION = String((1n << 50n) - 1n);
const STORY = 'iran-pakistan-2024';
const SOURCE = 'memo-2024-01-18';
const EVENT = 'kerman-bombing';
const CLAIM = 'who-iran-summoned';
const STATEMENT = 'pakistan-retaliatory';
/** A source no record cites, added to the bundled story here: retracting it previews rather than refuses. */
const UNCITED_SOURCE = 'uncited-report';
const INTAKE = 'accessintake1';
const NOW = new Date('2024-01-19T07:00:00Z');
/** In a row's options: a channel of the server the command comes from (any, in a DM). */
const HERE = 'a channel of this server';
const commandsDir = fileURLToPath(new URL('../../src/commands/', import.meta.url));

const MODERATOR: Invoker = { id: '600000000000000001', username: 'mod' };
const MANAGER: Invoker = { id: '600000000000000003', username: 'manager' };
const INTRUDER: Invoker = { id: '600000000000000009', username: 'intruder' };

type Who = { guildId: string | null; user: Invoker; memberPermissions?: string; memberRoles?: string[] };
const moderator: Who = { guildId: EDITORIAL, user: MODERATOR, memberPermissions: PERMISSIONS.manageMessages };
const manager: Who = { guildId: EDITORIAL, user: MANAGER, memberPermissions: PERMISSIONS.manageServer };

const ADMIN_ELSEWHERE = 'an administrator of a non-editorial server';
const PLAIN_MEMBER = 'a member of the editorial server without moderator roles';
const IN_DM = 'someone in a DM';

/** Those who may not write. */
const INTRUDERS = {
  /** (a) Administrator of a server that is not an editorial one (the config names two others), and a moderator role there. */
  [ADMIN_ELSEWHERE]: {
    guildId: ELSEWHERE,
    user: INTRUDER,
    memberPermissions: EVERY_PERMISSION,
    memberRoles: [ELSEWHERE_MODERATOR_ROLE],
  },
  /** (b) A member of the editorial server with no permission bits, whose roles are not its moderator roles (one is another server's). */
  [PLAIN_MEMBER]: {
    guildId: EDITORIAL,
    user: INTRUDER,
    memberPermissions: PERMISSIONS.none,
    memberRoles: [PLAIN_ROLE, ELSEWHERE_MODERATOR_ROLE, EDITORIAL],
  },
  /** (c) A direct message: no server at all. */
  [IN_DM]: { guildId: null, user: INTRUDER },
} satisfies Record<string, Who>;
type Intruder = keyof typeof INTRUDERS;

/** Which check guards a path, and what each intruder is told. */
type Gate = 'editor' | 'server manager' | 'server moderator' | 'schedule manager';
const REFUSALS: Record<Gate, Record<Intruder, RegExp | 'own server only'>> = {
  editor: {
    [ADMIN_ELSEWHERE]: /^Updates can only be made in this deployment’s editorial server\.$/,
    [PLAIN_MEMBER]: /^Only moderators \(Manage Messages, or a moderator role\) can change the story\. Nothing was changed\.$/,
    [IN_DM]: /^Updates can only be made in this deployment’s editorial server\.$/,
  },
  // A server's own settings are its managers' business in any server (README): outside the editorial
  // servers they are allowed, but reach that server's records only (the "own server only" test below).
  'server manager': {
    [ADMIN_ELSEWHERE]: 'own server only',
    [PLAIN_MEMBER]: /^Only members with \*\*Manage Server\*\* can change this server’s .+\.$/,
    [IN_DM]: /^There is no server here: this server’s .+ can only be changed in the server itself\.$/,
  },
  // A server's own story list (archive): its managers or its moderators, in any server.
  'server moderator': {
    [ADMIN_ELSEWHERE]: 'own server only',
    [PLAIN_MEMBER]: /^Only members with \*\*Manage Server\*\* or moderators \(Manage Messages, or a moderator role\) can change this server’s .+\.$/,
    [IN_DM]: /^There is no server here: this server’s .+ can only be changed in the server itself\.$/,
  },
  'schedule manager': {
    [ADMIN_ELSEWHERE]: 'own server only',
    [PLAIN_MEMBER]: /^Only members with \*\*Manage Server\*\* or a moderator role can manage scheduled briefings\.$/,
    [IN_DM]: /^Schedules post into a server’s channels: use this in a server\.$/,
  },
};
const ANY_REFUSAL = new RegExp(
  Object.values(REFUSALS)
    .flatMap((byIntruder) => Object.values(byIntruder))
    .filter((refusal): refusal is RegExp => refusal instanceof RegExp)
    .map((refusal) => refusal.source)
    .join('|'),
);

interface WritePath {
  /** `command [group] subcommand`, as a member types it. */
  path: string;
  gate: Gate;
  /** Valid options, so that only the rights check can refuse. */
  options: Record<string, string | number | boolean>;
  /** Who may take it (the control that the row is a real, working path). */
  allowed: Who;
  /** Attachment options: a file served from 127.0.0.1 (`/story import`). */
  attachments?: Record<string, string>;
}

/** Every write path. A command or subcommand that writes and is missing here fails the coverage test. */
const WRITE_PATHS: WritePath[] = [
  { path: 'update add', gate: 'editor', options: { source: SOURCE }, allowed: moderator },
  { path: 'update edit', gate: 'editor', options: { id: EVENT }, allowed: moderator },
  { path: 'update retract', gate: 'editor', options: { id: EVENT, reason: 'Refused reason' }, allowed: moderator },
  { path: 'statement add', gate: 'editor', options: { side: 'pakistan', source: SOURCE }, allowed: moderator },
  { path: 'claim add', gate: 'editor', options: { source: SOURCE }, allowed: moderator },
  { path: 'claim account', gate: 'editor', options: { claim: CLAIM, source: SOURCE }, allowed: moderator },
  { path: 'source add', gate: 'editor', options: {}, allowed: moderator },
  { path: 'source paste', gate: 'editor', options: {}, allowed: moderator },
  { path: 'intake review', gate: 'editor', options: { intake: INTAKE }, allowed: moderator },
  { path: 'intake keep', gate: 'editor', options: { intake: INTAKE }, allowed: moderator },
  { path: 'intake discard', gate: 'editor', options: { intake: INTAKE }, allowed: moderator },
  { path: 'statement edit', gate: 'editor', options: { id: STATEMENT }, allowed: moderator },
  { path: 'statement retract', gate: 'editor', options: { id: STATEMENT, reason: 'Refused reason' }, allowed: moderator },
  { path: 'claim edit', gate: 'editor', options: { id: CLAIM }, allowed: moderator },
  { path: 'claim account-edit', gate: 'editor', options: { claim: CLAIM, account: 1 }, allowed: moderator },
  { path: 'claim retract', gate: 'editor', options: { id: CLAIM, reason: 'Refused reason' }, allowed: moderator },
  { path: 'source edit', gate: 'editor', options: { id: SOURCE }, allowed: moderator },
  { path: 'source retract', gate: 'editor', options: { id: UNCITED_SOURCE, reason: 'Refused reason' }, allowed: moderator },
  { path: 'position set', gate: 'editor', options: { side: 'pakistan', statement: 'pakistan-fm-brotherly-country' }, allowed: moderator },
  { path: 'position edit', gate: 'editor', options: { id: 'pakistan-position' }, allowed: moderator },
  { path: 'position retract', gate: 'editor', options: { id: 'pakistan-position', reason: 'Refused reason' }, allowed: moderator },
  { path: 'story edit', gate: 'editor', options: { story: STORY }, allowed: moderator },
  { path: 'subscribe', gate: 'editor', options: { channel: HERE }, allowed: moderator },
  { path: 'schedule add', gate: 'schedule manager', options: { channel: HERE, time: '09:00', timezone: 'UTC' }, allowed: manager },
  { path: 'schedule pause', gate: 'schedule manager', options: { id: 'editorial-morning' }, allowed: manager },
  { path: 'schedule resume', gate: 'schedule manager', options: { id: 'editorial-paused' }, allowed: manager },
  { path: 'schedule run', gate: 'schedule manager', options: { id: 'editorial-morning' }, allowed: manager },
  { path: 'schedule remove', gate: 'schedule manager', options: { id: 'editorial-morning' }, allowed: manager },
  { path: 'settings moderator-role add', gate: 'server manager', options: { role: PLAIN_ROLE }, allowed: manager },
  { path: 'settings moderator-role remove', gate: 'server manager', options: { role: MODERATOR_ROLE }, allowed: manager },
  { path: 'settings language', gate: 'server manager', options: { language: 'ur' }, allowed: manager },
  { path: 'settings log-channel', gate: 'server manager', options: { channel: HERE }, allowed: manager },
  { path: 'settings corrections-window', gate: 'server manager', options: { days: 30 }, allowed: manager },
  { path: 'story use', gate: 'server manager', options: { story: STORY }, allowed: manager },
  { path: 'story create', gate: 'editor', options: {}, allowed: moderator },
  { path: 'story import', gate: 'editor', options: {}, attachments: { file: 'bundle.json' }, allowed: moderator },
  { path: 'story archive', gate: 'server moderator', options: { story: STORY }, allowed: manager },
  { path: 'story unarchive', gate: 'server moderator', options: { story: STORY }, allowed: manager },
];

/** Subcommands of guarded commands that only read, and why they are not in the table. */
const READ_PATHS: Record<string, string> = {
  'update history': 'shows the audit of any record to anyone',
  'schedule list': 'guarded, but only reads',
  'settings moderator-role list': 'guarded, but only reads',
  'story list': 'lists the stories to anyone',
  'intake list': 'guarded, but only reads',
};

/**
 * Commands whose buttons and form are not a preview's Confirm / Edit / Cancel: `/intake`'s review card
 * (Accept / Edit / Skip / …) is refused to members without rights in tests/e2e/intake-review.test.ts and
 * tests/intake/review.test.ts, button by button and its form.
 */
const OWN_BUTTONS = ['intake'];

let standIn: DiscordStandIn;
let bot: RunningBot;
let dataFile: string;
/** Serves attachments (a valid story bundle) on 127.0.0.1. */
let files: Server;
let filesUrl: string;
const BUNDLE = JSON.stringify({
  story: { id: 'access-story', title: 'An access story', summary: 'A story to import.', sides: [{ id: 'a', name: 'A' }], createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z' },
  sources: [{ id: 'access-source', storyId: 'access-story', outlet: 'Outlet' }],
});

const schedule = (overrides: Partial<Schedule>): Schedule =>
  testSchedule({ id: 'editorial-morning', guildId: EDITORIAL, channelId: EDITORIAL_CHANNEL, storyId: STORY, lastSlot: '2024-01-18T08:00:00.000Z', createdAt: '2024-01-17T12:00:00.000Z', createdBy: MODERATOR.id, ...overrides });

beforeAll(async () => {
  files = createServer((_request, response) => response.end(BUNDLE));
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  standIn = await startDiscordStandIn({
    guilds: [
      { id: EDITORIAL, channels: [{ id: EDITORIAL_CHANNEL, name: 'newsroom' }], roles: [MODERATOR_ROLE, PLAIN_ROLE] },
      { id: ELSEWHERE, channels: [{ id: ELSEWHERE_CHANNEL, name: 'general' }], roles: [ELSEWHERE_MODERATOR_ROLE] },
    ],
  });
  dataFile = join(await tempDir(), 'sitrep.json');
  const data = await bundledStoreData();
  data.sources.push({ id: UNCITED_SOURCE, storyId: STORY, outlet: 'Uncited outlet' });
  data.intakes = [
    {
      id: INTAKE, storyId: STORY, guildId: EDITORIAL, authorId: MODERATOR.id, authorName: 'mod', createdAt: NOW.toISOString(),
      expiresAt: new Date(NOW.getTime() + 7 * 86_400_000).toISOString(), source: { outlet: 'Access outlet', from: 'text', sourceId: SOURCE },
      items: [{ kind: 'statement', quote: 'We will talk.', speaker: 'A speaker', sideId: 'pakistan', saidAt: '2024-01-18', precision: 'day', attribution: 'named', headline: false, status: 'pending' }],
      notes: [],
    },
  ];
  data.guilds = [
    { guildId: EDITORIAL, moderatorRoleIds: [MODERATOR_ROLE], subscriptions: [] },
    { guildId: ELSEWHERE, moderatorRoleIds: [ELSEWHERE_MODERATOR_ROLE], subscriptions: [] },
  ];
  data.schedules = [
    schedule({}),
    schedule({ id: 'editorial-paused', state: 'paused', pausedReason: 'paused by mod' }),
    schedule({ id: 'elsewhere-morning', guildId: ELSEWHERE, channelId: ELSEWHERE_CHANNEL }),
  ];
  await writeFile(dataFile, JSON.stringify(data));
  bot = await startSitrep(
    {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: standIn.apiUrl,
      SITREP_DATA_FILE: dataFile,
      DISCORD_GUILD_ID: EDITORIAL,
      SITREP_EDITORIAL_GUILD_IDS: `${EDITORIAL},${OTHER_EDITORIAL}`,
    },
    { logger: captureLogger().logger, clock: () => NOW },
  );
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.close();
  await new Promise((resolve) => files?.close(resolve));
});

const app = () => ({ applicationId: standIn.applicationId });

function split(path: string) {
  const [name = '', ...rest] = path.split(' ');
  return { name, subcommandGroup: rest.length === 2 ? rest[0] : undefined, subcommand: rest.at(-1) };
}

/** Channel and role options go out typed as Discord types them (their values are ids). */
const OPTION_TYPES = { channel: ApplicationCommandOptionType.Channel, role: ApplicationCommandOptionType.Role };

function slash(row: Pick<WritePath, 'path' | 'options' | 'attachments'>, who: Who): Promise<RecordedRequest> {
  const here = who.guildId === ELSEWHERE ? ELSEWHERE_CHANNEL : EDITORIAL_CHANNEL;
  const options = Object.fromEntries(Object.entries(row.options).map(([name, value]) => [name, value === HERE ? here : value]));
  const attachments = Object.fromEntries(
    Object.entries(row.attachments ?? {}).map(([name, filename]) => [name, { filename, url: `${filesUrl}/${filename}`, size: BUNDLE.length, content_type: 'application/json' }]),
  );
  return standIn.interact(chatInputInteraction({ ...app(), ...who, ...split(row.path), options, optionTypes: OPTION_TYPES, attachments }));
}

/** The answer to a command: its reply, or — after “thinking…” (type 5) — the edit that follows it. */
async function answerOf(interaction: Promise<RecordedRequest>): Promise<RecordedRequest['body']> {
  const reply = await interaction;
  if (reply.body.type !== 5) return reply.body;
  const token = reply.path.split('/')[3]!;
  const edit = await standIn.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(token) && r.path.endsWith('/messages/@original'));
  return { type: 4, data: edit.body };
}

/** The paths of a command as members type them: `settings moderator-role add`, or just `subscribe`. */
function leafPaths(command: Command): string[] {
  const walk = (prefix: string, options: readonly APIApplicationCommandOption[] = []): string[] => {
    const nested = options.filter(
      (option) => option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup,
    );
    if (nested.length === 0) return [prefix];
    return nested.flatMap((option) => walk(`${prefix} ${option.name}`, 'options' in option ? (option.options as APIApplicationCommandOption[]) : []));
  };
  return walk(command.data.name, command.data.options);
}

const RIGHTS_CHECK = /\brequire(Editor|ServerManager|ServerModerator|ScheduleManager)\(/;
const WRITES = /\.store\.update\(|\bpreviewWrite\(|\banswerPreviewButton\(/;
const sourceOf = (command: Command) => readFile(join(commandsDir, `${command.data.name}.ts`), 'utf8');

/** A refusal: a polite private answer, and not one byte of the data file or journal changed. */
async function expectRefused(send: () => Promise<RecordedRequest>, refusal: RegExp, what: string) {
  const before = await bytesOnDisk(dataFile);
  const reply = await send();
  expect(reply.body.type, what).toBe(4);
  expect(reply.body.data.flags, `${what} answers privately`).toBe(64);
  expect(reply.body.data.content, what).toMatch(refusal);
  expect(reply.body.data.allowed_mentions, what).toEqual({ parse: [] });
  expect(await bytesOnDisk(dataFile), `${what} left the store as it was`).toBe(before);
}

describe('the write-path table', () => {
  it('covers every subcommand of every command that checks rights, and every command that writes checks rights', async () => {
    const guarded: string[] = [];
    for (const command of commands) {
      const source = await sourceOf(command);
      if (WRITES.test(source)) expect(RIGHTS_CHECK.test(source), `/${command.data.name} writes without a rights check`).toBe(true);
      if (RIGHTS_CHECK.test(source)) guarded.push(...leafPaths(command));
    }
    const listed = [...WRITE_PATHS.map((row) => row.path), ...Object.keys(READ_PATHS)];
    expect(guarded.filter((path) => !listed.includes(path)), 'guarded paths missing from WRITE_PATHS / READ_PATHS').toEqual([]);
    expect(listed.filter((path) => !guarded.includes(path)), 'rows for paths that do not exist or are not guarded').toEqual([]);
    expect(new Set(WRITE_PATHS.map((row) => row.path)).size).toBe(WRITE_PATHS.length);
  });

  it('every file of src/commands that writes to the store checks rights in the same file', async () => {
    for (const file of (await readdir(commandsDir)).filter((name) => name.endsWith('.ts'))) {
      const source = await readFile(join(commandsDir, file), 'utf8');
      if (/\.store\.update\(/.test(source)) expect(RIGHTS_CHECK.test(source), `${file} writes without a rights check`).toBe(true);
    }
  });
});

describe.each(Object.keys(INTRUDERS) as Intruder[])('%s', (intruder) => {
  const who = INTRUDERS[intruder];
  const refused = WRITE_PATHS.filter((row) => REFUSALS[row.gate][intruder] !== 'own server only');

  it.each(refused.map((row) => [row.path, row] as const))('is refused /%s, and nothing is written', async (_path, row) => {
    await expectRefused(() => slash(row, who), REFUSALS[row.gate][intruder] as RegExp, `/${row.path}`);
  });
});

describe(`${ADMIN_ELSEWHERE}`, () => {
  const who = INTRUDERS[ADMIN_ELSEWHERE];
  const editorialRecords = () => {
    const data = bot.store.read();
    return JSON.stringify({
      guilds: data.guilds.filter((guild) => guild.guildId !== ELSEWHERE),
      schedules: data.schedules.filter((s) => s.guildId !== ELSEWHERE),
      events: data.events,
      statements: data.statements,
      claims: data.claims,
      sources: data.sources,
    });
  };

  it('cannot reach the editorial server’s schedules by their ids', async () => {
    for (const row of WRITE_PATHS.filter((r) => r.gate === 'schedule manager' && 'id' in r.options)) {
      await expectRefused(() => slash(row, who), /^There is no such schedule in this server\./, `/${row.path} from elsewhere`);
    }
  });

  it('changes its own server’s settings and schedules only: the editorial records stay as they were', async () => {
    const before = editorialRecords();
    const own: Array<Pick<WritePath, 'path' | 'options'>> = [
      { path: 'story use', options: { story: STORY } },
      { path: 'settings moderator-role add', options: { role: PLAIN_ROLE } },
      { path: 'schedule add', options: { channel: HERE, time: '09:00', timezone: 'UTC' } },
      { path: 'schedule pause', options: { id: 'elsewhere-morning' } },
      { path: 'story archive', options: { story: STORY } },
      { path: 'story unarchive', options: { story: STORY } },
    ];
    for (const row of own) {
      const reply = await slash(row, who);
      expect(reply.body.data.content, `/${row.path}`).not.toMatch(ANY_REFUSAL);
    }
    expect(editorialRecords()).toBe(before);
    const elsewhere = bot.store.read().guilds.find((guild) => guild.guildId === ELSEWHERE)!;
    expect(elsewhere).toMatchObject({ storyId: STORY, moderatorRoleIds: [ELSEWHERE_MODERATOR_ROLE, PLAIN_ROLE] });
    // The role it added is a moderator role there, which does not make anyone an editor.
    await expectRefused(
      () => slash({ path: 'update add', options: { source: SOURCE } }, { ...who, memberPermissions: PERMISSIONS.none, memberRoles: [PLAIN_ROLE] }),
      REFUSALS.editor[ADMIN_ELSEWHERE] as RegExp,
      '/update add with a moderator role of a non-editorial server',
    );
  });
});

describe('a channel of another server, named in a hand-made payload', () => {
  // Discord's picker offers only this server's channels, but the bot acts on the id it is given.
  const FOREIGN_CHANNEL = /^That channel \(`\d+`\) is not a channel of this server that Sitrep can see: pick one from the list\. Nothing was changed\.$/;

  it.each([
    ['an administrator elsewhere schedules briefings into the editorial server', 'schedule add', EDITORIAL_CHANNEL, INTRUDERS[ADMIN_ELSEWHERE]],
    ['a manager of the editorial server schedules briefings into another server', 'schedule add', ELSEWHERE_CHANNEL, manager],
    ['a moderator subscribes another server’s channel to breaking updates', 'subscribe', ELSEWHERE_CHANNEL, moderator],
    ['a moderator subscribes a channel Sitrep cannot see', 'subscribe', '900000000000000099', moderator],
  ] as const)('is refused when %s, and nothing is written', async (_case, path, channel, who) => {
    const options: Record<string, string> = path === 'subscribe' ? { channel } : { channel, time: '09:00', timezone: 'UTC' };
    await expectRefused(() => slash({ path, options }, who), FOREIGN_CHANNEL, `/${path} channel:${channel}`);
  });
});

/** A form's fields filled with valid values: a select takes its first option, dates a date. */
function filled(modal: { components: Array<{ type: number; component?: { type: number; custom_id: string; value?: string; options?: Array<{ value: string }> } }> }) {
  const values: Record<string, string | string[]> = {};
  for (const label of modal.components) {
    const field = label.component!;
    if (field.type === ComponentType.StringSelect) values[field.custom_id] = [field.options![0]!.value];
    else if (field.custom_id === 'timeZone') values[field.custom_id] = 'UTC';
    // An edited story's sides keep their lines: removing sides that records name is refused, not previewed.
    else if (field.custom_id === 'sides' && field.value) values[field.custom_id] = field.value;
    else values[field.custom_id] = ['when', 'date'].includes(field.custom_id) ? '18 Jan 2024' : field.custom_id === 'url' ? '' : field.custom_id === 'figures' ? 'killed: 1 person' : `Refused ${field.custom_id}`;
  }
  return values;
}

/** The forms and preview buttons of each write flow, opened and previewed by a real moderator. */
interface Flow {
  path: string;
  options: Record<string, string | number | boolean>;
  attachments?: Record<string, string>;
}
const FLOWS: Flow[] = [
  { path: 'update add', options: { source: SOURCE } },
  { path: 'update edit', options: { id: EVENT } },
  { path: 'statement add', options: { side: 'pakistan', source: SOURCE } },
  { path: 'claim add', options: { source: SOURCE } },
  { path: 'claim account', options: { claim: CLAIM, source: SOURCE } },
  { path: 'source add', options: {} },
  { path: 'source paste', options: {} },
  { path: 'story create', options: {} },
  { path: 'statement edit', options: { id: STATEMENT } },
  { path: 'claim edit', options: { id: CLAIM } },
  { path: 'claim account-edit', options: { claim: CLAIM, account: 1 } },
  { path: 'source edit', options: { id: SOURCE } },
  { path: 'story edit', options: { story: STORY } },
  { path: 'position set', options: { side: 'pakistan', statement: 'pakistan-fm-brotherly-country' } },
  { path: 'position edit', options: { id: 'pakistan-position' } },
];
/** Flows that preview without a form. */
const DIRECT_PREVIEWS: Flow[] = [
  { path: 'update retract', options: { id: EVENT, reason: 'Refused reason' } },
  { path: 'story import', options: {}, attachments: { file: 'bundle.json' } },
  { path: 'statement retract', options: { id: STATEMENT, reason: 'Refused reason' } },
  { path: 'claim retract', options: { id: CLAIM, reason: 'Refused reason' } },
  { path: 'source retract', options: { id: UNCITED_SOURCE, reason: 'Refused reason' } },
  { path: 'position retract', options: { id: 'pakistan-position', reason: 'Refused reason' } },
];

describe('forms and buttons of the write flows', () => {
  it('cover every command with a form or preview buttons', () => {
    const withForms = commands.filter((command) => command.modalSubmit && !OWN_BUTTONS.includes(command.data.name)).map((command) => command.data.name);
    expect([...new Set(FLOWS.map((flow) => split(flow.path).name))].sort()).toEqual(withForms.sort());
    const writeFlows = WRITE_PATHS.filter((row) => row.gate === 'editor' && !OWN_BUTTONS.includes(split(row.path).name) && commands.find((c) => c.data.name === split(row.path).name)?.component);
    expect([...FLOWS, ...DIRECT_PREVIEWS].map((flow) => flow.path).sort()).toEqual(writeFlows.map((row) => row.path).sort());
  });

  it.each([...FLOWS, ...DIRECT_PREVIEWS].map((flow) => [flow.path, flow] as const))(
    '/%s: its form and its Confirm / Edit / Cancel refuse every intruder, and the moderator’s draft survives',
    async (_path, flow) => {
      const opened = { body: await answerOf(slash(flow, moderator)) };
      let preview = opened;
      const forms: Array<{ customId: string; fields: Record<string, string | string[]> }> = [];
      if (opened.body.type === 9) {
        forms.push({ customId: opened.body.data.custom_id, fields: filled(opened.body.data) });
        preview = await standIn.interact(modalSubmitInteraction({ ...app(), ...moderator, ...forms[0]! }));
      }
      const buttons: Array<{ label: string; custom_id: string }> = preview.body.data.components[0].components;
      expect(buttons.map((button) => button.label)).toEqual(expect.arrayContaining(['Confirm', 'Cancel']));
      const edit = buttons.find((button) => button.label === 'Edit');
      if (edit) {
        const reopened = await standIn.interact(
          buttonInteraction({ ...app(), ...moderator, invoker: MODERATOR, customId: edit.custom_id, message: { ...preview.body.data, flags: 64 } }),
        );
        expect(reopened.body.type).toBe(9);
        forms.push({ customId: reopened.body.data.custom_id, fields: filled(reopened.body.data) });
      }

      for (const intruder of Object.keys(INTRUDERS) as Intruder[]) {
        const who = INTRUDERS[intruder];
        const refusal = REFUSALS.editor[intruder] as RegExp;
        for (const form of forms) {
          await expectRefused(() => standIn.interact(modalSubmitInteraction({ ...app(), ...who, ...form })), refusal, `${intruder} submitting ${form.customId}`);
        }
        for (const button of buttons) {
          const click = buttonInteraction({ ...app(), ...who, invoker: MODERATOR, customId: button.custom_id, message: { ...preview.body.data, flags: 64 } });
          await expectRefused(() => standIn.interact(click), refusal, `${intruder} clicking ${button.label} (${button.custom_id})`);
        }
      }

      // The refusals left the moderator's draft alone: Cancel still finds it.
      const cancel = buttons.find((button) => button.label === 'Cancel')!;
      const cancelled = await standIn.interact(
        buttonInteraction({ ...app(), ...moderator, invoker: MODERATOR, customId: cancel.custom_id, message: { ...preview.body.data, flags: 64 } }),
      );
      expect(cancelled.body.data.content).toBe('Cancelled — nothing was changed.');
    },
  );
});

describe('the control: those who may write are let through on every path of the table', () => {
  it.each(WRITE_PATHS.map((row) => [row.path, row] as const))('/%s', async (_path, row) => {
    const reply = await answerOf(slash(row, row.allowed));
    expect(reply.data.content ?? '').not.toMatch(ANY_REFUSAL);
    expect(reply.data.content ?? '').not.toMatch(/Something went wrong/);
  });
});
