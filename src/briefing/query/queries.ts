import { foldKey } from '../../text/fold.js';
import { compareDates, firstDayOf, lastDayOf } from '../../data/dates.js';
import { compareRanges, eventBounds, overlaps } from '../../data/date-range.js';
import type { Actor, Claim, SitrepEvent, Source, Statement, StoreData, Story } from '../../data/schema.js';
import { safe } from '../render/format.js';
import { followChanges } from '../cache/follow-changes.js';
import { memoByState } from '../cache/memo.js';
import { incrementalByState } from '../cache/incremental.js';
import { UserError } from '../reply/reply.js';
import { listedStories } from '../../data/story-admin.js';
import { savedSettings } from '../../data/guild-settings.js';

type Data = Readonly<StoreData>;

/**
 * The story a command is about: the one asked for, else the server's default, else the only
 * (or most recently updated) story in the store.
 */
/**
 * The story asked for, else the server's (`/story use`), else the deployment's default
 * (`SITREP_DEFAULT_STORY`), else the story first loaded (first in the store). Never "the latest":
 * importing or editing a story must not change what any server reads by default.
 */
export function resolveStory(data: Data, request: { storyId?: string; guildId?: string | null; defaultStoryId?: string }): Story {
  if (data.stories.length === 0) throw new UserError('There are no stories in the store yet.');
  if (request.storyId) {
    const story = data.stories.find((candidate) => candidate.id === request.storyId);
    if (!story) {
      throw new UserError(`There is no story \`${request.storyId}\`. Stories: ${listIds(data.stories)}.`);
    }
    return story;
  }
  // The default rule, over the stories this server has not archived: its `/story use` choice, else
  // SITREP_DEFAULT_STORY, else the first story. A story named by id is found even when archived here.
  const listed = listedStories(data, request.guildId);
  if (listed.length === 0) throw new UserError('Every story is archived on this server: a manager or moderator can bring one back with `/story unarchive`.');
  const defaultId = savedSettings(data, request.guildId)?.storyId;
  const byDefault = defaultId && listed.find((story) => story.id === defaultId);
  if (byDefault) return byDefault;
  const configured = request.defaultStoryId && listed.find((story) => story.id === request.defaultStoryId);
  return configured || listed[0]!;
}

/** A side of the story by id, name or alias (case-insensitive), or a UserError listing the sides. */
export function resolveSide(story: Story, query: string) {
  const wanted = foldKey(query);
  const side = story.sides.find(
    (candidate) =>
      candidate.id === wanted ||
      foldKey(candidate.name) === wanted ||
      candidate.aliases.some((alias) => foldKey(alias) === wanted),
  );
  if (!side) throw new UserError(`There is no side \`${query}\` in this story. Sides: ${listIds(story.sides)}.`);
  return side;
}

export type TimelineOrder = 'oldest' | 'newest';

export interface TimelineFilter {
  storyId: string;
  sideId?: string;
  actorId?: string;
  /** Calendar bounds (`2024`, `2024-01`, `2024-01-16`), inclusive. */
  from?: string;
  to?: string;
  order?: TimelineOrder;
}

/** The story's events that readers may see (never retracted ones), in chronological order; `from`/`to` keep what overlaps them. */
export function timelineEvents(data: Data, filter: TimelineFilter): SitrepEvent[] {
  const from = filter.from && firstDayOf(filter.from);
  const to = filter.to && lastDayOf(filter.to);
  const events = visibleEvents(data, filter.storyId)
    .filter((event) => !filter.sideId || event.sideIds.includes(filter.sideId))
    .filter((event) => !filter.actorId || event.actorIds.includes(filter.actorId))
    .filter((event) => (!from && !to) || overlaps(eventBounds(event), from, to));
  return filter.order === 'newest' ? events.reverse() : events;
}

/**
 * Every event of the story except retracted ones, oldest first. Sorted once, then kept in order
 * as writes come in; shared: callers must not change the array (copy it first).
 */
export const visibleEvents: (data: Data, storyId: string) => readonly SitrepEvent[] = incrementalByState(
  (data, storyId) => data.events.filter((event) => isVisibleIn(storyId, event)).sort(chronological),
  (events, _data, storyId, changes) =>
    followChanges(events, changes, 'events', storyId, (event) => isVisibleIn(storyId, event), chronological),
);

const isVisibleIn = (storyId: string, event: SitrepEvent) => event.storyId === storyId && event.status !== 'retracted';

export function resolveActor(data: Data, story: Story, query: string): Actor {
  const wanted = foldKey(query);
  const actors = data.actors.filter((actor) => actor.storyId === story.id);
  const actor = actors.find((candidate) => candidate.id === wanted || foldKey(candidate.name) === wanted);
  if (!actor) {
    throw new UserError(`There is no actor \`${query}\` in this story. Try the list that appears as you type, or \`/search\`.`);
  }
  return actor;
}

/**
 * The story's event with this id. A retracted one is "no event" to every command but `/event`, which
 * passes `retracted: true`: a retracted record stays reachable by its id and says why it was retracted.
 */
export function resolveEvent(data: Data, story: Story, id: string, options: { retracted?: boolean } = {}): SitrepEvent {
  const event = data.events.find((candidate) => candidate.id === id.trim() && candidate.storyId === story.id);
  if (!event || (event.status === 'retracted' && !options.retracted)) {
    throw new UserError(`There is no event \`${id}\` in **${safe(story.title)}**. Pick one from the list as you type, or find it with \`/search\`.`);
  }
  return event;
}

export interface StatementFilter {
  storyId: string;
  sideId?: string;
  /** Part of the speaker's name, any case. */
  speaker?: string;
  eventId?: string;
  /** Retracted statements too (an event's page shows them with their retraction); lists leave them out. */
  retracted?: boolean;
}

/** A story's statements, oldest first (by when said — the earliest bound of a range — then as recorded); sorted once, then kept in order. */
const storyStatements = incrementalByState(
  (data, storyId: string) =>
    data.statements
      .filter((statement) => isStoryStatement(storyId, statement))
      .map((statement, order) => ({ statement, order }))
      .sort((a, b) => byWhenSaid(a.statement, b.statement) || a.order - b.order)
      .map(({ statement }) => statement),
  (statements, _data, storyId, changes) =>
    followChanges(statements, changes, 'statements', storyId, (statement) => isStoryStatement(storyId, statement), byWhenSaid),
);

/**
 * The index holds every statement of the story, retracted ones too: readers' lists skip those
 * (`filterStatements`), an event's page shows them with their retraction.
 */
const isStoryStatement = (storyId: string, statement: Statement) => statement.storyId === storyId;

const byWhenSaid = (a: Statement, b: Statement) => compareRanges(a.saidAt, a.saidUntil, b.saidAt, b.saidUntil);

/** Statements, oldest first, narrowed by side, speaker (part of the name, any case) and event. */
export function statementsOf(data: Data, filter: StatementFilter): readonly Statement[] {
  return selectedStatements(data, filter);
}

/** Each distinct selection is made once per store state. */
const selectedStatements = memoByState(filterStatements, (filter: StatementFilter) => [filter.storyId, filter.sideId, filter.speaker, filter.eventId, filter.retracted ?? false]);

function filterStatements(data: Data, filter: StatementFilter): Statement[] {
  const speaker = filter.speaker === undefined ? undefined : foldKey(filter.speaker);
  return storyStatements(data, filter.storyId).filter(
    (statement) =>
      (filter.retracted || !statement.retraction) &&
      (!filter.sideId || statement.sideId === filter.sideId) &&
      (!speaker || foldKey(statement.speaker).includes(speaker)) &&
      (!filter.eventId || statement.eventId === filter.eventId),
  );
}

/** The story's claims, narrowed by event and kind; retracted ones only when asked (an event's page shows them with their retraction). */
export function claimsOf(data: Data, storyId: string, filter: { eventId?: string; kind?: Claim['kind']; retracted?: boolean } = {}): Claim[] {
  return data.claims.filter(
    (claim) =>
      claim.storyId === storyId &&
      (filter.retracted || !claim.retraction) &&
      (!filter.eventId || claim.eventId === filter.eventId) &&
      (!filter.kind || claim.kind === filter.kind),
  );
}

/**
 * One event with the statements and claims about it: what `/event` and breaking-update posts show.
 * Retracted statements and claims stay on their event's page (marked, with why), so they remain reachable.
 */
export function eventView(data: Data, event: SitrepEvent) {
  return {
    event,
    statements: statementsOf(data, { storyId: event.storyId, eventId: event.id, retracted: true }),
    claims: claimsOf(data, event.storyId, { eventId: event.id, retracted: true }),
  };
}

export function actorsOf(data: Data, storyId: string): Actor[] {
  return data.actors.filter((actor) => actor.storyId === storyId);
}

/**
 * Oldest first by the earliest bound (`compareBounds`: on the same start a single date before a range,
 * a shorter range before a longer); ties broken by when the event was recorded, then by id, so the order is stable.
 */
export function chronological(a: SitrepEvent, b: SitrepEvent): number {
  return (
    compareRanges(a.occurredAt, a.occurredUntil, b.occurredAt, b.occurredUntil) ||
    compareDates(a.createdAt, b.createdAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * The story's sources in the order they were added, but retracted ones (no live record cites them:
 * `retractRecord` refuses otherwise); a source's citation number is its place here.
 */
export function storySources(data: Data, storyId: string): Source[] {
  return data.sources.filter((source) => source.storyId === storyId && !source.retraction);
}

export function citationNumbers(sources: readonly Source[]): Map<string, number> {
  return new Map(sources.map((source, index) => [source.id, index + 1]));
}

function listIds(items: ReadonlyArray<{ id: string }>): string {
  return items.map((item) => `\`${item.id}\``).join(', ');
}
