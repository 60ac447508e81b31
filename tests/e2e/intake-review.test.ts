import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { limitViolations } from '../../src/briefing/reply/limits.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { bytesOnDisk, tempDir } from '../fixtures/temp-store.js';
import { buttonInteraction, chatInputInteraction, modalSubmitInteraction, PERMISSIONS, type Invoker } from '../discord/interactions.js';
import { DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn } from '../discord/stand-in.js';

/**
 * A report read in and reviewed, through the real discord.js client against the stand-in, with the report
 * served from 127.0.0.1 (SITREP_FETCH_ALLOW): `/source add url:` keeps the proposals as an intake, the source
 * is confirmed, `/intake review` goes through them — Accept, Edit, Skip, the bulk accept — and the store holds
 * exactly the accepted records, audited. A double Accept saves once; a restart keeps the intake; it expires;
 * it can be kept and discarded; a member without rights is refused; `/source paste` reads pasted text.
 */

const TOKEN = `${Buffer.from('111111111111111112').toString('base64')}.intake-review.secret`;
const MODERATOR: Invoker = { id: '600000000000000011', username: 'mod' };
const READER: Invoker = { id: '600000000000000012', username: 'reader' };
const asModerator = { user: MODERATOR, memberPermissions: PERMISSIONS.manageMessages };
const START = new Date('2024-01-20T10:00:00Z');
let now = START;

const ARTICLE = `<!doctype html><html><head><meta charset="utf-8"><meta property="og:site_name" content="Gulf Wire">
<meta property="og:title" content="Pakistan and Iran move to calm tensions"><meta property="article:published_time" content="2024-01-19T09:00:00Z">
<script>globalThis.__intakeReviewRan = true</script></head><body><article><h1>Pakistan and Iran move to calm tensions</h1>
<p>Pakistan's foreign minister Jalil Abbas Jilani said on Thursday that "both countries must respect each other's sovereignty", speaking to reporters in Islamabad.</p>
<p>Iran's foreign minister Hossein Amir-Abdollahian said "Pakistan is a friendly and brotherly country" in a call with Jilani on Friday.</p>
<p>"We do not want escalation," Amir-Abdollahian said.</p>
<p>UN Secretary-General Antonio Guterres said "restraint is needed on all sides" on Friday.</p>
<p>"Dialogue is the only way forward," Jilani said on Friday.</p>
<p>At least nine people were killed in the strikes, Pakistani officials said.</p></article></body></html>`;
const SCRIPTS = `<!doctype html><html><head><meta property="og:site_name" content="Script Times"><meta property="og:title" content="Talks continue">
${'<script>globalThis.__scriptsRan = true; document.write("\\"injected quote,\\" he said")</script>'.repeat(200)}</head><body><article><h1>Talks continue</h1>
<script>globalThis.__scriptsRan = true</script><p>Talks continued on Friday in Islamabad, officials said, and no statement was issued.</p><p>Both delegations met for three hours.</p></article></body></html>`;

let standIn: DiscordStandIn;
let bot: RunningBot;
let dataFile: string;
let pages: Server;
let base: string;

const env = () => ({
  DISCORD_TOKEN: TOKEN,
  DISCORD_API_URL: standIn.apiUrl,
  SITREP_DATA_FILE: dataFile,
  DISCORD_GUILD_ID: DEFAULT_GUILD_ID,
  SITREP_TIMEZONE: 'Asia/Karachi',
  SITREP_FETCH_ALLOW: '127.0.0.1',
});
const start = () => startSitrep(env(), { logger: captureLogger().logger, clock: () => now });

beforeAll(async () => {
  pages = createServer((request, response) => {
    if (request.url === '/article') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
    if (request.url === '/scripts') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(SCRIPTS);
    if (request.url === '/huge.txt') return void response.writeHead(200, { 'content-type': 'text/plain' }).end(`Huge report\n\n${'The talks went on. '.repeat(11_000)}`);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  standIn = await startDiscordStandIn();
  dataFile = join(await tempDir(), 'sitrep.json');
  await writeFile(dataFile, JSON.stringify(await bundledStoreData()));
  bot = await start();
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.close();
  pages?.closeAllConnections();
  await new Promise((resolve) => pages?.close(resolve));
});

type Body = { content?: string; embeds?: Array<{ description?: string }>; components?: Array<{ components: Array<{ label?: string; custom_id: string; value?: string }> }> };

const app = () => ({ applicationId: standIn.applicationId });
const expectSafe = (body: Body & Record<string, unknown>) => {
  expect(body.allowed_mentions).toEqual({ parse: [] });
  expect(limitViolations(body as never)).toEqual([]);
};

/** A slash command's answer (its reply, or the edit of its deferred reply). */
async function slash(name: string, subcommand: string, options: Record<string, string>, extra: Record<string, unknown> = {}): Promise<Body & Record<string, unknown>> {
  const interaction = chatInputInteraction({ ...app(), ...asModerator, name, subcommand, options, ...extra });
  const answer = await standIn.interact(interaction);
  if (answer.body.type !== 5) return answer.body.data ?? answer.body;
  const edited = await standIn.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(interaction.token) && r.path.endsWith('/messages/@original'));
  return edited.body;
}

const buttonOf = (message: Body, label: string) => {
  const found = (message.components ?? []).flatMap((row) => row.components).find((component) => component.label === label);
  if (!found) throw new Error(`no button "${label}" among ${JSON.stringify((message.components ?? []).flatMap((row) => row.components.map((c) => c.label)))}`);
  return found;
};

/** Presses a card's button as the moderator (or another member): the card it is replaced with. */
async function press(message: Body, label: string, who: { user: Invoker; memberPermissions: string } = asModerator) {
  const reply = await standIn.interact(buttonInteraction({ ...app(), ...who, invoker: MODERATOR, customId: buttonOf(message, label).custom_id, message: { ...message, flags: 64 } }));
  if (reply.body.type === 4 || reply.body.type === 7) expectSafe(reply.body.data);
  return reply.body as { type: number; data: Body & Record<string, unknown> };
}

const submit = async (customId: string, fields: Record<string, string>, message?: Body) =>
  (await standIn.interact(modalSubmitInteraction({ ...app(), ...asModerator, customId, fields, ...(message ? { message: message as Record<string, unknown> } : {}) }))).body as { type: number; data: Body & Record<string, unknown> };

const store = () => bot.store.read();
const gulfIntake = () => store().intakes.find((intake) => intake.source.outlet === 'Gulf Wire')!;
const newStatements = (before: number) => store().statements.slice(before);

describe('/source add url: keeps an intake, and /intake review turns it into records one at a time', () => {
  let card: Body & Record<string, unknown>;
  let statementsBefore = 0;

  it('the preview says what the report proposes; only the intake is written, no story record', async () => {
    statementsBefore = store().statements.length;
    const auditBefore = store().audit.length;
    const preview = await slash('source', 'add', { url: `${base}/article` });
    expectSafe(preview);
    expect(preview.embeds![0]!.description).toMatch(/5 quotations and 1 figure proposed — confirm the source, then review them one at a time with `\/intake review` \(kept 7 days\)\./);
    expect(store().statements).toHaveLength(statementsBefore);
    expect(store().audit).toHaveLength(auditBefore);
    const intake = gulfIntake();
    expect(intake).toMatchObject({ storyId: 'iran-pakistan-2024', authorId: MODERATOR.id, expiresAt: new Date(START.getTime() + 7 * 86_400_000).toISOString(), source: { outlet: 'Gulf Wire', from: 'link' } });
    expect(intake.source.sourceId).toBeUndefined();
    expect(intake.items.map((item) => item.kind)).toEqual(['statement', 'statement', 'statement', 'statement', 'statement', 'figure', 'account', 'account']);
    expect(intake.items.every((item) => item.status === 'pending')).toBe(true);
    expect((globalThis as { __intakeReviewRan?: boolean }).__intakeReviewRan).toBeUndefined();

    // Review waits for the source: its statements cite it.
    const early = await slash('intake', 'review', {});
    expect(early.content).toMatch(/confirm the source first: press Confirm on the preview/);
    expect(early.components ?? []).toEqual([]);

    await press(preview, 'Confirm');
    const source = store().sources.find((candidate) => candidate.outlet === 'Gulf Wire')!;
    expect(gulfIntake().source.sourceId).toBe(source.id);
  });

  it('/intake list shows the open intake with its counts and expiry', async () => {
    const list = await slash('intake', 'list', {});
    expectSafe(list);
    expect(list.content).toContain(`\`${gulfIntake().id}\` **Gulf Wire** — Pakistan and Iran move to calm tensions · 8 pending · 0 accepted · 0 skipped · expires <t:${Math.floor(Date.parse(gulfIntake().expiresAt!) / 1000)}:R>`);
  });

  it('Accept saves the statement once through the hand-made path (audited); a double click saves nothing more', async () => {
    card = await slash('intake', 'review', {});
    expectSafe(card);
    expect(card.content).toMatch(/Proposal 1 of 8 — statement/);
    expect(card.embeds![0]!.description).toContain('both countries must respect each other');
    expect(card.embeds![0]!.description).toContain('Jalil Abbas Jilani');
    const first = card;
    const accepted = await press(first, 'Accept');
    expect(accepted.data.content).toMatch(/Proposal 2 of 8/);
    const again = await press(first, 'Accept');
    expect(again.data.content).toMatch(/already accepted \(saved as `[a-z0-9-]+`\) — nothing was saved again/);
    const saved = newStatements(statementsBefore);
    expect(saved).toEqual([
      expect.objectContaining({ speaker: "Jalil Abbas Jilani, Pakistan's foreign minister", sideId: 'pakistan', quote: "both countries must respect each other's sovereignty", saidAt: '2024-01-18', precision: 'day', sourceIds: [gulfIntake().source.sourceId] }),
    ]);
    expect(store().audit.filter((entry) => entry.entity === 'statement' && entry.entityId === saved[0]!.id)).toEqual([expect.objectContaining({ action: 'create', by: expect.objectContaining({ userId: MODERATOR.id }) })]);
    expect(gulfIntake().items[0]).toMatchObject({ status: 'accepted', recordId: saved[0]!.id });
    card = accepted.data;
  });

  it('Edit opens the hand-made statement form pre-filled; its submission is what Accept saves', async () => {
    const opened = await press(card, 'Edit');
    expect(opened.type).toBe(9);
    const form = opened.data as unknown as { custom_id: string; components: Array<{ component: { custom_id: string; value?: string } }> };
    const values = Object.fromEntries(form.components.map(({ component }) => [component.custom_id, component.value ?? '']));
    expect(values).toMatchObject({ speaker: "Hossein Amir-Abdollahian, Iran's foreign minister", quote: 'Pakistan is a friendly and brotherly country', when: '19 Jan 2024' });
    const edited = await submit(form.custom_id, { ...values, speaker: 'Hossein Amir-Abdollahian', context: 'In a call with Pakistan’s foreign minister.' }, card);
    expect(edited.type).toBe(7);
    expect(edited.data.content).toMatch(/Edited: this is what Accept will save\./);
    expect(edited.data.embeds![0]!.description).toContain('In a call with Pakistan’s foreign minister.');
    const accepted = await press(edited.data, 'Accept');
    expect(newStatements(statementsBefore).at(-1)).toMatchObject({ speaker: 'Hossein Amir-Abdollahian', context: 'In a call with Pakistan’s foreign minister.', sideId: 'iran', saidAt: '2024-01-19' });
    card = accepted.data;
  });

  it('Skip leaves a proposal out; the bulk accept takes every other named quote and leaves one it cannot save pending, with why', async () => {
    expect(card.embeds![0]!.description).toContain('We do not want escalation');
    const skipped = await press(card, 'Skip');
    expect(gulfIntake().items[2]!.status).toBe('skipped');
    const before = store().statements.length;
    const bulk = await press(skipped.data, 'Accept every quote with a named speaker');
    expect(bulk.data.content).toMatch(/^Accepted 1 quote with a named speaker\. 1 stayed pending: the reason is on each card\./);
    expect(store().statements.slice(before)).toEqual([expect.objectContaining({ quote: 'Dialogue is the only way forward,', sideId: 'pakistan' })]);
    const guterres = gulfIntake().items[3]!;
    expect(guterres).toMatchObject({ status: 'pending', problem: 'Pick the speaker’s side with the buttons below.' });
    expect(gulfIntake().items[2]!.status).toBe('skipped');
    // Its card: the side picked with a button, then Accept.
    expect(bulk.data.content).toMatch(/Proposal 4 of 8/);
    const sided = await press(bulk.data, 'Side: United States');
    expect(gulfIntake().items[3]).toMatchObject({ sideId: 'us' });
    const accepted = await press(sided.data, 'Accept');
    expect(store().statements.at(-1)).toMatchObject({ quote: 'restraint is needed on all sides', sideId: 'us' });
    card = accepted.data;
  });

  it('a figure waits for its question; chosen, Accept adds it as an account with the figure', async () => {
    expect(card.content).toMatch(/Proposal 6 of 8 — figure/);
    expect(card.content).toMatch(/Choose the question this figure answers: `\/intake review intake:[\w-]+ claim:`/);
    const refused = await press(card, 'Accept');
    expect(refused.data.content).toMatch(/^⚠️ Not accepted: Choose the question/);
    const chosen = await slash('intake', 'review', { intake: gulfIntake().id, claim: 'pakistan-strike-casualties' });
    expect(chosen.content).toMatch(/Proposal 6 of 8 — figure/);
    const accountsBefore = store().claims.find((claim) => claim.id === 'pakistan-strike-casualties')!.accounts.length;
    const accepted = await press(chosen, 'Accept');
    const claim = store().claims.find((candidate) => candidate.id === 'pakistan-strike-casualties')!;
    expect(claim.accounts).toHaveLength(accountsBefore + 1);
    expect(claim.accounts.at(-1)).toMatchObject({ position: 'at least 9 people', sideId: 'pakistan', sourceId: gulfIntake().source.sourceId, figures: [{ outcome: 'killed', low: 9, qualifier: 'at least', who: 'people' }] });
    expect(store().audit.at(-1)).toMatchObject({ entity: 'claim', entityId: 'pakistan-strike-casualties' });
    card = accepted.data;
  });

  it('an account without a position asks for Edit; skipped, the review ends with its tally', async () => {
    expect(card.content).toMatch(/Proposal 7 of 8 — account of a question/);
    expect(card.content).toMatch(/Press Edit to give the position/);
    const next = await press(card, 'Skip');
    const done = await press(next.data, 'Skip');
    expect(done.data.content).toMatch(/All 8 proposals of this report reviewed: 5 accepted, 3 skipped\./);
    expect(done.data.components).toEqual([]);
  });

  it('the store holds exactly the accepted records, each audited once', () => {
    const accepted = gulfIntake().items.filter((item) => item.status === 'accepted');
    expect(accepted).toHaveLength(5);
    const statementIds = accepted.filter((item) => item.kind === 'statement').map((item) => item.recordId);
    expect(newStatements(statementsBefore).map((statement) => statement.id).sort()).toEqual([...statementIds].sort());
    for (const id of statementIds) expect(store().audit.filter((entry) => entry.entityId === id)).toHaveLength(1);
  });
});

describe('/source paste, rights, restart, expiry, keep and discard', () => {
  let pasted: string;

  it('/source paste reads the pasted text; an undated report asks for its date, and its quotes take the date given', async () => {
    const opened = await standIn.interact(chatInputInteraction({ ...app(), ...asModerator, name: 'source', subcommand: 'paste', options: {} }));
    expect(opened.body.type).toBe(9);
    const fields = (opened.body.data.components as Array<{ component: { custom_id: string; max_length?: number } }>).map(({ component }) => component);
    expect(fields.find((field) => field.custom_id === 'text')?.max_length).toBe(4000);
    const text = 'Border talks resume\n\nOfficials met at the Taftan crossing. "The crossing will reopen soon," Pakistan\'s foreign minister Jalil Abbas Jilani said.\n\nThe meeting lasted two hours.';
    const preview = await submit(opened.body.data.custom_id, { text, outlet: 'Pasted Post', title: '', date: '', url: '' });
    expectSafe(preview.data);
    expect(preview.data.content).toContain('The report gives no publication date: press Edit to type it.');
    expect(preview.data.embeds![0]!.description).toContain('1 quotation and 0 figures proposed');
    const intake = store().intakes.at(-1)!;
    expect(intake).toMatchObject({ source: { outlet: 'Pasted Post', from: 'text' } });
    expect(intake.items[0]).toMatchObject({ kind: 'statement', speaker: "Jalil Abbas Jilani, Pakistan's foreign minister", sideId: 'pakistan' });
    expect(intake.items[0]).not.toHaveProperty('saidAt');
    pasted = intake.id;
    // The date typed into the source form (Edit), then Confirm: the quote takes the report's day, with that basis.
    const reopened = await press(preview.data, 'Edit');
    const revised = await submit((reopened.data as unknown as { custom_id: string }).custom_id, { outlet: 'Pasted Post', title: 'Border talks resume', url: '', date: '19 Jan 2024', note: '' }, preview.data);
    await press(revised.data, 'Confirm');
    const card = await slash('intake', 'review', { intake: pasted });
    expect(card.embeds![0]!.description).toContain('The crossing will reopen soon');
    expect(card.content).toMatch(/taken as the day Pasted Post published it, 2024-01-19/);
  });

  it('a member without moderator rights is refused on every button, and nothing changes', async () => {
    const card = await slash('intake', 'review', { intake: pasted });
    const before = await bytesOnDisk(dataFile);
    for (const label of ['Accept', 'Skip', 'Accept every quote with a named speaker', 'Keep past 7 days']) {
      const refused = await press(card, label, { user: READER, memberPermissions: PERMISSIONS.none });
      expect(refused.data.content).toMatch(/moderators/i);
      expect(refused.data.components ?? []).toEqual([]);
    }
    expect(await bytesOnDisk(dataFile)).toBe(before);
    expect(store().intakes.find((intake) => intake.id === pasted)!.items[0]!.status).toBe('pending');
  });

  it('a restart keeps the intake: its card still works', async () => {
    const card = await slash('intake', 'review', { intake: pasted });
    await bot.stop();
    bot = await start();
    expect(store().intakes.find((intake) => intake.id === pasted)).toBeDefined();
    const accepted = await press(card, 'Accept');
    expect(accepted.data.content).toMatch(/All 1 proposal of this report reviewed: 1 accepted, 0 skipped\./);
    expect(store().statements.at(-1)).toMatchObject({ quote: 'The crossing will reopen soon,', saidAt: '2024-01-19', dateBasis: expect.stringContaining('Pasted Post') });
  });

  it('a report with no quotes says so and still offers the source; unbalanced quotes are noted on the review', async () => {
    const opened = await standIn.interact(chatInputInteraction({ ...app(), ...asModerator, name: 'source', subcommand: 'paste', options: {} }));
    const none = await submit(opened.body.data.custom_id, { text: 'Quiet day\n\nNothing happened at the border on Friday.', outlet: 'Quiet Times', title: '', date: '19 Jan 2024', url: '' });
    expect(none.data.embeds![0]!.description).toContain('The report holds no quotations or figures to propose; the source can still be added.');
    expect(buttonOf(none.data, 'Confirm')).toBeDefined();
    const again = await standIn.interact(chatInputInteraction({ ...app(), ...asModerator, name: 'source', subcommand: 'paste', options: {} }));
    const unbalanced = await submit(again.body.data.custom_id, { text: 'Odd report\n\nJilani said “the talks will go on. Officials left the room at noon.\n\n"We are ready," Pakistan\'s foreign minister Jalil Abbas Jilani said.', outlet: 'Odd Daily', title: '', date: '19 Jan 2024', url: '' });
    await press(unbalanced.data, 'Confirm');
    const card = await slash('intake', 'review', { intake: store().intakes.at(-1)!.id });
    expect(card.content).toMatch(/opens a quotation mark that never closes/);
  });

  it('HTML full of scripts runs none of them and proposes nothing from them; a 200 KB text is refused politely', async () => {
    const preview = await slash('source', 'add', { url: `${base}/scripts` });
    expect(preview.embeds![0]!.description).toContain('Script Times');
    expect(preview.embeds![0]!.description).toContain('The report holds no quotations or figures to propose');
    expect((globalThis as { __scriptsRan?: boolean }).__scriptsRan).toBeUndefined();
    const before = await bytesOnDisk(dataFile);
    const huge = await slash('source', 'add', {}, { attachments: { file: { filename: 'huge.txt', url: `${base}/huge.txt`, size: 209_000, content_type: 'text/plain' } } });
    expect(huge.content).toMatch(/^Sitrep could not read that report: The report is too long to read \(\d+ k characters; the limit is 100 k\)/);
    expect(huge.content).toMatch(/Nothing was changed\.$/);
    expect(await bytesOnDisk(dataFile)).toBe(before);
  });

  it('keep clears the expiry; an unkept intake expires after 7 days and is swept a day later; discard asks first', async () => {
    const kept = gulfIntake().id;
    const answer = await slash('intake', 'keep', { intake: kept });
    expect(answer.content).toMatch(/^Kept: the proposals of \*\*Gulf Wire\*\* no longer expire\./);
    expect(store().intakes.find((intake) => intake.id === kept)!.expiresAt).toBeUndefined();

    now = new Date(START.getTime() + 8 * 86_400_000);
    const expired = await slash('intake', 'review', { intake: pasted });
    expect(expired.content).toMatch(/^This report's proposals expired on <t:\d+:f> \(they wait 7 days unless kept with `\/intake keep`\)/);
    const list = await slash('intake', 'list', {});
    expect(list.content).toContain('Gulf Wire');
    expect(list.content).not.toContain(pasted);
    expect(store().intakes.some((intake) => intake.id === pasted)).toBe(true);
    now = new Date(START.getTime() + 9 * 86_400_000);
    await slash('source', 'add', { url: `${base}/article` });
    expect(store().intakes.some((intake) => intake.id === pasted)).toBe(false);
    expect(store().intakes.some((intake) => intake.id === kept)).toBe(true);

    const asked = await slash('intake', 'discard', { intake: kept });
    expect(asked.content).toMatch(/^Discard the report \*\*Gulf Wire\*\*/);
    expect(store().intakes.some((intake) => intake.id === kept)).toBe(true);
    const back = await press(asked, 'Keep reviewing');
    expect(back.data.content).toMatch(/^\*\*Report: Gulf Wire\*\*/);
    const statements = store().statements.length;
    const discarded = await press(asked, 'Discard');
    expect(discarded.data.content).toMatch(/^Discarded the report \*\*Gulf Wire\*\*/);
    expect(store().intakes.some((intake) => intake.id === kept)).toBe(false);
    expect(store().statements).toHaveLength(statements);
    const gone = await press(asked, 'Discard');
    expect(gone.data.content).toMatch(/was discarded, or expired/);
  });
});
