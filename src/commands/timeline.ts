import { SlashCommandBuilder } from 'discord.js';
import { citationNumbers, resolveSide, resolveStory, storySources, timelineEvents } from '../briefing/queries.js';
import { renderTimeline } from '../briefing/render/timeline.js';
import type { Reply } from '../briefing/reply.js';
import { customId, integerOption, stringOption, type CommandContext, type CommandInput } from './types.js';

export const data = new SlashCommandBuilder()
  .setName('timeline')
  .setDescription('What happened, in order, with the source of each entry')
  .addStringOption((option) => option.setName('side').setDescription('Only events involving this side (e.g. iran)'))
  .addStringOption((option) => option.setName('story').setDescription('Story id (defaults to this server’s story)'))
  .addIntegerOption((option) => option.setName('page').setDescription('Page to open').setMinValue(1))
  .toJSON();

interface TimelineRequest {
  storyId?: string;
  side?: string;
  page: number;
}

export function execute(input: CommandInput, context: CommandContext): Reply {
  return show(
    { storyId: stringOption(input, 'story'), side: stringOption(input, 'side'), page: integerOption(input, 'page') ?? 1 },
    context,
  );
}

/** Previous / Next: `timeline:<page>:<story>:<side>`. */
export function component([page, storyId, side]: string[], context: CommandContext): Reply {
  return show({ page: Number(page), storyId: storyId || undefined, side: side || undefined }, context);
}

function show(request: TimelineRequest, context: CommandContext): Reply {
  const data = context.store.read();
  const story = resolveStory(data, { storyId: request.storyId, guildId: context.guildId });
  const side = request.side ? resolveSide(story, request.side) : undefined;
  const sources = storySources(data, story.id);
  return renderTimeline(
    {
      story,
      events: timelineEvents(data, { storyId: story.id, sideId: side?.id }),
      sources,
      citationNumbers: citationNumbers(sources),
      filterLabel: side ? `side: ${side.name}` : undefined,
    },
    { page: request.page, customIdFor: (page) => customId('timeline', page, story.id, side?.id) },
  );
}
