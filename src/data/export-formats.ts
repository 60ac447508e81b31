import { stringify } from 'csv-stringify/sync';
import { compareDates } from './dates.js';
import type { SitrepEvent, StoryBundle } from './schema.js';

/** TimelineJS's JSON format (https://timeline.knightlab.com/docs/json-format.html): dates only as precise as known. */
export function toTimelineJs(bundle: StoryBundle) {
  const sides = new Map(bundle.story.sides.map((side) => [side.id, side.name]));
  return {
    title: { text: { headline: bundle.story.title, text: bundle.story.summary } },
    events: visible(bundle).map((event) => ({
      unique_id: event.id,
      start_date: timelineDate(event),
      text: { headline: event.title, text: event.summary },
      group: event.sideIds.map((id) => sides.get(id) ?? id).join(', '),
    })),
  };
}

function timelineDate(event: SitrepEvent) {
  if (event.precision === 'minute') {
    const at = new Date(event.occurredAt);
    return {
      year: String(at.getUTCFullYear()),
      month: String(at.getUTCMonth() + 1),
      day: String(at.getUTCDate()),
      hour: String(at.getUTCHours()),
      minute: String(at.getUTCMinutes()),
    };
  }
  const [year, month, day] = event.occurredAt.split('-');
  return { year: year!, ...(month ? { month: String(Number(month)) } : {}), ...(day ? { day: String(Number(day)) } : {}) };
}

/** ACLED's time_precision: 1 = the day is known, 3 = only the month (or year). */
const TIME_PRECISION = { minute: 1, day: 1, month: 3, year: 3 } as const;

/** One row per event with ACLED-style columns. */
export function toCsv(bundle: StoryBundle): string {
  const sides = new Map(bundle.story.sides.map((side) => [side.id, side.name]));
  const sources = new Map(bundle.sources.map((source) => [source.id, source.outlet]));
  const rows = visible(bundle).map((event) => ({
    event_id: event.id,
    event_date: event.occurredAt,
    year: event.occurredAt.slice(0, 4),
    time_precision: TIME_PRECISION[event.precision],
    disorder_type: '',
    event_type: '',
    actor1: sides.get(event.sideIds[0] ?? '') ?? '',
    actor2: sides.get(event.sideIds[1] ?? '') ?? '',
    other_actors: event.sideIds.slice(2).map((id) => sides.get(id) ?? id).join('; '),
    location: event.location ?? '',
    source: event.sourceIds.map((id) => sources.get(id) ?? id).join('; '),
    notes: `${event.title}. ${event.summary}`,
    status: event.status,
    significance: event.significance,
  }));
  return stringify(rows, { header: true, columns: Object.keys(rows[0] ?? { event_id: '' }) });
}

function visible(bundle: StoryBundle): SitrepEvent[] {
  return bundle.events.filter((event) => event.status !== 'retracted').sort((a, b) => compareDates(a.occurredAt, b.occurredAt));
}
