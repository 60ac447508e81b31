import type { Claim, SitrepEvent, Statement, StoreData, Story } from '../data/schema.js';
import { compareRanges, eventBounds, latestBound, statementBounds } from '../data/date-range.js';
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
      ? isOnOrAfter(latestBound(eventBounds(event)).value, since)
      : Date.parse(event.updatedAt ?? event.createdAt) >= since.instant.getTime());
  const events = visibleEvents(data, story.id).filter(isNew);
  const newEventIds = new Set(events.map((event) => event.id));
  const developments = mostSignificant(events, DEVELOPMENTS);
  const statements = statementsOf(data, { storyId: story.id }).filter((s) => !since || isOnOrAfter(latestBound(statementBounds(s)).value, since));
  const bySide = new Map<string, Statement[]>();
  for (const statement of statements) {
    const ofSide = bySide.get(statement.sideId);
    if (ofSide) ofSide.push(statement);
    else bySide.set(statement.sideId, [statement]);
  }
  const positions = story.sides.flatMap((side) => {
    const latest = mostRecent(bySide.get(side.id) ?? []);
    return latest ? [latest] : [];
  });
  const disputes = claimsOf(data, story.id, { kind: 'conflict' }).filter(
    (claim) => !since || (claim.eventId !== undefined && newEventIds.has(claim.eventId)),
  );
  return { story, events, developments, positions, disputes, since };
}

const bySignificance = (a: SitrepEvent, b: SitrepEvent) => b.significance - a.significance || compareRanges(b.occurredAt, b.occurredUntil, a.occurredAt, a.occurredUntil);

/** The `count` most significant events, most recent first among equals: one pass, not a sort of the whole story. */
export function mostSignificant(events: readonly SitrepEvent[], count: number): SitrepEvent[] {
  const top: SitrepEvent[] = [];
  for (const event of events) {
    if (top.length === count && bySignificance(event, top[count - 1]!) >= 0) continue;
    // Among equals the earlier in the list stays first, as a stable sort would keep them.
    let at = top.length;
    while (at > 0 && bySignificance(event, top[at - 1]!) < 0) at--;
    top.splice(at, 0, event);
    if (top.length > count) top.pop();
  }
  return top;
}

/**
 * The latest of items in chronological order, preferring one dated to the day or minute: an item
 * known only to the month sorts at the month's end, and one known only to lie in a range sorts by its
 * start, so neither is known to be the latest.
 */
export function mostRecent<T extends { precision: string; untilPrecision?: string }>(chronological: readonly T[]): T | undefined {
  for (let i = chronological.length - 1; i >= 0; i--) {
    const item = chronological[i]!;
    if ((item.precision === 'day' || item.precision === 'minute') && item.untilPrecision === undefined) return item;
  }
  return chronological.at(-1);
}
