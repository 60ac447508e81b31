import { stringify } from 'csv-stringify/sync';
import { compareBounds, eventBounds } from './date-range.js';
import { figureAmount } from './figure-text.js';
import type { Precision, SitrepEvent, StoryBundle } from './schema.js';

/** TimelineJS's JSON format (https://timeline.knightlab.com/docs/json-format.html): dates only as precise as known. */
export function toTimelineJs(bundle: StoryBundle) {
  const sides = new Map(bundle.story.sides.map((side) => [side.id, side.name]));
  return {
    title: { text: { headline: bundle.story.title, text: bundle.story.summary } },
    events: visible(bundle).map((event) => ({
      unique_id: event.id,
      start_date: timelineDate(event.occurredAt, event.precision),
      // A range's end; TimelineJS draws the event as a span from start to end.
      ...(event.occurredUntil && event.untilPrecision ? { end_date: timelineDate(event.occurredUntil, event.untilPrecision) } : {}),
      text: { headline: event.title, text: event.summary },
      group: event.sideIds.map((id) => sides.get(id) ?? id).join(', '),
    })),
  };
}

function timelineDate(value: string, precision: Precision) {
  if (precision === 'minute') {
    const at = new Date(value);
    return {
      year: String(at.getUTCFullYear()),
      month: String(at.getUTCMonth() + 1),
      day: String(at.getUTCDate()),
      hour: String(at.getUTCHours()),
      minute: String(at.getUTCMinutes()),
    };
  }
  const [year, month, day] = value.split('-');
  return { year: year!, ...(month ? { month: String(Number(month)) } : {}), ...(day ? { day: String(Number(day)) } : {}) };
}

/** ACLED's time_precision: 1 = the day is known, 2 = only a span of days, 3 = only the month (or year). */
const TIME_PRECISION = { minute: 1, day: 1, month: 3, year: 3 } as const;

function timePrecision(event: SitrepEvent): number {
  if (!event.untilPrecision) return TIME_PRECISION[event.precision];
  return Math.max(TIME_PRECISION[event.precision], TIME_PRECISION[event.untilPrecision], 2);
}

/**
 * One row per event with ACLED-style columns, and after them the date as stored: `date_precision`,
 * and for an event known only to lie in a range, `date_until` and `until_precision` (empty otherwise).
 */
export function toCsv(bundle: StoryBundle): string {
  const sides = new Map(bundle.story.sides.map((side) => [side.id, side.name]));
  const sources = new Map(bundle.sources.map((source) => [source.id, source.outlet]));
  const rows = visible(bundle).map((event) => ({
    event_id: event.id,
    event_date: event.occurredAt,
    year: event.occurredAt.slice(0, 4),
    time_precision: timePrecision(event),
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
    date_precision: event.precision,
    date_until: event.occurredUntil ?? '',
    until_precision: event.untilPrecision ?? '',
    figures: figuresOf(bundle, event.id, sides, sources),
  }));
  return stringify(rows, { header: true, columns: Object.keys(rows[0] ?? { event_id: '' }) });
}

/**
 * The figures the event's claims give, per claimant: `killed: 2 children (Pakistan, via Middle East Monitor);
 * killed: 2 people (World News DESK)`. Retracted claims are left out, as the readers' views leave them out.
 */
function figuresOf(bundle: StoryBundle, eventId: string, sides: ReadonlyMap<string, string>, sources: ReadonlyMap<string, string>): string {
  return bundle.claims
    .filter((claim) => claim.eventId === eventId && !claim.retraction)
    .flatMap((claim) =>
      claim.accounts.flatMap((account) => {
        const outlet = account.via ?? sources.get(account.sourceId) ?? account.sourceId;
        const claimant = account.sideId ? `${sides.get(account.sideId) ?? account.sideId}, via ${outlet}` : outlet;
        return (account.figures ?? []).map((figure) => `${figure.outcome}: ${figureAmount(figure)} (${claimant})`);
      }),
    )
    .join('; ');
}

function visible(bundle: StoryBundle): SitrepEvent[] {
  return bundle.events.filter((event) => event.status !== 'retracted').sort((a, b) => compareBounds(eventBounds(a), eventBounds(b)));
}
