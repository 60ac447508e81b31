import { describe, expect, it } from 'vitest';
import { resolveStory } from '../../src/briefing/query/queries.js';
import { runCommand } from '../../src/commands/shared.js';
import { commands } from '../../src/commands/index.js';
import { parseConfig } from '../../src/config.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { applyImport } from '../../src/data/story-transfer.js';
import type { StoreData } from '../../src/data/schema.js';
import { testEvent, testSource, testStory, STORY_ID } from '../fixtures/story.js';
import { tempStore, testContext } from '../fixtures/temp-store.js';

const FIRST = 'iran-pakistan-2024';
const GUILD = '900000000000000001';

/** The bundled story first, then a second story updated later (the old fallback's "latest"). */
async function twoStories(): Promise<StoreData> {
  const data = await bundledStoreData();
  data.stories.push(testStory({ updatedAt: '2030-01-01T00:00:00Z' }));
  data.sources.push(testSource(1));
  data.events.push(testEvent(1));
  return data;
}

describe('the default story moves only when someone moves it', () => {
  it('is the server’s choice, else SITREP_DEFAULT_STORY, else the story first loaded — never the latest updated', async () => {
    const data = await twoStories();
    expect(resolveStory(data, { guildId: GUILD }).id).toBe(FIRST);
    expect(resolveStory(data, { guildId: GUILD, defaultStoryId: STORY_ID }).id).toBe(STORY_ID);
    expect(resolveStory(data, { guildId: GUILD, defaultStoryId: 'gone' }).id).toBe(FIRST);
    data.guilds.push({ guildId: GUILD, storyId: FIRST, moderatorRoleIds: [], subscriptions: [] });
    expect(resolveStory(data, { guildId: GUILD, defaultStoryId: STORY_ID }).id).toBe(FIRST);
    expect(resolveStory(data, { storyId: STORY_ID, guildId: GUILD }).id).toBe(STORY_ID);
  });

  it('reads SITREP_DEFAULT_STORY as a story id and refuses anything else in one line', () => {
    expect(parseConfig({ SITREP_DEFAULT_STORY: 'test-story' }).defaultStoryId).toBe('test-story');
    expect(parseConfig({ SITREP_DEFAULT_STORY: '' }).defaultStoryId).toBeUndefined();
    expect(() => parseConfig({ SITREP_DEFAULT_STORY: 'Not A Story!' })).toThrow(/^SITREP_DEFAULT_STORY must be a story id/);
  });

  it('/brief keeps the same story after another story is imported and edited', async () => {
    const store = await tempStore(bundledStoreData);
    const brief = commands.find((command) => command.data.name === 'brief')!;
    const title = async (overrides = {}) => {
      const reply = await runCommand(brief, { options: {} }, testContext(store, { guildId: GUILD, ...overrides }));
      return 'embeds' in reply ? reply.embeds?.[0]?.title : undefined;
    };
    const before = await title();
    expect(before).toContain('Iran–Pakistan');
    const second = await twoStories();
    await store.update((draft) => {
      applyImport(
        draft,
        { story: second.stories.at(-1)!, sources: [testSource(1)], events: [testEvent(1)], actors: [], statements: [], claims: [], positions: [] },
        { userId: 'import', userName: 'import', guildId: null, now: new Date('2030-01-02T00:00:00Z') },
        'second.json',
      );
    });
    expect(await title()).toBe(before);
    expect(await title({ defaultStoryId: STORY_ID })).toContain('A test story');
  });
});
