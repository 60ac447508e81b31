import type { Actor, Side, Statement } from '../../data/schema.js';
import { citation, formatPartialDate, safe } from '../format.js';
import type { Block } from './document.js';

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
  const role = actor && actor.name !== actor.role ? `, ${safe(actor.role)}` : '';
  const who = `**${safe(statement.speaker)}**${role}${side ? ` (${safe(side.name)})` : ''}`;
  const cites = citation(statement.sourceIds.map((id) => lookup.citationNumbers.get(id)!));
  const via = statement.via ? ` · ${safe(statement.via)}` : '';
  const context = statement.context ? `\n-# ${safe(statement.context)}` : '';
  return {
    text: `> “${safe(statement.quote).replace(/\n/g, '\n> ')}”\n— ${who} · ${formatPartialDate(statement.saidAt, statement.precision)} ${cites}${via}${context}`,
    sourceIds: statement.sourceIds,
  };
}
