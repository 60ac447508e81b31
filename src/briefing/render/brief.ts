import { messagesFor, isolate, type Messages } from '../../i18n/index.js';
import { mostRecent, type Briefing } from '../briefing.js';
import { correctionLine, type Correction } from '../corrections.js';
import { citation, safe } from '../format.js';
import { notice, type Reply } from '../reply.js';
import { sourceLinesIn, type StoryLookup } from '../story-lookup.js';
import { claimBlock } from './claims.js';
import type { PageOptions } from './components.js';
import { layoutDocument, renderLaidOut, type Block, type DocumentLayout } from './document.js';
import { statementBlock } from './statements.js';
import { formatDateBounds } from '../date-range-format.js';
import { eventBounds } from '../../data/date-range.js';

const heading = (text: string): Block => ({ text: `__**${text}**__`, sourceIds: [] });

/** The lead: the story in a sentence or two, then the span and the most recent development. */
export function briefLead(briefing: Briefing, lookup: StoryLookup, m: Messages = messagesFor('en')): Block {
  const { events } = briefing;
  const first = events[0]!;
  const last = events[events.length - 1]!;
  const latest = mostRecent(events)!;
  const date = (event: typeof first) => formatDateBounds(eventBounds(event), m.language);
  const span = events.length === 1 ? m.oneDevelopment(date(first)) : m.developmentsBetween(events.length, date(first), date(last));
  const cites = citation(latest.sourceIds.map((id) => lookup.citationNumbers.get(id)!));
  return {
    text: `${isolate(safe(briefing.story.summary), m)}\n${span}; ${m.mostRecent(isolate(safe(latest.title), m))} ${cites}.`,
    sourceIds: latest.sourceIds,
  };
}

export function layoutBrief(briefing: Briefing, lookup: StoryLookup, m: Messages = messagesFor('en'), corrections: readonly Correction[] = []): DocumentLayout | Reply {
  const title = isolate(safe(briefing.story.title), m);
  if (briefing.events.length === 0) {
    return notice(briefing.since ? m.nothingNewSince(title, safe(briefing.since.label)) : m.noEventsYet(title));
  }
  const blocks: Block[] = [
    briefLead(briefing, lookup, m),
    ...(corrections.length ? [heading(m.corrections), ...corrections.map((correction) => ({ text: correctionLine(correction, m), sourceIds: [] }))] : []),
    heading(m.latestDevelopments),
    ...briefing.developments.map((event) => ({
      text: `**${formatDateBounds(eventBounds(event), m.language)}** — ${isolate(safe(event.title), m)} ${citation(
        event.sourceIds.map((id) => lookup.citationNumbers.get(id)!),
      )}${event.status === 'disputed' ? ` · ⚠️ ${m.disputed}` : ''}\n${isolate(safe(event.summary), m)}`,
      sourceIds: event.sourceIds,
    })),
  ];
  if (briefing.positions.length) {
    blocks.push(heading(m.whereEachSideStands), ...briefing.positions.map((statement) => statementBlock(statement, lookup, m)));
  }
  if (briefing.disputes.length) {
    blocks.push(
      heading(m.whatIsDisputed),
      ...briefing.disputes.map((claim) => claimBlock(claim, lookup.sides, lookup.citationNumbers, m)),
    );
  }
  return layoutDocument({
      title: m.briefingTitle(title, briefing.since ? safe(briefing.since.label) : undefined),
      blocks,
      sourceLines: sourceLinesIn(lookup, m),
      sourcesHeading: m.sources,
      countLabel: m.developments(briefing.events.length),
      maxBlocksPerPage: 14,
      separator: '\n\n',
  });
}

export function renderBrief(briefing: Briefing, lookup: StoryLookup, options: PageOptions, corrections: readonly Correction[] = []): Reply {
  return renderLaidOut(layoutBrief(briefing, lookup, options.messages, corrections), options);
}
