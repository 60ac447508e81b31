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

/** A document laid out into page descriptions: cheap to keep and to render any page of. */
export interface DocumentLayout {
  title: string;
  pages: string[];
  countLabel: string;
}

/**
 * Lays blocks out into embed pages that each end with the sources they cite, never over Discord's
 * limits. A block too long for any page continues on the next one, split between sentences.
 */
export function layoutDocument(document: PagedDocument): DocumentLayout {
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
  const blocks = document.blocks.flatMap((block) => {
    const room = LIMITS.embedDescription - withSources('', block.sourceIds, 'short').length - 2;
    return splitText(block.text, room).map((text) => ({ text, sourceIds: block.sourceIds }));
  });
  const pages = pagesOf(blocks, (page) => describe(page).length <= LIMITS.embedDescription, document.maxBlocksPerPage);
  return {
    title: shorten(document.title, LIMITS.embedTitle),
    pages: pages.map((page) => shorten(describe(page), LIMITS.embedDescription)),
    countLabel: document.countLabel,
  };
}

/** One page of a laid-out document, with Previous / Next buttons when there is more than one. */
export function renderLayout(layout: DocumentLayout, options: PageOptions): Reply {
  const count = Math.max(layout.pages.length, 1);
  const page = clampPage(options.page, count);
  return {
    embeds: [
      {
        title: layout.title,
        description: layout.pages[page - 1] ?? '',
        footer: { text: `Page ${page} of ${count} · ${layout.countLabel}` },
      },
    ],
    components: pageButtons(page, layout.pages.length, options.customIdFor),
  };
}

/** A layout's page, or the notice a renderer gave instead of a layout (nothing to show). */
export function renderLaidOut(laidOut: DocumentLayout | Reply, options: PageOptions): Reply {
  return 'pages' in laidOut ? renderLayout(laidOut, options) : laidOut;
}

export function renderPagedDocument(document: PagedDocument, options: PageOptions): Reply {
  return renderLayout(layoutDocument(document), options);
}
