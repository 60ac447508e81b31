import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { MAX_IMPORT_BYTES } from '../../src/commands/story-import.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { ARCHIVED_PAUSE_REASON } from '../../src/data/story-admin.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { testSchedule } from '../fixtures/schedule.js';
import { testEvent, testSource, testStory } from '../fixtures/story.js';
import { bytesOnDisk, tempDir } from '../fixtures/temp-store.js';
import { autocompleteInteraction, buttonInteraction, chatInputInteraction, modalSubmitInteraction, PERMISSIONS, type Invoker } from '../discord/interactions.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn, type RecordedRequest } from '../discord/stand-in.js';

/**
 * Starting and retiring a story from Discord, through the real discord.js client against the
 * stand-in: /story create (form → preview → Confirm), /story archive and unarchive on one server,
 * /story import of an attachment served from 127.0.0.1 — and bad input refused, changing nothing.
 */

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.story-admin.secret`;
const DEMO = 'iran-pakistan-2024';
const MODERATOR: Invoker = { id: '600000000000000001', username: 'mod' };
const MANAGER: Invoker = { id: '600000000000000003', username: 'manager' };
const asModerator = { user: MODERATOR, memberPermissions: PERMISSIONS.manageMessages };
const asManager = { user: MANAGER, memberPermissions: PERMISSIONS.manageServer };
const NOW = new Date('2024-02-01T10:00:00Z');

/** The bundle served as an attachment: a small story with its own ids. */
const imported = {
  story: testStory({ id: 'bridge-dispute', title: 'The bridge dispute', timeZone: 'Europe/Belgrade' }),
  sources: [testSource(1, { id: 'bridge-report', storyId: 'bridge-dispute' })],
  events: [testEvent(1, { id: 'bridge-closed', storyId: 'bridge-dispute', sourceIds: ['bridge-report'] })],
};
/** Another story that reuses the imported one's ids. */
const conflicting = {
  story: testStory({ id: 'bridge-copy', title: 'A copy' }),
  sources: imported.sources.map((source) => ({ ...source, storyId: 'bridge-copy' })),
  events: imported.events.map((event) => ({ ...event, storyId: 'bridge-copy' })),
};
const malformed = {
  story: { ...testStory({ id: 'Bad Id' }), summary: '' },
  sources: [testSource(1, { storyId: 'Bad Id' })],
  events: [testEvent(1, { storyId: 'Bad Id', sourceIds: ['nowhere'], occurredAt: '2024-13-01' })],
};

let standIn: DiscordStandIn;
let bot: RunningBot;
let dataFile: string;
let files: Server;
let filesUrl: string;

beforeAll(async () => {
  files = createServer((request, response) => {
    if (request.url === '/bundle.json') return void response.end(JSON.stringify(imported));
    if (request.url === '/conflict.json') return void response.end(JSON.stringify(conflicting));
    if (request.url === '/malformed.json') return void response.end(JSON.stringify(malformed));
    if (request.url === '/not-json.json') return void response.end('{"story": oops');
    if (request.url === '/endless.json') {
      // No Content-Length, and more than an import takes: the download stops at the limit.
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const more = () => {
        while (sent <= MAX_IMPORT_BYTES * 2) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', more);
        }
        response.end();
      };
      return void more();
    }
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;

  standIn = await startDiscordStandIn();
  dataFile = join(await tempDir(), 'sitrep.json');
  const data = await bundledStoreData();
  data.schedules = [testSchedule({ id: 'demo-morning', storyId: DEMO })];
  await writeFile(dataFile, JSON.stringify(data));
  bot = await startSitrep(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile, DISCORD_GUILD_ID: DEFAULT_GUILD_ID, SITREP_TIMEZONE: 'Asia/Karachi' },
    { logger: captureLogger().logger, clock: () => NOW },
  );
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.close();
  await new Promise((resolve) => files?.close(resolve));
});

const app = () => ({ applicationId: standIn.applicationId });
type Who = { user: Invoker; memberPermissions: string };
const slash = (subcommand: string, options: Record<string, string | number | boolean> = {}, who: Who = asModerator) =>
  standIn.interact(chatInputInteraction({ ...app(), ...who, name: 'story', subcommand, options }));
const click = (preview: RecordedRequest['body'], label: string, who: Who = asModerator) => {
  const button = (preview.components[0].components as Array<{ label: string; custom_id: string }>).find((b) => b.label === label)!;
  return standIn.interact(buttonInteraction({ ...app(), ...who, invoker: who.user, customId: button.custom_id, message: { ...preview, flags: 64 } }));
};
const listed = async (options: Record<string, boolean> = {}) => (await slash('list', options)).body.data.embeds[0].description as string;
const storyChoices = async (subcommand: string) => {
  const callback = await standIn.interact(autocompleteInteraction({ ...app(), ...asModerator, name: 'story', subcommand, options: { story: '' }, focused: 'story' }));
  expect(callback.body.type).toBe(8);
  return (callback.body.data.choices as Array<{ value: string }>).map((choice) => choice.value);
};

/** A polite private refusal, and not one byte of the data file or journal changed. */
async function expectRefused(send: () => Promise<RecordedRequest>, refusal: RegExp) {
  const before = await bytesOnDisk(dataFile);
  const reply = await send();
  expect(reply.body.type).toBe(4);
  expect(reply.body.data.flags).toBe(64);
  expect(reply.body.data.content).toMatch(refusal);
  expect(reply.body.data.content).not.toMatch(/Something went wrong|at .*\.ts:\d+/);
  expect(reply.body.data.allowed_mentions).toEqual({ parse: [] });
  expect(await bytesOnDisk(dataFile)).toBe(before);
}

const form = (fields: Record<string, string>) => ({ title: 'Sudan war', summary: 'Fighting between the army and the RSF.', sides: 'SAF: army, Sudanese Armed Forces\nRSF: Rapid Support Forces', timeZone: 'Africa/Khartoum', ...fields });

describe('/story create', () => {
  it('opens a form; the preview shows the sides and zone; Confirm saves once; /story list shows it', async () => {
    const opened = await slash('create');
    expect(opened.body.type).toBe(9);
    expect(opened.body.data.custom_id).toBe('story:create');
    const preview = await standIn.interact(modalSubmitInteraction({ ...app(), ...asModerator, customId: 'story:create', fields: form({}) }));
    expect(preview.body.data.content).toMatch(/^\*\*Preview of the new story\*\* — nothing is saved until you press Confirm\./);
    expect(preview.body.data.embeds[0].description).toContain('**SAF** (`saf`) — also army, Sudanese Armed Forces');
    expect(preview.body.data.embeds[0].description).toContain('Id: `sudan-war` · dates worked out in Africa/Khartoum');
    expect(bot.store.read().stories.map((story) => story.id)).toEqual([DEMO]);

    const saved = await click(preview.body.data, 'Confirm');
    expect(saved.body.data.content).toMatch(/^Started the story \*\*Sudan war\*\* \(`sudan-war`\)/);
    const again = await click(preview.body.data, 'Confirm');
    expect(again.body.data.content).toMatch(/^This was already saved: Started the story/);
    expect(bot.store.read().stories.filter((story) => story.id === 'sudan-war')).toEqual([
      expect.objectContaining({ title: 'Sudan war', timeZone: 'Africa/Khartoum', createdAt: NOW.toISOString() }),
    ]);
    expect(bot.store.read().audit.filter((entry) => entry.entityId === 'sudan-war')).toEqual([
      expect.objectContaining({ action: 'create', entity: 'story', by: { userId: MODERATOR.id, name: 'mod' } }),
    ]);
    expect(await listed()).toContain('**Sudan war** — `sudan-war`');
  });

  it('an empty zone is the deployment’s zone (SITREP_TIMEZONE)', async () => {
    const preview = await standIn.interact(modalSubmitInteraction({ ...app(), ...asModerator, customId: 'story:create', fields: form({ title: 'Zone test', timeZone: '' }) }));
    expect(preview.body.data.embeds[0].description).toContain('dates worked out in Asia/Karachi');
    await click(preview.body.data, 'Cancel');
  });

  it.each([
    ['a bad time zone', { title: 'Another story', timeZone: 'Asia/Nowhere' }, /• Time zone: “Asia\/Nowhere” is not an IANA time zone/],
    ['a duplicate title', { title: 'sudan WAR' }, /• Title: there is already a story called “sudan WAR” — choose another title\./],
    ['sides whose lines are broken', { title: 'Another story', sides: ': nameless\nSAF\nsaf' }, /• Sides, line 1: the side’s name is missing before ":"\.\n• Sides, line 3: “saf” is already a side/],
  ])('refuses %s, naming the field, and changes nothing', async (_case, fields, refusal) => {
    await expectRefused(() => standIn.interact(modalSubmitInteraction({ ...app(), ...asModerator, customId: 'story:create', fields: form(fields) })), refusal);
  });

  it('lists at most 10 problems of a long, broken sides field, within one message', async () => {
    const sides = Array.from({ length: 40 }, () => ': nameless').join('\n');
    await expectRefused(
      () => standIn.interact(modalSubmitInteraction({ ...app(), ...asModerator, customId: 'story:create', fields: form({ title: 'Another story', sides }) })),
      /^The story cannot be started as written:\n(• Sides, line \d+: .*\n){10}…and 30 more\.\nNothing was changed\.$/,
    );
  });

  it('is for moderators of an editorial server only', async () => {
    await expectRefused(() => slash('create', {}, { user: MANAGER, memberPermissions: PERMISSIONS.none }), /^Only moderators/);
  });
});

describe('/story archive and unarchive', () => {
  it('takes the bundled story out of this server’s list, autocomplete and default, pauses its schedule; unarchive brings it back', async () => {
    expect(await storyChoices('archive')).toContain(DEMO);
    const archived = await slash('archive', { story: DEMO }, asManager);
    expect(archived.body.data.content).toMatch(/^Archived \*\*Iran–Pakistan cross-border strikes, January 2024\*\* on this server/);
    expect(archived.body.data.content).toContain('This server’s default story is **Sudan war**.');
    expect(archived.body.data.content).toContain('Paused its schedule here (`demo-morning`)');
    expect(bot.store.read().schedules[0]).toMatchObject({ state: 'paused', pausedReason: ARCHIVED_PAUSE_REASON });

    expect(await listed()).not.toContain(DEMO);
    expect(await listed()).toContain('`sudan-war` · **default here**');
    expect(await storyChoices('archive')).not.toContain(DEMO);
    expect(await storyChoices('use')).not.toContain(DEMO);
    expect(await storyChoices('unarchive')).toEqual([DEMO]);
    expect(await listed({ archived: true })).toContain(`**Iran–Pakistan cross-border strikes, January 2024** — \`${DEMO}\``);
    // Its records stay: named by id, it still answers.
    const timeline = await standIn.interact(chatInputInteraction({ ...app(), name: 'timeline', options: { story: DEMO } }));
    expect(timeline.body.data.embeds[0].title).toContain('Iran–Pakistan');
    expect(bot.store.read().events.filter((event) => event.storyId === DEMO).length).toBeGreaterThan(0);
    await expectRefused(() => slash('use', { story: DEMO }, asManager), /is archived on this server: bring it back with `\/story unarchive` first/);
    await expectRefused(() => slash('archive', { story: DEMO }, asModerator), /is already archived on this server\. Nothing was changed\./);
    // Its schedule stays paused while it is archived: neither resumed nor a new one added.
    const schedule = (subcommand: string, options: Record<string, string>) =>
      standIn.interact(chatInputInteraction({ ...app(), ...asManager, name: 'schedule', subcommand, options }));
    await expectRefused(() => schedule('resume', { id: 'demo-morning' }), /^The story `iran-pakistan-2024` is archived on this server: bring it back with `\/story unarchive` first\./);
    await expectRefused(
      () => schedule('add', { story: DEMO, channel: DEFAULT_CHANNEL_ID, time: '09:00', timezone: 'UTC' }),
      /^The story `iran-pakistan-2024` is archived on this server/,
    );

    const back = await slash('unarchive', { story: DEMO }, asModerator);
    expect(back.body.data.content).toMatch(/is back in this server’s lists\. 1 of its schedules are still paused: `\/schedule resume` restarts them\./);
    expect(await listed()).toContain(`\`${DEMO}\` · **default here**`);
    expect(await storyChoices('unarchive')).toEqual([]);
    expect(await listed({ archived: true })).toBe('No story is archived on this server.');
  });

  it('is refused to a member who is neither a manager nor a moderator, and changes nothing', async () => {
    await expectRefused(
      () => slash('archive', { story: DEMO }, { user: MANAGER, memberPermissions: PERMISSIONS.none }),
      /^Only members with \*\*Manage Server\*\* or moderators \(Manage Messages, or a moderator role\) can change this server’s story list\.$/,
    );
  });
});

describe('/story import file:', () => {
  const importing = (filename: string, path: string, size = 1000) =>
    chatInputInteraction({
      ...app(),
      ...asModerator,
      name: 'story',
      subcommand: 'import',
      attachments: { file: { filename, url: `${filesUrl}${path}`, size, content_type: 'application/json' } },
    });
  /** “thinking…” at once, then the answer edits it. */
  async function answerTo(interaction: ReturnType<typeof importing>) {
    const thinking = await standIn.interact(interaction);
    expect(thinking.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const edited = await standIn.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(interaction.token) && r.path.endsWith('/messages/@original'));
    expect(edited.body.allowed_mentions).toEqual({ parse: [] });
    return edited.body;
  }

  it('fetches the attachment, previews the dry-run summary, and Confirm imports it into the running store', async () => {
    const preview = await answerTo(importing('bridge.json', '/bundle.json'));
    expect(preview.content).toMatch(/^\*\*Preview of the import of `bridge\.json`\*\*/);
    expect(preview.embeds[0].description).toContain('story bridge-dispute: added');
    expect(preview.embeds[0].description).toContain('events     +1 added, ~0 changed, 0 unchanged, 0 kept (not in the file)');
    expect(bot.store.read().stories.some((story) => story.id === 'bridge-dispute')).toBe(false);

    const saved = await click(preview, 'Confirm');
    expect(saved.body.data.content).toBe('Imported `bridge.json` into **The bridge dispute** (`bridge-dispute`, story added): 2 records added, 0 changed.');
    expect(bot.store.read().events.find((event) => event.id === 'bridge-closed')).toMatchObject({ storyId: 'bridge-dispute' });
    expect(bot.store.read().audit.at(-1)).toMatchObject({ action: 'import', entityId: 'bridge-dispute', reason: '/story import bridge.json' });
    expect(await listed()).toContain('**The bridge dispute** — `bridge-dispute`');
  });

  it.each([
    ['a malformed bundle, every problem named', 'bad.json', '/malformed.json', 1000, /`bad\.json` cannot be imported \(\d+ problems\):\n• story\.id: must be a slug.*\n(• .*\n)*• events\[0\]\.sourceIds\[0\]: unknown source "nowhere"/],
    ['a file that is not JSON', 'broken.json', '/not-json.json', 1000, /`broken\.json` cannot be imported \(1 problem\):\n• it is not JSON: /],
    ['an oversize attachment, by its declared size', 'huge.json', '/bundle.json', MAX_IMPORT_BYTES + 1, /^`huge\.json` is 1025 KB; an import takes at most 1024 KB\. Nothing was changed\.$/],
    ['an oversize download that claimed to be small', 'liar.json', '/endless.json', 1000, /^The file is larger than 1024 KB, the most an import takes\. Nothing was changed\.$/],
    ['a file that is not .json', 'story.txt', '/bundle.json', 1000, /^`story\.txt` is not a JSON file/],
  ])('refuses %s, and changes nothing', async (_case, filename, path, size, refusal) => {
    const before = await bytesOnDisk(dataFile);
    const answer = await answerTo(importing(filename, path, size));
    expect(answer.content).toMatch(refusal);
    expect(answer.components ?? []).toEqual([]);
    expect(await bytesOnDisk(dataFile)).toBe(before);
  });

  it('refuses a bundle reusing another story’s ids (matching by id would move them), naming them', async () => {
    const before = await bytesOnDisk(dataFile);
    const answer = await answerTo(importing('copy.json', '/conflict.json'));
    expect(answer.content).toBe(
      '`copy.json` cannot be imported (2 problems):\n• sources[0].id: "bridge-report" is already a record of the story "bridge-dispute" — give it another id\n• events[0].id: "bridge-closed" is already a record of the story "bridge-dispute" — give it another id\nNothing was changed.',
    );
    expect(await bytesOnDisk(dataFile)).toBe(before);
  });
});
