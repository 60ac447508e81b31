import { SlashCommandBuilder } from 'discord.js';
import { eventView, resolveEvent } from '../briefing/queries.js';
import { renderEvent } from '../briefing/render/event.js';
import type { Reply } from '../briefing/reply.js';
import { findByShortKey, shortKey } from '../briefing/short-key.js';
import { storyLookup } from '../briefing/story-lookup.js';
import type { Claim, SitrepEvent, Statement, StoreData, Story } from '../data/schema.js';
import { changeBlocks, recordLabel } from '../briefing/corrections.js';
import { safe } from '../briefing/format.js';
import { isolate, type Messages } from '../i18n/index.js';
import { autocompleteNames, pageOption, privateOption, readerMessages, storyByKey, storyFor, storyOption } from './shared.js';
import { customId, integerOption, stringOption, type CommandContext, type CommandInput } from './types.js';

export const data = new SlashCommandBuilder()
  .setName('event')
  .setDescription('Everything about one event: what, when, where, who, what was said, what is disputed')
  .addStringOption((option) => option.setName('id').setDescription('The event').setAutocomplete(true).setRequired(true))
  .addStringOption(storyOption)
  .addIntegerOption(pageOption)
  .addBooleanOption(privateOption)
  .toJSON();

export const autocomplete = autocompleteNames({ id: 'event' });

export function execute(input: CommandInput, context: CommandContext): Reply {
  const story = storyFor(input, context);
  // A retracted event opens too: its page says when and why it was retracted.
  const event = resolveEvent(context.store.read(), story, stringOption(input, 'id') ?? '', { retracted: true });
  return show(story, event, integerOption(input, 'page') ?? 1, context);
}

/** Previous / Next: `event:<page>:<story key>:<event key>`. */
export function component([page, storyKey, eventKey = '']: string[], context: CommandContext): Reply {
  const story = storyByKey(storyKey, context);
  const events = context.store.read().events.filter((event) => event.storyId === story.id);
  const event = findByShortKey(events, eventKey);
  return show(story, resolveEvent(context.store.read(), story, event?.id ?? '', { retracted: true }), Number(page), context);
}

function show(story: Story, event: SitrepEvent, page: number, context: CommandContext): Reply {
  const data = context.store.read();
  const messages = readerMessages(context);
  const view = eventView(data, event);
  return renderEvent(
    { ...view, changes: recordChanges(data, view, messages) },
    storyLookup(data, story),
    { page, customIdFor: (target) => customId('event', target, shortKey(story.id), shortKey(event.id)), messages },
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
