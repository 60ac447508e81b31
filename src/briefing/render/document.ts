import { LIMITS } from '../limits.js';
import { clampPage, pagesOf, shorten } from '../paginate.js';
import type { Reply } from '../reply.js';
import { pageButtons, type PageOptions } from './components.js';
import { sourcesBlock } from './citations.js';

/** One paragraph of a reply and the sources it cites. */
export interface Block {
  text: string;
  sourceIds: readonly string[];
}

export interface PagedDocument {
  title: string;
  blocks: readonly Block[];
  /** Every citable source's line, keyed by id, in citation order. */
  sourceLines: ReadonlyMap<string, string>;
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
  const describe = (blocks: readonly Block[]) =>
    [blocks.map((block) => block.text).join(separator), sourcesBlock(document.sourceLines, blocks.flatMap((b) => b.sourceIds))]
      .filter(Boolean)
      .join('\n\n');
  const pages = pagesOf(
    document.blocks,
    (blocks) => describe(blocks).length <= LIMITS.embedDescription,
    document.maxBlocksPerPage,
  );
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
