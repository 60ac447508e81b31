import type { SitrepEvent, Source, Story } from '../../data/schema.js';
import { citation, formatPartialDate, safe } from '../format.js';
import { notice, type Reply } from '../reply.js';
import type { PageOptions } from './components.js';
import { layoutDocument, renderLaidOut, type DocumentLayout } from './document.js';
import { sourceLines } from './citations.js';

export interface TimelineView {
  story: Story;
  events: readonly SitrepEvent[];
  /** All of the story's sources, in citation order. */
  sources: readonly Source[];
  citationNumbers: ReadonlyMap<string, number>;
  /** What the timeline was narrowed to, for the heading ("side: Iran"). */
  filterLabel?: string;
}

/** Stored events never change (a write replaces them), so each one's line is written once per citation. */
const entries = new WeakMap<SitrepEvent, { cites: string; text: string }>();

export function timelineEntry(event: SitrepEvent, numbers: ReadonlyMap<string, number>): string {
  const cites = citation(event.sourceIds.map((id) => numbers.get(id)!));
  const known = entries.get(event);
  if (known?.cites === cites) return known.text;
  const disputed = event.status === 'disputed' ? ' · ⚠️ disputed' : '';
  const text = `**${formatPartialDate(event.occurredAt, event.precision)}** — ${safe(event.title)} ${cites}${disputed}`;
  if (Object.isFrozen(event)) entries.set(event, { cites, text });
  return text;
}

/** The timeline laid out into pages (kept per store state by the command), or a notice when empty. */
export function layoutTimeline(view: TimelineView): DocumentLayout | Reply {
  // Names a side or actor, as stored: shown inert, as the statements heading shows its filter.
  const scope = view.filterLabel ? ` (${safe(view.filterLabel)})` : '';
  if (view.events.length === 0) return notice(`No events in **${safe(view.story.title)}**${scope} yet.`);
  return layoutDocument(
    {
      title: `Timeline — ${safe(view.story.title)}${scope}`,
      blocks: view.events.map((event) => ({ text: timelineEntry(event, view.citationNumbers), sourceIds: event.sourceIds })),
      sourceLines: sourceLines(view.sources, view.citationNumbers),
      countLabel: `${view.events.length} events`,
      maxBlocksPerPage: 10,
    },
  );
}

export function renderTimeline(view: TimelineView, options: PageOptions): Reply {
  return renderLaidOut(layoutTimeline(view), options);
}
