import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { bytesOnDisk, stateOnDisk, tempDir } from '../fixtures/temp-store.js';
import { autocompleteInteraction, buttonInteraction, chatInputInteraction, modalSubmitInteraction, PERMISSIONS, type Invoker } from '../discord/interactions.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn, type RecordedRequest } from '../discord/stand-in.js';

/**
 * Every record is correctable the way events are, through the real discord.js client: a pre-filled
 * form, a preview with before → after, Confirm once, a revision check, refusals that change nothing,
 * and a history anyone can read that names moderators, not their ids.
 */

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.corrections.secret`;
const MODERATOR: Invoker = { id: '600000000000000001', username: 'mod' };
const OTHER: Invoker = { id: '600000000000000004', username: 'second mod' };
const READER: Invoker = { id: '600000000000000002', username: 'reader' };
const STATEMENT = 'pakistan-retaliatory';
const CLAIM = 'who-iran-summoned';
const CITED_SOURCE = 'memo-2024-01-18';
const UNCITED_SOURCE = 'uncited-report';

let standIn: DiscordStandIn;
let bot: RunningBot;
let dataFile: string;
let now = new Date('2024-01-25T09:00:00Z');

beforeAll(async () => {
  standIn = await startDiscordStandIn({ guilds: [{ id: DEFAULT_GUILD_ID, channels: [{ id: DEFAULT_CHANNEL_ID, name: 'newsroom' }] }] });
  dataFile = join(await tempDir(), 'sitrep.json');
  const data = await bundledStoreData();
  data.sources.push({ id: UNCITED_SOURCE, storyId: 'iran-pakistan-2024', outlet: 'Rumour Weekly', title: 'An unconfirmed report' });
  await writeFile(dataFile, JSON.stringify(data));
  bot = await startSitrep(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile, DISCORD_GUILD_ID: DEFAULT_GUILD_ID },
    { logger: captureLogger().logger, clock: () => now },
  );
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.close();
});

const app = () => ({ applicationId: standIn.applicationId });
const asModerator = { user: MODERATOR, memberPermissions: PERMISSIONS.manageMessages };
const asOther = { user: OTHER, memberPermissions: PERMISSIONS.manageMessages };
const asReader = { user: READER, memberPermissions: PERMISSIONS.none };

function slash(name: string, subcommand: string | undefined, options: Record<string, string | number | boolean>, who = asModerator) {
  return standIn.interact(chatInputInteraction({ ...app(), ...who, name, subcommand, options }));
}

function submit(form: RecordedRequest, changes: Record<string, string>, who = asModerator) {
  const fields = Object.fromEntries(
    form.body.data.components.map((label: { component: { custom_id: string; value?: string } }) => [label.component.custom_id, label.component.value ?? '']),
  );
  return standIn.interact(modalSubmitInteraction({ ...app(), ...who, customId: form.body.data.custom_id, fields: { ...fields, ...changes } }));
}

function click(reply: RecordedRequest, label: string, who = asModerator) {
  const button = reply.body.data.components[0].components.find((component: { label: string }) => component.label === label);
  return standIn.interact(buttonInteraction({ ...app(), ...who, invoker: who.user, customId: button.custom_id, message: { ...reply.body.data, flags: 64 } }));
}

const fieldValue = (form: RecordedRequest, id: string) =>
  form.body.data.components.find((label: { component: { custom_id: string } }) => label.component.custom_id === id)?.component.value;

/** A polite private refusal, and not one byte of the data file changed. */
async function expectRefused(send: () => Promise<RecordedRequest>, refusal: RegExp) {
  const before = await bytesOnDisk(dataFile);
  const reply = await send();
  expect(reply.body.data.flags).toBe(64);
  expect(reply.body.data.content).toMatch(refusal);
  expect(reply.body.data.content).not.toMatch(/Something went wrong|Error:|at .+\.ts/);
  expect(await bytesOnDisk(dataFile)).toBe(before);
  return reply;
}

describe('the id options', () => {
  it('offer statements, questions and sources as you type, and every kind of record in /update history', async () => {
    const choices = async (name: string, subcommand: string, focused: string, typed: string) => {
      const reply = await standIn.interact(autocompleteInteraction({ ...app(), ...asModerator, name, subcommand, options: { [focused]: typed }, focused }));
      return reply.body.data.choices as Array<{ name: string; value: string }>;
    };
    expect((await choices('statement', 'edit', 'id', 'retaliatory'))[0]).toMatchObject({ value: STATEMENT });
    expect((await choices('claim', 'account-edit', 'claim', 'summon'))[0]).toMatchObject({ value: CLAIM });
    expect((await choices('source', 'retract', 'id', 'rumour'))[0]).toMatchObject({ value: UNCITED_SOURCE });
    const history = await choices('update', 'history', 'id', '');
    expect(history[0]!.value).toBe('story:iran-pakistan-2024');
    expect(history.some((choice) => choice.value.startsWith('event:') && choice.name.startsWith('event · '))).toBe(true);
    expect(history.length).toBeLessThanOrEqual(25);
    expect((await choices('update', 'history', 'id', 'retaliatory'))[0]).toMatchObject({ value: `statement:${STATEMENT}` });
  });
});

describe('correcting a statement', () => {
  it('/statement edit opens a pre-filled form; the preview shows before → after; Confirm saves once, audited, revision 2', async () => {
    const form = await slash('statement', 'edit', { id: STATEMENT, reason: 'The report says “retaliatory strikes”' });
    expect(form.body.type).toBe(9);
    expect(fieldValue(form, 'quote')).toBe('retaliatory');
    expect(fieldValue(form, 'speaker')).toBe('Pakistan (as reported)');
    expect(fieldValue(form, 'when')).toBe('18 Jan 2024');

    const preview = await submit(form, { quote: 'retaliatory strikes' });
    expect(preview.body.data.flags).toBe(64);
    expect(preview.body.data.content).toContain('**quote**: “retaliatory” → “retaliatory strikes”');
    expect(preview.body.data.content).toContain('Reason, shown to readers with the correction: The report says “retaliatory strikes”');
    expect(preview.body.data.embeds[0].description).toContain('“retaliatory strikes”');
    expect(bot.store.read().statements.find((s) => s.id === STATEMENT)!.quote).toBe('retaliatory');

    const saved = await click(preview, 'Confirm');
    expect(saved.body.data.content).toMatch(/^Saved the edit to the statement by “Pakistan \(as reported\)”/);
    const statement = bot.store.read().statements.find((s) => s.id === STATEMENT)!;
    expect(statement).toMatchObject({ quote: 'retaliatory strikes', revision: 2, updatedAt: now.toISOString() });
    expect(bot.store.read().audit.at(-1)).toMatchObject({
      action: 'update',
      entity: 'statement',
      entityId: STATEMENT,
      before: { quote: 'retaliatory' },
      after: { quote: 'retaliatory strikes' },
      reason: 'The report says “retaliatory strikes”',
    });
    const onDisk = await stateOnDisk(dataFile);
    expect(onDisk.statements.find((s: { id: string }) => s.id === STATEMENT)!.quote).toBe('retaliatory strikes');
    // A second Confirm saves nothing more.
    const again = await click(preview, 'Confirm');
    expect(again.body.data.content).toMatch(/^This was already saved/);
    const statements = await slash('statements', undefined, { side: 'pakistan' }, asReader);
    expect(statements.body.data.embeds[0].description).toContain('“retaliatory strikes”');
  });

  it('refuses, politely and changing nothing, an edit of a statement someone else just changed', async () => {
    const mine = await slash('statement', 'edit', { id: STATEMENT });
    const theirs = await slash('statement', 'edit', { id: STATEMENT }, asOther);
    const myPreview = await submit(mine, { context: 'Middle East Monitor reports Pakistan called its strikes “retaliatory”.' });
    const theirPreview = await submit(theirs, { speaker: 'Pakistan (as reported by Middle East Monitor)' }, asOther);
    expect((await click(theirPreview, 'Confirm', asOther)).body.data.content).toMatch(/^Saved the edit/);
    await expectRefused(
      () => click(myPreview, 'Confirm'),
      /^Someone else changed statement `pakistan-retaliatory` .* \(now revision 3 by second mod; they changed speaker\)\. Open the edit again .* Nothing was changed\.$/,
    );
    // Nor can a moderator confirm another's preview.
    await expectRefused(() => click(myPreview, 'Confirm', asOther), /another moderator’s/);
  });

  it('/update history shows a reader the statement’s changes, naming moderators and never their ids', async () => {
    const history = await slash('update', 'history', { id: `statement:${STATEMENT}` }, asReader);
    const text = history.body.data.embeds[0].description as string;
    expect(text).toContain('**mod** edited it\n• **quote**: “retaliatory” → “retaliatory strikes”\nReason: The report says “retaliatory strikes”');
    expect(text).toContain('**second mod** edited it');
    expect(text).not.toContain(MODERATOR.id);
    expect(text).not.toContain(OTHER.id);
    expect(JSON.stringify(history.body.data)).toContain('statement · revision 3');
    // A bare id works too.
    const bare = await slash('update', 'history', { id: STATEMENT }, asReader);
    expect(bare.body.data.embeds[0].description).toBe(text);
  });

  it('refuses a retraction without a reason, an unknown id and an expired preview; a retraction with a reason leaves /statements and /search', async () => {
    // Searched once before, so the index is built and must follow the retraction.
    const found = await slash('search', undefined, { query: 'retaliatory strikes' }, asReader);
    expect(JSON.stringify(found.body.data)).toContain('retaliatory strikes');
    await expectRefused(() => slash('statement', 'retract', { id: STATEMENT, reason: '   ' }), /^A retraction needs a reason \(the \*\*reason\*\* option\): readers are shown it\. Nothing was changed\.$/);
    await expectRefused(() => slash('statement', 'edit', { id: 'no-such-statement' }), /^There is no statement `no-such-statement` in \*\*.+\*\*\. .*Nothing was changed\.$/);
    const preview = await slash('statement', 'retract', { id: STATEMENT, reason: 'The word is not Pakistan’s own' });
    expect(preview.body.data.content).toContain('Reason, shown to readers: The word is not Pakistan’s own');
    now = new Date(now.getTime() + 2 * 60 * 60 * 1000);
    await expectRefused(() => click(preview, 'Confirm'), /^This preview expired on .* Nothing was changed\.$/);
    const fresh = await slash('statement', 'retract', { id: STATEMENT, reason: 'The word is not Pakistan’s own' });
    expect((await click(fresh, 'Confirm')).body.data.content).toMatch(/^Retracted the statement/);
    expect(bot.store.read().statements.find((s) => s.id === STATEMENT)!.retraction).toMatchObject({ reason: 'The word is not Pakistan’s own' });
    const statements = await slash('statements', undefined, { side: 'pakistan' }, asReader);
    expect(statements.body.data.embeds[0].description).not.toContain('retaliatory strikes');
    const searched = await slash('search', undefined, { query: 'retaliatory strikes' }, asReader);
    expect(JSON.stringify(searched.body.data)).not.toContain('retaliatory strikes”');
    await expectRefused(() => slash('statement', 'edit', { id: STATEMENT }), /^This statement was retracted \(The word is not Pakistan’s own\); it cannot be edited\. Nothing was changed\.$/);
    await expectRefused(() => slash('statement', 'retract', { id: STATEMENT, reason: 'Again' }), /^This statement is already retracted\. Nothing was changed\.$/);
    // Still reachable by its id, with its history.
    const history = await slash('update', 'history', { id: STATEMENT }, asReader);
    expect(history.body.data.embeds[0].description).toContain('**mod** retracted it\nReason: The word is not Pakistan’s own');
  });
});

describe('correcting a claim', () => {
  it('/claim account-edit opens the account pre-filled; the preview shows the difference; Confirm saves it', async () => {
    await expectRefused(() => slash('claim', 'account-edit', { claim: CLAIM, account: 5 }), /^\*\*account\*\*: this question has 2 accounts; choose 1 to 2\. Nothing was changed\.$/);
    const form = await slash('claim', 'account-edit', { claim: CLAIM, account: 2, reason: 'Position as the report words it' });
    expect(fieldValue(form, 'position')).toBe('Pakistani ambassador');
    const preview = await submit(form, { position: 'Pakistani ambassador in Tehran' });
    expect(preview.body.data.content).toContain('**position**: “Pakistani ambassador” → “Pakistani ambassador in Tehran”');
    expect((await click(preview, 'Confirm')).body.data.content).toMatch(/^Saved the edit to account 2 of “/);
    const claim = bot.store.read().claims.find((c) => c.id === CLAIM)!;
    expect(claim.accounts[1]!.position).toBe('Pakistani ambassador in Tehran');
    expect(claim.revision).toBe(2);
    const claims = await slash('claims', undefined, {}, asReader);
    expect(JSON.stringify(claims.body.data)).toContain('Pakistani ambassador in Tehran');
  });

  it('/claim edit changes the question and kind through the same preview', async () => {
    const form = await slash('claim', 'edit', { id: CLAIM, kind: 'conflict' });
    expect(fieldValue(form, 'question')).toBe('Whom did Iran summon after Pakistan\'s strikes?');
    const preview = await submit(form, { note: 'One report says chargé d’affaires, the other ambassador.' });
    expect(preview.body.data.content).toContain('**note**: — → “One report says chargé d’affaires, the other ambassador.”');
    await click(preview, 'Confirm');
    expect(bot.store.read().claims.find((c) => c.id === CLAIM)).toMatchObject({ note: 'One report says chargé d’affaires, the other ambassador.', revision: 3 });
  });
});

describe('correcting a source', () => {
  it('/source retract of a source records still cite is refused, naming them; an uncited one is retracted and leaves /sources', async () => {
    const refused = await expectRefused(() => slash('source', 'retract', { id: CITED_SOURCE, reason: 'Testing' }), /is still cited by \d+ records: event `/);
    expect(refused.body.data.content.length).toBeLessThanOrEqual(2000);
    expect(refused.body.data.content).toMatch(/and \d+ more\. Edit or retract them first\. Nothing was changed\.$/);

    const before = await slash('sources', undefined, {}, asReader);
    expect(JSON.stringify(before.body.data)).toContain('Rumour Weekly');
    const preview = await slash('source', 'retract', { id: UNCITED_SOURCE, reason: 'The outlet withdrew the report' });
    expect(preview.body.data.content).toContain('Retract the source “Rumour Weekly — An unconfirmed report”');
    expect((await click(preview, 'Confirm')).body.data.content).toMatch(/^Retracted the source/);
    const after = await slash('sources', undefined, {}, asReader);
    expect(JSON.stringify(after.body.data)).not.toContain('Rumour Weekly');
    expect((await stateOnDisk(dataFile)).sources.find((s: { id: string }) => s.id === UNCITED_SOURCE)!.retraction!.reason).toBe('The outlet withdrew the report');
  });

  it('/source edit corrects the outlet from a pre-filled form', async () => {
    const form = await slash('source', 'edit', { id: 'world-news-desk' });
    const outlet = fieldValue(form, 'outlet');
    const preview = await submit(form, { outlet: `${outlet} (corrected)` });
    expect(preview.body.data.content).toContain(`**outlet**: “${outlet}” → “${outlet} (corrected)”`);
    await click(preview, 'Confirm');
    expect(bot.store.read().sources.find((s) => s.id === 'world-news-desk')).toMatchObject({ outlet: `${outlet} (corrected)`, revision: 2 });
  });
});

describe('correcting the story itself', () => {
  it('/story edit: a side records use cannot be removed; title, lead and aliases are corrected through the preview', async () => {
    const form = await slash('story', 'edit', { reason: 'Neutral title' });
    expect(form.body.type).toBe(9);
    const sides = fieldValue(form, 'sides') as string;
    expect(sides.split('\n')[0]).toBe('pakistan: Pakistan | Islamabad, Pakistani government, Government of Pakistan, Pakistani, Pak');
    const withoutUs = sides.split('\n').filter((line) => !line.startsWith('us:')).join('\n');
    await expectRefused(() => submit(form, { sides: withoutUs }), /^The side “United States” \(`us`\) cannot be removed: \d+ records? names? it: .*`.+`.*Nothing was changed\.$/);

    const title = bot.store.read().stories[0]!.title;
    const renamed = sides.replace('analysts: Independent analysts |', 'analysts: Independent analysts | Commentators,');
    const preview = await submit(form, { title: `${title} (corrected)`, sides: `${renamed}\nEuropean Union | EU` });
    expect(preview.body.data.content).toContain(`**title**: “${title}” → “${title} (corrected)”`);
    // One renamed side and one new side read as three lines, not the whole list twice.
    expect(preview.body.data.content).toMatch(/\*\*sides\*\*: − “analysts: Independent analysts \\\| Analysts, [^”]*”; \+ “analysts: Independent analysts \\\| Commentators, Analysts, [^”]*”; \+ “european-union/);
    expect(preview.body.data.content).toContain('+ “european-union: European Union \\| EU”');
    expect((await click(preview, 'Confirm')).body.data.content).toMatch(/^Saved the edit to the story/);
    const story = bot.store.read().stories[0]!;
    expect(story).toMatchObject({ title: `${title} (corrected)`, revision: 2 });
    expect(story.sides.find((side) => side.id === 'analysts')!.aliases[0]).toBe('Commentators');
    expect(story.sides.at(-1)).toEqual({ id: 'european-union', name: 'European Union', aliases: ['EU'] });
    // The description of a kept side is kept.
    expect(story.sides[0]!.description).toBeDefined();
    const list = await slash('story', 'list', {}, asReader);
    expect(JSON.stringify(list.body.data)).toContain(`${title} (corrected)`);
    const history = await slash('update', 'history', { id: `story:${story.id}` }, asReader);
    expect(history.body.data.embeds[0].description).toContain('**mod** edited it');
    expect(history.body.data.embeds[0].description).toContain('Reason: Neutral title');
  });

  it('refuses /story edit to a member without rights, changing nothing', async () => {
    await expectRefused(() => slash('story', 'edit', {}, asReader), /^Only moderators/);
  });
});
