import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { limitViolations } from '../../src/briefing/reply/limits.js';
import { editEvent } from '../../src/data/mutations.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { firstPixel } from '../fixtures/png.js';
import { tempDir } from '../fixtures/temp-store.js';
import { buttonInteraction, chatInputInteraction, PERMISSIONS, selectInteraction } from '../discord/interactions.js';
import { startDiscordStandIn, type DiscordStandIn, type RecordedRequest } from '../discord/stand-in.js';

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.readers.token-secret`;

let standIn: DiscordStandIn;
let bot: RunningBot;
let env: Parameters<typeof startSitrep>[0];

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  env = { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: join(await tempDir(), 'sitrep.json'), DISCORD_GUILD_ID: standIn.guildIds[0] };
  bot = await startSitrep(env, { logger: captureLogger().logger });
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.close();
});

const slash = (name: string, options: Record<string, string | number | boolean> = {}, extra: Record<string, unknown> = {}): Promise<RecordedRequest> =>
  standIn.interact(chatInputInteraction({ name, options, applicationId: standIn.applicationId, ...extra }));

function expectSafe(callback: RecordedRequest) {
  expect(callback.body.data.allowed_mentions).toEqual({ parse: [] });
  expect(limitViolations(callback.body.data)).toEqual([]);
}

describe('the timeline picture', () => {
  it('/timeline image:true attaches a PNG of the timeline that decodes, shown in its embed', async () => {
    const callback = await slash('timeline', { image: true, side: 'iran' });
    expectSafe(callback);
    expect(callback.files).toHaveLength(1);
    const png = callback.files[0]!.data;
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(1200);
    expect(png.length).toBeLessThan(1024 * 1024);
    expect(callback.body.data.embeds[0].image.url).toBe('attachment://timeline.png');
    expect(callback.body.data.embeds[0].description).toBe('side: Iran');
  });

  it('/timeline image:true is dark by default (Discord’s dark mode) and light with theme:light', async () => {
    for (const [options, background] of [[{ image: true }, '#313338'], [{ image: true, theme: 'light' }, '#ffffff']] as const) {
      const callback = await slash('timeline', options);
      expectSafe(callback);
      expect(callback.files).toHaveLength(1);
      const png = callback.files[0]!.data;
      expect(png.readUInt32BE(16)).toBe(1200);
      expect(firstPixel(png)).toBe(background);
      expect(callback.body.data.embeds[0].image.url).toBe('attachment://timeline.png');
    }
  });
});

describe('replies in the reader’s language', () => {
  it('an Urdu-locale interaction gets Urdu labels, dates and buttons; the stored quotes and titles stay as written', async () => {
    const brief = await slash('brief', {}, { locale: 'ur' });
    expectSafe(brief);
    const embed = brief.body.data.embeds[0];
    expect(embed.title).toMatch(/^خلاصہ — /);
    expect(embed.description).toContain('__**ہر فریق کا مؤقف**__');
    expect(embed.description).toMatch(/جنوری/);
    expect(embed.description).toContain('\u2068Iran strikes Jaish al-Adl');
    const labels = brief.body.data.components.flatMap((row: { components: Array<{ label: string }> }) => row.components.map((button) => button.label));
    expect(labels.slice(0, 4)).toEqual(['پیش رفت', 'تنازعات', 'ٹائم لائن', 'ذرائع']);
    const timeline = await slash('timeline', {}, { locale: 'ur' });
    expect(timeline.body.data.embeds[0].title).toMatch(/^ٹائم لائن — /);
    const claims = await slash('claims', {}, { locale: 'ur' });
    expect(claims.body.data.embeds[0].description).toContain('⚠️ روایات متضاد ہیں');
    expect(claims.body.data.components[0].components.map((button: { label: string }) => button.label)).toEqual(['◀ پچھلا', 'اگلا ▶']);
  });

  it('a server set to Persian gets Persian labels whatever the reader’s Discord locale; English again when set back', async () => {
    const manager = { memberPermissions: PERMISSIONS.manageServer, subcommand: 'language' };
    const set = await slash('settings', { language: 'fa' }, manager);
    expect(set.body.data.content).toContain('فارسی');
    const timeline = await slash('timeline', {}, { locale: 'en-US' });
    expect(timeline.body.data.embeds[0].title).toMatch(/^گاه‌شمار — /);
    expect(timeline.body.data.embeds[0].description).toMatch(/ژانویه ۲۰۲۴/);
    await slash('settings', { language: 'en' }, manager);
    expect((await slash('timeline')).body.data.embeds[0].title).toMatch(/^Timeline — /);
  });
});

describe('the other reading commands in Persian', () => {
  it('/statements, /claims, /search and /help answer a Persian-locale reader with Persian headings and labels, within Discord’s limits', async () => {
    const fa = { locale: 'fa' };
    const statements = await slash('statements', { side: 'iran' }, fa);
    expectSafe(statements);
    const said = statements.body.data.embeds[0];
    expect(said.title).toMatch(/^بیانیه‌ها — \u2068Iran\u2069، تازه‌ترین اول/);
    expect(said.description).toContain('**منابع**');
    expect(said.footer.text).toMatch(/^صفحهٔ ۱ از [۰-۹]+ · [۰-۹]+ بیانیه$/);

    const claims = await slash('claims', {}, fa);
    expectSafe(claims);
    const disputed = claims.body.data.embeds[0];
    expect(disputed.title).toMatch(/^نکات مورد مناقشه — /);
    expect(disputed.description).toContain(`⚠️ روایت‌ها در تعارض‌اند`);
    expect(disputed.footer.text).toMatch(/با روایت‌های متعارض از [۰-۹]+ پرسش$/);

    const search = await slash('search', { query: 'strike' }, fa);
    expectSafe(search);
    const found = search.body.data.embeds[0];
    expect(found.title).toMatch(/^جست‌وجو — «\u2068strike\u2069» در /);
    // Each result opens from the select menu under it, its placeholder in Persian.
    expect(search.body.data.components.at(-1).components[0]).toMatchObject({ type: 3, placeholder: 'باز کردن یک نتیجه…' });
    expect(found.footer.text).toMatch(/نتیجه/);

    const help = await slash('help', {}, fa);
    expectSafe(help);
    const commands = help.body.data.embeds[0];
    expect(commands.title).toBe('فرمان‌های Sitrep');
    expect(commands.description).toContain('`/statements` — آنچه یک طرف گفته');
    // The footer closes the list, which runs on into a second embed when it is long.
    expect(help.body.data.embeds.at(-1).description).toContain('`private:true` (فقط شما پاسخ را می‌بینید)');
  });
});

describe('corrections in /brief', () => {
  it('shows the corrections of the last seven days at the top, with what changed and why', async () => {
    const now = new Date();
    const event = bot.store.read().events.find((candidate) => candidate.status !== 'retracted')!;
    const author = { userId: '600000000000000001', userName: 'mod', guildId: standIn.guildIds[0]!, now };
    await bot.store.update((draft) => editEvent(draft, event.id, { title: 'A corrected title' }, event.revision, author, 'The first report named the wrong town'));
    const brief = await slash('brief');
    expectSafe(brief);
    const description: string = brief.body.data.embeds[0].description;
    // The first message counts them; its Corrections button lists them, each with what changed and why.
    expect(description).toContain('✏️ 1 correction in the last 7 days (Corrections)');
    const button = brief.body.data.components.flatMap((row: { components: Array<{ label: string; custom_id: string }> }) => row.components).find((candidate: { label: string }) => candidate.label === 'Corrections');
    const section = await standIn.interact(buttonInteraction({ applicationId: standIn.applicationId, customId: button.custom_id, message: brief.body.data }));
    expectSafe(section);
    expect(section.body.data.embeds[0].description).toMatch(/\*\*Correction\*\* \(<t:\d+:R>\): A corrected title — title was “.+” — The first report named the wrong town/);
  });
});

describe('lists a phone reads (issue 16 items 4–6)', () => {
  const own = (reply: RecordedRequest, customId: string, values: string[]) =>
    standIn.interact(selectInteraction({ customId, values, message: reply.body.data, applicationId: standIn.applicationId }));
  const menuOf = (reply: RecordedRequest) => reply.body.data.components.find((row: { components: Array<{ type: number }> }) => row.components[0]!.type === 3)?.components[0];

  it('/statements compare sets the sides side by side: an event heading, then one inline field per side; a heading continues after a page break', async () => {
    const first = await slash('statements', { side: 'iran', compare: 'pakistan' });
    expectSafe(first);
    const fields: Array<{ name: string; value: string; inline?: boolean }> = first.body.data.embeds[0].fields;
    expect(first.body.data.embeds[0].description).toBeUndefined();
    const heading = fields.findIndex((field) => field.name === "Iran condemns Pakistan's strikes and summons a Pakistani diplomat");
    expect(fields[heading]).toMatchObject({ value: '18 Jan 2024 · ⚠️ disputed' });
    expect(fields[heading]!.inline).toBeUndefined();
    expect(fields[heading + 1]).toMatchObject({ name: 'Iran', inline: true, value: expect.stringContaining('> “heavy casualties and damages”') });
    expect(fields[heading + 2]).toMatchObject({ name: 'Pakistan', inline: true });
    for (const field of fields) expect(field.value.length).toBeLessThanOrEqual(1024);
    const next = first.body.data.components[0].components[1];
    const second = await standIn.interact(buttonInteraction({ customId: next.custom_id, message: first.body.data, applicationId: standIn.applicationId }));
    expectSafe(second);
    // Iran's statements on that event continue on page 2, under the event's heading again.
    expect(second.body.data.embeds[0].fields[0].name).toBe("Iran condemns Pakistan's strikes and summons a Pakistani diplomat (continued)");
    expect(second.body.data.embeds[0].fields[1]).toMatchObject({ name: 'Iran', inline: true, value: expect.stringMatching(/^…/) });
  });

  it('/timeline pages by length (all ten events on one page) and its select menu opens an event privately, the list left as it was', async () => {
    const timeline = await slash('timeline');
    expectSafe(timeline);
    expect(timeline.body.data.embeds[0].footer.text).toBe('Page 1 of 1 · 10 events');
    const menu = menuOf(timeline);
    expect(menu.options).toHaveLength(10);
    expect(menu.placeholder).toBe('Open an event…');
    const kerman = menu.options.find((option: { label: string }) => option.label === 'Bomb attack in Kerman, Iran');
    expect(kerman).toMatchObject({ description: '3 Jan 2024', value: expect.stringMatching(/^e:[a-z0-9]+$/) });
    const opened = await own(timeline, menu.custom_id, [kerman.value]);
    expectSafe(opened);
    expect(opened.body.type).toBe(4);
    expect(opened.body.data.flags).toBe(64);
    expect(opened.body.data.embeds[0].title).toBe('Bomb attack in Kerman, Iran');
    expect(opened.body.data.embeds[0].description).toContain('**When:**');
  });

  it('/search’s select menu opens a statement, which names its event with a button to it; no “open with” text', async () => {
    const search = await slash('search', { query: 'terrorists' });
    expectSafe(search);
    expect(search.body.data.embeds[0].description).not.toContain('open with');
    const menu = menuOf(search);
    const statement = menu.options.find((option: { value: string }) => option.value.startsWith('s:'));
    expect(statement.label).toMatch(/^💬 Statement: /);
    const opened = await own(search, menu.custom_id, [statement.value]);
    expectSafe(opened);
    expect(opened.body.data.flags).toBe(64);
    expect(opened.body.data.embeds[0].title).toMatch(/^statement: /);
    expect(opened.body.data.embeds[0].description).toMatch(/^-# About: .* — /);
    const button = opened.body.data.components.at(-1).components[0];
    expect(button.label).toBe('Open the event');
    const event = await standIn.interact(buttonInteraction({ customId: button.custom_id, message: { ...opened.body.data, flags: 64 }, applicationId: standIn.applicationId }));
    expectSafe(event);
    expect(event.body.data.embeds[0].description).toContain('**When:**');
  });

  it('/claims’ select menu opens a claim, from anyone’s message and after a restart (everything is in the custom_id and value)', async () => {
    const claims = await slash('claims');
    expectSafe(claims);
    const menu = menuOf(claims);
    expect(menu.placeholder).toBe('Open a claim…');
    const summoned = menu.options.find((option: { label: string }) => option.label === "Whom did Iran summon after Pakistan's strikes?");
    expect(summoned).toMatchObject({ description: 'accounts conflict', value: expect.stringMatching(/^c:/) });
    await bot.stop();
    bot = await startSitrep(env, { logger: captureLogger().logger });
    const someoneElse = { id: '200000000000000009', username: 'someone-else' };
    const opened = await standIn.interact(
      selectInteraction({ customId: menu.custom_id, values: [summoned.value], message: claims.body.data, user: someoneElse, applicationId: standIn.applicationId }),
    );
    expectSafe(opened);
    expect(opened.body.type).toBe(4);
    expect(opened.body.data.flags).toBe(64);
    expect(opened.body.data.embeds[0].title).toBe("claim: Whom did Iran summon after Pakistan's strikes?");
    expect(opened.body.data.embeds[0].description).toContain("**Whom did Iran summon after Pakistan's strikes?** · ⚠️ accounts conflict");
    // A choice whose item has left the story (or a made-up one) is refused politely.
    const gone = await own(claims, menu.custom_id, ['c:zzzzzz']);
    expect(gone.body.data).toMatchObject({ flags: 64, content: expect.stringContaining('no longer in the story') });
  });
});
