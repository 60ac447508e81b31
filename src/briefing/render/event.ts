import type { Claim, SitrepEvent, Statement } from '../../data/schema.js';
import { citation, formatPartialDate, safe } from '../format.js';
import type { Reply } from '../reply.js';
import type { StoryLookup } from '../story-lookup.js';
import { claimBlock } from './claims.js';
import type { PageOptions } from './components.js';
import { renderPagedDocument, type Block } from './document.js';
import { statementBlock } from './statements.js';

export interface EventView {
  event: SitrepEvent;
  statements: readonly Statement[];
  claims: readonly Claim[];
}

const STATUS = { reported: 'reported', disputed: '⚠️ disputed', retracted: 'retracted' } as const;

/** Everything about one event: what, when (and how the date was worked out), where, who, what was said, what is disputed. */
export function renderEvent(view: EventView, lookup: StoryLookup, options: PageOptions): Reply {
  const { event } = view;
  const names = (ids: readonly string[], map: ReadonlyMap<string, { name: string }>) =>
    ids.map((id) => safe(map.get(id)?.name ?? id)).join(', ') || '—';
  const facts = [
    `**When:** ${formatPartialDate(event.occurredAt, event.precision)} (known to the ${event.precision})${
      event.dateBasis ? ` — ${safe(event.dateBasis)}` : ''
    }`,
    event.location ? `**Where:** ${safe(event.location)}` : undefined,
    `**Sides:** ${names(event.sideIds, lookup.sides)}`,
    event.actorIds.length ? `**Actors:** ${names(event.actorIds, lookup.actors)}` : undefined,
    `**Status:** ${STATUS[event.status]} · significance ${event.significance}/5 · id \`${event.id}\``,
    event.via ? `**Relayed:** ${safe(event.via)}` : undefined,
  ].filter(Boolean);
  const cites = citation(event.sourceIds.map((id) => lookup.citationNumbers.get(id)!));
  const blocks: Block[] = [{ text: `${safe(event.summary)} ${cites}\n\n${facts.join('\n')}`, sourceIds: event.sourceIds }];
  if (view.statements.length) {
    blocks.push({ text: '\n__**What was said**__', sourceIds: [] }, ...view.statements.map((s) => statementBlock(s, lookup)));
  }
  if (view.claims.length) {
    blocks.push(
      { text: '\n__**Where accounts differ**__', sourceIds: [] },
      ...view.claims.map((claim) => claimBlock(claim, lookup.sides, lookup.citationNumbers)),
    );
  }
  return renderPagedDocument(
    {
      title: safe(event.title),
      blocks,
      sourceLines: lookup.sourceLines,
      countLabel: `${view.statements.length} statements · ${view.claims.length} claims`,
      maxBlocksPerPage: 10,
    },
    options,
  );
}
