import { compareDates } from '../data/dates.js';
import type { SitrepEvent, Source, StoreData, Story } from '../data/schema.js';
import { UserError } from './reply.js';

type Data = Readonly<StoreData>;

/**
 * The story a command is about: the one asked for, else the server's default, else the only
 * (or most recently updated) story in the store.
 */
export function resolveStory(data: Data, request: { storyId?: string; guildId?: string | null }): Story {
  if (data.stories.length === 0) throw new UserError('There are no stories in the store yet.');
  if (request.storyId) {
    const story = data.stories.find((candidate) => candidate.id === request.storyId);
    if (!story) {
      throw new UserError(`There is no story \`${request.storyId}\`. Stories: ${listIds(data.stories)}.`);
    }
    return story;
  }
  const defaultId = data.guilds.find((guild) => guild.guildId === request.guildId)?.storyId;
  const byDefault = defaultId && data.stories.find((story) => story.id === defaultId);
  if (byDefault) return byDefault;
  return [...data.stories].sort((a, b) => compareDates(b.updatedAt, a.updatedAt))[0]!;
}

/** A side of the story by id, name or alias (case-insensitive), or a UserError listing the sides. */
export function resolveSide(story: Story, query: string) {
  const wanted = query.trim().toLowerCase();
  const side = story.sides.find(
    (candidate) =>
      candidate.id === wanted ||
      candidate.name.toLowerCase() === wanted ||
      candidate.aliases.some((alias) => alias.toLowerCase() === wanted),
  );
  if (!side) throw new UserError(`There is no side \`${query}\` in this story. Sides: ${listIds(story.sides)}.`);
  return side;
}

export type TimelineOrder = 'oldest' | 'newest';

export interface TimelineFilter {
  storyId: string;
  sideId?: string;
  order?: TimelineOrder;
}

/** The story's events that readers may see (never retracted ones), in chronological order. */
export function timelineEvents(data: Data, filter: TimelineFilter): SitrepEvent[] {
  const events = data.events
    .filter((event) => event.storyId === filter.storyId && event.status !== 'retracted')
    .filter((event) => !filter.sideId || event.sideIds.includes(filter.sideId))
    .sort(chronological);
  return filter.order === 'newest' ? events.reverse() : events;
}

/** Oldest first; ties broken by when the event was recorded, then by id, so the order is stable. */
export function chronological(a: SitrepEvent, b: SitrepEvent): number {
  return (
    compareDates(a.occurredAt, b.occurredAt) ||
    compareDates(a.createdAt, b.createdAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The story's sources in the order they were added; a source's citation number is its place here. */
export function storySources(data: Data, storyId: string): Source[] {
  return data.sources.filter((source) => source.storyId === storyId);
}

export function citationNumbers(sources: readonly Source[]): Map<string, number> {
  return new Map(sources.map((source, index) => [source.id, index + 1]));
}

function listIds(items: ReadonlyArray<{ id: string }>): string {
  return items.map((item) => `\`${item.id}\``).join(', ');
}
