import { SlashCommandBuilder } from 'discord.js';
import { resolveStory, storySources } from '../briefing/queries.js';
import { renderSources } from '../briefing/render/sources.js';
import type { Reply } from '../briefing/reply.js';
import { customId, integerOption, stringOption, type CommandContext, type CommandInput } from './types.js';

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('The reports this story is built from, with outlet and date')
  .addStringOption((option) => option.setName('story').setDescription('Story id (defaults to this server’s story)'))
  .addIntegerOption((option) => option.setName('page').setDescription('Page to open').setMinValue(1))
  .toJSON();

export function execute(input: CommandInput, context: CommandContext): Reply {
  return show(stringOption(input, 'story'), integerOption(input, 'page') ?? 1, context);
}

/** Previous / Next: `sources:<page>:<story>`. */
export function component([page, storyId]: string[], context: CommandContext): Reply {
  return show(storyId || undefined, Number(page), context);
}

function show(storyId: string | undefined, page: number, context: CommandContext): Reply {
  const data = context.store.read();
  const story = resolveStory(data, { storyId, guildId: context.guildId });
  return renderSources(
    { story, sources: storySources(data, story.id) },
    { page, customIdFor: (target) => customId('sources', target, story.id) },
  );
}
