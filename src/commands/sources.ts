import { SlashCommandBuilder } from 'discord.js';
import { renderSources } from '../briefing/render/sources.js';
import type { Reply } from '../briefing/reply.js';
import { shortKey } from '../briefing/short-key.js';
import { storyLookup } from '../briefing/story-lookup.js';
import type { Story } from '../data/schema.js';
import { autocompleteNames, pageOption, privateOption, storyByKey, storyFor, storyOption } from './shared.js';
import { customId, integerOption, type CommandContext, type CommandInput } from './types.js';

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('The reports this story is built from, with outlet and date')
  .addStringOption(storyOption)
  .addIntegerOption(pageOption)
  .addBooleanOption(privateOption)
  .toJSON();

export const autocomplete = autocompleteNames({});

export function execute(input: CommandInput, context: CommandContext): Reply {
  return show(storyFor(input, context), integerOption(input, 'page') ?? 1, context);
}

/** Previous / Next: `sources:<page>:<story key>`. */
export function component([page, storyKey]: string[], context: CommandContext): Reply {
  return show(storyByKey(storyKey, context), Number(page), context);
}

function show(story: Story, page: number, context: CommandContext): Reply {
  return renderSources(
    { story, sources: storyLookup(context.store.read(), story).sources },
    { page, customIdFor: (target) => customId('sources', target, shortKey(story.id)) },
  );
}
