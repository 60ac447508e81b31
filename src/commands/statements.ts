import { SlashCommandBuilder } from 'discord.js';
import { resolveEvent, resolveSide, statementsOf, visibleEvents } from '../briefing/query/queries.js';
import { memoByState } from '../briefing/cache/memo.js';
import { renderLaidOut } from '../briefing/render/document.js';
import { layoutStatements } from '../briefing/render/statements.js';
import type { Reply } from '../briefing/reply/reply.js';
import { findByShortKey, shortKey } from './short-key.js';
import { storyLookup } from '../briefing/query/story-lookup.js';
import type { SitrepEvent, Side, StoreData, Story } from '../data/schema.js';
import { messagesFor, type Language } from '../i18n/index.js';
import { autocompleteNames, clip, pageOption, privateOption, readerMessages, storyByKey, storyFor, storyOption } from './shared.js';
import type { CommandContext, CommandInput } from './types.js';
import { defineOptions, parseArgs } from './args.js';
import { componentCodec } from './codec.js';

export const data = new SlashCommandBuilder()
  .setName('statements')
  .setDescription('What a side has said, verbatim, with speaker, date and source')
  .addStringOption((option) => option.setName('side').setDescription('Whose statements').setAutocomplete(true).setRequired(true))
  .addStringOption((option) =>
    option.setName('compare').setDescription('Put a second side next to it, matched by event').setAutocomplete(true),
  )
  .addStringOption((option) => option.setName('speaker').setDescription('Only this speaker (part of the name)').setMaxLength(40))
  .addStringOption((option) => option.setName('event').setDescription('Only statements about this event').setAutocomplete(true))
  .addStringOption(storyOption)
  .addIntegerOption(pageOption)
  .addBooleanOption(privateOption)
  .toJSON();

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({
  '': { side: 'string!', compare: 'string', speaker: 'string', event: 'string', story: 'string', page: 'integer', private: 'boolean' },
});

export const autocomplete = autocompleteNames({ side: 'side', compare: 'side', event: 'event' });

interface StatementsRequest {
  story: Story;
  side: Side;
  compare?: Side;
  speaker?: string;
  event?: SitrepEvent;
  page: number;
}

export function execute(input: CommandInput, context: CommandContext): Reply {
  const args = parseArgs(options, input);
  const story = storyFor(args, context);
  const compare = args.compare;
  const event = args.event;
  return show(
    {
      story,
      side: resolveSide(story, args.side ?? ''),
      compare: compare ? resolveSide(story, compare) : undefined,
      speaker: args.speaker,
      event: event ? resolveEvent(context.store.read(), story, event) : undefined,
      page: args.page ?? 1,
    },
    context,
  );
}

/** Previous / Next: `statements:<page>:<story key>:<side key>:<compare key>:<event key>:<speaker>`. */
const pageButton = componentCodec('statements', ['page', 'story', 'side', 'compare', 'event', 'speaker']);

export function component(parts: string[], context: CommandContext): Reply {
  const { page, story: storyKey, side: sideKey, compare: compareKey, event: eventKey, speaker } = pageButton.decode(parts);
  const story = storyByKey(storyKey, context);
  const side = findByShortKey(story.sides, sideKey) ?? story.sides[0]!;
  const events = context.store.read().events.filter((event) => event.storyId === story.id);
  return show(
    {
      story,
      side,
      compare: findByShortKey(story.sides, compareKey),
      event: findByShortKey(events, eventKey),
      speaker: speaker || undefined,
      page: Number(page),
    },
    context,
  );
}

interface LayoutKey {
  storyId: string;
  sideId: string;
  compareId?: string;
  speaker?: string;
  eventId?: string;
  filterLabel?: string;
  language: Language;
}

/** Each selection of statements is laid out once per store state; paging through it costs one page. */
const layoutFor = memoByState(
  (data: Readonly<StoreData>, { storyId, sideId, compareId, speaker, eventId, filterLabel, language }: LayoutKey) => {
    const lookup = storyLookup(data, data.stories.find((candidate) => candidate.id === storyId)!);
    const filter = { storyId, speaker, eventId };
    return layoutStatements(
      {
        side: lookup.sides.get(sideId)!,
        statements: [...statementsOf(data, { ...filter, sideId })].reverse(),
        compare: compareId ? { side: lookup.sides.get(compareId)!, statements: statementsOf(data, { ...filter, sideId: compareId }) } : undefined,
        events: visibleEvents(data, storyId),
        filterLabel,
        messages: messagesFor(language),
      },
      lookup,
    );
  },
  (key) => [key.storyId, key.sideId, key.compareId, key.speaker, key.eventId, key.filterLabel, key.language],
);

function show(request: StatementsRequest, context: CommandContext): Reply {
  const { story, side, compare, speaker, event } = request;
  const speakerKey = speaker && clip(speaker.replace(/[^\p{L}\p{N} .'-]/gu, ''), 40);
  const shownSpeaker = speaker && (speaker.length > 100 ? `${clip(speaker, 99)}…` : speaker);
  const filterLabel = [shownSpeaker && `speaker: ${shownSpeaker}`, event && `event: ${event.title}`].filter(Boolean).join(', ') || undefined;
  const messages = readerMessages(context);
  const key: LayoutKey = { storyId: story.id, sideId: side.id, compareId: compare?.id, speaker, eventId: event?.id, filterLabel, language: messages.language };
  return renderLaidOut(
    layoutFor(context.store.read(), key),
    {
      page: request.page,
      messages,
      customIdFor: (target) =>
        pageButton.encode({ page: target, story: shortKey(story.id), side: shortKey(side.id), compare: compare && shortKey(compare.id), event: event && shortKey(event.id), speaker: speakerKey }),
    },
  );
}
