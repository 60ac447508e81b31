import type { StoreData, Story } from '../../data/schema.js';
import { timelineEvents, type TimelineFilter } from './queries.js';
import { mostSignificant } from './briefing.js';
import type { ReplyFile } from '../reply/reply.js';
import { renderTimelinePng, type PictureTheme, type TimelineImageInput } from '../render/timeline-image.js';

export const TIMELINE_IMAGE_NAME = 'timeline.png';

/** The picture always labels this many main events: as many as the briefing's developments, chosen the same way. */
export const MAIN_EVENTS = 5;

/**
 * The picture's input: the timeline's events (same filters), each marked disputed if it is, or if the
 * accounts of a claim about it conflict, and the most significant marked main.
 */
export function timelineImageInput(data: Readonly<StoreData>, story: Story, filter: Omit<TimelineFilter, 'storyId'> = {}): TimelineImageInput {
  const disputedEvents = new Set(data.claims.filter((claim) => claim.storyId === story.id && !claim.retraction && claim.kind === 'conflict').map((claim) => claim.eventId));
  const events = timelineEvents(data, { ...filter, storyId: story.id });
  const main = new Set(mostSignificant(events, MAIN_EVENTS));
  return {
    title: story.title,
    sides: story.sides.map((side) => ({ id: side.id, name: side.name })),
    events: events.map((event) => ({
      id: event.id,
      title: event.title,
      occurredAt: event.occurredAt,
      precision: event.precision,
      ...(event.occurredUntil && event.untilPrecision ? { occurredUntil: event.occurredUntil, untilPrecision: event.untilPrecision } : {}),
      sideIds: event.sideIds,
      disputed: event.status === 'disputed' || disputedEvents.has(event.id),
      significance: event.significance,
      main: main.has(event),
    })),
  };
}

/** The timeline as a PNG attachment, dark (Discord's default) unless asked for light. */
export function timelinePicture(data: Readonly<StoreData>, story: Story, filter: Omit<TimelineFilter, 'storyId'> = {}, theme: PictureTheme = 'dark'): ReplyFile {
  return timelinePictureOf(timelineImageInput(data, story, filter), theme);
}

/** The attachment for an input already built (so a caller that looked at it does not build it twice). */
export function timelinePictureOf(input: TimelineImageInput, theme: PictureTheme = 'dark'): ReplyFile {
  return { name: TIMELINE_IMAGE_NAME, data: renderTimelinePng(input, { theme }) };
}
