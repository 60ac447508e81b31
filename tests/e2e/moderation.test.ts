import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { shortKey } from '../../src/commands/short-key.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { bytesOnDisk, stateOnDisk, tempDir } from '../fixtures/temp-store.js';
import { buttonInteraction, chatInputInteraction, modalSubmitInteraction, PERMISSIONS, type Invoker } from '../discord/interactions.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn, type RecordedRequest } from '../discord/stand-in.js';

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.moderation.secret`;
const MODERATOR: Invoker = { id: '600000000000000001', username: 'mod' };
const READER: Invoker = { id: '600000000000000002', username: 'reader' };
const STORY = 'iran-pakistan-2024';
const MODERATOR_ROLE = '650000000000000001';

let standIn: DiscordStandIn;
let bot: RunningBot;
let dataFile: string;

beforeAll(async () => {
  standIn = await startDiscordStandIn({
    guilds: [{ id: DEFAULT_GUILD_ID, channels: [{ id: DEFAULT_CHANNEL_ID, name: 'general' }], roles: [MODERATOR_ROLE] }],
  });
  dataFile = join(await tempDir(), 'sitrep.json');
  bot = await startSitrep(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile, DISCORD_GUILD_ID: standIn.guildIds[0] },
    { logger: captureLogger().logger },
  );
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.close();
});

const app = () => ({ applicationId: standIn.applicationId });
const asModerator = { user: MODERATOR, memberPermissions: PERMISSIONS.manageMessages };

function slash(name: string, subcommand: string | undefined, options: Record<string, string | number | boolean>, who = asModerator) {
  return standIn.interact(chatInputInteraction({ ...app(), ...who, name, subcommand, options }));
}

function submit(customId: string, fields: Record<string, string | string[]>, who = asModerator) {
  return standIn.interact(modalSubmitInteraction({ ...app(), ...who, customId, fields }));
}

function click(reply: RecordedRequest, label: string, who = asModerator) {
  const button = reply.body.data.components[0].components.find((component: { label: string }) => component.label === label);
  return standIn.interact(buttonInteraction({ ...app(), ...who, invoker: who.user, customId: button.custom_id, message: { ...reply.body.data, flags: 64 } }));
}

/** The story records a restart would load, without the pending previews. */
async function recordsOnDisk(path: string): Promise<string> {
  const { previews: _previews, ...records } = await stateOnDisk(path);
  return JSON.stringify(records);
}

const fields = (title: string, when = '2024-01-19') => ({ title, summary: `${title}, in neutral words.`, when, sides: ['pakistan', 'iran'], location: '' });
const addForm = `update:add:${shortKey(STORY)}:memo-2024-01-18:4:0`;

describe('moderators keep the story current from Discord', () => {
  it('/update add opens the form; the preview shows it; only Confirm writes; /timeline then shows it', async () => {
    const opened = await slash('update', 'add', { source: 'memo-2024-01-18', significance: 4 });
    expect(opened.body.type).toBe(9);
    expect(opened.body.data.custom_id).toBe(addForm);
    expect(opened.body.data.components.map((c: { label: string }) => c.label)).toEqual([
      'Title (in your own, neutral words)',
      'What happened',
      'When',
      'Sides involved',
      'Where (optional)',
    ]);

    const before = await recordsOnDisk(dataFile);
    const preview = await submit(addForm, fields('Both countries restore ambassadors', '2024-01-22 09:30'));
    expect(preview.body.data.flags).toBe(64);
    expect(preview.body.data.content).toContain('nothing is saved until you press Confirm');
    expect(preview.body.data.embeds[0].title).toBe('Both countries restore ambassadors');
    expect(preview.body.data.embeds[0].description).toContain('**When:** <t:1705915800:f> (<t:1705915800:R>) (known to the minute)');
    // The preview itself is kept in the store (plain data, so it survives a restart); no story record is.
    expect(await recordsOnDisk(dataFile)).toBe(before);
    expect((await stateOnDisk(dataFile)).previews.at(-1)).toMatchObject({ kind: 'event.add', status: 'pending', authorId: MODERATOR.id });

    const saved = await click(preview, 'Confirm');
    expect(saved.body).toMatchObject({ type: 7, data: { content: expect.stringMatching(/^Saved \*\*Both countries restore ambassadors\*\*/) } });
    const timeline = await slash('timeline', undefined, { order: 'newest' }, { user: READER, memberPermissions: PERMISSIONS.none });
    expect(timeline.body.data.embeds[0].description).toContain('**<t:1705915800:f> (<t:1705915800:R>)** — Both countries restore ambassadors [1]');
  });

  it('refuses a member without rights at every step, leaving the data file byte-for-byte unchanged', async () => {
    const before = await bytesOnDisk(dataFile);
    const reader = { user: READER, memberPermissions: PERMISSIONS.none };
    const refused = await slash('update', 'add', { source: 'memo-2024-01-18' }, reader);
    expect(refused.body.data).toMatchObject({ flags: 64, content: expect.stringContaining('Only moderators') });
    // Even with a hand-made form submission or a click on someone else's preview.
    expect((await submit(addForm, fields('Sneaky'), reader)).body.data.content).toContain('Only moderators');
    expect(await bytesOnDisk(dataFile)).toBe(before);
    const preview = await submit(addForm, fields('A real one'));
    const withPreview = await bytesOnDisk(dataFile);
    expect((await click(preview, 'Confirm', reader)).body.data.content).toContain('Only moderators');
    expect(await bytesOnDisk(dataFile)).toBe(withPreview);
    await click(preview, 'Cancel');
  });

  it('a moderator role set with /settings counts as moderator; outside the editorial server nobody writes', async () => {
    const role = MODERATOR_ROLE;
    const set = await slash('settings', 'add', { role }, { user: MODERATOR, memberPermissions: PERMISSIONS.manageServer });
    expect(set.body.data.content).toContain(`Added <@&${role}>`);
    expect(set.body.data.allowed_mentions).toEqual({ parse: [] });
    const withRole = await slash('update', 'add', { source: 'memo-2024-01-18' }, { user: READER, memberPermissions: PERMISSIONS.none, memberRoles: [role] } as typeof asModerator);
    expect(withRole.body.type).toBe(9);
    const elsewhere = await standIn.interact(
      chatInputInteraction({ ...app(), ...asModerator, guildId: '999999999999999999', name: 'update', subcommand: 'add', options: { source: 'memo-2024-01-18' } }),
    );
    expect(elsewhere.body.data.content).toContain('editorial server');
  });

  it('edit and retract show up in /update history, and retracted events leave every briefing', async () => {
    const id = bot.store.read().events.find((event) => event.title === 'Both countries restore ambassadors')!.id;
    const form = await slash('update', 'edit', { id, reason: 'The second report says they agreed, not that they did it' });
    expect(form.body.data.components[0].component.value).toBe('Both countries restore ambassadors');
    const preview = await submit(form.body.data.custom_id, { ...fields('Both countries agree to restore ambassadors', '2024-01-22 09:30') });
    expect(preview.body.data.content).toContain('**title**: “Both countries restore ambassadors” → “Both countries agree to restore ambassadors”');
    expect(preview.body.data.content).toContain('Reason, shown to readers with the correction: The second report says they agreed, not that they did it');
    await click(preview, 'Confirm');
    expect(bot.store.read().audit.at(-1)).toMatchObject({ action: 'update', entityId: id, reason: 'The second report says they agreed, not that they did it' });
    const retract = await slash('update', 'retract', { id, reason: 'Not confirmed by either report' });
    await click(retract, 'Confirm');
    const history = await slash('update', 'history', { id }, { user: READER, memberPermissions: PERMISSIONS.none });
    const text = history.body.data.embeds[0].description;
    // Readers see the moderator's name, never their user id or server.
    expect(text).toMatch(/ — \*\*mod\*\* added it/);
    expect(text).not.toContain(MODERATOR.id);
    expect(text).toContain('• **title**: “Both countries restore ambassadors” → “Both countries agree to restore ambassadors”');
    expect(text).toContain('retracted it\nReason: Not confirmed by either report');
    const timeline = await slash('timeline', undefined, { order: 'newest' });
    expect(timeline.body.data.embeds[0].description).not.toContain('ambassadors [1]');
  });

  it('twenty adds confirmed at once are all stored, in order, with twenty audit entries', async () => {
    const previews = [];
    for (let i = 0; i < 20; i++) previews.push(await submit(addForm, fields(`Concurrent update ${String(i).padStart(2, '0')}`)));
    const auditBefore = bot.store.read().audit.length;
    const saved = await Promise.all(previews.map((preview) => click(preview, 'Confirm')));
    for (const reply of saved) expect(reply.body.data.content).toMatch(/^Saved/);
    const titles = bot.store.read().events.filter((event) => event.title.startsWith('Concurrent update')).map((event) => event.title);
    expect(titles).toEqual(Array.from({ length: 20 }, (_, i) => `Concurrent update ${String(i).padStart(2, '0')}`));
    expect(bot.store.read().audit.length - auditBefore).toBe(20);
    const onDisk = await stateOnDisk(dataFile);
    expect(onDisk.events.filter((event: { title: string }) => event.title.startsWith('Concurrent update'))).toHaveLength(20);
  });

  it('notify:true posts a breaking update, rendered like /event, to subscribed channels, pinging no one', async () => {
    const subscribed = await slash('subscribe', undefined, { channel: DEFAULT_CHANNEL_ID });
    expect(subscribed.body.data.content).toContain('will get breaking updates');
    const form = await slash('update', 'add', { source: 'memo-2024-01-18', notify: true });
    const preview = await submit(form.body.data.custom_id, fields('@everyone Ceasefire talks announced'));
    // Posting may take longer than Discord's 3 s: the click is acknowledged first (type 6), the outcome edits the preview.
    const acknowledged = await click(preview, 'Confirm');
    expect(acknowledged.body.type).toBe(6);
    const saved = await standIn.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original') && /Posted to/.test(r.body?.content ?? ''));
    expect(saved.body.content).toContain('Posted to 1 subscribed channel.');
    const post = await standIn.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${DEFAULT_CHANNEL_ID}/messages`);
    expect(post.body.content).toContain('Breaking update');
    expect(post.body.embeds[0].title).toBe('@everyone Ceasefire talks announced');
    expect(post.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('/statement add, /claim add and /claim account, /source add go through the same preview and confirm', async () => {
    const sourceForm = await slash('source', 'add', {});
    const sourcePreview = await submit(sourceForm.body.data.custom_id, { outlet: 'Dawn', title: 'Talks resume', url: 'https://example.org/a', date: '20 Jan 2024', note: 'Dated from the byline' });
    expect(sourcePreview.body.data.embeds[0].description).toContain('\n> Dated from the byline');
    expect((await click(sourcePreview, 'Confirm')).body.data.content).toContain('Saved the source **Dawn**');
    const dawn = bot.store.read().sources.find((source) => source.outlet === 'Dawn')!;

    const statementForm = await slash('statement', 'add', { side: 'pakistan', source: dawn.id });
    const statementPreview = await submit(statementForm.body.data.custom_id, { speaker: 'Pakistan’s foreign ministry', quote: 'We welcome “dialogue”.', when: '20 Jan 2024', context: '', via: '' });
    expect(statementPreview.body.data.embeds[0].description).toContain('> “We welcome “dialogue”.”');
    await click(statementPreview, 'Confirm');
    expect(bot.store.read().statements.at(-1)).toMatchObject({ quote: 'We welcome “dialogue”.', saidAt: '2024-01-20', precision: 'day', sourceIds: [dawn.id] });

    const claimForm = await slash('claim', 'add', { source: dawn.id, side: 'pakistan' });
    const claimPreview = await submit(claimForm.body.data.custom_id, { question: 'Who proposed the talks?', position: 'Pakistan', account: 'Pakistan says it proposed them.', via: '' });
    await click(claimPreview, 'Confirm');
    const claim = bot.store.read().claims.at(-1)!;
    const accountForm = await slash('claim', 'account', { claim: claim.id, source: 'memo-2024-01-18', side: 'iran' });
    const accountPreview = await submit(accountForm.body.data.custom_id, { position: 'Iran', account: 'Iran says it proposed them.', via: '' });
    await click(accountPreview, 'Confirm');
    expect(bot.store.read().claims.find((c) => c.id === claim.id)).toMatchObject({ kind: 'conflict', accounts: [{ position: 'Pakistan' }, { position: 'Iran' }] });
  });

  it('Edit on a preview reopens the form with what was typed, and the revised preview is what Confirm saves', async () => {
    const preview = await submit(addForm, fields('Draft title'));
    const reopened = await click(preview, 'Edit');
    expect(reopened.body.type).toBe(9);
    expect(reopened.body.data.components[0].component.value).toBe('Draft title');
    const revised = await standIn.interact(
      modalSubmitInteraction({ ...app(), ...asModerator, customId: reopened.body.data.custom_id, fields: fields('Revised title'), message: preview.body.data }),
    );
    expect(revised.body.type).toBe(7);
    expect(revised.body.data.embeds[0].title).toBe('Revised title');
    await click(revised, 'Confirm');
    expect(bot.store.read().events.some((event) => event.title === 'Revised title')).toBe(true);
    expect(bot.store.read().events.some((event) => event.title === 'Draft title')).toBe(false);
  });

  it('flags a likely duplicate (same title, same day) in the preview', async () => {
    const preview = await submit(addForm, fields('Revised title'));
    expect(preview.body.data.content).toMatch(/⚠️ Possible duplicate: “Revised title” \(`revised-title-[0-9a-f]+`\) has the same title and day\./);
    await click(preview, 'Cancel');
  });

  it('bad input in a form gets a clear private reply and changes nothing', async () => {
    const before = await bytesOnDisk(dataFile);
    const late = await submit(addForm, fields('From the future', '2099-01-01'));
    expect(late.body.data).toMatchObject({ flags: 64, content: expect.stringContaining('more than a day in the future') });
    const unreadable = await submit(addForm, fields('Unreadable', 'the other day'));
    expect(unreadable.body.data.content).toContain("can't read `the other day` as a date");
    expect(await bytesOnDisk(dataFile)).toBe(before);
  });
});
