import type { Actor, Side, SitrepEvent, Statement } from '../../data/schema.js';
import { isolate, messagesFor, type Messages } from '../../i18n/index.js';
import { citation, safe } from './format.js';
import { notice, type Reply } from '../reply/reply.js';
import { sourceLinesIn, type StoryLookup } from '../query/story-lookup.js';
import { layoutColumns, layoutDocument, type Block, type Cell, type ColumnGroup, type DocumentLayout } from './document.js';
import { formatDateBounds } from './date-range-format.js';
import { correctedMark, retractionLine } from '../query/corrections.js';
import { eventBounds, statementBounds } from '../../data/date-range.js';

export interface StatementLookup {
  sides: ReadonlyMap<string, Side>;
  actors: ReadonlyMap<string, Actor>;
  citationNumbers: ReadonlyMap<string, number>;
  /** When a record was last corrected, for its mark (none when absent). */
  correctedAt?(entity: 'statement', record: Statement): string | undefined;
}

/**
 * A statement as readers see it: the quote verbatim in quotation marks, then who said it (name,
 * role, side), when, and the report it comes from — including any outlet the report relays.
 */
export function statementBlock(statement: Statement, lookup: StatementLookup, m: Messages = messagesFor('en')): Block {
  const actor = statement.actorId ? lookup.actors.get(statement.actorId) : undefined;
  const side = lookup.sides.get(statement.sideId);
  const role = actor && !actor.role.startsWith(statement.speaker) ? `, ${isolate(safe(actor.role), m)}` : '';
  const namesSide = side && statement.speaker.toLowerCase().includes(side.name.toLowerCase());
  const who = `**${isolate(safe(statement.speaker), m)}**${role}${side && !namesSide ? ` (${isolate(safe(side.name), m)})` : ''}`;
  const cites = citation(statement.sourceIds.map((id) => lookup.citationNumbers.get(id)!));
  const via = statement.via ? ` · ${isolate(safe(statement.via), m)}` : '';
  const context = statement.context ? `\n-# ${isolate(safe(statement.context), m)}` : '';
  const corrected = correctedMark(lookup.correctedAt?.('statement', statement), m);
  const retracted = statement.retraction ? `${retractionLine(statement.retraction, m)}\n` : '';
  return {
    text: `${retracted}> “${safe(statement.quote).replace(/\n/g, '\n> ')}”\n— ${who} · ${formatDateBounds(statementBounds(statement), m.language)} ${cites}${via}${corrected}${context}`,
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
  messages?: Messages;
}

export function layoutStatements(view: StatementsView, lookup: StoryLookup): DocumentLayout | Reply {
  const m = view.messages ?? messagesFor('en');
  const name = isolate(safe(view.side.name), m);
  const other = view.compare && isolate(safe(view.compare.side.name), m);
  const scope = view.filterLabel ? isolate(safe(view.filterLabel), m) : undefined;
  const all = [...view.statements, ...(view.compare?.statements ?? [])];
  if (all.length === 0) {
    return notice(m.noStatements(isolate(safe(lookup.story.title), m), name, other, scope));
  }
  if (other) {
    return layoutColumns({
      title: m.comparisonTitle(name, other, scope),
      groups: comparisonGroups(view, lookup, m),
      sourceLines: sourceLinesIn(lookup, m),
      sourcesHeading: m.sources,
      countLabel: m.statements(all.length),
      continued: m.continued,
      empty: '—',
    });
  }
  return layoutDocument({
      title: m.statementsTitle(name, scope),
      blocks: view.statements.map((s) => statementBlock(s, lookup, m)),
      sourceLines: sourceLinesIn(lookup, m),
      sourcesHeading: m.sources,
      countLabel: m.statements(all.length),
      separator: '\n\n',
  });
}

/**
 * Side by side, event by event: for each event either side addressed, in story order, a heading
 * (the event's title, its date under it), then what each side said about it in its own column;
 * then what either said tied to no event. A side that said nothing about an event says so.
 */
function comparisonGroups(view: StatementsView, lookup: StoryLookup, m: Messages): ColumnGroup[] {
  const sides = [{ side: view.side, statements: view.statements }, view.compare!].map(({ side, statements }) => {
    const byEvent = new Map<string | undefined, Statement[]>();
    for (const statement of statements) {
      const said = byEvent.get(statement.eventId);
      if (said) said.push(statement);
      else byEvent.set(statement.eventId, [statement]);
    }
    return { side, byEvent };
  });
  const addressed = new Set(sides.flatMap(({ byEvent }) => [...byEvent.keys()]));
  const headings: Array<{ name: string; value: string; eventId: string | undefined }> = [
    ...view.events
      .filter((event) => addressed.has(event.id))
      .map((event) => ({
        name: isolate(safe(event.title), m),
        value: `${formatDateBounds(eventBounds(event), m.language)}${event.status === 'disputed' ? ` · ⚠️ ${m.disputed}` : ''}`,
        eventId: event.id as string | undefined,
      })),
    ...(addressed.has(undefined) ? [{ name: m.notTiedToEvent, value: '', eventId: undefined }] : []),
  ];
  return headings.map(({ name, value, eventId }) => ({
    heading: { name, value },
    cells: sides.map(({ side, byEvent }): Cell => {
      const sideName = isolate(safe(side.name), m);
      const said = byEvent.get(eventId) ?? [];
      if (said.length === 0) return { name: sideName, text: `*${m.noRecordedStatement(sideName)}*`, sourceIds: [] };
      const rendered = said.map((statement) => statementBlock(statement, lookup, m));
      return { name: sideName, text: rendered.map((block) => block.text).join('\n\n'), sourceIds: rendered.flatMap((block) => block.sourceIds) };
    }),
  }));
}
