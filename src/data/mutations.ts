import { foldKey } from '../text/fold.js';
import { z } from 'zod';
import { auditEntry, type ChangeAuthor } from './audit.js';
import { describeIssues } from './bundle.js';
import { newId } from './ids.js';
import { suggestDisputeKind } from './dispute-kind.js';
import {
  ClaimAccountSchema,
  ClaimSchema,
  EventSchema,
  PositionSchema,
  SourceSchema,
  StatementSchema,
  StorySchema,
  checkUniqueSides,
  type Claim,
  type ClaimAccount,
  type DisputeKind,
  type Position,
  type SitrepEvent,
  type Source,
  type Side,
  type Statement,
  type StoreData,
  type Story,
} from './schema.js';

/**
 * What went wrong, as data, for the refusals moderators meet most: the bot edge writes it in the
 * moderator's language (src/i18n `moderation.refusal`); the English message stays for logs, the CLI and English servers.
 */
export type ChangeRefusal =
  | { code: 'staleRevision'; label: string; revision: number; by?: string; fields?: string }
  | { code: 'noReason' }
  | { code: 'unchanged' }
  | { code: 'unknownSource'; id: string }
  | { code: 'sourceRetracted'; id: string; reason: string }
  | { code: 'stillCited'; label: string; count: number; names: string };

/** A change that cannot be made as asked; the message is for the moderator. */
export class InvalidChange extends Error {
  override name = 'InvalidChange';
  constructor(
    message: string,
    readonly refusal?: ChangeRefusal,
  ) {
    super(message);
  }
}

export type EventFields = Pick<
  SitrepEvent,
  'storyId' | 'title' | 'summary' | 'occurredAt' | 'precision' | 'occurredUntil' | 'untilPrecision' | 'dateBasis' | 'location' | 'sideIds' | 'sourceIds' | 'significance'
>;
export type StatementFields = Omit<Statement, 'id'>;
export type ClaimFields = Omit<Claim, 'id'>;
export type SourceFields = Omit<Source, 'id'>;

/** The fields a moderator may change on an event. */
export const EDITABLE_EVENT_FIELDS = ['title', 'summary', 'occurredAt', 'precision', 'occurredUntil', 'untilPrecision', 'dateBasis', 'location', 'sideIds', 'sourceIds', 'significance'] as const;

function checked<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidChange(describeIssues(parsed.error as z.ZodError, 5).join('; '));
  return parsed.data;
}

function requireKnown(data: StoreData, storyId: string, refs: { sideIds?: readonly string[]; sourceIds?: readonly string[]; eventId?: string }) {
  const story = data.stories.find((candidate) => candidate.id === storyId);
  if (!story) throw new InvalidChange(`There is no story \`${storyId}\`.`);
  for (const sideId of refs.sideIds ?? []) {
    if (!story.sides.some((side) => side.id === sideId)) throw new InvalidChange(`There is no side \`${sideId}\` in this story.`);
  }
  for (const sourceId of refs.sourceIds ?? []) {
    const source = data.sources.find((candidate) => candidate.id === sourceId && candidate.storyId === storyId);
    if (!source) throw new InvalidChange(`There is no source \`${sourceId}\` in this story. Add it first with \`/source add\`.`, { code: 'unknownSource', id: sourceId });
    if (source.retraction) {
      throw new InvalidChange(`The source \`${sourceId}\` was retracted (${source.retraction.reason}); cite another.`, { code: 'sourceRetracted', id: sourceId, reason: source.retraction.reason });
    }
  }
  if (refs.eventId && !data.events.some((event) => event.id === refs.eventId && event.storyId === storyId)) {
    throw new InvalidChange(`There is no event \`${refs.eventId}\` in this story.`);
  }
}

const taken = (items: ReadonlyArray<{ id: string }>) => (id: string) => items.some((item) => item.id === id);

/** Builds (without storing) the event a moderator's fields describe; throws InvalidChange with every problem. */
export function buildEvent(data: StoreData, fields: EventFields, author: ChangeAuthor, id = newId(fields.title, taken(data.events))): SitrepEvent {
  requireKnown(data, fields.storyId, fields);
  return checked(EventSchema, {
    ...fields,
    id,
    actorIds: [],
    status: 'reported',
    revision: 1,
    createdAt: author.now.toISOString(),
    createdBy: author.userId,
  });
}

export function addEvent(data: StoreData, event: SitrepEvent, author: ChangeAuthor): SitrepEvent {
  requireKnown(data, event.storyId, event);
  if (data.events.some((existing) => existing.id === event.id)) throw new InvalidChange(`Event \`${event.id}\` already exists.`);
  data.events.push(event);
  touchStory(data, event.storyId, author);
  data.audit.push(auditEntry(author, { action: 'create', entity: 'event', entityId: event.id, after: { ...event } }));
  return event;
}

/** Events of the story with the same title (any case) on the same day: likely the same update twice. */
export function findDuplicates(data: Readonly<StoreData>, fields: Pick<EventFields, 'storyId' | 'title' | 'occurredAt'>, exceptId?: string): SitrepEvent[] {
  const title = foldKey(fields.title);
  const day = fields.occurredAt.slice(0, 10);
  return data.events.filter(
    (event) =>
      event.storyId === fields.storyId &&
      event.id !== exceptId &&
      event.status !== 'retracted' &&
      foldKey(event.title) === title &&
      event.occurredAt.slice(0, 10) === day,
  );
}

function findEvent(data: StoreData, eventId: string): SitrepEvent {
  const event = data.events.find((candidate) => candidate.id === eventId);
  if (!event) throw new InvalidChange(`There is no event \`${eventId}\`.`);
  return event;
}

/**
 * Applies a moderator's edit, refusing it when the event changed since the form was opened
 * (`baseRevision`), so one moderator never silently overwrites another.
 */
export function editEvent(
  data: StoreData,
  eventId: string,
  changes: Partial<EventFields>,
  baseRevision: number,
  author: ChangeAuthor,
  /** Why, for readers: shown with the correction in the next briefings. */
  reason?: string,
): SitrepEvent {
  const current = findEvent(data, eventId);
  if (current.status === 'retracted') throw new InvalidChange('This event has been retracted; it cannot be edited.');
  if (current.revision !== baseRevision) {
    throw new InvalidChange(`Someone changed this event while you were editing it (now revision ${current.revision}). Open the edit again.`, {
      code: 'staleRevision',
      label: recordLabel('event', current),
      revision: current.revision,
    });
  }
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of EDITABLE_EVENT_FIELDS) {
    if (!(field in changes)) continue;
    if (JSON.stringify(changes[field]) === JSON.stringify(current[field])) continue;
    before[field] = current[field];
    after[field] = changes[field];
  }
  if (Object.keys(after).length === 0) throw new InvalidChange('Nothing changed.', { code: 'unchanged' });
  // A new date given without an end replaces the whole date: a range does not keep an end that no longer belongs to it.
  if (('occurredAt' in after || 'precision' in after) && !('occurredUntil' in changes) && current.occurredUntil !== undefined) {
    Object.assign(before, { occurredUntil: current.occurredUntil, untilPrecision: current.untilPrecision });
    Object.assign(after, { occurredUntil: undefined, untilPrecision: undefined });
  }
  requireKnown(data, current.storyId, { sideIds: changes.sideIds, sourceIds: changes.sourceIds });
  const updated = checked(EventSchema, {
    ...current,
    ...after,
    revision: current.revision + 1,
    updatedAt: author.now.toISOString(),
  });
  replace(data, data.events, current, updated, author);
  data.audit.push(auditEntry(author, { action: 'update', entity: 'event', entityId: eventId, before, after, reason: reason?.trim() || undefined }));
  return updated;
}

/** Hides an event from every briefing; it stays in the store and its history. */
export function retractEvent(data: StoreData, eventId: string, reason: string, author: ChangeAuthor): SitrepEvent {
  const current = findEvent(data, eventId);
  if (current.status === 'retracted') throw new InvalidChange('This event is already retracted.');
  if (!reason.trim()) throw new InvalidChange('A retraction needs a reason (the **reason** option): readers are shown it.', { code: 'noReason' });
  const retraction = { at: author.now.toISOString(), by: author.userId, reason: reason.trim() };
  const updated = checked(EventSchema, {
    ...current,
    status: 'retracted',
    retraction,
    revision: current.revision + 1,
    updatedAt: author.now.toISOString(),
  });
  replace(data, data.events, current, updated, author);
  data.audit.push(
    auditEntry(author, {
      action: 'retract',
      entity: 'event',
      entityId: eventId,
      before: { status: current.status },
      after: { status: 'retracted' },
      reason: retraction.reason,
    }),
  );
  return updated;
}

export function addStatement(data: StoreData, fields: StatementFields, author: ChangeAuthor): Statement {
  requireKnown(data, fields.storyId, { sideIds: [fields.sideId], sourceIds: fields.sourceIds, eventId: fields.eventId });
  const statement = checked(StatementSchema, { ...fields, id: newId(fields.speaker, taken(data.statements)) });
  data.statements.push(statement);
  touchStory(data, fields.storyId, author);
  data.audit.push(auditEntry(author, { action: 'create', entity: 'statement', entityId: statement.id, after: { ...statement } }));
  return statement;
}

/** The fields of a new position: the side, its line, its supporting statement. */
export type PositionFields = Pick<Position, 'storyId' | 'sideId' | 'text' | 'statementId'>;

/**
 * Records where a side stands, in moderators' words: refused when the side already has a live position
 * (edit or retract that one), or when the supporting statement is not a live statement of that side.
 */
export function addPosition(data: StoreData, fields: PositionFields, author: ChangeAuthor): Position {
  requireKnown(data, fields.storyId, { sideIds: [fields.sideId] });
  const existing = data.positions.find((position) => position.storyId === fields.storyId && position.sideId === fields.sideId && !position.retraction);
  if (existing) throw new InvalidChange(`This side already has a position (\`${existing.id}\`): correct it with \`/position edit\`, or retract it first.`);
  requireSupportingStatement(data, fields, fields.statementId);
  const position = checked(PositionSchema, {
    ...fields,
    id: newId(`${fields.sideId} position`, taken(data.positions)),
    createdAt: author.now.toISOString(),
    createdBy: author.userId,
  });
  data.positions.push(position);
  touchStory(data, fields.storyId, author);
  data.audit.push(auditEntry(author, { action: 'create', entity: 'position', entityId: position.id, after: { ...position } }));
  return position;
}

/** A position's supporting statement: a live statement of the same story and side. */
function requireSupportingStatement(data: StoreData, position: Pick<Position, 'storyId' | 'sideId'>, statementId: string) {
  const statement = data.statements.find((candidate) => candidate.id === statementId && candidate.storyId === position.storyId);
  if (!statement) throw new InvalidChange(`There is no statement \`${statementId}\` in this story.`);
  if (statement.retraction) throw new InvalidChange(`The statement \`${statementId}\` was retracted (${statement.retraction.reason}); choose another.`);
  if (statement.sideId !== position.sideId) throw new InvalidChange(`The statement \`${statementId}\` is not one of this side's: a position is supported by the side's own words.`);
}

export function addClaim(data: StoreData, fields: ClaimFields, author: ChangeAuthor): Claim {
  requireKnown(data, fields.storyId, {
    eventId: fields.eventId,
    sourceIds: fields.accounts.map((account) => account.sourceId),
    sideIds: fields.accounts.flatMap((account) => (account.sideId ? [account.sideId] : [])),
  });
  const claim = checked(ClaimSchema, { ...fields, id: newId(fields.question, taken(data.claims)) });
  data.claims.push(claim);
  touchStory(data, fields.storyId, author);
  data.audit.push(auditEntry(author, { action: 'create', entity: 'claim', entityId: claim.id, after: { ...claim } }));
  return claim;
}

/**
 * Adds an account to a claim. The claim's kind is the moderator's `kind` when given; otherwise it
 * stays as it was unless the accounts now suggest a stronger one (agree < detail < conflict).
 */
export function addClaimAccount(data: StoreData, claimId: string, account: ClaimAccount, author: ChangeAuthor, kind?: DisputeKind): Claim {
  const current = data.claims.find((claim) => claim.id === claimId);
  if (!current) throw new InvalidChange(`There is no claim \`${claimId}\`.`);
  requireKnown(data, current.storyId, { sourceIds: [account.sourceId], sideIds: account.sideId ? [account.sideId] : [] });
  const accounts = [...current.accounts, checked(ClaimAccountSchema, account)];
  const suggested = suggestDisputeKind(accounts);
  const strength = (value: DisputeKind) => ['agree', 'detail', 'conflict'].indexOf(value);
  const nextKind = kind ?? (strength(suggested) > strength(current.kind) ? suggested : current.kind);
  const updated = checked(ClaimSchema, { ...current, accounts, kind: nextKind });
  replace(data, data.claims, current, updated, author);
  data.audit.push(
    auditEntry(author, {
      action: 'update',
      entity: 'claim',
      entityId: claimId,
      before: { accounts: current.accounts.length, kind: current.kind },
      after: { accounts: accounts.length, kind: updated.kind, added: account },
    }),
  );
  return updated;
}

export function addSource(data: StoreData, fields: SourceFields, author: ChangeAuthor): Source {
  requireKnown(data, fields.storyId, {});
  const source = checked(SourceSchema, { ...fields, id: newId(fields.outlet, taken(data.sources)) });
  data.sources.push(source);
  touchStory(data, fields.storyId, author);
  data.audit.push(auditEntry(author, { action: 'create', entity: 'source', entityId: source.id, after: { ...source } }));
  return source;
}

/** Puts the new version of a record where the old one was, and marks its story as updated. */
function replace<T extends { storyId: string }>(data: StoreData, items: T[], current: T, updated: T, author: ChangeAuthor) {
  items[items.indexOf(current)] = updated;
  touchStory(data, current.storyId, author);
}

function touchStory(data: StoreData, storyId: string, author: ChangeAuthor) {
  const story = data.stories.find((candidate) => candidate.id === storyId);
  if (story) story.updatedAt = author.now.toISOString();
}

/** The records other than events that moderators correct the same way: edit with a revision check, retract with a reason. */
export type CorrectableKind = 'statement' | 'claim' | 'source' | 'position';
type CorrectableRecord = Statement | Claim | Source | Position;
const COLLECTION_OF = { statement: 'statements', claim: 'claims', source: 'sources', position: 'positions' } as const;
const SCHEMA_OF: Record<CorrectableKind, z.ZodType<CorrectableRecord>> = { statement: StatementSchema, claim: ClaimSchema, source: SourceSchema, position: PositionSchema };

/** The fields a moderator may change, per kind of record (the rest — id, story — never change). */
export const EDITABLE_FIELDS = {
  statement: ['speaker', 'quote', 'saidAt', 'precision', 'saidUntil', 'untilPrecision', 'dateBasis', 'context', 'via', 'sideId', 'sourceIds', 'eventId'],
  claim: ['question', 'note', 'kind', 'eventId'],
  source: ['outlet', 'title', 'url', 'publishedAt', 'publishedPrecision', 'publishedUntil', 'publishedUntilPrecision', 'note'],
  position: ['text', 'statementId'],
} as const satisfies Record<CorrectableKind, readonly string[]>;

/** A range's end goes with its start: a new start given without an end drops the old end. */
const RANGE_FIELDS: Record<CorrectableKind, [string[], string[]] | undefined> = {
  statement: [['saidAt', 'precision'], ['saidUntil', 'untilPrecision']],
  claim: undefined,
  source: [['publishedAt', 'publishedPrecision'], ['publishedUntil', 'publishedUntilPrecision']],
  position: undefined,
};

/** A record's revision: absent means it was never edited (1). */
export const revisionOf = (record: { revision?: number }) => record.revision ?? 1;

/** How a record is named to a moderator: its kind, id and a few words of it. */
export function recordLabel(kind: CorrectableKind | 'event' | 'story', record: object): string {
  const r = record as Partial<Statement & Claim & Source & SitrepEvent & { title: string }> & { id: string };
  const words =
    kind === 'statement' ? `${r.speaker}: “${r.quote}”` : kind === 'claim' ? r.question : kind === 'source' ? [r.outlet, r.title].filter(Boolean).join(' — ') : kind === 'position' ? (record as Position).text : r.title;
  const short = (words ?? '').length > 80 ? `${(words ?? '').slice(0, 79)}…` : words;
  return `${kind} \`${r.id}\` (${short})`;
}

function findRecord(data: StoreData, kind: CorrectableKind, id: string): CorrectableRecord {
  const record = (data[COLLECTION_OF[kind]] as CorrectableRecord[]).find((candidate) => candidate.id === id);
  if (!record) throw new InvalidChange(`There is no ${kind} \`${id}\`.`);
  return record;
}

/** Refuses an edit of a record that changed since the form was opened, naming what the other change touched. */
function requireRevision(data: StoreData, kind: CorrectableKind | 'story', record: { id: string; revision?: number }, baseRevision: number) {
  const current = revisionOf(record);
  if (current === baseRevision) return;
  const last = data.audit.findLast((entry) => entry.entity === kind && entry.entityId === record.id);
  const fields = last?.after ? Object.keys(last.after).filter((field) => field !== 'retracted') : [];
  const who = last ? ` by ${last.by.name}` : '';
  throw new InvalidChange(
    `Someone else changed ${recordLabel(kind, record)} while you were editing it (now revision ${current}${who}${fields.length ? `; they changed ${fields.join(', ')}` : ''}). Open the edit again to start from their version.`,
    { code: 'staleRevision', label: recordLabel(kind, record), revision: current, ...(last ? { by: last.by.name } : {}), ...(fields.length ? { fields: fields.join(', ') } : {}) },
  );
}

/** Audit values: a cleared field is `null` (a JSON file drops `undefined`, and history must still show it went). */
const forAudit = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value === undefined ? null : value]));
const withoutUndefined = <T extends object>(record: T): T => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;

/** Changes as plain JSON carry a cleared optional field as `null`: it means "remove it". */
export const cleared = (changes: Record<string, unknown>) => Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, value === null ? undefined : value]));

/** The fields that differ, before and after. */
function diff(current: Record<string, unknown>, changes: Record<string, unknown>, fields: readonly string[]) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of fields) {
    if (!(field in changes)) continue;
    if (JSON.stringify(changes[field]) === JSON.stringify(current[field])) continue;
    before[field] = current[field];
    after[field] = changes[field];
  }
  return { before, after };
}

/**
 * Applies a moderator's edit to a statement, claim or source: refused when the record changed since
 * the form was opened (`baseRevision`), when it is retracted, or when nothing changed. The revision
 * goes up by one, `updatedAt` is set, and the audit keeps each changed field before and after.
 */
export function editRecord<K extends CorrectableKind>(
  data: StoreData,
  kind: K,
  id: string,
  changes: Record<string, unknown>,
  baseRevision: number,
  author: ChangeAuthor,
  reason?: string,
): CorrectableRecord {
  const current = findRecord(data, kind, id);
  if (current.retraction) throw new InvalidChange(`This ${kind} has been retracted; it cannot be edited.`);
  requireRevision(data, kind, current, baseRevision);
  const { before, after } = diff(current as unknown as Record<string, unknown>, cleared(changes), EDITABLE_FIELDS[kind]);
  if (Object.keys(after).length === 0) throw new InvalidChange('Nothing changed: the form has the same values as the record.', { code: 'unchanged' });
  const range = RANGE_FIELDS[kind];
  if (range && range[0].some((field) => field in after) && !range[1].some((field) => field in changes)) {
    for (const field of range[1]) {
      const value = (current as unknown as Record<string, unknown>)[field];
      if (value === undefined) continue;
      before[field] = value;
      after[field] = undefined;
    }
  }
  if (kind === 'statement') {
    const next = { ...current, ...after } as Statement;
    requireKnown(data, current.storyId, { sideIds: [next.sideId], sourceIds: next.sourceIds, eventId: next.eventId });
  }
  if (kind === 'claim' && 'eventId' in after && after.eventId) requireKnown(data, current.storyId, { eventId: after.eventId as string });
  if (kind === 'position' && 'statementId' in after) requireSupportingStatement(data, current as Position, after.statementId as string);
  const updated = checked(SCHEMA_OF[kind], withoutUndefined({ ...current, ...after, revision: revisionOf(current) + 1, updatedAt: author.now.toISOString() }));
  replace(data, data[COLLECTION_OF[kind]] as CorrectableRecord[], current, updated, author);
  data.audit.push(auditEntry(author, { action: 'update', entity: kind, entityId: id, before: forAudit(before), after: forAudit(after), reason: reason?.trim() || undefined }));
  return updated;
}

/** The live (not retracted) records of a story that cite a source. */
export function recordsCiting(data: Readonly<StoreData>, sourceId: string): Array<{ kind: 'event' | 'statement' | 'claim'; id: string; label: string }> {
  return [
    ...data.events.filter((e) => e.status !== 'retracted' && e.sourceIds.includes(sourceId)).map((e) => ({ kind: 'event' as const, id: e.id, label: e.title })),
    ...data.statements.filter((s) => !s.retraction && s.sourceIds.includes(sourceId)).map((s) => ({ kind: 'statement' as const, id: s.id, label: `${s.speaker}: “${s.quote}”` })),
    ...data.claims.filter((c) => !c.retraction && c.accounts.some((a) => a.sourceId === sourceId)).map((c) => ({ kind: 'claim' as const, id: c.id, label: c.question })),
  ];
}

/** Names records for a refusal, the first few with their titles, within `max` characters. */
export function nameRecords(records: ReadonlyArray<{ kind: string; id: string; label: string }>, max = 1200): string {
  const lines: string[] = [];
  let used = 0;
  for (const [index, record] of records.entries()) {
    const label = record.label.length > 60 ? `${record.label.slice(0, 59)}…` : record.label;
    const line = `${record.kind} \`${record.id}\` (${label})`;
    if (used + line.length > max || index >= 10) {
      lines.push(`and ${records.length - index} more`);
      break;
    }
    lines.push(line);
    used += line.length + 2;
  }
  return lines.join('; ');
}

/**
 * Withdraws a statement, claim or source from every reader list; it stays in the store, reachable
 * by id with its reason. A reason is required. A source that live records still cite is refused, naming them.
 */
export function retractRecord(data: StoreData, kind: CorrectableKind, id: string, reason: string, author: ChangeAuthor): CorrectableRecord {
  const current = findRecord(data, kind, id);
  const why = reason.trim();
  if (!why) throw new InvalidChange('A retraction needs a reason (the **reason** option): readers are shown it.', { code: 'noReason' });
  if (current.retraction) throw new InvalidChange(`This ${kind} is already retracted.`);
  if (kind === 'source') {
    const citing = recordsCiting(data, id);
    if (citing.length > 0) {
      throw new InvalidChange(
        `${recordLabel('source', current)} is still cited by ${citing.length} record${citing.length === 1 ? '' : 's'}: ${nameRecords(citing)}. Edit or retract them first.`,
        { code: 'stillCited', label: recordLabel('source', current), count: citing.length, names: nameRecords(citing) },
      );
    }
  }
  const retraction = { at: author.now.toISOString(), by: author.userId, reason: why };
  const updated = checked(SCHEMA_OF[kind], { ...current, retraction, revision: revisionOf(current) + 1, updatedAt: author.now.toISOString() });
  replace(data, data[COLLECTION_OF[kind]] as CorrectableRecord[], current, updated, author);
  data.audit.push(auditEntry(author, { action: 'retract', entity: kind, entityId: id, before: { retracted: false }, after: { retracted: true }, reason: why }));
  return updated;
}

/** The fields of one claim account a moderator may change. */
export const EDITABLE_ACCOUNT_FIELDS = ['position', 'text', 'via', 'sourceId', 'sideId', 'figures'] as const;

/** Edits the `number`th account (from 1) of a claim, with the claim's revision check. */
export function editClaimAccount(
  data: StoreData,
  claimId: string,
  number: number,
  changes: Record<string, unknown>,
  baseRevision: number,
  author: ChangeAuthor,
  reason?: string,
): Claim {
  const current = findRecord(data, 'claim', claimId) as Claim;
  if (current.retraction) throw new InvalidChange('This claim has been retracted; it cannot be edited.');
  const account = current.accounts[number - 1];
  if (!account) throw new InvalidChange(`This claim has no account ${number}: it has ${current.accounts.length}.`);
  requireRevision(data, 'claim', current, baseRevision);
  const { before, after } = diff(account, cleared(changes), EDITABLE_ACCOUNT_FIELDS);
  if (Object.keys(after).length === 0) throw new InvalidChange('Nothing changed: the form has the same values as the account.', { code: 'unchanged' });
  requireKnown(data, current.storyId, {
    sourceIds: 'sourceId' in after ? [after.sourceId as string] : [],
    sideIds: 'sideId' in after && after.sideId ? [after.sideId as string] : [],
  });
  const edited = checked(ClaimAccountSchema, withoutUndefined({ ...account, ...after }));
  const accounts = current.accounts.map((item, index) => (index === number - 1 ? edited : item));
  const updated = checked(ClaimSchema, { ...current, accounts, revision: revisionOf(current) + 1, updatedAt: author.now.toISOString() });
  replace(data, data.claims, current, updated, author);
  const prefixed = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(forAudit(values)).map(([key, value]) => [`account ${number} ${key}`, value]));
  data.audit.push(auditEntry(author, { action: 'update', entity: 'claim', entityId: claimId, before: prefixed(before), after: prefixed(after), reason: reason?.trim() || undefined }));
  return updated;
}

/** What a moderator may change about a story itself. */
export interface StoryChanges {
  title?: string;
  summary?: string;
  sides?: Side[];
}

/** A side as one line: `id: Name | alias, alias` (what the story form shows and the audit keeps). */
export const sideLine = (side: Side) => `${side.id}: ${side.name}${side.aliases.length ? ` | ${side.aliases.join(', ')}` : ''}`;

/** The records of a story that name a side (retracted ones too: they stay in the record). */
export function recordsUsingSide(data: Readonly<StoreData>, storyId: string, sideId: string): Array<{ kind: string; id: string; label: string }> {
  const mine = <T extends { storyId: string }>(items: readonly T[]) => items.filter((item) => item.storyId === storyId);
  return [
    ...mine(data.events).filter((e) => e.sideIds.includes(sideId)).map((e) => ({ kind: 'event', id: e.id, label: e.title })),
    ...mine(data.statements).filter((s) => s.sideId === sideId).map((s) => ({ kind: 'statement', id: s.id, label: `${s.speaker}: “${s.quote}”` })),
    ...mine(data.claims).filter((c) => c.accounts.some((a) => a.sideId === sideId)).map((c) => ({ kind: 'claim', id: c.id, label: c.question })),
    ...mine(data.actors).filter((a) => a.sideId === sideId).map((a) => ({ kind: 'actor', id: a.id, label: a.name })),
  ];
}

/**
 * Edits a story's title, summary and sides (names, aliases; new sides; removed sides). A side that
 * records still name cannot be removed: they are named in the refusal.
 */
export function editStory(data: StoreData, storyId: string, changes: StoryChanges, baseRevision: number, author: ChangeAuthor, reason?: string): Story {
  const current = data.stories.find((story) => story.id === storyId);
  if (!current) throw new InvalidChange(`There is no story \`${storyId}\`.`);
  requireRevision(data, 'story', current, baseRevision);
  if (changes.sides) {
    const kept = new Set(changes.sides.map((side) => side.id));
    for (const side of current.sides.filter((candidate) => !kept.has(candidate.id))) {
      const using = recordsUsingSide(data, storyId, side.id);
      if (using.length > 0) {
        throw new InvalidChange(`The side “${side.name}” (\`${side.id}\`) cannot be removed: ${using.length} record${using.length === 1 ? '' : 's'} name it: ${nameRecords(using)}. Rename it instead, or change those records first.`);
      }
    }
  }
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of ['title', 'summary'] as const) {
    if (changes[field] !== undefined && changes[field] !== current[field]) {
      before[field] = current[field];
      after[field] = changes[field];
    }
  }
  if (changes.sides && JSON.stringify(changes.sides) !== JSON.stringify(current.sides)) {
    before.sides = current.sides.map(sideLine);
    after.sides = changes.sides.map(sideLine);
  }
  if (Object.keys(after).length === 0) throw new InvalidChange('Nothing changed: the form has the same values as the story.', { code: 'unchanged' });
  const updated = checked(StorySchema, {
    ...current,
    ...(changes.title !== undefined ? { title: changes.title } : {}),
    ...(changes.summary !== undefined ? { summary: changes.summary } : {}),
    ...(changes.sides ? { sides: changes.sides } : {}),
    revision: revisionOf(current) + 1,
    updatedAt: author.now.toISOString(),
  });
  const problems: string[] = [];
  checkUniqueSides(updated, (_path, message) => problems.push(message));
  if (problems.length) throw new InvalidChange(`Sides: ${problems.join('; ')}.`);
  data.stories[data.stories.indexOf(current)] = updated;
  data.audit.push(auditEntry(author, { action: 'update', entity: 'story', entityId: storyId, before, after, reason: reason?.trim() || undefined }));
  return updated;
}
