import { z } from 'zod';
import { auditEntry, type ChangeAuthor } from './audit.js';
import { describeIssues } from './bundle.js';
import { newId } from './ids.js';
import { suggestDisputeKind } from './dispute-kind.js';
import {
  ClaimAccountSchema,
  ClaimSchema,
  EventSchema,
  SourceSchema,
  StatementSchema,
  type Claim,
  type ClaimAccount,
  type DisputeKind,
  type SitrepEvent,
  type Source,
  type Statement,
  type StoreData,
} from './schema.js';

/** A change that cannot be made as asked; the message is for the moderator. */
export class InvalidChange extends Error {
  override name = 'InvalidChange';
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
    if (!data.sources.some((source) => source.id === sourceId && source.storyId === storyId)) {
      throw new InvalidChange(`There is no source \`${sourceId}\` in this story. Add it first with \`/source add\`.`);
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
  const title = fields.title.trim().toLowerCase();
  const day = fields.occurredAt.slice(0, 10);
  return data.events.filter(
    (event) =>
      event.storyId === fields.storyId &&
      event.id !== exceptId &&
      event.status !== 'retracted' &&
      event.title.trim().toLowerCase() === title &&
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
    throw new InvalidChange(`Someone changed this event while you were editing it (now revision ${current.revision}). Open the edit again.`);
  }
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of EDITABLE_EVENT_FIELDS) {
    if (!(field in changes)) continue;
    if (JSON.stringify(changes[field]) === JSON.stringify(current[field])) continue;
    before[field] = current[field];
    after[field] = changes[field];
  }
  if (Object.keys(after).length === 0) throw new InvalidChange('Nothing changed.');
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
