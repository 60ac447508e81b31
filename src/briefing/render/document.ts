import type { APIEmbedField } from 'discord.js';
import { LIMITS } from '../reply/limits.js';
import { clampPage, shorten, splitText } from './paginate.js';
import type { Reply } from '../reply/reply.js';
import { openMenu, pageButtons, type OpenItem, type PageOptions } from './components.js';
import { sourcesBlock, type SourceLine } from './citations.js';
import { messagesFor } from '../../i18n/index.js';

/**
 * How much a page holds: its description (text and the sources it cites) fills up to 3,500
 * characters, not Discord's 4,096. The margin keeps a page clear of the hard limit whatever is
 * added after measuring (directional closers, a continuation mark) and keeps the whole message
 * (title up to 256, footer, description) far below 6,000; 3,500 characters is about 550 words,
 * two or three screens on a phone — a page one reads through, not a wall. Side-by-side pages
 * (`layoutColumns`) hold the same amount across their fields.
 */
export const PAGE_BUDGET = 3500;

/** A page lists at most this many items that open (a select menu holds 25 options). */
export const MAX_OPENABLE = LIMITS.selectOptions;

/** One paragraph of a reply and the sources it cites. */
export interface Block {
  text: string;
  sourceIds: readonly string[];
  /** What the block shows that a reader can open from the page's select menu (an event, statement or claim). */
  open?: OpenItem;
}

export interface PagedDocument {
  title: string;
  blocks: readonly Block[];
  /** Every citable source's lines, keyed by id, in citation order. */
  sourceLines: ReadonlyMap<string, SourceLine>;
  /** Footer after "Page x of y · ", e.g. "12 events". */
  countLabel: string;
  /**
   * At most this many blocks on a page, besides the length (optional: pages fill by length; a list
   * whose blocks open fills to at most 25 of them, one select option each).
   */
  maxBlocksPerPage?: number;
  separator?: string;
  /** The heading of each page's sources ("Sources" in English). */
  sourcesHeading?: string;
  /** The select menu's placeholder when blocks open ("Open an event…"). */
  openPlaceholder?: string;
}

/** A document laid out into pages: cheap to keep and to render any page of. */
export interface DocumentLayout {
  title: string;
  pages: LaidOutPages;
  countLabel: string;
  /** The select menu's placeholder (when the pages' blocks open). */
  openPlaceholder?: string;
}

/** Where each page starts is known up front; a page's text is made the first time it is shown (a 100k-event timeline has 10,000 pages, and readers open a few). */
export interface LaidOutPages {
  readonly count: number;
  /** The description of page `index` (0-based); empty for a page of fields. */
  text(index: number): string;
  /** What page `index` lists that opens, in order, each once (at most 25). */
  items(index: number): readonly OpenItem[];
  /** The fields of page `index`, for a page laid out side by side (`layoutColumns`). */
  fields?(index: number): APIEmbedField[];
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
    return full.length <= PAGE_BUDGET ? full : withSources(body, cited, 'short');
  };
  const blocks = document.blocks.flatMap((block) => {
    // A block longer than a page continues on the next, split between lines, sentences or words, marked "…" at both ends.
    const room = Math.max(PAGE_BUDGET - sourcesLength(document.sourceLines, block.sourceIds, 'short', heading) - 2, 1000);
    return block.text.length <= room ? [block] : splitText(block.text, room).map((text) => ({ ...block, text }));
  });
  const pages = pagesBySize(blocks, separator.length, document.sourceLines, document.maxBlocksPerPage ?? Infinity, heading);
  const texts: string[] = [];
  return {
    title: shorten(document.title, LIMITS.embedTitle),
    pages: {
      count: pages.length,
      text: (index) => (texts[index] ??= shorten(describe(pages[index] ?? []), LIMITS.embedDescription)),
      items: (index) => itemsOf(pages[index] ?? []),
    },
    countLabel: document.countLabel,
    ...(document.openPlaceholder ? { openPlaceholder: document.openPlaceholder } : {}),
  };
}

/** The distinct items a page's blocks open (a block split across pages opens from each of them). */
function itemsOf(blocks: readonly Block[]): OpenItem[] {
  const seen = new Set<string>();
  return blocks.flatMap((block) => {
    if (!block.open) return [];
    const key = `${block.open.kind}:${block.open.id}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [block.open];
  });
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
  // The page's items that open, for the 25 a select menu lists (the last one, so a split block counts once).
  let openable = 0;
  let lastOpen: OpenItem | undefined;
  const start = () => {
    page = [];
    body = 0;
    cited = new Set();
    full = short = 0;
    openable = 0;
    lastOpen = undefined;
  };
  const opensNew = (block: Block) => block.open !== undefined && block.open !== lastOpen;
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
    if (opensNew(block)) openable++;
    if (block.open) lastOpen = block.open;
  };
  for (const block of blocks) {
    measure(block.sourceIds);
    const nextBody = body + (page.length ? separatorLength : 0) + block.text.length;
    const count = cited.size + addedCount;
    const length = nextBody + Math.min(blockLength(full + addedFull, count), blockLength(short + addedShort, count));
    if (page.length && (page.length >= maxBlocks || length > PAGE_BUDGET || (opensNew(block) && openable >= MAX_OPENABLE))) {
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

/**
 * One page of a laid-out document, with Previous / Next buttons when there is more than one, and —
 * when the command passes `options.open` and the page lists items that open — a select menu of them.
 */
export function renderLayout(layout: DocumentLayout, options: PageOptions): Reply {
  const count = Math.max(layout.pages.count, 1);
  const page = clampPage(options.page, count);
  const description = layout.pages.count ? layout.pages.text(page - 1) : '';
  const fields = layout.pages.count ? layout.pages.fields?.(page - 1) : undefined;
  const items = layout.pages.count ? layout.pages.items(page - 1) : [];
  const m = options.messages ?? messagesFor('en');
  return {
    embeds: [
      {
        title: layout.title,
        ...(description || !fields?.length ? { description } : {}),
        ...(fields?.length ? { fields } : {}),
        footer: { text: m.page(page, count, layout.countLabel) },
      },
    ],
    components: [
      ...pageButtons(page, layout.pages.count, options.customIdFor, options.messages),
      ...(options.open && items.length ? [openMenu(items, options.open, layout.openPlaceholder ?? m.openPlaceholder)] : []),
    ],
  };
}

/** A layout's page, or the notice a renderer gave instead of a layout (nothing to show). */
export function renderLaidOut(laidOut: DocumentLayout | Reply, options: PageOptions): Reply {
  return 'pages' in laidOut ? renderLayout(laidOut, options) : laidOut;
}

export function renderPagedDocument(document: PagedDocument, options: PageOptions): Reply {
  return renderLayout(layoutDocument(document), options);
}

/** One cell of a side-by-side row: a column's name and what it holds there. */
export interface Cell {
  name: string;
  text: string;
  sourceIds: readonly string[];
}

/** A group of a side-by-side document: its heading (a full-width field) and one cell per column. */
export interface ColumnGroup {
  heading: { name: string; value: string };
  cells: readonly Cell[];
}

export interface ColumnDocument {
  title: string;
  groups: readonly ColumnGroup[];
  sourceLines: ReadonlyMap<string, SourceLine>;
  countLabel: string;
  sourcesHeading: string;
  /** A group's heading again, on the rows that continue it (after a page break too): "… (continued)". */
  continued: (heading: string) => string;
  /** A cell's text when a column has nothing more in a continuing row. */
  empty: string;
}

/** A full-width field, then the columns side by side: one row of a side-by-side page. */
type Row = { fields: APIEmbedField[]; sourceIds: readonly string[] };

/** An embed field's name or value never empty (Discord refuses one): a zero-width space stands in. */
const BLANK = '\u200b';

/**
 * Lays groups out side by side: per group, a full-width heading field, then one inline field per
 * column (Discord shows them side by side on a desktop and one under the other on a phone). A cell
 * longer than a field (1,024 characters) continues in the next row, split between lines, sentences
 * or words with "…" at both ends, under the heading repeated as "… (continued)" — so a group broken
 * by a page break is headed again on the next page. A page holds rows up to PAGE_BUDGET characters
 * and 25 fields, with the sources it cites in a last field (or more, each at most 1,024).
 */
export function layoutColumns(document: ColumnDocument): DocumentLayout {
  const rows: Row[] = document.groups.flatMap((group) => {
    const pieces = group.cells.map((cell) => splitText(cell.text, LIMITS.fieldValue));
    const count = Math.max(1, ...pieces.map((piece) => piece.length));
    return Array.from({ length: count }, (_, index): Row => {
      // A long heading is shortened before "(continued)" is added, so the mark always shows.
      const name = (index === 0 ? shorten(group.heading.name, LIMITS.fieldName) : document.continued(shorten(group.heading.name, LIMITS.fieldName - document.continued('').length))) || BLANK;
      return {
        fields: [
          { name, value: shorten(group.heading.value, LIMITS.fieldValue) || BLANK },
          ...group.cells.map((cell, column) => ({
            name: shorten(cell.name, LIMITS.fieldName) || BLANK,
            value: pieces[column]![index] ?? document.empty,
            inline: true,
          })),
        ],
        sourceIds: group.cells.flatMap((cell) => cell.sourceIds),
      };
    });
  });
  const sourceFields = (page: readonly Row[], form: 'full' | 'short'): APIEmbedField[] => {
    const block = sourcesBlock(document.sourceLines, page.flatMap((row) => row.sourceIds), form, document.sourcesHeading);
    if (!block) return [];
    const lines = block.slice(block.indexOf('\n') + 1);
    return splitText(lines, LIMITS.fieldValue).map((value, index) => ({
      name: index === 0 ? document.sourcesHeading : document.continued(document.sourcesHeading),
      value,
    }));
  };
  const size = (fields: readonly APIEmbedField[]) => fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  const hardRoom = LIMITS.embedTotal - LIMITS.embedTitle - 200;
  const pageFields = (page: readonly Row[]): APIEmbedField[] => {
    const body = page.flatMap((row) => row.fields);
    const full = [...body, ...sourceFields(page, 'full')];
    return size(full) <= PAGE_BUDGET && full.length <= LIMITS.embedFields ? full : [...body, ...sourceFields(page, 'short')];
  };
  const fits = (page: readonly Row[]) => {
    const fields = pageFields(page);
    // One row alone may pass the reading budget (two full fields and a heading), never Discord's limits.
    return fields.length <= LIMITS.embedFields && size(fields) <= (page.length === 1 ? hardRoom : PAGE_BUDGET);
  };
  const pages: Row[][] = [];
  let page: Row[] = [];
  for (const row of rows) {
    if (page.length && !fits([...page, row])) {
      pages.push(page);
      page = [];
    }
    page.push(row);
  }
  if (page.length) pages.push(page);
  const made: APIEmbedField[][] = [];
  return {
    title: shorten(document.title, LIMITS.embedTitle),
    pages: {
      count: pages.length,
      text: () => '',
      items: () => [],
      fields: (index) => (made[index] ??= pageFields(pages[index] ?? [])),
    },
    countLabel: document.countLabel,
  };
}
