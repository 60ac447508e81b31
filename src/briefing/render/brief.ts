import { mostRecent, type Briefing } from '../briefing.js';
import { citation, formatPartialDate, safe } from '../format.js';
import { notice, type Reply } from '../reply.js';
import type { StoryLookup } from '../story-lookup.js';
import { claimBlock } from './claims.js';
import type { PageOptions } from './components.js';
import { layoutDocument, renderLaidOut, type Block, type DocumentLayout } from './document.js';
import { statementBlock } from './statements.js';

const heading = (text: string): Block => ({ text: `__**${text}**__`, sourceIds: [] });

/** The lead: the story in a sentence or two, then the span and the most recent development. */
export function briefLead(briefing: Briefing, lookup: StoryLookup): Block {
  const { events } = briefing;
  const first = events[0]!;
  const last = events[events.length - 1]!;
  const latest = mostRecent(events)!;
  const span =
    events.length === 1
      ? `One development, on ${formatPartialDate(first.occurredAt, first.precision)}`
      : `${events.length} developments from ${formatPartialDate(first.occurredAt, first.precision)} to ${formatPartialDate(last.occurredAt, last.precision)}`;
  const cites = citation(latest.sourceIds.map((id) => lookup.citationNumbers.get(id)!));
  return {
    text: `${safe(briefing.story.summary)}\n${span}; the most recent: ${safe(latest.title)} ${cites}.`,
    sourceIds: latest.sourceIds,
  };
}

export function layoutBrief(briefing: Briefing, lookup: StoryLookup): DocumentLayout | Reply {
  const title = safe(briefing.story.title);
  if (briefing.events.length === 0) {
    return notice(
      briefing.since
        ? `Nothing new in **${title}** since ${safe(briefing.since.label)}. Try a longer \`since:\`, or \`/timeline\` for everything.`
        : `**${title}** has no events yet.`,
    );
  }
  const blocks: Block[] = [
    briefLead(briefing, lookup),
    heading('Latest developments'),
    ...briefing.developments.map((event) => ({
      text: `**${formatPartialDate(event.occurredAt, event.precision)}** — ${safe(event.title)} ${citation(
        event.sourceIds.map((id) => lookup.citationNumbers.get(id)!),
      )}${event.status === 'disputed' ? ' · ⚠️ disputed' : ''}\n${safe(event.summary)}`,
      sourceIds: event.sourceIds,
    })),
  ];
  if (briefing.positions.length) {
    blocks.push(heading('Where each side stands'), ...briefing.positions.map((statement) => statementBlock(statement, lookup)));
  }
  if (briefing.disputes.length) {
    blocks.push(
      heading('What is disputed'),
      ...briefing.disputes.map((claim) => claimBlock(claim, lookup.sides, lookup.citationNumbers)),
    );
  }
  return layoutDocument({
      title: `Briefing — ${title}${briefing.since ? ` (new since ${safe(briefing.since.label)})` : ''}`,
      blocks,
      sourceLines: lookup.sourceLines,
      countLabel: `${briefing.events.length} developments`,
      maxBlocksPerPage: 14,
      separator: '\n\n',
  });
}

export function renderBrief(briefing: Briefing, lookup: StoryLookup, options: PageOptions): Reply {
  return renderLaidOut(layoutBrief(briefing, lookup), options);
}
