import { SlashCommandBuilder } from 'discord.js';
import { resolveEvent, resolveSide, statementsOf, visibleEvents } from '../briefing/queries.js';
import { renderStatements } from '../briefing/render/statements.js';
import type { Reply } from '../briefing/reply.js';
import { findByShortKey, shortKey } from '../briefing/short-key.js';
import { storyLookup } from '../briefing/story-lookup.js';
import type { SitrepEvent, Side, Story } from '../data/schema.js';
import { autocompleteNames, pageOption, privateOption, storyByKey, storyFor, storyOption } from './shared.js';
import { customId, integerOption, stringOption, type CommandContext, type CommandInput } from './types.js';

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
  const story = storyFor(input, context);
  const compare = stringOption(input, 'compare');
  const event = stringOption(input, 'event');
  return show(
    {
      story,
      side: resolveSide(story, stringOption(input, 'side') ?? ''),
      compare: compare ? resolveSide(story, compare) : undefined,
      speaker: stringOption(input, 'speaker'),
      event: event ? resolveEvent(context.store.read(), story, event) : undefined,
      page: integerOption(input, 'page') ?? 1,
    },
    context,
  );
}

/** Previous / Next: `statements:<page>:<story key>:<side key>:<compare key>:<event key>:<speaker>`. */
export function component([page, storyKey, sideKey = '', compareKey = '', eventKey = '', speaker]: string[], context: CommandContext): Reply {
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

function show(request: StatementsRequest, context: CommandContext): Reply {
  const data = context.store.read();
  const { story, side, compare, speaker, event } = request;
  const filter = { storyId: story.id, speaker, eventId: event?.id };
  const speakerKey = speaker?.replace(/[^\p{L}\p{N} .'-]/gu, '').slice(0, 40);
  return renderStatements(
    {
      side,
      statements: statementsOf(data, { ...filter, sideId: side.id }).reverse(),
      compare: compare && { side: compare, statements: statementsOf(data, { ...filter, sideId: compare.id }) },
      events: visibleEvents(data, story.id),
      filterLabel: [speaker && `speaker: ${speaker}`, event && `event: ${event.title}`].filter(Boolean).join(', ') || undefined,
    },
    storyLookup(data, story),
    {
      page: request.page,
      customIdFor: (target) =>
        customId('statements', target, shortKey(story.id), shortKey(side.id), compare && shortKey(compare.id), event && shortKey(event.id), speakerKey),
    },
  );
}
