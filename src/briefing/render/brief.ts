import { messagesFor, isolate, type Messages } from '../../i18n/index.js';
import { hasRecorded, mostRecent, type Briefing, type Recorded } from '../query/briefing.js';
import { correctedMark, correctionLine, type Correction } from '../query/corrections.js';
import { citation, safe } from './format.js';
import { notice, type Reply } from '../reply/reply.js';
import { sourceLinesIn, type StoryLookup } from '../query/story-lookup.js';
import { claimBlock, outletsOf } from './claims.js';
import type { PageOptions } from './components.js';
import { layoutDocument, renderLaidOut, type Block, type DocumentLayout } from './document.js';
import { statementBlock } from './statements.js';
import { formatDateBounds } from './date-range-format.js';
import { eventBounds } from '../../data/date-range.js';
import { sourceLine } from './citations.js';

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
  const recorded = hasRecorded(briefing.recorded) ? recordedBlocks(briefing.recorded!, lookup, m) : [];
  if (briefing.events.length === 0 && recorded.length === 0) {
    return notice(briefing.since ? m.nothingNewSince(title, safe(briefing.since.label)) : m.noEventsYet(title));
  }
  const blocks: Block[] = [
    ...(briefing.events.length ? [briefLead(briefing, lookup, m)] : []),
    ...(corrections.length ? [heading(m.corrections), ...corrections.map((correction) => ({ text: correctionLine(correction, m), sourceIds: [] }))] : []),
    ...(briefing.developments.length ? [heading(m.latestDevelopments)] : []),
    ...briefing.developments.map((event) => ({
      text: `**${formatDateBounds(eventBounds(event), m.language)}** — ${isolate(safe(event.title), m)} ${citation(
        event.sourceIds.map((id) => lookup.citationNumbers.get(id)!),
      )}${event.status === 'disputed' ? ` · ⚠️ ${m.disputed}` : ''}${correctedMark(lookup.correctedAt('event', event), m)}\n${isolate(safe(event.summary), m)}`,
      sourceIds: event.sourceIds,
    })),
  ];
  blocks.push(...recorded);
  if (briefing.positions.length) {
    blocks.push(heading(m.whereEachSideStands), ...briefing.positions.map((statement) => statementBlock(statement, lookup, m)));
  }
  if (briefing.disputes.length) {
    blocks.push(
      heading(m.whatIsDisputed),
      ...briefing.disputes.map((claim) => claimBlock(claim, lookup.sides, lookup.citationNumbers, m, lookup.correctedAt('claim', claim), outletsOf(lookup))),
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

/**
 * A digest's statements, accounts and sources recorded since its last post — by when they were
 * recorded, so a statement said long ago but recorded today is news to the channel.
 */
function recordedBlocks(recorded: Recorded, lookup: StoryLookup, m: Messages): Block[] {
  const blocks: Block[] = [];
  if (recorded.statements.length) {
    blocks.push(heading(m.newStatements), ...recorded.statements.map((statement) => statementBlock(statement, lookup, m)));
  }
  if (recorded.accounts.length) {
    blocks.push(
      heading(m.newAccounts),
      ...recorded.accounts.map(({ claim, account }) => {
        const side = account.sideId ? lookup.sides.get(account.sideId) : undefined;
        const who = side ? ` — ${isolate(safe(side.name), m)}` : '';
        return {
          text: `**${isolate(safe(claim.question), m)}**\n• *${isolate(safe(account.position), m)}*${who}: ${isolate(safe(account.text), m)} ${citation([lookup.citationNumbers.get(account.sourceId)!])}`,
          sourceIds: [account.sourceId],
        };
      }),
    );
  }
  if (recorded.sources.length) {
    blocks.push(
      heading(m.newSources),
      ...recorded.sources.map((source) => ({ text: sourceLine(source, lookup.citationNumbers.get(source.id)!, m), sourceIds: [] })),
    );
  }
  return blocks;
}
