import type { Claim, SitrepEvent, Statement, StoreData, Story } from '../data/schema.js';
import { compareDates } from '../data/dates.js';
import { memoByState } from './memo.js';
import { claimsOf, statementsOf, visibleEvents } from './queries.js';
import { isOnOrAfter, type Since } from './time-input.js';

export interface Briefing {
  story: Story;
  /** Every visible event in range, oldest first. */
  events: SitrepEvent[];
  /** The most significant, then most recent, developments. */
  developments: SitrepEvent[];
  /** Each side's latest statement, in the story's side order. */
  positions: Statement[];
  disputes: Claim[];
  since?: Since;
}

const DEVELOPMENTS = 5;

/** Everything `/brief` shows, composed deterministically from the store. */
/** The whole-story briefing (no `since`), composed once per store state. */
const wholeStoryBriefing = memoByState((data: Readonly<StoreData>, storyId: string) =>
  briefingOf(data, data.stories.find((story) => story.id === storyId)!, undefined, 'occurred'),
);

export function composeBriefing(data: Readonly<StoreData>, story: Story, since?: Since, newMeans: 'occurred' | 'recorded' = 'occurred'): Briefing {
  return since || data.stories.find((candidate) => candidate.id === story.id) !== story
    ? briefingOf(data, story, since, newMeans)
    : wholeStoryBriefing(data, story.id);
}

function briefingOf(data: Readonly<StoreData>, story: Story, since: Since | undefined, newMeans: 'occurred' | 'recorded'): Briefing {
  // "New" is what happened since (for readers asking `/brief since:`), or what was recorded or
  // changed since (for a digest: what the channel has not been told yet).
  const isNew = (event: SitrepEvent) =>
    !since ||
    (newMeans === 'occurred'
      ? isOnOrAfter(event.occurredAt, since)
      : Date.parse(event.updatedAt ?? event.createdAt) >= since.instant.getTime());
  const events = visibleEvents(data, story.id).filter(isNew);
  const newEventIds = new Set(events.map((event) => event.id));
  const developments = [...events]
    .sort((a, b) => b.significance - a.significance || compareDates(b.occurredAt, a.occurredAt))
    .slice(0, DEVELOPMENTS);
  const statements = statementsOf(data, { storyId: story.id }).filter((s) => !since || isOnOrAfter(s.saidAt, since));
  const positions = story.sides.flatMap((side) => {
    const latest = mostRecent(statements.filter((statement) => statement.sideId === side.id));
    return latest ? [latest] : [];
  });
  const disputes = claimsOf(data, story.id, { status: 'disputed' }).filter(
    (claim) => !since || (claim.eventId !== undefined && newEventIds.has(claim.eventId)),
  );
  return { story, events, developments, positions, disputes, since };
}

/**
 * The latest of items in chronological order, preferring one dated to the day or minute: an item
 * known only to the month sorts at the month's end but is not known to be the latest.
 */
export function mostRecent<T extends { precision: string }>(chronological: readonly T[]): T | undefined {
  const dated = chronological.filter((item) => item.precision === 'day' || item.precision === 'minute');
  return dated.at(-1) ?? chronological.at(-1);
}
