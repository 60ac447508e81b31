import type { StoreData } from '../data/schema.js';
import { memoByState } from './memo.js';
import { claimsOf, statementsOf, visibleEvents } from './queries.js';
import { createIndex } from './text-search.js';

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

const indexFor = memoByState((data: Readonly<StoreData>, storyId: string) => {
  const story = data.stories.find((candidate) => candidate.id === storyId)!;
  const sideName = (id: string | undefined) => story.sides.find((side) => side.id === id)?.name ?? '';
  const documents: SearchDocument[] = [
    ...visibleEvents(data, storyId).map((event) => ({
      id: `event:${event.id}`,
      kind: 'event' as const,
      title: event.title,
      text: [event.summary, event.location].filter(Boolean).join(' '),
      people: event.sideIds.map(sideName).join(' '),
      eventId: event.id,
      sourceIds: event.sourceIds,
    })),
    ...statementsOf(data, { storyId }).map((statement) => ({
      id: `statement:${statement.id}`,
      kind: 'statement' as const,
      title: statement.speaker,
      text: [statement.quote, statement.context].filter(Boolean).join(' '),
      people: `${statement.speaker} ${sideName(statement.sideId)}`,
      eventId: statement.eventId,
      sideId: statement.sideId,
      sourceIds: statement.sourceIds,
    })),
    ...claimsOf(data, storyId).map((claim) => ({
      id: `claim:${claim.id}`,
      kind: 'claim' as const,
      title: claim.question,
      text: claim.accounts.map((account) => `${account.position} ${account.text}`).join(' '),
      people: claim.accounts.map((account) => sideName(account.sideId)).join(' '),
      eventId: claim.eventId,
      sourceIds: [...new Set(claim.accounts.map((account) => account.sourceId))],
    })),
  ];
  return createIndex(documents, {
    fields: ['title', 'text', 'people'],
    storeFields: ['id', 'kind', 'title', 'text', 'people', 'eventId', 'sideId', 'sourceIds'],
  });
});

/** Nobody pages past this many results; a sharper query is the way on. */
export const MAX_RESULTS = 100;

/** Full-text search over a story's events, statements and claims: prefix and typo-tolerant, titles weigh most. */
export function searchStory(data: Readonly<StoreData>, storyId: string, query: string): SearchHit[] {
  return indexFor(data, storyId)
    .search(query, { boost: { title: 3, people: 1.5 } })
    .slice(0, MAX_RESULTS)
    .map((result) => ({ document: result as unknown as SearchDocument, score: result.score, terms: result.terms }));
}
