import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { ConfigError } from '../../src/config.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { testEvent, testSource, testStory } from '../fixtures/story.js';
import { tempDir } from '../fixtures/temp-store.js';
import { chatInputInteraction } from '../discord/interactions.js';
import { DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn } from '../discord/stand-in.js';

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.default.story`;

let standIn: DiscordStandIn;
const running: RunningBot[] = [];
beforeAll(async () => {
  standIn = await startDiscordStandIn();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((bot) => bot.stop()));
  standIn.reset();
});
afterAll(async () => {
  await standIn?.close();
});

/** The bundled story first, then one updated later: the old fallback ("the latest") picked the second. */
async function twoStories(): Promise<string> {
  const file = join(await tempDir(), 'sitrep.json');
  const data = await bundledStoreData();
  data.stories.push(testStory({ updatedAt: '2030-01-01T00:00:00Z' }));
  data.sources.push(testSource(1));
  data.events.push(testEvent(1));
  await writeFile(file, JSON.stringify(data));
  return file;
}

async function start(file: string, env: NodeJS.ProcessEnv = {}) {
  const bot = await startSitrep(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: file, DISCORD_GUILD_ID: DEFAULT_GUILD_ID, ...env },
    { logger: captureLogger().logger },
  );
  running.push(bot);
  return bot;
}

const briefTitle = async () =>
  (await standIn.interact(chatInputInteraction({ applicationId: standIn.applicationId, name: 'brief' }))).body.data.embeds[0].title as string;

describe('a server’s default story, through /brief', () => {
  it('is the story first loaded, not the one updated last', async () => {
    await start(await twoStories());
    expect(await briefTitle()).toBe('Briefing — Iran–Pakistan cross-border strikes, January 2024');
  });

  it('is SITREP_DEFAULT_STORY when set', async () => {
    await start(await twoStories(), { SITREP_DEFAULT_STORY: 'test-story' });
    expect(await briefTitle()).toBe('Briefing — A test story');
  });

  it('a SITREP_DEFAULT_STORY that names no story stops the start with one line', async () => {
    const failed = await start(await twoStories(), { SITREP_DEFAULT_STORY: 'no-such-story' }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ConfigError);
    expect((failed as Error).message).toMatch(/^SITREP_DEFAULT_STORY is "no-such-story", which is no story in .*: set it to one of iran-pakistan-2024, test-story/);
  });
});
