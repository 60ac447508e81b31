import { SlashCommandBuilder } from 'discord.js';
import { eventView, resolveEvent } from '../briefing/query/queries.js';
import { renderEvent, renderRecord } from '../briefing/render/event.js';
import { UserError, type Reply } from '../briefing/reply/reply.js';
import { findByShortKey, shortKey } from './short-key.js';
import { storyLookup } from '../briefing/query/story-lookup.js';
import type { Claim, SitrepEvent, Statement, StoreData, Story } from '../data/schema.js';
import { changeBlocks, recordLabel } from '../briefing/query/corrections.js';
import { safe } from '../briefing/render/format.js';
import { isolate, type Messages } from '../i18n/index.js';
import { autocompleteNames, pageOption, privateOption, readerMessages, storyByKey, storyFor, storyOption } from './shared.js';
import type { CommandContext, CommandInput } from './types.js';
import { defineOptions, parseArgs } from './args.js';
import { componentCodec } from './codec.js';
import type { OpenOptions } from '../briefing/render/components.js';

export const data = new SlashCommandBuilder()
  .setName('event')
  .setDescription('Everything about one event: what, when, where, who, what was said, what is disputed')
  .addStringOption((option) => option.setName('id').setDescription('The event (a statement’s or claim’s id opens it too)').setAutocomplete(true).setRequired(true))
  .addStringOption(storyOption)
  .addIntegerOption(pageOption)
  .addBooleanOption(privateOption)
  .toJSON();

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({
  '': { id: 'string!', story: 'string', page: 'integer', private: 'boolean' },
});

export const autocomplete = autocompleteNames({ id: 'event' });

export function execute(input: CommandInput, context: CommandContext): Reply {
  const args = parseArgs(options, input);
  const story = storyFor(args, context);
  const id = args.id ?? '';
  const data = context.store.read();
  const page = args.page ?? 1;
  try {
    // A retracted event opens too: its page says when and why it was retracted.
    return show(story, resolveEvent(data, story, id, { retracted: true }), page, context);
  } catch (error) {
    // A statement's or claim's id (a retracted one included) opens its event's page, or the record alone.
    const record = recordById(data, story, id.trim());
    if (!(error instanceof UserError) || !record) throw error;
    const event = record.record.eventId ? data.events.find((candidate) => candidate.id === record.record.eventId && candidate.storyId === story.id) : undefined;
    return event ? show(story, event, page, context) : showRecord(story, record, page, context);
  }
}

type RecordView = { kind: 'statement'; record: Statement } | { kind: 'claim'; record: Claim };

function recordById(data: Readonly<StoreData>, story: Story, id: string): RecordView | undefined {
  const statement = data.statements.find((candidate) => candidate.id === id && candidate.storyId === story.id);
  if (statement) return { kind: 'statement', record: statement };
  const claim = data.claims.find((candidate) => candidate.id === id && candidate.storyId === story.id);
  return claim ? { kind: 'claim', record: claim } : undefined;
}

/** Previous / Next: `event:<page>:<story key>:<event key>`, or `…:<record key>:s|c` for a statement or claim shown alone (an event's id reads as a record's without a kind). */
const eventPageButton = componentCodec('event', ['page', 'story', 'event']);
const recordPageButton = componentCodec('event', ['page', 'story', 'record', 'kind']);

/** The custom_id of a button that opens an event's own page (as `/event id:` shows it). */
export const openEventId = (storyId: string, eventId: string) => eventPageButton.encode({ page: 1, story: shortKey(storyId), event: shortKey(eventId) });

/**
 * The select menu under a list (`/timeline`, `/search`, `/claims`): `event:open:<story key>`, each
 * option's value `e:`, `s:` or `c:` and the item's short key. Choosing one opens it privately:
 * an event as `/event id:` shows it, a statement or claim as a record with the event it is about.
 */
const openSelect = componentCodec('event', ['story'], { tag: 'open' });
const KIND_LETTER = { event: 'e', statement: 's', claim: 'c' } as const;

/** How a list of `story` opens its items: the select menu's custom_id and each option's value. */
export function openFromList(story: Story): OpenOptions {
  return { customId: openSelect.encode({ story: shortKey(story.id) }), valueOf: (item) => `${KIND_LETTER[item.kind]}:${shortKey(item.id)}` };
}

export function component(parts: string[], context: CommandContext, values: readonly string[] = []): Reply {
  if (openSelect.matches(parts)) return { ...open(parts, values, context), ephemeral: true };
  const { page, story: storyKey, record: key, kind } = recordPageButton.decode(parts);
  const story = storyByKey(storyKey, context);
  const data = context.store.read();
  if (kind === 's' || kind === 'c') {
    const records = kind === 's' ? data.statements : data.claims;
    const record = findByShortKey(records.filter((candidate) => candidate.storyId === story.id), key);
    if (!record) throw new UserError('That record is no longer in the story. Find it with `/search`.');
    return showRecord(story, (kind === 's' ? { kind: 'statement', record } : { kind: 'claim', record }) as RecordView, Number(page), context);
  }
  const events = data.events.filter((event) => event.storyId === story.id);
  const event = findByShortKey(events, key);
  return show(story, resolveEvent(data, story, event?.id ?? '', { retracted: true }), Number(page), context);
}

/** A choice in a list's select menu: the event, statement or claim it names, looked up by short key (the list may be old). */
function open(parts: readonly string[], values: readonly string[], context: CommandContext): Reply {
  const story = storyByKey(openSelect.decode(parts).story, context);
  const data = context.store.read();
  const [letter = '', key = ''] = (values[0] ?? '').split(':');
  const ofStory = <T extends { storyId: string; id: string }>(records: readonly T[]) => findByShortKey(records.filter((record) => record.storyId === story.id), key);
  const event = letter === 'e' ? ofStory(data.events) : undefined;
  if (event) return show(story, event, 1, context);
  const statement = letter === 's' ? ofStory(data.statements) : undefined;
  const claim = letter === 'c' ? ofStory(data.claims) : undefined;
  const view: RecordView | undefined = statement ? { kind: 'statement', record: statement } : claim ? { kind: 'claim', record: claim } : undefined;
  if (!view) throw new UserError(readerMessages(context).noLongerInStory);
  return showRecord(story, view, 1, context);
}

function show(story: Story, event: SitrepEvent, page: number, context: CommandContext): Reply {
  const data = context.store.read();
  const messages = readerMessages(context);
  const view = eventView(data, event);
  return renderEvent(
    { ...view, changes: recordChanges(data, view, messages) },
    storyLookup(data, story),
    { page, customIdFor: (target) => eventPageButton.encode({ page: target, story: shortKey(story.id), event: shortKey(event.id) }), messages },
  );
}

/** A statement or claim alone; one about an event names it, with a button that opens it. */
function showRecord(story: Story, view: RecordView, page: number, context: CommandContext): Reply {
  const data = context.store.read();
  const about = view.record.eventId ? data.events.find((candidate) => candidate.id === view.record.eventId && candidate.storyId === story.id) : undefined;
  const messages = readerMessages(context);
  return renderRecord(
    view,
    changeBlocks(data, view.kind, view.record, messages),
    storyLookup(data, story),
    {
      page,
      customIdFor: (target) => recordPageButton.encode({ page: target, story: shortKey(story.id), record: shortKey(view.record.id), kind: view.kind === 'statement' ? 's' : 'c' }),
      messages,
    },
    about && { event: about, customId: eventPageButton.encode({ page: 1, story: shortKey(story.id), event: shortKey(about.id) }) },
  );
}

/** What was corrected on this page: the event's changes, then its statements' and claims', each named. */
function recordChanges(data: Readonly<StoreData>, view: ReturnType<typeof eventView>, m: Messages): string[] {
  const named = (entity: 'statement' | 'claim', record: Statement | Claim) =>
    changeBlocks(data, entity, record, m).map((text) => `*${m.recordKind[entity]}: ${isolate(safe(recordLabel(entity, record)), m)}*\n${text}`);
  return [
    ...changeBlocks(data, 'event', view.event, m),
    ...view.statements.flatMap((statement) => named('statement', statement)),
    ...view.claims.flatMap((claim) => named('claim', claim)),
  ];
}
