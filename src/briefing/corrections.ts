import { eventBounds } from '../data/date-range.js';
import type { AuditEntry, Precision, SitrepEvent, StoreData } from '../data/schema.js';
import { isolate, messagesFor, type Messages } from '../i18n/index.js';
import { formatDateBounds } from './date-range-format.js';
import { safe } from './format.js';

type Data = Readonly<StoreData>;

/** An edit or retraction of an event, as readers are told about it. */
export interface Correction {
  auditId: string;
  at: string;
  event: SitrepEvent;
  kind: 'edited' | 'retracted';
  /** What changed, in words ("date: 16 Jan 2024 → 17 Jan 2024"). */
  changes: string[];
  reason?: string;
}

/** How many days back `/brief` shows corrections by default. */
export const CORRECTION_DAYS = 7;

/**
 * The story's corrections made after `after` (and not after `until`), oldest first: every edit
 * and retraction of an event in the audit trail. `shownBy`, when given, keeps only changes to
 * events that existed then — what an earlier briefing at that moment could have shown.
 */
export function correctionsOf(data: Data, storyId: string, window: { after: Date; until?: Date; shownBy?: Date }): Correction[] {
  const after = window.after.getTime();
  const until = window.until?.getTime() ?? Number.POSITIVE_INFINITY;
  const inWindow = data.audit.filter((entry) => {
    if (entry.entity !== 'event' || (entry.action !== 'update' && entry.action !== 'retract')) return false;
    const at = Date.parse(entry.at);
    return at > after && at <= until;
  });
  if (inWindow.length === 0) return [];
  // Only the events those entries name are looked up: a story may have 100k.
  const named = new Set(inWindow.map((entry) => entry.entityId));
  const events = new Map(data.events.filter((event) => event.storyId === storyId && named.has(event.id)).map((event) => [event.id, event]));
  return inWindow.flatMap((entry) => {
    const event = events.get(entry.entityId);
    if (!event) return [];
    if (window.shownBy && Date.parse(event.createdAt) > window.shownBy.getTime()) return [];
    return [{ auditId: entry.id, at: entry.at, event, kind: entry.action === 'retract' ? 'retracted' : 'edited', changes: describeChanges(entry, event), reason: entry.reason }];
  });
}

const FIELD_LABELS: Record<string, string> = {
  title: 'title',
  summary: 'summary',
  occurredAt: 'date',
  precision: 'date precision',
  location: 'place',
  sideIds: 'sides',
  sourceIds: 'sources',
  significance: 'significance',
};

function describeChanges(entry: AuditEntry, event: SitrepEvent): string[] {
  if (entry.action === 'retract') return [];
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  // The date's fields (start, precision, a range's end) change together and show as one date → date.
  const dateChanged = DATE_FIELDS.some((field) => field in after);
  const fields = Object.keys(after).filter((field) => !(DATE_FIELDS as readonly string[]).includes(field));
  const lines = fields.map((field) => {
    const label = FIELD_LABELS[field] ?? field;
    if (field === 'title') return `${label} was “${safe(String(before.title ?? ''))}”`;
    return `${label} changed`;
  });
  if (!dateChanged) return lines;
  const now = (field: (typeof DATE_FIELDS)[number]) => (field in after ? after[field] : event[field as keyof SitrepEvent]) as string | undefined;
  const then = (field: (typeof DATE_FIELDS)[number]) => (field in before ? (before[field] as string | undefined) : now(field));
  const bounds = (read: typeof now) =>
    eventBounds({ occurredAt: String(read('occurredAt')), precision: read('precision') as Precision, occurredUntil: read('occurredUntil'), untilPrecision: read('untilPrecision') as Precision | undefined });
  return [`${FIELD_LABELS.occurredAt}: ${formatDateBounds(bounds(then))} → ${formatDateBounds(bounds(now))}`, ...lines];
}

const DATE_FIELDS = ['occurredAt', 'precision', 'occurredUntil', 'untilPrecision'] as const;

/** One line per correction, for the top of a briefing. */
export function correctionLine(correction: Correction, m: Messages = messagesFor('en')): string {
  const what = correction.kind === 'retracted' ? m.retracted : correction.changes.join('; ') || m.edited;
  const why = correction.reason ? ` — ${isolate(safe(correction.reason), m)}` : '';
  return `**${m.correction}** (<t:${Math.floor(Date.parse(correction.at) / 1000)}:R>): ${isolate(safe(correction.event.title), m)} — ${what}${why}`;
}
