import type { SitrepEvent, Source, Story } from '../../data/schema.js';
import { citation, formatPartialDate, safe } from '../format.js';
import { LIMITS } from '../limits.js';
import { clampPage, pagesOf, shorten } from '../paginate.js';
import { notice, type Reply } from '../reply.js';
import { pageButtons, type PageOptions } from './components.js';
import { sourceLines, sourcesBlock } from './sources.js';

export interface TimelineView {
  story: Story;
  events: readonly SitrepEvent[];
  /** All of the story's sources, in citation order. */
  sources: readonly Source[];
  citationNumbers: ReadonlyMap<string, number>;
  /** What the timeline was narrowed to, for the heading ("side: Iran"). */
  filterLabel?: string;
}

const EVENTS_PER_PAGE = 10;

export function timelineEntry(event: SitrepEvent, numbers: ReadonlyMap<string, number>): string {
  const disputed = event.status === 'disputed' ? ' · ⚠️ disputed' : '';
  const cites = citation(event.sourceIds.map((id) => numbers.get(id)!));
  return `**${formatPartialDate(event.occurredAt, event.precision)}** — ${safe(event.title)} ${cites}${disputed}`;
}

export function renderTimeline(view: TimelineView, options: PageOptions): Reply {
  const scope = view.filterLabel ? ` (${view.filterLabel})` : '';
  if (view.events.length === 0) return notice(`No events in **${safe(view.story.title)}**${scope} yet.`);

  const entries = view.events.map((event) => timelineEntry(event, view.citationNumbers));
  const lines = sourceLines(view.sources, view.citationNumbers);
  const describe = (indices: readonly number[]) =>
    [
      indices.map((index) => entries[index]).join('\n'),
      sourcesBlock(lines, indices.flatMap((index) => view.events[index]!.sourceIds)),
    ]
      .filter(Boolean)
      .join('\n\n');

  const pages = pagesOf(
    entries.map((_, index) => index),
    (indices) => describe(indices).length <= LIMITS.embedDescription,
    EVENTS_PER_PAGE,
  );
  const page = clampPage(options.page, pages.length);
  return {
    embeds: [
      {
        title: shorten(`Timeline — ${safe(view.story.title)}${scope}`, LIMITS.embedTitle),
        description: shorten(describe(pages[page - 1]!), LIMITS.embedDescription),
        footer: { text: `Page ${page} of ${pages.length} · ${view.events.length} events` },
      },
    ],
    components: pageButtons(page, pages.length, options.customIdFor),
  };
}
