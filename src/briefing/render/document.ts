import { LIMITS } from '../reply/limits.js';
import { clampPage, shorten, splitText } from './paginate.js';
import type { Reply } from '../reply/reply.js';
import { pageButtons, type PageOptions } from './components.js';
import { sourcesBlock, type SourceLine } from './citations.js';
import { messagesFor } from '../../i18n/index.js';

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
  /** The heading of each page's sources ("Sources" in English). */
  sourcesHeading?: string;
}

/** A document laid out into pages: cheap to keep and to render any page of. */
export interface DocumentLayout {
  title: string;
  pages: LaidOutPages;
  countLabel: string;
}

/** Where each page starts is known up front; a page's text is made the first time it is shown (a 100k-event timeline has 10,000 pages, and readers open a few). */
export interface LaidOutPages {
  readonly count: number;
  /** The description of page `index` (0-based). */
  text(index: number): string;
}

/**
 * Lays blocks out into embed pages that each end with the sources they cite, never over Discord's
 * limits. A block too long for any page continues on the next one, split between sentences.
 */
export function layoutDocument(document: PagedDocument): DocumentLayout {
  const separator = document.separator ?? '\n';
  const heading = document.sourcesHeading ?? 'Sources';
  const withSources = (body: string, cited: readonly string[], form: 'full' | 'short') =>
    [body, sourcesBlock(document.sourceLines, cited, form, heading)].filter(Boolean).join('\n\n');
  // Full source lines when they fit, else the short form: a page never drops a citation.
  const describe = (blocks: readonly Block[]) => {
    const body = blocks.map((block) => block.text).join(separator);
    const cited = blocks.flatMap((block) => block.sourceIds);
    const full = withSources(body, cited, 'full');
    return full.length <= LIMITS.embedDescription ? full : withSources(body, cited, 'short');
  };
  const blocks = document.blocks.flatMap((block) => {
    const room = LIMITS.embedDescription - sourcesLength(document.sourceLines, block.sourceIds, 'short', heading) - 2;
    return block.text.length <= room ? [block] : splitText(block.text, room).map((text) => ({ text, sourceIds: block.sourceIds }));
  });
  const pages = pagesBySize(blocks, separator.length, document.sourceLines, document.maxBlocksPerPage, heading);
  const texts: string[] = [];
  return {
    title: shorten(document.title, LIMITS.embedTitle),
    pages: {
      count: pages.length,
      text: (index) => (texts[index] ??= shorten(describe(pages[index] ?? []), LIMITS.embedDescription)),
    },
    countLabel: document.countLabel,
  };
}

/** The length of `sourcesBlock(lines, cited, form)`, without building it (or a set: this runs once per block of a 100k-event timeline). */
function sourcesLength(lines: ReadonlyMap<string, SourceLine>, cited: readonly string[], form: 'full' | 'short', heading: string): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < cited.length; i++) {
    const line = lines.get(cited[i]!);
    if (!line || cited.indexOf(cited[i]!) !== i) continue;
    sum += line[form].length;
    count++;
  }
  return count ? `**${heading}**\n`.length + sum + count - 1 : 0;
}

/**
 * Greedy paging by arithmetic: the same pages as trying each page's text against the limit, but
 * each block is measured once, so a 100k-event timeline lays out in one linear pass.
 */
function pagesBySize(blocks: readonly Block[], separatorLength: number, lines: ReadonlyMap<string, SourceLine>, maxBlocks: number, heading: string): Block[][] {
  const HEADING = `**${heading}**\n`.length;
  const pages: Block[][] = [];
  let page: Block[] = [];
  let body = 0;
  let cited = new Set<string>();
  let full = 0;
  let short = 0;
  const start = () => {
    page = [];
    body = 0;
    cited = new Set();
    full = short = 0;
  };
  const blockLength = (sum: number, count: number) => (count ? 2 + HEADING + sum + count - 1 : 0);
  // What a block's sources add to the page: counted without making a set or an array per block.
  let addedFull = 0;
  let addedShort = 0;
  let addedCount = 0;
  const measure = (ids: readonly string[]) => {
    addedFull = addedShort = addedCount = 0;
    for (let i = 0; i < ids.length; i++) {
      const line = lines.get(ids[i]!);
      if (!line || cited.has(ids[i]!) || ids.indexOf(ids[i]!) !== i) continue;
      addedFull += line.full.length;
      addedShort += line.short.length;
      addedCount++;
    }
  };
  const take = (block: Block) => {
    for (const id of block.sourceIds) if (lines.has(id)) cited.add(id);
    page.push(block);
    full += addedFull;
    short += addedShort;
  };
  for (const block of blocks) {
    measure(block.sourceIds);
    const nextBody = body + (page.length ? separatorLength : 0) + block.text.length;
    const count = cited.size + addedCount;
    const length = nextBody + Math.min(blockLength(full + addedFull, count), blockLength(short + addedShort, count));
    if (page.length && (page.length >= maxBlocks || length > LIMITS.embedDescription)) {
      pages.push(page);
      start();
      measure(block.sourceIds);
      body = block.text.length;
      take(block);
      continue;
    }
    body = nextBody;
    take(block);
  }
  if (page.length) pages.push(page);
  return pages;
}

/** One page of a laid-out document, with Previous / Next buttons when there is more than one. */
export function renderLayout(layout: DocumentLayout, options: PageOptions): Reply {
  const count = Math.max(layout.pages.count, 1);
  const page = clampPage(options.page, count);
  return {
    embeds: [
      {
        title: layout.title,
        description: layout.pages.count ? layout.pages.text(page - 1) : '',
        footer: { text: (options.messages ?? messagesFor('en')).page(page, count, layout.countLabel) },
      },
    ],
    components: pageButtons(page, layout.pages.count, options.customIdFor, options.messages),
  };
}

/** A layout's page, or the notice a renderer gave instead of a layout (nothing to show). */
export function renderLaidOut(laidOut: DocumentLayout | Reply, options: PageOptions): Reply {
  return 'pages' in laidOut ? renderLayout(laidOut, options) : laidOut;
}

export function renderPagedDocument(document: PagedDocument, options: PageOptions): Reply {
  return renderLayout(layoutDocument(document), options);
}
