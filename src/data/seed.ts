import { readFile } from 'node:fs/promises';
import { parseStoryBundle } from './bundle.js';
import { SCHEMA_VERSION, type StoreData, type StoryBundle } from './schema.js';

/** The stories Sitrep ships with, as data files beside this module. */
const BUNDLED_STORY_FILES = ['iran-pakistan-2024.json'];

export async function loadBundledStories(): Promise<StoryBundle[]> {
  return Promise.all(
    BUNDLED_STORY_FILES.map(async (file) =>
      parseStoryBundle(JSON.parse(await readFile(new URL(`./stories/${file}`, import.meta.url), 'utf8'))),
    ),
  );
}

export function storeDataFrom(bundles: readonly StoryBundle[]): StoreData {
  return {
    schemaVersion: SCHEMA_VERSION,
    stories: bundles.map((bundle) => bundle.story),
    actors: bundles.flatMap((bundle) => bundle.actors),
    sources: bundles.flatMap((bundle) => bundle.sources),
    events: bundles.flatMap((bundle) => bundle.events),
    statements: bundles.flatMap((bundle) => bundle.statements),
    claims: bundles.flatMap((bundle) => bundle.claims),
    audit: [],
    guilds: [],
    schedules: [],
    previews: [],
    intakes: [],
    positions: bundles.flatMap((bundle) => bundle.positions),
  };
}

/** The store a first run starts from: every bundled story. */
export async function bundledStoreData(): Promise<StoreData> {
  return storeDataFrom(await loadBundledStories());
}
