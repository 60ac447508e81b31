import { z } from 'zod';
import { describeIssues } from './bundle.js';
import { COLLECTIONS, diffCollection, DuplicateKey, keyOf, type ChangeSet, type CollectionName } from './change-set.js';
import { checkRecordReferences, checkUniqueSides, RECORD_SCHEMAS, StoreDataSchema, type ReferenceLookup, type StoreData } from './schema.js';

/** A write whose result breaks the schema; nothing was stored. */
export class InvalidState extends Error {
  override name = 'InvalidState';
  constructor(readonly problems: string[]) {
    super(`The change would leave the store invalid:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }
}

/** Past this many changed records (an import), one full validation is cheaper than lookups per record. */
const MAX_INCREMENTAL_RECORDS = 500;

/**
 * Validates a draft against the committed state it was copied from, looking only at what changed,
 * and returns the validated next state with its change set. Whatever could break a record the write
 * did not touch (a removal, a story losing a side, a record moving story) falls back to validating all.
 */
export function validateChange(previous: StoreData, draft: StoreData): { next: StoreData; changes: ChangeSet } {
  const changes = diffDraft(previous, draft);
  const full = needsFullValidation(previous, changes);
  if (full) {
    const parsed = StoreDataSchema.safeParse(draft);
    if (!parsed.success) throw new InvalidState(describeIssues(parsed.error as z.ZodError));
  }
  const problems: string[] = [];
  const next: StoreData = { ...previous };
  for (const collection of COLLECTIONS) {
    const change = changes[collection] as { upsert: unknown[] } | undefined;
    if (!change) continue;
    change.upsert = change.upsert.map((record) => {
      const parsed = RECORD_SCHEMAS[collection].safeParse(record);
      if (parsed.success) return parsed.data;
      problems.push(...describeIssues(parsed.error as z.ZodError, 5).map((line) => `${collection} "${keyOf(collection, record)}" ${line}`));
      return record;
    });
  }
  if (problems.length) throw new InvalidState(problems);
  Object.assign(next, replaceUpserts(draft, changes));
  if (!full) checkChangedReferences(next, changes, problems);
  if (problems.length) throw new InvalidState(problems);
  return { next, changes };
}

function diffDraft(previous: StoreData, draft: StoreData): ChangeSet {
  if (draft.schemaVersion !== previous.schemaVersion) throw new InvalidState(['schemaVersion cannot change']);
  const changes: ChangeSet = {};
  try {
    for (const collection of COLLECTIONS) {
      const before = previous[collection] as unknown[];
      const has = (key: string) => before.some((record) => keyOf(collection, record) === key);
      const change = diffCollection(collection, before, draft[collection] as unknown[], has);
      if (change) (changes as Record<string, unknown>)[collection] = change;
    }
  } catch (error) {
    if (error instanceof DuplicateKey) throw new InvalidState([error.message]);
    throw error;
  }
  return changes;
}

function needsFullValidation(previous: StoreData, changes: ChangeSet): boolean {
  const upserts = COLLECTIONS.reduce((sum, collection) => sum + (changes[collection]?.upsert.length ?? 0), 0);
  if (upserts > MAX_INCREMENTAL_RECORDS) return true;
  if ((['stories', 'actors', 'sources', 'events'] as const).some((collection) => changes[collection]?.remove.length)) return true;
  for (const story of changes.stories?.upsert ?? []) {
    const before = previous.stories.find((candidate) => candidate.id === story.id);
    if (before && before.sides.some((side) => !story.sides.some((kept) => kept.id === side.id))) return true;
  }
  for (const collection of ['actors', 'sources', 'events', 'statements', 'claims', 'positions'] as const) {
    for (const record of changes[collection]?.upsert ?? []) {
      const before = (previous[collection] as ReadonlyArray<{ id: string; storyId: string }>).find((candidate) => candidate.id === record.id);
      if (before && before.storyId !== record.storyId) return true;
    }
  }
  return false;
}

/** The draft's collections with each upserted record swapped for its parsed (defaults filled) version. */
function replaceUpserts(draft: StoreData, changes: ChangeSet): Partial<StoreData> {
  const replaced: Partial<Record<CollectionName, unknown[]>> = {};
  for (const collection of COLLECTIONS) {
    const change = changes[collection];
    if (!change) continue;
    const parsed = new Map(change.upsert.map((record) => [keyOf(collection, record), record]));
    replaced[collection] = (draft[collection] as unknown[]).map((record) => parsed.get(keyOf(collection, record)) ?? record);
  }
  return replaced as Partial<StoreData>;
}

function checkChangedReferences(next: StoreData, changes: ChangeSet, problems: string[]) {
  const storyOf = (items: ReadonlyArray<{ id: string; storyId: string }>) => (id: string) => items.find((item) => item.id === id)?.storyId;
  const lookup: ReferenceLookup = {
    story: (id) => next.stories.find((story) => story.id === id),
    actorStory: storyOf(next.actors),
    sourceStory: storyOf(next.sources),
    eventStory: storyOf(next.events),
    statement: (id) => next.statements.find((statement) => statement.id === id),
  };
  const problem = (path: PropertyKey[], message: string) => problems.push(`${path.join('.')}: ${message}`);
  for (const story of changes.stories?.upsert ?? []) checkUniqueSides(story, (path, message) => problem(['stories', story.id, ...path], message));
  checkRecordReferences(
    lookup,
    {
      actors: changes.actors?.upsert,
      sources: changes.sources?.upsert,
      events: changes.events?.upsert,
      statements: changes.statements?.upsert,
      claims: changes.claims?.upsert,
      // A changed position is checked against its story's other positions (one live position per side).
      positions: changes.positions?.upsert.length ? next.positions.filter((position) => changes.positions!.upsert.some((changed) => changed.storyId === position.storyId)) : undefined,
    },
    problem,
  );
  for (const schedule of changes.schedules?.upsert ?? []) {
    if (!lookup.story(schedule.storyId)) problem(['schedules', schedule.id, 'storyId'], `unknown story "${schedule.storyId}"`);
  }
}
