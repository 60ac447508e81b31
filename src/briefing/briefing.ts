import type { Claim, SitrepEvent, Statement, StoreData, Story } from '../data/schema.js';
import { compareDates } from '../data/dates.js';
import { claimsOf, isNewSince, statementsOf, visibleEvents } from './queries.js';
import type { Since } from './time-input.js';

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
export function composeBriefing(data: Readonly<StoreData>, story: Story, since?: Since): Briefing {
  const events = visibleEvents(data, story.id).filter((event) => isNewSince(event, event.occurredAt, since));
  const newEventIds = new Set(events.map((event) => event.id));
  const developments = [...events]
    .sort((a, b) => b.significance - a.significance || compareDates(b.occurredAt, a.occurredAt))
    .slice(0, DEVELOPMENTS);
  const statements = statementsOf(data, { storyId: story.id }).filter((statement) => isNewSince({}, statement.saidAt, since));
  const positions = story.sides.flatMap((side) => statements.filter((statement) => statement.sideId === side.id).slice(-1));
  const disputes = claimsOf(data, story.id, { status: 'disputed' }).filter(
    (claim) => !since || (claim.eventId !== undefined && newEventIds.has(claim.eventId)),
  );
  return { story, events, developments, positions, disputes, since };
}
