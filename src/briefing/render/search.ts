import { isolate, messagesFor, type Messages } from '../../i18n/index.js';
import { citation, safe } from './format.js';
import { shorten } from './paginate.js';
import { notice, type Reply } from '../reply/reply.js';
import { MAX_RESULTS, type SearchHit } from '../search/search.js';
import { sourceLinesIn, type StoryLookup } from '../query/story-lookup.js';
import { layoutDocument, type DocumentLayout } from './document.js';

const kind = (hit: SearchHit, m: Messages) =>
  hit.document.kind === 'event' ? m.searchEvent : hit.document.kind === 'statement' ? m.searchStatement : m.searchClaim;

/** Where to go from a hit: the command that shows it in full. */
function openWith(hit: SearchHit): string {
  const { document } = hit;
  const id = document.id.slice(document.id.indexOf(':') + 1);
  if (document.kind === 'event') return `/event id:${id}`;
  if (document.eventId) return `/event id:${document.eventId}`;
  return document.kind === 'claim' ? '/claims' : `/statements side:${document.sideId}`;
}

export function layoutSearch(query: string, hits: readonly SearchHit[], lookup: StoryLookup, m: Messages = messagesFor('en')): DocumentLayout | Reply {
  const title = isolate(safe(lookup.story.title), m);
  if (hits.length === 0) {
    return notice(m.noMatches(title, safe(query)));
  }
  return layoutDocument({
      title: m.searchTitle(isolate(safe(query), m), title),
      blocks: hits.map((hit) => ({
        text: `${kind(hit, m)}: **${isolate(safe(shorten(hit.document.title, 200)), m)}**\n${isolate(safe(
          shorten(hit.document.text, 200),
        ), m)} ${citation(hit.document.sourceIds.map((id) => lookup.citationNumbers.get(id)!))}\n-# ${m.openWith(openWith(hit))}`,
        sourceIds: hit.document.sourceIds,
      })),
      sourceLines: sourceLinesIn(lookup, m),
      sourcesHeading: m.sources,
      countLabel: hits.length >= MAX_RESULTS ? m.bestResults(MAX_RESULTS) : m.results(hits.length),
      maxBlocksPerPage: 8,
      separator: '\n\n',
  });
}
