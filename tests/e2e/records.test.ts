import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { limitViolations } from '../../src/briefing/reply/limits.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { stateOnDisk, tempDir } from '../fixtures/temp-store.js';
import { buttonInteraction, chatInputInteraction, modalSubmitInteraction, PERMISSIONS, type Invoker } from '../discord/interactions.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn, type RecordedRequest } from '../discord/stand-in.js';

/** Issue 14, items 1 and 6, through the real discord.js client against the stand-in. */
const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.records.secret`;
const MODERATOR: Invoker = { id: '600000000000000011', username: 'mod' };
const READER = { user: { id: '600000000000000012', username: 'reader' }, memberPermissions: PERMISSIONS.none };
const asModerator = { user: MODERATOR, memberPermissions: PERMISSIONS.manageMessages };

let standIn: DiscordStandIn;
let bot: RunningBot;
let dataFile: string;

beforeAll(async () => {
  standIn = await startDiscordStandIn({ guilds: [{ id: DEFAULT_GUILD_ID, channels: [{ id: DEFAULT_CHANNEL_ID, name: 'general' }], roles: [] }] });
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
const slash = (name: string, subcommand: string | undefined, options: Record<string, string | number | boolean>, who: { user: Invoker; memberPermissions: string } = READER, extra: Record<string, unknown> = {}) =>
  standIn.interact(chatInputInteraction({ ...app(), ...who, name, subcommand, options, ...extra }));

function expectSafe(callback: RecordedRequest) {
  expect(callback.body.data.allowed_mentions).toEqual({ parse: [] });
  expect(limitViolations(callback.body.data)).toEqual([]);
}

const description = (callback: RecordedRequest): string => callback.body.data.embeds[0].description;

describe('dates as ranges, through Discord', () => {
  it('/timeline from:2024-01-17 keeps the 16–18 January condemnation, shown as a range, before Pakistan’s strikes', async () => {
    const reply = await slash('timeline', undefined, { from: '2024-01-17' });
    expectSafe(reply);
    const text = description(reply);
    expect(text).toContain('**16–18 Jan 2024** — Pakistan condemns Iran');
    expect(text).not.toContain('January 2024**');
    expect(text.indexOf('Pakistan condemns Iran')).toBeLessThan(text.indexOf('Pakistan strikes targets in Iran'));
    expect(text).not.toContain('Iran strikes Jaish al-Adl');
  });

  it('/statements side:pakistan puts an 18 January statement first, not the 16–18 January warning', async () => {
    const reply = await slash('statements', undefined, { side: 'pakistan' });
    expectSafe(reply);
    const text = description(reply);
    expect(text.indexOf('· 18 Jan 2024')).toBeGreaterThan(0);
    // Newest first: the 16–18 January warning comes after every 18 January statement (a page now holds them all).
    expect(text.indexOf('16–18 Jan 2024')).toBeGreaterThan(text.lastIndexOf('· 18 Jan 2024'));
    const warning = await slash('statements', undefined, { side: 'pakistan', event: 'pakistan-condemns-iran-strike' });
    expect(description(warning)).toContain('> “serious consequences”\n— **Pakistan** · 16–18 Jan 2024 [1]');
  });

  it('shows the range in Urdu and Persian too', async () => {
    const ur = await slash('event', undefined, { id: 'pakistan-condemns-iran-strike' }, READER, { locale: 'ur' });
    expect(description(ur)).toContain('16–18 جنوری 2024');
    await slash('settings', 'language', { language: 'fa' }, { user: MODERATOR, memberPermissions: PERMISSIONS.manageServer });
    const fa = await slash('timeline', undefined, { from: '2024-01-17' });
    expect(description(fa)).toMatch(/۱۶ تا ۱۸ ژانویه/);
    await slash('settings', 'language', { language: 'en' }, { user: MODERATOR, memberPermissions: PERMISSIONS.manageServer });
  });
});

describe('disputes that say what kind, through Discord', () => {
  it('/claims says "accounts conflict" or "accounts differ in detail", never "disputed" beside "agree"; /brief lists only conflicts', async () => {
    const claims = await slash('claims', undefined, {});
    expectSafe(claims);
    const text = description(claims);
    expect(text).toContain("**Whom did Iran summon after Pakistan's strikes?** · ⚠️ accounts conflict");
    expect(text).not.toMatch(/⚠️ disputed/);
    for (const block of text.split('\n\n')) if (block.includes('accounts conflict') || block.includes('differ in detail')) expect(block).not.toMatch(/\] agree:/);
    const brief = await slash('brief', undefined, {});
    expect(JSON.stringify(brief.body.data)).not.toContain('killed and wounded in Iran');
  });

  it('/claim account kind: sets the kind, the preview says so and what the positions suggest, and Confirm stores it', async () => {
    const opened = await slash('claim', 'account', { claim: 'kerman-bombing-responsibility', source: 'world-news-desk', kind: 'detail' }, asModerator);
    expect(opened.body.type).toBe(9);
    const customId: string = opened.body.data.custom_id;
    expect(customId.endsWith(':detail')).toBe(true);
    const preview = await standIn.interact(
      modalSubmitInteraction({ ...app(), ...asModerator, customId, fields: { position: 'Israeli connection', account: 'Another report of the same attribution.', via: '' } }),
    );
    expectSafe(preview);
    const shown = JSON.stringify(preview.body.data);
    expect(shown).toContain('Kind: accounts differ in detail, as you set it (the positions suggest: accounts conflict)');
    expect(shown).toContain('accounts differ in detail');
    const button = preview.body.data.components[0].components.find((component: { label: string }) => component.label === 'Confirm');
    const saved = await standIn.interact(buttonInteraction({ ...app(), ...asModerator, invoker: MODERATOR, customId: button.custom_id, message: { ...preview.body.data, flags: 64 } }));
    expect(saved.body.type).toBe(7);
    const state = await stateOnDisk(dataFile);
    const claim = state.claims.find((c) => c.id === 'kerman-bombing-responsibility')!;
    expect(claim).toMatchObject({ kind: 'detail' });
    expect(claim.accounts).toHaveLength(3);
  });
});
