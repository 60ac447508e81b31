import type { Source, Story } from '../../data/schema.js';
import { formatPartialDate, safe } from '../format.js';
import { LIMITS } from '../limits.js';
import { clampPage, pagesOf, shorten } from '../paginate.js';
import { notice, type Reply } from '../reply.js';
import { pageButtons, type PageOptions } from './components.js';

/** `[1] Middle East Monitor, 18 Jan 2024 — *headline*` */
export function sourceLine(source: Source, number: number): string {
  const date = source.publishedAt && source.publishedPrecision
    ? formatPartialDate(source.publishedAt, source.publishedPrecision)
    : 'undated';
  const title = source.title ? ` — *${safe(source.title)}*` : '';
  const link = source.url ? ` <${source.url}>` : '';
  return `[${number}] ${safe(source.outlet)}, ${date}${title}${link}`;
}

/** Each source's line, keyed by id, in citation order. */
export function sourceLines(sources: readonly Source[], numbers: ReadonlyMap<string, number>): Map<string, string> {
  return new Map(sources.map((source) => [source.id, sourceLine(source, numbers.get(source.id)!)]));
}

/** The "Sources" block that closes a reply: only the sources its lines cite, in citation order. */
export function sourcesBlock(lines: ReadonlyMap<string, string>, cited: Iterable<string>): string {
  const citedIds = new Set(cited);
  const shown = [...lines].filter(([id]) => citedIds.has(id)).map(([, line]) => line);
  return shown.length ? `**Sources**\n${shown.join('\n')}` : '';
}

export interface SourcesView {
  story: Story;
  sources: readonly Source[];
}

/** The `/sources` reply: every report the story is built from, with outlet, date and note. */
export function renderSources(view: SourcesView, options: PageOptions): Reply {
  if (view.sources.length === 0) return notice(`**${safe(view.story.title)}** has no sources yet.`);
  const blocks = view.sources.map((source, index) => {
    const note = source.note ? `\n> ${safe(source.note)}` : '';
    return `${sourceLine(source, index + 1)}${note}`;
  });
  const pages = pagesOf(blocks, (page) => page.join('\n\n').length <= LIMITS.embedDescription, SOURCES_PER_PAGE);
  const page = clampPage(options.page, pages.length);
  return {
    embeds: [
      {
        title: shorten(`Sources — ${safe(view.story.title)}`, LIMITS.embedTitle),
        description: shorten(pages[page - 1]!.join('\n\n'), LIMITS.embedDescription),
        footer: { text: `Page ${page} of ${pages.length} · ${view.sources.length} sources` },
      },
    ],
    components: pageButtons(page, pages.length, options.customIdFor),
  };
}

const SOURCES_PER_PAGE = 10;
