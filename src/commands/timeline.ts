import { SlashCommandBuilder } from 'discord.js';
import { safe } from '../briefing/render/format.js';
import { LIMITS } from '../briefing/reply/limits.js';
import { shorten } from '../briefing/render/paginate.js';
import { timelineImageInput, timelinePictureOf } from '../briefing/query/timeline-picture.js';
import type { PictureTheme } from '../briefing/render/timeline-image.js';
import { messagesFor, type Language, type Messages } from '../i18n/index.js';
import { resolveActor, resolveSide, timelineEvents, type TimelineOrder } from '../briefing/query/queries.js';
import { renderLayout } from '../briefing/render/document.js';
import { layoutTimeline } from '../briefing/render/timeline.js';
import { memoByState } from '../briefing/cache/memo.js';
import { notice, type Reply } from '../briefing/reply/reply.js';
import { findByShortKey, shortKey } from './short-key.js';
import { storyLookup } from '../briefing/query/story-lookup.js';
import { parseDateBound } from '../briefing/input/time-input.js';
import type { Actor, Side, StoreData, Story } from '../data/schema.js';
import { autocompleteNames, pageOption, privateOption, readerMessages, storyByKey, storyFor, storyOption } from './shared.js';
import type { CommandContext, CommandInput } from './types.js';
import { defineOptions, parseArgs } from './args.js';
import { componentCodec } from './codec.js';
import { openFromList } from './event.js';

export const data = new SlashCommandBuilder()
  .setName('timeline')
  .setDescription('What happened, in order, with the source of each entry')
  .addStringOption((option) => option.setName('side').setDescription('Only events involving this side').setAutocomplete(true))
  .addStringOption((option) =>
    option.setName('actor').setDescription('Only events involving this person or body').setAutocomplete(true),
  )
  .addStringOption((option) => option.setName('from').setDescription('From this date: 2024-01-16, 2024-01 or 2024').setMaxLength(10))
  .addStringOption((option) => option.setName('to').setDescription('Up to this date: 2024-01-18, 2024-01 or 2024').setMaxLength(10))
  .addStringOption((option) =>
    option
      .setName('order')
      .setDescription('Oldest or newest first')
      .addChoices({ name: 'oldest first', value: 'oldest' }, { name: 'newest first', value: 'newest' }),
  )
  .addStringOption(storyOption)
  .addIntegerOption(pageOption)
  .addBooleanOption((option) => option.setName('image').setDescription('A picture of the timeline instead: events on a date axis, one lane per side'))
  .addStringOption((option) =>
    option
      .setName('theme')
      .setDescription('The picture’s colours (with image:true): dark, as Discord’s default, or light')
      .addChoices({ name: 'dark', value: 'dark' }, { name: 'light', value: 'light' }),
  )
  .addBooleanOption(privateOption)
  .toJSON();

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({
  '': { side: 'string', actor: 'string', from: 'string', to: 'string', order: 'string', story: 'string', page: 'integer', image: 'boolean', theme: 'string', private: 'boolean' },
});

export const autocomplete = autocompleteNames({ side: 'side', actor: 'actor' });

interface TimelineRequest {
  story: Story;
  side?: Side;
  actor?: Actor;
  from?: string;
  to?: string;
  order: TimelineOrder;
  page: number;
  image?: boolean;
  theme?: PictureTheme;
}

export function execute(input: CommandInput, context: CommandContext): Reply {
  const args = parseArgs(options, input);
  const story = storyFor(args, context);
  const data = context.store.read();
  const side = args.side;
  const actor = args.actor;
  const from = args.from;
  const to = args.to;
  return show(
    {
      story,
      side: side ? resolveSide(story, side) : undefined,
      actor: actor ? resolveActor(data, story, actor) : undefined,
      from: from ? parseDateBound(from, 'from') : undefined,
      to: to ? parseDateBound(to, 'to') : undefined,
      order: args.order === 'newest' ? 'newest' : 'oldest',
      page: args.page ?? 1,
      image: args.image ?? false,
      theme: args.theme === 'light' ? 'light' : 'dark',
    },
    context,
  );
}

/** Previous / Next: `timeline:<page>:<story key>:<side key>:<actor key>:<from>:<to>:<o|n>`. */
const pageButton = componentCodec('timeline', ['page', 'story', 'side', 'actor', 'from', 'to', 'order']);

export function component(parts: string[], context: CommandContext): Reply {
  const { page, story: storyKey, side: sideKey, actor: actorKey, from, to, order } = pageButton.decode(parts);
  const story = storyByKey(storyKey, context);
  const actors = storyLookup(context.store.read(), story).actors;
  return show(
    {
      story,
      side: findByShortKey(story.sides, sideKey),
      actor: findByShortKey([...actors.values()], actorKey),
      from: from || undefined,
      to: to || undefined,
      order: order === 'n' ? 'newest' : 'oldest',
      page: Number(page),
    },
    context,
  );
}

interface LayoutKey {
  storyId: string;
  sideId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  order: TimelineOrder;
  filterLabel?: string;
  language: Language;
}

/** Each distinct timeline is laid out once per store state; paging through it then costs one page. */
const layoutFor = memoByState(
  (data: Readonly<StoreData>, { storyId, filterLabel, language, ...filter }: LayoutKey) => {
    const story = data.stories.find((candidate) => candidate.id === storyId)!;
    const lookup = storyLookup(data, story);
    return layoutTimeline({
      story,
      events: timelineEvents(data, { storyId, ...filter }),
      sources: lookup.sources,
      citationNumbers: lookup.citationNumbers,
      filterLabel,
      messages: messagesFor(language),
      correctedAt: (event) => lookup.correctedAt('event', event),
    });
  },
  (key) => [key.storyId, key.sideId, key.actorId, key.from, key.to, key.order, key.filterLabel, key.language],
);

function show(request: TimelineRequest, context: CommandContext): Reply {
  const { story, side, actor, from, to, order } = request;
  const filters = [
    side && `side: ${side.name}`,
    actor && `actor: ${actor.name}`,
    from && `from ${from}`,
    to && `to ${to}`,
    order === 'newest' && 'newest first',
  ].filter(Boolean);
  const messages = readerMessages(context);
  if (request.image) return picture(request, context, messages, filters.join(', '));
  const key: LayoutKey = { storyId: story.id, sideId: side?.id, actorId: actor?.id, from, to, order, filterLabel: filters.join(', ') || undefined, language: messages.language };
  const layout = layoutFor(context.store.read(), key);
  if (!('pages' in layout)) return layout;
  return renderLayout(layout, {
    messages,
    page: request.page,
    open: openFromList(story),
    customIdFor: (target) =>
      pageButton.encode({ page: target, story: shortKey(story.id), side: side && shortKey(side.id), actor: actor && shortKey(actor.id), from, to, order: order === 'newest' ? 'n' : 'o' }),
  });
}

/** `image:true`: the timeline (same filters) drawn as a PNG, attached to one embed. */
function picture(request: TimelineRequest, context: CommandContext, messages: Messages, filterLabel: string): Reply {
  const { story, side, actor, from, to } = request;
  const data = context.store.read();
  const input = timelineImageInput(data, story, { sideId: side?.id, actorId: actor?.id, from, to });
  if (input.events.length === 0) return notice(messages.noEvents(safe(story.title), filterLabel ? safe(filterLabel) : undefined));
  const file = timelinePictureOf(input, request.theme);
  return {
    embeds: [
      {
        title: shorten(messages.timelinePicture(safe(story.title)), LIMITS.embedTitle),
        description: filterLabel ? safe(filterLabel) : undefined,
        image: { url: `attachment://${file.name}` },
        footer: { text: messages.events(input.events.length) },
      },
    ],
    files: [file],
  };
}
