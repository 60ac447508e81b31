import type { SitrepEvent, StoreData } from '../../data/schema.js';
import type { Candidate } from './autocomplete.js';
import { memoByState } from '../cache/memo.js';
import { actorsOf, claimsOf, visibleEvents } from '../query/queries.js';
import { plainDateBounds } from '../render/date-range-format.js';
import { eventBounds, sourceBounds } from '../../data/date-range.js';
import { archivedIds } from '../../data/story-admin.js';

type Data = Readonly<StoreData>;

/** Autocomplete candidates, one array per store state and story (so their search index is reused). */
export const storyCandidates = memoByState((data: Data, _key: 'all'): Candidate[] =>
  data.stories.map((story) => ({ value: story.id, name: `${story.title} (${story.id})`, keywords: story.summary })),
);

/** The stories a server lists (not archived there), or those it archived (for `/story unarchive`). */
export const serverStoryCandidates = memoByState((data: Data, key: `${'listed' | 'archived'}:${string}`): Candidate[] => {
  const [which, guildId] = key.split(':') as ['listed' | 'archived', string];
  const archived = archivedIds(data, guildId || null);
  return storyCandidates(data, 'all').filter((candidate) => archived.has(candidate.value) === (which === 'archived'));
});

export const sideCandidates = memoByState((data: Data, storyId: string): Candidate[] =>
  (data.stories.find((story) => story.id === storyId)?.sides ?? []).map((side) => ({
    value: side.id,
    name: side.aliases.length ? `${side.name} (${side.aliases.slice(0, 3).join(', ')})` : side.name,
    keywords: side.aliases.join(' '),
  })),
);

export const actorCandidates = memoByState((data: Data, storyId: string): Candidate[] => {
  const sides = new Map(data.stories.find((story) => story.id === storyId)?.sides.map((side) => [side.id, side.name]));
  return actorsOf(data, storyId).map((actor) => ({
    value: actor.id,
    name: `${actor.name} — ${actor.role}`,
    keywords: sides.get(actor.sideId),
  }));
});

export const sourceCandidates = memoByState((data: Data, storyId: string): Candidate[] =>
  data.sources
    .filter((source) => source.storyId === storyId && !source.retraction)
    .reverse()
    .map((source) => ({
      value: source.id,
      name: `${source.outlet}${sourceBounds(source) ? `, ${plainDateBounds(sourceBounds(source)!)}` : ', undated'}${source.title ? ` — ${source.title}` : ''}`,
      keywords: source.title,
    })),
);

export const claimCandidates = memoByState((data: Data, storyId: string): Candidate[] =>
  claimsOf(data, storyId).map((claim) => ({
    value: claim.id,
    name: `${claim.question} (${claim.accounts.length} account${claim.accounts.length === 1 ? '' : 's'})`,
    keywords: claim.accounts.map((account) => account.position).join(' '),
  })),
);

/** Newest recorded first; retracted ones too, marked, so a correction or its history can still find them. */
export const statementCandidates = memoByState((data: Data, storyId: string): Candidate[] =>
  data.statements
    .filter((statement) => statement.storyId === storyId)
    .reverse()
    .map((statement) => ({
      value: statement.id,
      name: `${statement.retraction ? '(retracted) ' : ''}${statement.speaker}: “${statement.quote}”`,
      keywords: [statement.saidAt, statement.context].filter(Boolean).join(' '),
    })),
);

const KIND_LABEL = { event: 'event', statement: 'statement', claim: 'question', source: 'source', story: 'story', position: 'position' } as const;

/** Each side's positions, newest first; retracted ones too, marked, so a correction or its history can still find them. */
export const positionCandidates = memoByState((data: Data, storyId: string): Candidate[] => {
  const sides = new Map(data.stories.find((story) => story.id === storyId)?.sides.map((side) => [side.id, side.name]) ?? []);
  return data.positions
    .filter((position) => position.storyId === storyId)
    .reverse()
    .map((position) => ({
      value: position.id,
      name: `${position.retraction ? '(retracted) ' : ''}${sides.get(position.sideId) ?? position.sideId}: ${position.text}`,
      keywords: position.sideId,
    }));
});

/**
 * Every record of a story that has a history (`/update history`): the story itself, then events,
 * statements, questions and sources, newest first, retracted ones too. Values are `<kind>:<id>`.
 */
export const recordCandidates = memoByState((data: Data, storyId: string): Candidate[] => {
  const story = data.stories.find((candidate) => candidate.id === storyId);
  const mark = (retracted: boolean) => (retracted ? ' (retracted)' : '');
  const mine = <T extends { storyId: string }>(items: readonly T[]) => items.filter((item) => item.storyId === storyId).reverse();
  return [
    ...(story ? [{ value: `story:${story.id}`, name: `${KIND_LABEL.story} · ${story.title}`, keywords: story.id }] : []),
    ...mine(data.events).map((e) => ({ value: `event:${e.id}`, name: `${KIND_LABEL.event} · ${e.title}${mark(e.status === 'retracted')}`, keywords: e.id })),
    ...mine(data.statements).map((s) => ({ value: `statement:${s.id}`, name: `${KIND_LABEL.statement} · ${s.speaker}: “${s.quote}”${mark(Boolean(s.retraction))}`, keywords: s.id })),
    ...mine(data.claims).map((c) => ({ value: `claim:${c.id}`, name: `${KIND_LABEL.claim} · ${c.question}${mark(Boolean(c.retraction))}`, keywords: c.id })),
    ...mine(data.sources).map((s) => ({ value: `source:${s.id}`, name: `${KIND_LABEL.source} · ${[s.outlet, s.title].filter(Boolean).join(' — ')}${mark(Boolean(s.retraction))}`, keywords: s.id })),
    ...mine(data.positions).map((p) => ({ value: `position:${p.id}`, name: `${KIND_LABEL.position} · ${p.text}${mark(Boolean(p.retraction))}`, keywords: p.id })),
  ];
});

/** Stored events never change (a write replaces them), so each keeps its candidate across store states. */
const eventCandidate = new WeakMap<SitrepEvent, Candidate>();

/** Newest first: the event someone is looking for is most often a recent one. */
export const eventCandidates = memoByState((data: Data, storyId: string): Candidate[] =>
  [...visibleEvents(data, storyId)].reverse().map((event) => {
    let candidate = eventCandidate.get(event);
    if (!candidate) {
      candidate = {
        value: event.id,
        name: `${plainDateBounds(eventBounds(event))} — ${event.title}`,
        keywords: [event.location, event.occurredAt].filter(Boolean).join(' '),
      };
      if (Object.isFrozen(event)) eventCandidate.set(event, candidate);
    }
    return candidate;
  }),
);
