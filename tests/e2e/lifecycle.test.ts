import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Events, SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep } from '../../src/app.js';
import { createClient } from '../../src/bot/client.js';
import { createInteractionRouter } from '../../src/bot/router.js';
import type { Command } from '../../src/commands/types.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { stateOnDisk, tempDir, tempStore } from '../fixtures/temp-store.js';
import { chatInputInteraction, PERMISSIONS } from '../discord/interactions.js';
import { startDiscordStandIn, type DiscordStandIn } from '../discord/stand-in.js';

const SECRET = 'very-secret-token-part';
const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.abc.${SECRET}`;

let standIn: DiscordStandIn;
beforeAll(async () => {
  standIn = await startDiscordStandIn();
});
afterAll(async () => {
  await standIn?.close();
});

describe('the one error path', () => {
  it('answers a bug with "something went wrong (ref …)" and logs it once with the same ref, never the token', async () => {
    const boom: Command = {
      data: new SlashCommandBuilder().setName('boom').setDescription('fails').toJSON(),
      execute: () => {
        throw new Error('kaboom at /srv/secret/path.ts:12');
      },
    };
    const logs = captureLogger();
    const client = createClient(standIn.apiUrl);
    const route = createInteractionRouter({
      commands: [boom],
      store: await tempStore(),
      logger: logs.logger,
      timeZone: 'UTC',
      editorialGuildIds: [],
    });
    client.on(Events.InteractionCreate, (interaction) => void route(interaction));
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(TOKEN);
    await ready;
    try {
      const callback = await standIn.interact(chatInputInteraction({ applicationId: standIn.applicationId, name: 'boom' }));
      expect(callback.body.data.flags).toBe(64);
      const ref = /ref `([0-9a-f]{8})`/.exec(callback.body.data.content)?.[1];
      expect(ref).toBeDefined();
      expect(callback.body.data.content).not.toContain('kaboom');
      const errors = logs.lines().filter((line) => line.level === 50);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ ref, msg: 'interaction failed', interaction: { command: 'boom' } });
      expect(logs.raw()).not.toContain(SECRET);
    } finally {
      await client.destroy();
    }
  });
});

describe('shutdown', () => {
  it('lets the interaction in flight finish (its write on disk, its reply sent) before disconnecting', async () => {
    const dataFile = join(await tempDir(), 'sitrep.json');
    const bot = await startSitrep(
      { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile },
      { logger: captureLogger().logger },
    );
    standIn.addFault({ method: 'POST', path: /\/callback$/, respond: { status: 204, delayMs: 300 } });
    const interaction = chatInputInteraction({
      applicationId: standIn.applicationId,
      name: 'story',
      subcommand: 'use',
      options: { story: 'iran-pakistan-2024' },
      memberPermissions: PERMISSIONS.manageServer,
    });
    standIn.dispatch('INTERACTION_CREATE', interaction);
    // Stop as soon as the write is on disk, while the reply is still on its way.
    for (let i = 0; i < 100 && (await stateOnDisk(dataFile)).guilds[0]?.storyId !== 'iran-pakistan-2024'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await bot.stop();
    const callback = standIn.requests.find((r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
    expect(callback?.body.data.content).toContain('default story is now');
    expect((await stateOnDisk(dataFile)).guilds[0]?.storyId).toBe('iran-pakistan-2024');
  });
});

describe('a data file edited by hand while the bot runs', () => {
  it('is never overwritten: the next write is refused with a plain reply, the file stays as edited, the log says to restart', async () => {
    const dataFile = join(await tempDir(), 'sitrep.json');
    const logs = captureLogger();
    const bot = await startSitrep({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile }, { logger: logs.logger });
    const edited = { ...JSON.parse(await readFile(dataFile, 'utf8')), stories: [] as unknown[] };
    edited.stories = (await stateOnDisk(dataFile)).stories.map((story) => ({ ...story, title: 'Edited by hand' }));
    const text = JSON.stringify(edited);
    await writeFile(dataFile, text);
    const callback = await standIn.interact(
      chatInputInteraction({ applicationId: standIn.applicationId, name: 'story', subcommand: 'use', options: { story: 'iran-pakistan-2024' }, memberPermissions: PERMISSIONS.manageServer }),
    );
    expect(callback.body.data.content).toMatch(/^Nothing was saved: the story’s data file was changed outside Sitrep/);
    expect(callback.body.data.flags).toBe(64);
    await bot.stop();
    expect(await readFile(dataFile, 'utf8')).toBe(text);
    expect(logs.raw()).toContain('Restart the bot to load the file as it is now');
  });
});
