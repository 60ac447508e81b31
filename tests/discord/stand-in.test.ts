import { Client, Events, GatewayIntentBits, Routes, type Interaction } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocompleteInteraction, buttonInteraction, chatInputInteraction, modalSubmitInteraction } from './interactions.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn } from './stand-in.js';

/** The stand-in itself, checked with a bare discord.js client and no project code. */
let standIn: DiscordStandIn;
let client: Client;
let handler: (interaction: Interaction) => Promise<void> = async () => {};

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standIn.apiUrl } });
  client.on(Events.InteractionCreate, (interaction) => void handler(interaction));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login('test-token');
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await standIn?.close();
});

const app = () => ({ applicationId: standIn.applicationId });

describe('the Discord stand-in', () => {
  it('lets the real client log in and cache the guild and its channels', () => {
    expect(client.isReady()).toBe(true);
    expect(client.guilds.cache.get(DEFAULT_GUILD_ID)?.channels.cache.has(DEFAULT_CHANNEL_ID)).toBe(true);
    expect(standIn.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', headers: { authorization: 'Bot test-token' } });
  });

  it('records reply, edit and follow-up of a chat-input interaction', async () => {
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: `hi ${interaction.options.getString('who')}`, allowedMentions: { parse: [] } });
      await interaction.editReply({ content: 'edited' });
      await interaction.followUp({ content: 'more' });
    };
    const interaction = chatInputInteraction({ ...app(), name: 'greet', options: { who: 'you' } });
    const callback = await standIn.interact(interaction);
    expect(callback.body).toEqual({ type: 4, data: expect.objectContaining({ content: 'hi you', allowed_mentions: { parse: [] } }) });
    const edit = await standIn.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`${interaction.token}/messages/@original`));
    expect(edit.body.content).toBe('edited');
    const followUp = await standIn.waitForRequest((r) => r.method === 'POST' && r.path === `/webhooks/${standIn.applicationId}/${interaction.token}`);
    expect(followUp.body.content).toBe('more');
  });

  it('carries autocomplete, buttons and modals', async () => {
    handler = async (interaction) => {
      if (interaction.isAutocomplete()) await interaction.respond([{ name: interaction.options.getFocused(), value: 'x' }]);
      if (interaction.isButton()) await interaction.update({ content: `clicked ${interaction.customId} by ${interaction.user.id}` });
      if (interaction.isModalSubmit()) {
        await interaction.reply({ content: `${interaction.fields.getTextInputValue('title')} ${interaction.fields.getStringSelectValues('sides').join('+')}` });
      }
    };
    const auto = await standIn.interact(autocompleteInteraction({ ...app(), name: 'greet', options: { who: 'yo' }, focused: 'who' }));
    expect(auto.body).toEqual({ type: 8, data: { choices: [{ name: 'yo', value: 'x' }] } });
    const button = await standIn.interact(buttonInteraction({ ...app(), customId: 'b:1', message: { content: 'before' } }));
    expect(button.body).toMatchObject({ type: 7, data: { content: 'clicked b:1 by 700000000000000001' } });
    const modal = await standIn.interact(modalSubmitInteraction({ ...app(), customId: 'm', fields: { title: 'T', sides: ['a', 'b'] } }));
    expect(modal.body.data.content).toBe('T a+b');
  });

  it('posts channel messages, retrying a 429, and records command registration', async () => {
    standIn.addFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, respond: { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.05, global: false }, headers: { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' } } });
    const channel = await client.channels.fetch(DEFAULT_CHANNEL_ID);
    if (!channel?.isSendable()) throw new Error('not sendable');
    const sent = await channel.send({ content: 'posted', allowedMentions: { parse: [] } });
    expect(sent.content).toBe('posted');
    const posts = standIn.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${DEFAULT_CHANNEL_ID}/messages`);
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    await client.rest.put(Routes.applicationGuildCommands(standIn.applicationId, DEFAULT_GUILD_ID), { body: [{ name: 'x', description: 'y' }] });
    expect((await standIn.waitForRequest((r) => r.method === 'PUT')).path).toBe(`/applications/${standIn.applicationId}/guilds/${DEFAULT_GUILD_ID}/commands`);
  });

  it('injects faults after the effect, delays without a status, calls onMatch, and counts what it injected', async () => {
    standIn.reset();
    const channel = await client.channels.fetch(DEFAULT_CHANNEL_ID);
    if (!channel?.isSendable()) throw new Error('not sendable');
    const matched: string[] = [];
    // Discord posts the message, then answers 500: the client's retry with the same enforced nonce gets it back.
    standIn.addFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, applied: true, onMatch: (r) => matched.push(r.path), respond: { status: 500 } });
    const sent = await channel.send({ content: 'once', nonce: 'n-1', enforceNonce: true });
    const posts = standIn.requests.filter((r) => r.path === `/channels/${DEFAULT_CHANNEL_ID}/messages`);
    expect(posts.map((r) => [r.status, r.fault])).toEqual([
      [500, { applied: true }],
      [200, undefined],
    ]);
    expect(standIn.channelMessages(DEFAULT_CHANNEL_ID).map((m) => m.id)).toEqual([sent.id]);
    expect(matched).toEqual([`/channels/${DEFAULT_CHANNEL_ID}/messages`]);
    // Without a status, the usual answer, late.
    standIn.addFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, respond: { delayMs: 150 } });
    const started = Date.now();
    await channel.send({ content: 'late' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(standIn.channelMessages(DEFAULT_CHANNEL_ID).map((m) => m.content)).toEqual(['once', 'late']);
    expect(standIn.faultsInjected).toBe(2);
    standIn.reset();
    expect(standIn.faultsInjected).toBe(0);
  });

  it('answers unknown routes with a fast 404', async () => {
    const response = await fetch(`${standIn.apiUrl}/v10/nothing/here`);
    expect(response.status).toBe(404);
  });
});
