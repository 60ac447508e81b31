import type { SitrepEvent, Source, Story } from '../../data/schema.js';
import { isolate, messagesFor, type Messages } from '../../i18n/index.js';
import { citation, safe } from './format.js';
import { notice, type Reply } from '../reply/reply.js';
import type { OpenItem, PageOptions } from './components.js';
import { layoutDocument, renderLaidOut, type DocumentLayout } from './document.js';
import { sourceLines } from './citations.js';
import { formatDateBounds, plainDateBounds } from './date-range-format.js';
import { eventBounds } from '../../data/date-range.js';
import { correctedMark } from '../query/corrections.js';

export interface TimelineView {
  story: Story;
  events: readonly SitrepEvent[];
  /** All of the story's sources, in citation order. */
  sources: readonly Source[];
  citationNumbers: ReadonlyMap<string, number>;
  /** What the timeline was narrowed to, for the heading ("side: Iran"). */
  filterLabel?: string;
  messages?: Messages;
  /** When an event was last corrected, for its "corrected <date>" mark. */
  correctedAt?: (event: SitrepEvent) => string | undefined;
}

/** Stored events never change (a write replaces them), so each one's line is written once per citation. */
const entries = new WeakMap<SitrepEvent, { key: string; text: string }>();

export function timelineEntry(event: SitrepEvent, numbers: ReadonlyMap<string, number>, m: Messages = messagesFor('en'), correctedAt?: string): string {
  const cites = citation(event.sourceIds.map((id) => numbers.get(id)!));
  const key = `${m.language}${cites}${correctedAt ?? ''}`;
  const known = entries.get(event);
  if (known?.key === key) return known.text;
  const disputed = event.status === 'disputed' ? ` · ⚠️ ${m.disputed}` : '';
  const text = `**${formatDateBounds(eventBounds(event), m.language)}** — ${isolate(safe(event.title), m)} ${cites}${disputed}${correctedMark(correctedAt, m)}`;
  if (Object.isFrozen(event)) entries.set(event, { key, text });
  return text;
}

/** An event as a list's select menu offers it: its title, and its date (plain text: a select shows no timestamps). */
export function eventItem(event: SitrepEvent, m: Messages): OpenItem {
  return { kind: 'event', id: event.id, label: event.title, description: `${plainDateBounds(eventBounds(event))}${event.status === 'disputed' ? ` · ⚠️ ${m.disputed}` : ''}` };
}

/** The timeline laid out into pages (kept per store state by the command), or a notice when empty. */
export function layoutTimeline(view: TimelineView): DocumentLayout | Reply {
  // Names a side or actor, as stored: shown inert, as the statements heading shows its filter.
  const m = view.messages ?? messagesFor('en');
  const scope = view.filterLabel ? safe(view.filterLabel) : undefined;
  const title = isolate(safe(view.story.title), m);
  if (view.events.length === 0) return notice(m.noEvents(title, scope));
  return layoutDocument(
    {
      title: m.timelineTitle(title, scope),
      blocks: view.events.map((event) => ({
        text: timelineEntry(event, view.citationNumbers, m, view.correctedAt?.(event)),
        sourceIds: event.sourceIds,
        open: eventItem(event, m),
      })),
      sourceLines: sourceLines(view.sources, view.citationNumbers, m),
      sourcesHeading: m.sources,
      countLabel: m.events(view.events.length),
      openPlaceholder: m.openEvent,
    },
  );
}

export function renderTimeline(view: TimelineView, options: PageOptions): Reply {
  return renderLaidOut(layoutTimeline(view), options);
}
