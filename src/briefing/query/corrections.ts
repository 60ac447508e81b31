import { eventBounds, type DateBounds } from '../../data/date-range.js';
import type { ChangeSet } from '../../data/change-set.js';
import type { AuditEntry, Claim, Position, Precision, SitrepEvent, Source, Statement, StoreData, Story } from '../../data/schema.js';
import { isolate, messagesFor, type Messages } from '../../i18n/index.js';
import { formatDateBounds } from '../render/date-range-format.js';
import { safe } from '../render/format.js';
import { incrementalByState } from '../cache/incremental.js';
import { shorten } from '../render/paginate.js';

type Data = Readonly<StoreData>;

/** The kinds of record readers can be told were corrected. */
export const CORRECTABLE = ['event', 'statement', 'claim', 'source', 'story', 'position'] as const;
export type CorrectableKind = (typeof CORRECTABLE)[number];
export type CorrectableRecord = SitrepEvent | Statement | Claim | Source | Story | Position;

/** One field's change, as the audit trail recorded it. */
export interface FieldChange {
  /** A reader's name for the field ("date", "title", "quote"). */
  label: string;
  before: string;
  after: string;
  /** The values are already written for Discord (a date, maybe a timestamp tag): shown as they are, not made inert. */
  written?: boolean;
}

/** An edit or retraction of any record, as readers are told about it. */
export interface Correction {
  auditId: string;
  at: string;
  entity: CorrectableKind;
  entityId: string;
  /** How the record is named to readers: an event's title, a statement's speaker and quote, a claim's question, a source's outlet. */
  label: string;
  kind: 'edited' | 'retracted';
  /** What changed, in words ("date: 16 Jan 2024 → 17 Jan 2024"). */
  changes: string[];
  reason?: string;
  /** The moderator's display name (never their id: readers see this). */
  by: string;
}

/** How many days back `/brief` shows corrections unless a server sets its own window (`/settings corrections-window`). */
export const CORRECTION_DAYS = 7;
export const MIN_CORRECTION_DAYS = 1;
export const MAX_CORRECTION_DAYS = 90;

/** A server's corrections window for `/brief`, in days: its `/settings corrections-window`, else 7. */
export function correctionsWindowDays(data: Data, guildId: string | null | undefined): number {
  return (guildId ? data.guilds.find((guild) => guild.guildId === guildId)?.correctionsWindowDays : undefined) ?? CORRECTION_DAYS;
}

const HOUR = 3_600_000;

/** Where a window of `days` ending `now` starts, on the hour (so a briefing laid out this hour is reused). */
export function correctionsWindowStart(now: Date, days: number): Date {
  return new Date(Math.floor(now.getTime() / HOUR) * HOUR - days * 24 * HOUR);
}

const isCorrectable = (entity: string): entity is CorrectableKind => (CORRECTABLE as readonly string[]).includes(entity);

/**
 * Whether an audit entry corrects its record: a retraction, or an update that is not an addition.
 * Adding an account to a claim is recorded as an update with `after.added`: that is new reporting,
 * not a correction, and a digest lists it as a new account instead.
 */
export function isCorrection(entry: AuditEntry): boolean {
  if (!isCorrectable(entry.entity)) return false;
  if (entry.action === 'retract') return true;
  return entry.action === 'update' && !isAddition(entry);
}

/** An account added to a claim (`addClaimAccount`'s audit entry). */
export const isAddition = (entry: AuditEntry) => entry.action === 'update' && entry.entity === 'claim' && entry.after !== undefined && 'added' in entry.after;

export const recordKey = (entity: string, id: string) => `${entity}:${id}`;

/**
 * Every correcting audit entry by record (`event:<id>`), oldest first: built once, then extended with
 * each write's new entries (the audit trail only grows), so marking a 100k-event timeline costs a
 * map lookup per line.
 */
export function correctionIndex(data: Data): ReadonlyMap<string, readonly AuditEntry[]> {
  return indexByState(data, 'all');
}

const indexByState = incrementalByState(
  (data: Data) => {
    const index = new Map<string, AuditEntry[]>();
    for (const entry of data.audit) addToIndex(index, entry);
    return index;
  },
  (index: Map<string, AuditEntry[]>, _data, _key: string, changes: readonly ChangeSet[]) => {
    // A new map, so a caller holding the older state's index is not changed under it.
    const next = new Map(index);
    for (const change of changes) {
      if (change.audit?.remove.length) return undefined;
      for (const entry of change.audit?.upsert ?? []) addToIndex(next, entry);
    }
    return next;
  },
);

function addToIndex(index: Map<string, AuditEntry[]>, entry: AuditEntry) {
  if (!isCorrection(entry)) return;
  const key = recordKey(entry.entity, entry.entityId);
  const list = index.get(key) ?? [];
  // A new array: an index handed out for an older state keeps what it had.
  if (!list.some((known) => known.id === entry.id)) index.set(key, [...list, entry]);
}

/** A record's correcting audit entries, oldest first (none for a record never corrected). */
export function correctionsOfRecord(data: Data, entity: CorrectableKind, id: string): readonly AuditEntry[] {
  return correctionIndex(data).get(recordKey(entity, id)) ?? [];
}

/**
 * When a record was last corrected — its latest `update` audit entry, else its `updatedAt` when its
 * revision says it was edited — or undefined when it never was. A retraction alone is not an edit:
 * a retracted record says "retracted" instead.
 */
export function correctedAt(
  record: { revision?: number; updatedAt?: string; retraction?: { at: string } },
  entries: readonly AuditEntry[],
): string | undefined {
  const edits = entries.filter((entry) => entry.action === 'update');
  if (edits.length) return edits.reduce((latest, entry) => (entry.at > latest ? entry.at : latest), edits[0]!.at);
  if ((record.revision ?? 1) > 1 && record.updatedAt && record.updatedAt !== record.retraction?.at) return record.updatedAt;
  return undefined;
}

/** `correctedAt` of a record in the store, looked up through the index. */
export function correctedAtIn(data: Data, entity: CorrectableKind, record: CorrectableRecord): string | undefined {
  return correctedAt(record as { revision?: number; updatedAt?: string; retraction?: { at: string } }, correctionsOfRecord(data, entity, record.id));
}

/** A correction mark's date: a Discord timestamp (short date), as the corrections lines use, so each reader sees their own zone. */
export const markDate = (at: string) => `<t:${Math.floor(Date.parse(at) / 1000)}:d>`;

/** " · corrected <date>" after a record's line, or nothing. */
export function correctedMark(at: string | undefined, m: Messages): string {
  return at ? ` · ✏️ ${m.correctedOn(markDate(at))}` : '';
}

/** "retracted on <date>: <reason>" for a retracted record. */
export function retractionLine(retraction: { at: string; reason: string }, m: Messages): string {
  return `🚫 **${m.retractedOn(markDate(retraction.at), isolate(safe(retraction.reason), m))}**`;
}

/**
 * The story's corrections made after `after` (and not after `until`), oldest first: every edit and
 * retraction of any of its records (events, statements, claims, sources, the story itself) in the
 * audit trail. `shownBy`, when given, keeps only changes to records that existed then — what an
 * earlier briefing at that moment could have shown.
 */
export function correctionsOf(data: Data, storyId: string, window: { after: Date; until?: Date; shownBy?: Date }): Correction[] {
  const after = window.after.getTime();
  const until = window.until?.getTime() ?? Number.POSITIVE_INFINITY;
  const inWindow = data.audit.filter((entry) => {
    if (!isCorrection(entry)) return false;
    const at = Date.parse(entry.at);
    return at > after && at <= until;
  });
  if (inWindow.length === 0) return [];
  // Only the records those entries name are looked up: a story may have 100k events.
  const records = recordsNamed(data, storyId, inWindow);
  const created = window.shownBy ? creationTimes(data, inWindow) : undefined;
  return inWindow.flatMap((entry): Correction[] => {
    const record = records.get(recordKey(entry.entity, entry.entityId));
    if (!record) return [];
    if (window.shownBy) {
      const made = entry.entity === 'event' ? (record as SitrepEvent).createdAt : created!.get(recordKey(entry.entity, entry.entityId));
      if (made && Date.parse(made) > window.shownBy.getTime()) return [];
    }
    return [
      {
        auditId: entry.id,
        at: entry.at,
        entity: entry.entity as CorrectableKind,
        entityId: entry.entityId,
        label: recordLabel(entry.entity as CorrectableKind, record),
        kind: entry.action === 'retract' ? 'retracted' : 'edited',
        changes: entry.action === 'retract' ? [] : briefChanges(entry, entry.entity as CorrectableKind, record),
        reason: entry.reason,
        by: entry.by.name,
      },
    ];
  });
}

function recordsNamed(data: Data, storyId: string, entries: readonly AuditEntry[]): Map<string, CorrectableRecord> {
  const named = new Set(entries.map((entry) => recordKey(entry.entity, entry.entityId)));
  const found = new Map<string, CorrectableRecord>();
  const collect = (entity: CorrectableKind, items: ReadonlyArray<CorrectableRecord & { storyId: string }>) => {
    for (const item of items) if (item.storyId === storyId && named.has(recordKey(entity, item.id))) found.set(recordKey(entity, item.id), item);
  };
  collect('event', data.events);
  collect('statement', data.statements);
  collect('claim', data.claims);
  collect('source', data.sources);
  collect('position', data.positions);
  const story = data.stories.find((candidate) => candidate.id === storyId);
  if (story && named.has(recordKey('story', story.id))) found.set(recordKey('story', story.id), story);
  return found;
}

/** When each named record was recorded (its `create` audit entry); a record without one came with the story. */
function creationTimes(data: Data, entries: readonly AuditEntry[]): Map<string, string> {
  const named = new Set(entries.map((entry) => recordKey(entry.entity, entry.entityId)));
  const times = new Map<string, string>();
  for (const entry of data.audit) {
    const key = recordKey(entry.entity, entry.entityId);
    if (entry.action === 'create' && named.has(key) && !times.has(key)) times.set(key, entry.at);
  }
  return times;
}

/** How readers know a record: an event's title, a statement's speaker and opening words, a claim's question, a source's outlet. */
export function recordLabel(entity: CorrectableKind, record: CorrectableRecord): string {
  switch (entity) {
    case 'statement': {
      const statement = record as Statement;
      return `${statement.speaker}: “${clipped(statement.quote, 80)}”`;
    }
    case 'claim':
      return (record as Claim).question;
    case 'position':
      return (record as Position).text;
    case 'source': {
      const source = record as Source;
      return source.title ? `${source.outlet} — ${source.title}` : source.outlet;
    }
    default:
      return (record as SitrepEvent | Story).title;
  }
}

/** Readers' names for stored fields. */
const FIELD_LABELS: Record<string, string> = {
  title: 'title',
  summary: 'summary',
  location: 'place',
  sideIds: 'sides',
  sideId: 'side',
  sourceIds: 'sources',
  sourceId: 'source',
  significance: 'significance',
  quote: 'quote',
  speaker: 'speaker',
  context: 'context',
  via: 'relayed',
  eventId: 'event',
  actorId: 'speaker’s record',
  question: 'question',
  accounts: 'accounts',
  kind: 'how the accounts relate',
  note: 'note',
  outlet: 'outlet',
  url: 'link',
  sides: 'sides',
  dateBasis: 'how the date was worked out',
  text: 'position',
  statementId: 'supporting quote',
};

/** Each kind's date fields: start, its precision, a range's end, its precision. They change together and show as one date. */
const DATE_FIELDS: Partial<Record<CorrectableKind, readonly [string, string, string, string]>> = {
  event: ['occurredAt', 'precision', 'occurredUntil', 'untilPrecision'],
  statement: ['saidAt', 'precision', 'saidUntil', 'untilPrecision'],
  source: ['publishedAt', 'publishedPrecision', 'publishedUntil', 'publishedUntilPrecision'],
};

/** Bookkeeping fields that an edit carries but readers are not told about. */
const HIDDEN_FIELDS = new Set(['revision', 'updatedAt', 'retraction', 'status', 'storyId', 'id', 'createdAt', 'createdBy', 'added']);

/**
 * What one audit entry changed, field by field: the date as one range before → after, every other
 * field as its value before → after (shortened), in the order the entry lists them.
 */
export function fieldChanges(entry: AuditEntry, entity: CorrectableKind, record: CorrectableRecord, language: Messages['language'] = 'en'): FieldChange[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const dates = DATE_FIELDS[entity];
  const changes: FieldChange[] = [];
  if (dates && dates.some((field) => field in after)) {
    const now = (field: string) => (field in after ? after[field] : (record as unknown as Record<string, unknown>)[field]) as string | undefined;
    const then = (field: string) => (field in before ? (before[field] as string | undefined) : now(field));
    const bounds = (read: (field: string) => string | undefined): DateBounds | undefined => {
      const start = read(dates[0]);
      const precision = read(dates[1]) as Precision | undefined;
      if (!start || !precision) return undefined;
      return eventBounds({ occurredAt: start, precision, occurredUntil: read(dates[2]), untilPrecision: read(dates[3]) as Precision | undefined });
    };
    const show = (value: DateBounds | undefined) => (value ? formatDateBounds(value, language) : '—');
    changes.push({ label: 'date', before: show(bounds(then)), after: show(bounds(now)), written: true });
  }
  for (const field of Object.keys(after)) {
    if (HIDDEN_FIELDS.has(field) || dates?.includes(field)) continue;
    changes.push({ label: FIELD_LABELS[field] ?? field, before: valueText(before[field]), after: valueText(after[field]) });
  }
  return changes;
}

/** A stored value in plain words (made inert later), in full: lists joined, an account by its position and text. */
function valueText(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (Array.isArray(value)) return value.map(valueText).join(', ') || '—';
  if (typeof value === 'object') {
    const { position, text } = value as { position?: unknown; text?: unknown };
    if (typeof position === 'string') return typeof text === 'string' ? `${position}: ${text}` : position;
    return JSON.stringify(value);
  }
  return String(value);
}

/** At most `max` characters, with "…" where it was cut (a label, never the record itself). */
const clipped = (text: string, max: number) => (text.length <= max ? text : `${shorten(text, max - 1)}…`);

/** The short form for a briefing's corrections line: "date: a → b", "title was “…”", "summary changed". */
function briefChanges(entry: AuditEntry, entity: CorrectableKind, record: CorrectableRecord): string[] {
  return fieldChanges(entry, entity, record).map((change) => {
    if (change.label === 'date') return `date: ${change.before} → ${change.after}`;
    if (change.label === 'title' || change.label === 'question' || change.label === 'outlet') return `${change.label} was “${safe(clipped(change.before, 200))}”`;
    return `${change.label} changed`;
  });
}

/** One line per correction, for the top of a briefing and a scheduled post. */
export function correctionLine(correction: Correction, m: Messages = messagesFor('en')): string {
  const what = correction.kind === 'retracted' ? m.retracted : correction.changes.join('; ') || m.edited;
  const why = correction.reason ? ` — ${isolate(safe(correction.reason), m)}` : '';
  const kind = correction.entity === 'event' ? '' : `${m.recordKind[correction.entity]} `;
  return `**${m.correction}** (<t:${Math.floor(Date.parse(correction.at) / 1000)}:R>): ${kind}${isolate(safe(correction.label), m)} — ${what}${why}`;
}

/**
 * A record's history for readers, one block per correction, oldest first: when, by whom (the
 * moderator's name, never an id), each field before → after, and why.
 */
export function changeBlocks(data: Data, entity: CorrectableKind, record: CorrectableRecord, m: Messages): string[] {
  return correctionsOfRecord(data, entity, record.id).map((entry) => {
    const head = `${markDate(entry.at)} — ${entry.action === 'retract' ? m.retracted : m.edited} · ${m.byModerator(isolate(safe(entry.by.name), m))}`;
    const fields = entry.action === 'retract' ? [] : fieldChanges(entry, entity, record, m.language);
    const shown = (value: string, written?: boolean) => (written ? value : `“${isolate(safe(value), m)}”`);
    const lines = fields.map((change) => `• **${change.label}**: ${shown(change.before, change.written)} → ${shown(change.after, change.written)}`);
    const why = entry.reason ? [`${m.why}: ${isolate(safe(entry.reason), m)}`] : [];
    return [head, ...lines, ...why].join('\n');
  });
}
