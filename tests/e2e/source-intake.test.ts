import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { bytesOnDisk, tempDir } from '../fixtures/temp-store.js';
import { buttonInteraction, chatInputInteraction, modalSubmitInteraction, PERMISSIONS, type Invoker } from '../discord/interactions.js';
import { DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn, type RecordedRequest } from '../discord/stand-in.js';

/**
 * `/source add url:` and `/source add file:` through the real discord.js client against the stand-in, with
 * report pages and files served from 127.0.0.1 (allowed by SITREP_FETCH_ALLOW): "thinking…" at once, then the
 * usual add preview pre-filled from the report; Confirm saves once; a page or file that cannot be read is a
 * polite refusal that offers the other routes and writes nothing.
 */

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.source-intake.secret`;
const MODERATOR: Invoker = { id: '600000000000000001', username: 'mod' };
const asModerator = { user: MODERATOR, memberPermissions: PERMISSIONS.manageMessages };
const NOW = new Date('2025-03-20T10:00:00Z');

const ARTICLE = `<!doctype html><html><head><meta charset="utf-8"><meta property="og:site_name" content="The Herald">
<meta property="og:title" content="Norland rejects ultimatum"><meta property="article:published_time" content="2025-03-15T08:30:00Z">
<script>globalThis.__sourceIntakeRan = true</script></head><body><article><h1>Norland rejects ultimatum</h1>
<p>Norland on Saturday rejected what it called an "ultimatum" from Sudria. Ilse Marten, the foreign minister, said the dam would open "when it is safe, not before", speaking in Vessen.</p>
<p>Sudria's defence ministry said Norland would face "grave consequences" if the water did not flow by Monday.</p>
<p>"We will not be threatened," Marten told reporters after the meeting in the capital on Saturday evening.</p></article></body></html>`;
const NO_ARTICLE = '<!doctype html><html><head><title>Menu</title></head><body><nav><a href="/">Home</a></nav></body></html>';
const TEXT_REPORT = `Border crossing reopens after talks
March 14, 2025
By World News DESK

The crossing at Vessen reopened on Friday. "Trade must go on," the Norland trade minister Pia Holm said.`;

let standIn: DiscordStandIn;
let bot: RunningBot;
let dataFile: string;
let pages: Server;
let base: string;

beforeAll(async () => {
  pages = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/article') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
    if (path === '/moved') return void response.writeHead(302, { location: '/article' }).end();
    if (path === '/to-private') return void response.writeHead(302, { location: 'http://10.0.0.1/article' }).end();
    if (path === '/menu') return void response.writeHead(200, { 'content-type': 'text/html' }).end(NO_ARTICLE);
    if (path === '/image') return void response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    if (path === '/report.txt') return void response.writeHead(200, { 'content-type': 'text/plain' }).end(TEXT_REPORT);
    if (path === '/report.html') return void response.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE);
    if (path === '/binary') return void response.writeHead(200).end(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00]));
    if (path === '/latin1') return void response.writeHead(200).end(Buffer.from('Le caf\xe9 "est ferm\xe9", a dit le maire.', 'latin1'));
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;

  standIn = await startDiscordStandIn();
  dataFile = join(await tempDir(), 'sitrep.json');
  await writeFile(dataFile, JSON.stringify(await bundledStoreData()));
  bot = await startSitrep(
    {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: standIn.apiUrl,
      SITREP_DATA_FILE: dataFile,
      DISCORD_GUILD_ID: DEFAULT_GUILD_ID,
      SITREP_TIMEZONE: 'Asia/Karachi',
      SITREP_FETCH_ALLOW: '127.0.0.1',
    },
    { logger: captureLogger().logger, clock: () => NOW },
  );
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.close();
  pages?.closeAllConnections();
  await new Promise((resolve) => pages?.close(resolve));
});

const app = () => ({ applicationId: standIn.applicationId });
const adding = (options: Record<string, string>, file?: { filename: string; path: string; size?: number; content_type?: string }) =>
  chatInputInteraction({
    ...app(),
    ...asModerator,
    name: 'source',
    subcommand: 'add',
    options,
    ...(file ? { attachments: { file: { filename: file.filename, url: `${base}${file.path}`, size: file.size ?? 1000, ...(file.content_type ? { content_type: file.content_type } : {}) } } } : {}),
  });
const click = (preview: RecordedRequest['body'], label: string) => {
  const button = (preview.components[0].components as Array<{ label: string; custom_id: string }>).find((b) => b.label === label)!;
  return standIn.interact(buttonInteraction({ ...app(), ...asModerator, invoker: MODERATOR, customId: button.custom_id, message: { ...preview, flags: 64 } }));
};

/** "thinking…" privately (timed), then the answer edits it. */
async function answerTo(interaction: ReturnType<typeof adding>) {
  const started = performance.now();
  const thinking = await standIn.interact(interaction);
  const deferredMs = performance.now() - started;
  expect(thinking.body).toMatchObject({ type: 5, data: { flags: 64 } });
  const edited = await standIn.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(interaction.token) && r.path.endsWith('/messages/@original'));
  expect(edited.body.allowed_mentions).toEqual({ parse: [] });
  expect(edited.body.content.length).toBeLessThanOrEqual(2000);
  return { body: edited.body, deferredMs, answeredMs: performance.now() - started };
}

const heraldSources = () => bot.store.read().sources.filter((source) => source.outlet === 'The Herald');

describe('/source add url:', () => {
  it('defers within 3 s, previews the outlet, headline, link and date read from the page, and Confirm saves it once', async () => {
    const { body: preview, deferredMs, answeredMs } = await answerTo(adding({ url: `${base}/moved` }));
    expect(deferredMs).toBeLessThan(3000);
    expect(answeredMs).toBeLessThan(3000);
    expect(preview.content).toMatch(/^\*\*Preview of the new source\*\* — nothing is saved until you press Confirm\./);
    const description = preview.embeds[0].description as string;
    expect(description).toContain('The Herald');
    expect(description).toContain('Norland rejects ultimatum');
    expect(description).toContain(`${base}/article`);
    expect(description).toContain(`<t:${Date.parse('2025-03-15T08:30:00Z') / 1000}:f>`);
    expect(description).toMatch(/\n\n[1-9]\d* quotations and \d+ figures? proposed — confirm the source, then review them one at a time with `\/intake review` \(kept 7 days\)\.$/);
    expect(heraldSources()).toEqual([]);
    expect((globalThis as { __sourceIntakeRan?: boolean }).__sourceIntakeRan).toBeUndefined();

    const saved = await click(preview, 'Confirm');
    expect(saved.body.data.content).toMatch(/The Herald/);
    await click(preview, 'Confirm');
    expect(heraldSources()).toEqual([
      expect.objectContaining({ outlet: 'The Herald', title: 'Norland rejects ultimatum', url: `${base}/article`, publishedAt: '2025-03-15T08:30:00Z', publishedPrecision: 'minute' }),
    ]);
    expect(bot.store.read().audit.filter((entry) => entry.entity === 'source' && entry.entityId === heraldSources()[0]!.id)).toHaveLength(1);
  });

  it('Edit reopens the add form pre-filled from the page; the corrected preview is what Confirm saves', async () => {
    const { body: preview } = await answerTo(adding({ url: `${base}/article` }));
    const reopened = await click(preview, 'Edit');
    expect(reopened.body.type).toBe(9);
    const values = Object.fromEntries(
      (reopened.body.data.components as Array<{ component: { custom_id: string; value?: string } }>).map(({ component }) => [component.custom_id, component.value]),
    );
    expect(values).toMatchObject({ outlet: 'The Herald', title: 'Norland rejects ultimatum', url: `${base}/article`, date: '2025-03-15T08:30:00Z' });
    const revised = await standIn.interact(
      modalSubmitInteraction({
        ...app(),
        ...asModerator,
        customId: reopened.body.data.custom_id,
        fields: { outlet: 'The Herald (Vessen)', title: 'Norland rejects Sudria’s ultimatum', url: `${base}/article`, date: '15 Mar 2025', note: '' },
        message: preview,
      }),
    );
    expect(revised.body.type).toBe(7);
    await click(revised.body.data, 'Confirm');
    expect(bot.store.read().sources.filter((source) => source.outlet === 'The Herald (Vessen)')).toEqual([
      expect.objectContaining({ title: 'Norland rejects Sudria’s ultimatum', publishedAt: '2025-03-15', publishedPrecision: 'day' }),
    ]);
  });

  it.each([
    ['a private address (not in SITREP_FETCH_ALLOW)', () => `http://127.0.0.2:${new URL(base).port}/article`, /private or local address/],
    ['a redirect to a private address', () => `${base}/to-private`, /private or local address/],
    ['a page that is not there (404)', () => `${base}/gone`, /The site answered HTTP 404\./],
    ['a page that is not HTML or text', () => `${base}/image`, /not a web page or text \(it is image\/png\)/],
    ['a page with no article', () => `${base}/menu`, /holds no article text/],
    ['something that is not a link', () => 'not a link', /not a link I can read/],
  ])('refuses %s politely, offering the file and the form, and writes nothing', async (_case, link, reason) => {
    const before = await bytesOnDisk(dataFile);
    const sources = bot.store.read().sources.length;
    const { body } = await answerTo(adding({ url: link() }));
    expect(body.content).toMatch(/^Sitrep could not read that report: /);
    expect(body.content).toMatch(reason);
    expect(body.content).toMatch(/Save the page and attach it \(`\/source add file:`\), or type its details in the form \(`\/source add`\)\. Nothing was changed\.$/);
    expect(body.content).not.toMatch(/Something went wrong|at .*\.ts:\d+/);
    expect(body.components ?? []).toEqual([]);
    expect(bot.store.read().sources).toHaveLength(sources);
    expect(await bytesOnDisk(dataFile)).toBe(before);
  });

  it('without a link or file, opens the empty form as before', async () => {
    const opened = await standIn.interact(adding({}));
    expect(opened.body.type).toBe(9);
    expect(opened.body.data.custom_id).toMatch(/^source:add:/);
  });
});

describe('/source add file:', () => {
  it('reads a .txt report into the preview: headline, dateline day, desk byline as outlet; Confirm saves once', async () => {
    const { body: preview } = await answerTo(adding({}, { filename: 'crossing.txt', path: '/report.txt', content_type: 'text/plain; charset=utf-8' }));
    const description = preview.embeds[0].description as string;
    expect(description).toContain('World News DESK');
    expect(description).toContain('Border crossing reopens after talks');
    expect(description).toContain('14 Mar 2025');
    expect(description).toContain('1 quotation and 0 figures proposed');
    await click(preview, 'Confirm');
    expect(bot.store.read().sources.filter((source) => source.title === 'Border crossing reopens after talks')).toEqual([
      expect.objectContaining({ outlet: 'World News DESK', publishedAt: '2025-03-14', publishedPrecision: 'day' }),
    ]);
  });

  it('reads a saved .html page like a fetched one', async () => {
    const { body: preview } = await answerTo(adding({}, { filename: 'herald.html', path: '/report.html', content_type: 'text/html' }));
    expect(preview.embeds[0].description).toContain('Norland rejects ultimatum');
    expect(preview.content).not.toContain('⚠️');
    await click(preview, 'Cancel');
  });

  it.each([
    ['a binary file', 'report.txt', '/binary', 1000, /^Sitrep could not read that report: The file is not text \(it holds binary data\)\./],
    ['a file that is not UTF-8', 'report.txt', '/latin1', 1000, /^Sitrep could not read that report: The file is not UTF-8 text\./],
    ['a file over 2 MB', 'report.html', '/report.html', 3 * 1024 * 1024, /^Sitrep could not read that report: The file is 3072 KB; a report file is at most 2 MB\./],
    ['a file that is not .txt, .html or .md', 'report.pdf', '/binary', 1000, /^`report\.pdf` is not a report file: attach a \.txt, \.html or \.md file\. Nothing was changed\.$/],
  ])('refuses %s politely and writes nothing', async (_case, filename, path, size, refusal) => {
    const before = await bytesOnDisk(dataFile);
    const { body } = await answerTo(adding({}, { filename, path, size }));
    expect(body.content).toMatch(refusal);
    expect(body.content).toMatch(/Nothing was changed\.$/);
    expect(body.components ?? []).toEqual([]);
    expect(await bytesOnDisk(dataFile)).toBe(before);
  });

  it('a link and a file together are refused', async () => {
    const before = await bytesOnDisk(dataFile);
    const reply = await standIn.interact(adding({ url: `${base}/article` }, { filename: 'crossing.txt', path: '/report.txt' }));
    expect(reply.body.data.content).toBe('Give a link (`url:`) or a file (`file:`), not both. Nothing was changed.');
    expect(await bytesOnDisk(dataFile)).toBe(before);
  });
});
