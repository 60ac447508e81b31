import type MiniSearch from 'minisearch';
import type { Claim, SitrepEvent, Statement, StoreData } from '../data/schema.js';
import { incrementalByState } from './incremental.js';
import { memoByState } from './memo.js';
import { claimsOf, statementsOf, visibleEvents } from './queries.js';
import { createIndex, createIndexInBackground, foldTerm } from './text-search.js';

export interface SearchDocument {
  id: string;
  kind: 'event' | 'statement' | 'claim';
  title: string;
  text: string;
  /** Speaker and side names, so "kugelman" or "pakistan" find what they said. */
  people: string;
  /** How to open it: the event it belongs to, and the side for statements. */
  eventId?: string;
  sideId?: string;
  sourceIds: string[];
}

export interface SearchHit {
  document: SearchDocument;
  score: number;
  terms: string[];
}

type Data = Readonly<StoreData>;
type SideNames = (id: string | undefined) => string;

const eventDocument = (event: SitrepEvent, sideName: SideNames): SearchDocument => ({
  id: `event:${event.id}`,
  kind: 'event',
  title: event.title,
  text: [event.summary, event.location].filter(Boolean).join(' '),
  people: event.sideIds.map(sideName).join(' '),
  eventId: event.id,
  sourceIds: event.sourceIds,
});

const statementDocument = (statement: Statement, sideName: SideNames): SearchDocument => ({
  id: `statement:${statement.id}`,
  kind: 'statement',
  title: statement.speaker,
  text: [statement.quote, statement.context].filter(Boolean).join(' '),
  people: `${statement.speaker} ${sideName(statement.sideId)}`,
  eventId: statement.eventId,
  sideId: statement.sideId,
  sourceIds: statement.sourceIds,
});

const claimDocument = (claim: Claim, sideName: SideNames): SearchDocument => ({
  id: `claim:${claim.id}`,
  kind: 'claim',
  title: claim.question,
  text: claim.accounts.map((account) => `${account.position} ${account.text}`).join(' '),
  people: claim.accounts.map((account) => sideName(account.sideId)).join(' '),
  eventId: claim.eventId,
  sourceIds: [...new Set(claim.accounts.map((account) => account.sourceId))],
});

interface StoryIndex {
  index: MiniSearch<SearchDocument>;
  /** The story's sides as indexed; renaming a side means rebuilding. */
  sides: string;
}

const sidesOf = (data: Data, storyId: string) => data.stories.find((story) => story.id === storyId)!.sides;
const sideNamesOf = (data: Data, storyId: string): SideNames => {
  const sides = sidesOf(data, storyId);
  return (id) => sides.find((side) => side.id === id)?.name ?? '';
};

function storyDocuments(data: Data, storyId: string): SearchDocument[] {
  return [...storyDocumentBatches(data, storyId)].flat();
}

/** A story's events, statements and claims as search documents, made a few hundred at a time. */
function* storyDocumentBatches(data: Data, storyId: string, size = 500): Generator<SearchDocument[]> {
  const sideName = sideNamesOf(data, storyId);
  yield* inBatches(visibleEvents(data, storyId), size, (event) => eventDocument(event, sideName));
  yield* inBatches(statementsOf(data, { storyId }), size, (statement) => statementDocument(statement, sideName));
  yield* inBatches(claimsOf(data, storyId), size, (claim) => claimDocument(claim, sideName));
}

function* inBatches<R>(records: readonly R[], size: number, document: (record: R) => SearchDocument): Generator<SearchDocument[]> {
  for (let start = 0; start < records.length; start += size) yield records.slice(start, start + size).map(document);
}

const warming = new Set<string>();

/**
 * Builds a story's index in the background (a large story takes seconds), so the bot answers from
 * the moment it starts; searches made meanwhile are answered by a plain scan. Writes made during the
 * build are followed afterwards, like any other.
 */
export async function warmSearch(data: Data, storyId: string): Promise<void> {
  if (indexFor.has(data, storyId) || warming.has(storyId)) return;
  warming.add(storyId);
  try {
    const index = await createIndexInBackground(storyDocumentBatches(data, storyId), INDEX_OPTIONS);
    indexFor.seed(data, storyId, { index, sides: JSON.stringify(sidesOf(data, storyId)) });
  } finally {
    warming.delete(storyId);
  }
}

/** Until the index is built: every typed word (folded) must appear in the document; title matches rank first. */
function scanSearch(data: Data, storyId: string, query: string): SearchHit[] {
  const terms = query.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(foldTerm);
  if (terms.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const document of storyDocuments(data, storyId)) {
    const title = foldTerm(document.title);
    const rest = foldTerm(`${document.text} ${document.people}`);
    if (!terms.every((term) => title.includes(term) || rest.includes(term))) continue;
    hits.push({ document, score: 1 + terms.filter((term) => title.includes(term)).length * 3, terms });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, MAX_RESULTS);
}

/** A story's search index, built once and then updated document by document as writes come in. */
const indexFor = incrementalByState(
  (data, storyId: string): StoryIndex => ({ index: createIndex(storyDocuments(data, storyId), INDEX_OPTIONS), sides: JSON.stringify(sidesOf(data, storyId)) }),
  (held, data, storyId, changes) => {
    if (JSON.stringify(sidesOf(data, storyId)) !== held.sides) return undefined;
    const sideName = sideNamesOf(data, storyId);
    const { index } = held;
    const follow = <R extends { id: string; storyId: string }>(kind: string, change: { upsert: R[]; remove: string[] } | undefined, document: (record: R) => SearchDocument | undefined) => {
      for (const id of change?.remove ?? []) if (index.has(`${kind}:${id}`)) index.discard(`${kind}:${id}`);
      for (const record of change?.upsert ?? []) {
        if (index.has(`${kind}:${record.id}`)) index.discard(`${kind}:${record.id}`);
        const added = record.storyId === storyId ? document(record) : undefined;
        if (added) index.add(added);
      }
    };
    for (const change of changes) {
      follow('event', change.events, (event) => (event.status === 'retracted' ? undefined : eventDocument(event, sideName)));
      follow('statement', change.statements, (statement) => statementDocument(statement, sideName));
      follow('claim', change.claims, (claim) => claimDocument(claim, sideName));
    }
    return held;
  },
);

const INDEX_OPTIONS = {
  fields: ['title', 'text', 'people'],
  storeFields: ['id', 'kind', 'title', 'text', 'people', 'eventId', 'sideId', 'sourceIds'],
};

/** Nobody pages past this many results; a sharper query is the way on. */
export const MAX_RESULTS = 100;

/** Full-text search over a story's events, statements and claims: prefix and typo-tolerant, titles weigh most. */
export function searchStory(data: Readonly<StoreData>, storyId: string, query: string): SearchHit[] {
  if (warming.has(storyId) && !indexFor.has(data, storyId)) return scanSearch(data, storyId, query);
  return searchOnce(data, JSON.stringify([storyId, query])).slice();
}

/** Each distinct search is run once per store state. */
const searchOnce = memoByState((data: Readonly<StoreData>, key: string): SearchHit[] => {
  const [storyId, query] = JSON.parse(key) as [string, string];
  return indexFor(data, storyId)
    .index.search(query, { boost: { title: 3, people: 1.5 } })
    .slice(0, MAX_RESULTS)
    .map((result) => ({ document: result as unknown as SearchDocument, score: result.score, terms: result.terms }));
});
