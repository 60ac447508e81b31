import { isolate, messagesFor, type Messages } from '../../i18n/index.js';
import { citation, safe } from './format.js';
import { shorten } from './paginate.js';
import { notice, type Reply } from '../reply/reply.js';
import { MAX_RESULTS, type SearchHit } from '../search/search.js';
import { sourceLinesIn, type StoryLookup } from '../query/story-lookup.js';
import { layoutDocument, type DocumentLayout } from './document.js';
import type { OpenItem } from './components.js';

const kind = (hit: SearchHit, m: Messages) =>
  hit.document.kind === 'event' ? m.searchEvent : hit.document.kind === 'statement' ? m.searchStatement : m.searchClaim;

/** A hit as the select menu under the results offers it: the record itself (an event, a statement or a claim). */
function hitItem(hit: SearchHit, m: Messages): OpenItem {
  const { document } = hit;
  return { kind: document.kind, id: document.id.slice(document.id.indexOf(':') + 1), label: `${kind(hit, m)}: ${document.title}`, description: document.text };
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
        ), m)} ${citation(hit.document.sourceIds.map((id) => lookup.citationNumbers.get(id)!))}`,
        sourceIds: hit.document.sourceIds,
        open: hitItem(hit, m),
      })),
      sourceLines: sourceLinesIn(lookup, m),
      sourcesHeading: m.sources,
      countLabel: hits.length >= MAX_RESULTS ? m.bestResults(MAX_RESULTS) : m.results(hits.length),
      separator: '\n\n',
      openPlaceholder: m.openResult,
  });
}
