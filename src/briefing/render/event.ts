import type { Claim, SitrepEvent, Statement } from '../../data/schema.js';
import { isolate, messagesFor, type Messages } from '../../i18n/index.js';
import { citation, safe } from './format.js';
import { ButtonStyle, ComponentType, type APIButtonComponent } from 'discord.js';
import type { Reply } from '../reply/reply.js';
import { LIMITS } from '../reply/limits.js';
import { shorten } from './paginate.js';
import { sourceLinesIn, type StoryLookup } from '../query/story-lookup.js';
import { claimBlock, outletsOf } from './claims.js';
import type { PageOptions } from './components.js';
import { renderPagedDocument, type Block } from './document.js';
import { statementBlock } from './statements.js';
import { formatDateBounds } from './date-range-format.js';
import { eventBounds } from '../../data/date-range.js';
import { correctedMark, recordLabel, retractionLine } from '../query/corrections.js';

export interface EventView {
  event: SitrepEvent;
  statements: readonly Statement[];
  claims: readonly Claim[];
  /**
   * The corrections of the event and of its statements and claims, one block each, oldest first
   * (`changeBlocks`): what changed, before → after, when, by whom (a name) and why.
   */
  changes?: readonly string[];
}

const status = (event: SitrepEvent, m: Messages) =>
  event.status === 'disputed' ? `⚠️ ${m.disputed}` : event.status === 'retracted' ? m.retracted : m.reported;

/** Everything about one event: what, when (and how the date was worked out), where, who, what was said, what is disputed. */
export function renderEvent(view: EventView, lookup: StoryLookup, options: PageOptions): Reply {
  const { event } = view;
  const m = options.messages ?? messagesFor('en');
  // Urdu and Persian list with the Arabic comma.
  const comma = m.direction === 'rtl' ? '، ' : ', ';
  const list = (ids: readonly string[], map: ReadonlyMap<string, { name: string }>) =>
    ids.map((id) => isolate(safe(map.get(id)?.name ?? id), m)).join(comma) || '—';
  const facts = [
    `**${m.when}:** ${formatDateBounds(eventBounds(event), m.language)} (${m.knownTo(event.precision)})${
      event.dateBasis ? ` — ${isolate(safe(event.dateBasis), m)}` : ''
    }`,
    event.location ? `**${m.where}:** ${isolate(safe(event.location), m)}` : undefined,
    `**${m.sidesLabel}:** ${list(event.sideIds, lookup.sides)}`,
    event.actorIds.length ? `**${m.actorsLabel}:** ${list(event.actorIds, lookup.actors)}` : undefined,
    `**${m.status}:** ${status(event, m)} · ${m.significance(event.significance)} · ${m.id} \`${event.id}\`${correctedMark(lookup.correctedAt('event', event), m)}`,
    event.via ? `**${m.relayed}:** ${isolate(safe(event.via), m)}` : undefined,
  ].filter(Boolean);
  const cites = citation(event.sourceIds.map((id) => lookup.citationNumbers.get(id)!));
  // A retracted event stays reachable by its id and says so first, with when and why (never who: the retraction keeps an id).
  const retracted = event.retraction ? `${retractionLine(event.retraction, m)}\n\n` : '';
  const blocks: Block[] = [{ text: `${retracted}${isolate(safe(event.summary), m)} ${cites}\n\n${facts.join('\n')}`, sourceIds: event.sourceIds }];
  if (view.statements.length) {
    blocks.push({ text: `\n__**${m.whatWasSaid}**__`, sourceIds: [] }, ...view.statements.map((s) => statementBlock(s, lookup, m)));
  }
  if (view.claims.length) {
    blocks.push(
      { text: `\n__**${m.whereAccountsDiffer}**__`, sourceIds: [] },
      ...view.claims.map((claim) => claimBlock(claim, lookup.sides, lookup.citationNumbers, m, lookup.correctedAt('claim', claim), outletsOf(lookup))),
    );
  }
  if (view.changes?.length) {
    blocks.push({ text: `\n__**${m.whatChanged}**__`, sourceIds: [] }, ...view.changes.map((text) => ({ text, sourceIds: [] })));
  }
  return renderPagedDocument(
    {
      title: safe(event.title),
      blocks,
      sourceLines: sourceLinesIn(lookup, m),
      sourcesHeading: m.sources,
      countLabel: `${m.statements(view.statements.length)} · ${m.claims(view.claims.length)}`,
    },
    options,
  );
}

/**
 * A statement or claim opened by its id that no event page shows (it is tied to no event): the
 * record as the lists show it — with its retraction line when retracted — then what changed.
 */
export function renderRecord(
  view: { kind: 'statement'; record: Statement } | { kind: 'claim'; record: Claim },
  changes: readonly string[],
  lookup: StoryLookup,
  options: PageOptions,
  /** The event the record is about, when opened from a list: named above it, with a button that opens it (its custom_id). */
  about?: { event: SitrepEvent; customId: string },
): Reply {
  const m = options.messages ?? messagesFor('en');
  const block =
    view.kind === 'statement'
      ? statementBlock(view.record, lookup, m)
      : claimBlock(view.record, lookup.sides, lookup.citationNumbers, m, lookup.correctedAt('claim', view.record), outletsOf(lookup));
  const heading = about ? `-# ${m.aboutEvent(`${formatDateBounds(eventBounds(about.event), m.language)} — ${isolate(safe(about.event.title), m)}`)}\n` : '';
  const blocks: Block[] = [{ ...block, text: `${heading}${block.text}` }];
  if (changes.length) blocks.push({ text: `\n__**${m.whatChanged}**__`, sourceIds: [] }, ...changes.map((text) => ({ text, sourceIds: [] })));
  const reply = renderPagedDocument(
    {
      title: `${m.recordKind[view.kind]}: ${safe(recordLabel(view.kind, view.record))}`,
      blocks,
      sourceLines: sourceLinesIn(lookup, m),
      sourcesHeading: m.sources,
      countLabel: `${m.id} ${view.record.id}`,
    },
    options,
  );
  if (!about) return reply;
  const openEvent: APIButtonComponent = { type: ComponentType.Button, style: ButtonStyle.Primary, label: shorten(m.openTheEvent, LIMITS.buttonLabel), custom_id: about.customId };
  return { ...reply, components: [...(reply.components ?? []), { type: ComponentType.ActionRow, components: [openEvent] }] };
}
