import type { Actor, Side, SitrepEvent, Statement } from '../../data/schema.js';
import { citation, formatPartialDate, safe } from '../format.js';
import { notice, type Reply } from '../reply.js';
import type { StoryLookup } from '../story-lookup.js';
import { layoutDocument, type Block, type DocumentLayout } from './document.js';

export interface StatementLookup {
  sides: ReadonlyMap<string, Side>;
  actors: ReadonlyMap<string, Actor>;
  citationNumbers: ReadonlyMap<string, number>;
}

/**
 * A statement as readers see it: the quote verbatim in quotation marks, then who said it (name,
 * role, side), when, and the report it comes from — including any outlet the report relays.
 */
export function statementBlock(statement: Statement, lookup: StatementLookup): Block {
  const actor = statement.actorId ? lookup.actors.get(statement.actorId) : undefined;
  const side = lookup.sides.get(statement.sideId);
  const role = actor && !actor.role.startsWith(statement.speaker) ? `, ${safe(actor.role)}` : '';
  const namesSide = side && statement.speaker.toLowerCase().includes(side.name.toLowerCase());
  const who = `**${safe(statement.speaker)}**${role}${side && !namesSide ? ` (${safe(side.name)})` : ''}`;
  const cites = citation(statement.sourceIds.map((id) => lookup.citationNumbers.get(id)!));
  const via = statement.via ? ` · ${safe(statement.via)}` : '';
  const context = statement.context ? `\n-# ${safe(statement.context)}` : '';
  return {
    text: `> “${safe(statement.quote).replace(/\n/g, '\n> ')}”\n— ${who} · ${formatPartialDate(statement.saidAt, statement.precision)} ${cites}${via}${context}`,
    sourceIds: statement.sourceIds,
  };
}

export interface StatementsView {
  side: Side;
  /** In the order to show them (newest first for one side). */
  statements: readonly Statement[];
  /** A second side, set beside the first and matched by the event each statement addresses. */
  compare?: { side: Side; statements: readonly Statement[] };
  /** The story's visible events, to name and order the events statements address. */
  events: readonly SitrepEvent[];
  filterLabel?: string;
}

export function layoutStatements(view: StatementsView, lookup: StoryLookup): DocumentLayout | Reply {
  const names = [view.side, view.compare?.side].filter(Boolean).map((side) => safe(side!.name));
  const scope = view.filterLabel ? ` (${safe(view.filterLabel)})` : '';
  const all = [...view.statements, ...(view.compare?.statements ?? [])];
  if (all.length === 0) {
    return notice(`No statements by ${names.join(' or ')}${scope} are recorded in **${safe(lookup.story.title)}**. Try \`/claims\` or \`/search\`.`);
  }
  const blocks = view.compare ? comparisonBlocks(view, lookup) : view.statements.map((s) => statementBlock(s, lookup));
  return layoutDocument({
      title: `${view.compare ? `${names[0]} and ${names[1]}, by event` : `Statements — ${names[0]}, newest first`}${scope}`,
      blocks,
      sourceLines: lookup.sourceLines,
      countLabel: `${all.length} statements`,
      maxBlocksPerPage: 8,
      separator: '\n\n',
  });
}

/** For each event either side addressed, in story order: what each side said about it; then the rest. */
function comparisonBlocks(view: StatementsView, lookup: StoryLookup): Block[] {
  const sides = [
    { side: view.side, statements: view.statements },
    view.compare!,
  ];
  const addressed = new Set(sides.flatMap(({ statements }) => statements.map((s) => s.eventId)));
  const groups: Array<{ heading: string; eventId: string | undefined }> = [
    ...view.events
      .filter((event) => addressed.has(event.id))
      .map((event) => ({
        heading: `${formatPartialDate(event.occurredAt, event.precision)} — ${safe(event.title)}`,
        eventId: event.id as string | undefined,
      })),
    ...(addressed.has(undefined) ? [{ heading: 'Not tied to an event', eventId: undefined }] : []),
  ];
  return groups.flatMap(({ heading, eventId }) => [
    { text: `__**${heading}**__`, sourceIds: [] },
    ...sides.map(({ side, statements }) => {
      const said = statements.filter((statement) => statement.eventId === eventId);
      if (said.length === 0) return { text: `*${safe(side.name)}: no recorded statement.*`, sourceIds: [] };
      const rendered = said.map((statement) => statementBlock(statement, lookup));
      return { text: rendered.map((block) => block.text).join('\n'), sourceIds: rendered.flatMap((block) => block.sourceIds) };
    }),
  ]);
}
