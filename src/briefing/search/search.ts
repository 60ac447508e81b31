import type { CollectionChange } from '../../data/change-set.js';
import type { Claim, SitrepEvent, Statement, StoreData } from '../../data/schema.js';
import { FtsIndex } from './fts-index.js';
import { foldText } from '../../text/fold.js';
import { matchExpression, nearWords, wordsOf } from './words.js';
import { incrementalByState } from '../cache/incremental.js';
import { memoByState } from '../cache/memo.js';
import { claimsOf, statementsOf, visibleEvents } from '../query/queries.js';

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
  /** How well it matched (higher is better). Hits come best first, but those found only by forgiving a typo come after all others. */
  score: number;
  /** The query's words as searched (accents folded, lower case). */
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

type Kind = SearchDocument['kind'];
type Indexed = SitrepEvent | Statement | Claim;

interface StoryIndex {
  index: FtsIndex<Kind, Indexed>;
  /** The story's sides as indexed; renaming a side means rebuilding. */
  sides: string;
}

const sidesOf = (data: Data, storyId: string) => data.stories.find((story) => story.id === storyId)!.sides;
/** What the documents take from the sides (their names by id), to tell when an index must be rebuilt. */
const sideNamesKey = (data: Data, storyId: string) => sidesOf(data, storyId).map((side) => `${side.id}\u0000${side.name}`).join('\u0001');
const sideNamesOf = (data: Data, storyId: string): SideNames => {
  const sides = sidesOf(data, storyId);
  return (id) => sides.find((side) => side.id === id)?.name ?? '';
};

/** How a story's records read as search documents (side names as they are now). */
function documentsOf(data: Data, storyId: string): (kind: Kind, record: Indexed) => SearchDocument {
  const sideName = sideNamesOf(data, storyId);
  return (kind, record) =>
    kind === 'event'
      ? eventDocument(record as SitrepEvent, sideName)
      : kind === 'statement'
        ? statementDocument(record as Statement, sideName)
        : claimDocument(record as Claim, sideName);
}

/** What a story's search covers: its events (but retracted ones), statements and claims, each with its document. */
function* storyEntries(data: Data, storyId: string): Generator<[Kind, Indexed, SearchDocument]> {
  const documentOf = documentsOf(data, storyId);
  for (const event of visibleEvents(data, storyId)) yield ['event', event, documentOf('event', event)];
  for (const statement of statementsOf(data, { storyId })) yield ['statement', statement, documentOf('statement', statement)];
  for (const claim of claimsOf(data, storyId)) yield ['claim', claim, documentOf('claim', claim)];
}

/** Builds a story's index, a slice at a time: the caller decides whether to wait between slices. */
function* buildIndex(data: Data, storyId: string): Generator<void, StoryIndex> {
  const index = new FtsIndex<Kind, Indexed>();
  try {
    yield* index.load(storyEntries(data, storyId));
  } catch (error) {
    index.close();
    throw error;
  }
  return { index, sides: sideNamesKey(data, storyId) };
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
    const build = buildIndex(data, storyId);
    let step;
    while (!(step = build.next()).done) await new Promise((resolve) => setImmediate(resolve));
    indexFor.seed(data, storyId, step.value);
    // Not taken (a state the store did not produce): nothing else holds it.
    if (!indexFor.has(data, storyId)) step.value.index.close();
  } finally {
    warming.delete(storyId);
  }
}

/** Until the index is built: every typed word (folded) must appear in the document; title matches rank first. */
function scanSearch(data: Data, storyId: string, query: string): SearchHit[] {
  const terms = [...new Set(wordsOf(query))];
  if (terms.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const [, , document] of storyEntries(data, storyId)) {
    const title = foldText(document.title).toLowerCase();
    const rest = foldText(`${document.text} ${document.people}`).toLowerCase();
    if (!terms.every((term) => title.includes(term) || rest.includes(term))) continue;
    hits.push({ document, score: 1 + terms.filter((term) => title.includes(term)).length * 3, terms });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, MAX_RESULTS);
}

/** A story's search index, built once and then updated record by record as writes come in. */
const indexFor = incrementalByState(
  (data, storyId: string): StoryIndex => {
    const build = buildIndex(data, storyId);
    let step;
    while (!(step = build.next()).done);
    return step.value;
  },
  (held, data, storyId, changes) => {
    if (sideNamesKey(data, storyId) !== held.sides) {
      held.index.close();
      return undefined;
    }
    const documentOf = documentsOf(data, storyId);
    const { index } = held;
    const follow = <R extends Indexed>(kind: Kind, change: CollectionChange<R> | undefined, shown: (record: R) => boolean = () => true) => {
      for (const id of change?.remove ?? []) index.remove(kind, id);
      for (const record of change?.upsert ?? []) {
        if (record.storyId === storyId && shown(record)) index.put(kind, record, documentOf(kind, record));
        else index.remove(kind, record.id);
      }
    };
    index.transaction(() => {
      for (const change of changes) {
        follow('event', change.events, (event) => event.status !== 'retracted');
        // A retracted statement or claim leaves the lists, search included (its event's page still shows it).
        follow('statement', change.statements, (statement) => !statement.retraction);
        follow('claim', change.claims, (claim) => !claim.retraction);
      }
    });
    return held;
  },
);

/** Nobody pages past this many results; a sharper query is the way on. */
export const MAX_RESULTS = 100;

/** Full-text search over a story's events, statements and claims: prefix and typo-tolerant, titles weigh most. */
export function searchStory(data: Readonly<StoreData>, storyId: string, query: string): SearchHit[] {
  if (warming.has(storyId) && !indexFor.has(data, storyId)) return scanSearch(data, storyId, query);
  return searchOnce(data, { storyId, query }).slice();
}

/**
 * Each distinct search is run once per store state. Every word must match, as typed or as the start
 * of a longer word; only when that finds fewer than MAX_RESULTS are typos forgiven, and what that
 * adds comes after.
 */
const searchOnce = memoByState(
  (data: Readonly<StoreData>, { storyId, query }: { storyId: string; query: string }): SearchHit[] => {
    const words = [...new Set(wordsOf(query))];
    if (words.length === 0) return [];
    const { index } = indexFor(data, storyId);
    const matches = index.match(matchExpression(words), MAX_RESULTS);
    const near = matches.length < MAX_RESULTS ? words.map((word) => nearWords(word, index.vocabulary)) : [];
    if (near.some((spellings) => spellings.length > 0)) {
      const found = new Set(matches.map((match) => match.rowid));
      const forgiving = index.match(matchExpression(words, near), MAX_RESULTS + matches.length);
      matches.push(...forgiving.filter((match) => !found.has(match.rowid)).slice(0, MAX_RESULTS - matches.length));
    }
    const documentOf = documentsOf(data, storyId);
    return matches.map(({ rowid, score }) => ({ document: documentOf(...index.entry(rowid)), score, terms: words }));
  },
  ({ storyId, query }) => [storyId, query],
);
