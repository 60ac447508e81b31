import { LIMITS } from '../limits.js';
import { clampPage, pagesOf, shorten, splitText } from '../paginate.js';
import type { Reply } from '../reply.js';
import { pageButtons, type PageOptions } from './components.js';
import { sourcesBlock, type SourceLine } from './citations.js';

/** One paragraph of a reply and the sources it cites. */
export interface Block {
  text: string;
  sourceIds: readonly string[];
}

export interface PagedDocument {
  title: string;
  blocks: readonly Block[];
  /** Every citable source's lines, keyed by id, in citation order. */
  sourceLines: ReadonlyMap<string, SourceLine>;
  /** Footer after "Page x of y · ", e.g. "12 events". */
  countLabel: string;
  maxBlocksPerPage: number;
  separator?: string;
}

/**
 * Lays blocks out into embed pages that each end with the sources they cite, never over Discord's
 * limits, with Previous / Next buttons when there is more than one page.
 */
export function renderPagedDocument(document: PagedDocument, options: PageOptions): Reply {
  const separator = document.separator ?? '\n';
  const withSources = (body: string, cited: readonly string[], form: 'full' | 'short') =>
    [body, sourcesBlock(document.sourceLines, cited, form)].filter(Boolean).join('\n\n');
  // Full source lines when they fit, else the short form: a page never drops a citation.
  const describe = (blocks: readonly Block[]) => {
    const body = blocks.map((block) => block.text).join(separator);
    const cited = blocks.flatMap((block) => block.sourceIds);
    const full = withSources(body, cited, 'full');
    return full.length <= LIMITS.embedDescription ? full : withSources(body, cited, 'short');
  };
  // A block too long for any page continues on the next one, split between sentences.
  const blocks = document.blocks.flatMap((block) => {
    const room = LIMITS.embedDescription - withSources('', block.sourceIds, 'short').length - 2;
    return splitText(block.text, room).map((text) => ({ text, sourceIds: block.sourceIds }));
  });
  const pages = pagesOf(blocks, (page) => describe(page).length <= LIMITS.embedDescription, document.maxBlocksPerPage);
  const page = clampPage(options.page, pages.length);
  return {
    embeds: [
      {
        title: shorten(document.title, LIMITS.embedTitle),
        description: shorten(describe(pages[page - 1] ?? []), LIMITS.embedDescription),
        footer: { text: `Page ${page} of ${Math.max(pages.length, 1)} · ${document.countLabel}` },
      },
    ],
    components: pageButtons(page, pages.length, options.customIdFor),
  };
}
