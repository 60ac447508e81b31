import { citation, safe } from '../format.js';
import { shorten } from '../paginate.js';
import { notice, type Reply } from '../reply.js';
import { MAX_RESULTS, type SearchHit } from '../search.js';
import type { StoryLookup } from '../story-lookup.js';
import { layoutDocument, type DocumentLayout } from './document.js';

const KIND = { event: '📅 Event', statement: '💬 Statement', claim: '⚖️ Claim' } as const;

/** Where to go from a hit: the command that shows it in full. */
function openWith(hit: SearchHit): string {
  const { document } = hit;
  const id = document.id.slice(document.id.indexOf(':') + 1);
  if (document.kind === 'event') return `/event id:${id}`;
  if (document.eventId) return `/event id:${document.eventId}`;
  return document.kind === 'claim' ? '/claims' : `/statements side:${document.sideId}`;
}

export function layoutSearch(query: string, hits: readonly SearchHit[], lookup: StoryLookup): DocumentLayout | Reply {
  const title = safe(lookup.story.title);
  if (hits.length === 0) {
    return notice(`Nothing in **${title}** matches \`${safe(query)}\`. Try fewer or shorter words, or \`/timeline\` to browse.`);
  }
  return layoutDocument({
      title: `Search — “${safe(query)}” in ${title}`,
      blocks: hits.map((hit) => ({
        text: `${KIND[hit.document.kind]}: **${safe(shorten(hit.document.title, 200))}**\n${safe(
          shorten(hit.document.text, 200),
        )} ${citation(hit.document.sourceIds.map((id) => lookup.citationNumbers.get(id)!))}\n-# open with \`${openWith(hit)}\``,
        sourceIds: hit.document.sourceIds,
      })),
      sourceLines: lookup.sourceLines,
      countLabel: hits.length >= MAX_RESULTS ? `the best ${MAX_RESULTS} results — add words to narrow it` : `${hits.length} results`,
      maxBlocksPerPage: 8,
      separator: '\n\n',
  });
}
