import { SlashCommandBuilder } from 'discord.js';
import { claimsOf } from '../briefing/queries.js';
import { renderClaims } from '../briefing/render/claims.js';
import type { Reply } from '../briefing/reply.js';
import { shortKey } from '../briefing/short-key.js';
import { storyLookup } from '../briefing/story-lookup.js';
import type { Story } from '../data/schema.js';
import { autocompleteNames, pageOption, privateOption, storyByKey, storyFor, storyOption } from './shared.js';
import { customId, integerOption, type CommandContext, type CommandInput } from './types.js';

export const data = new SlashCommandBuilder()
  .setName('claims')
  .setDescription('Where the reports disagree: every account of each disputed point, with its source')
  .addStringOption(storyOption)
  .addIntegerOption(pageOption)
  .addBooleanOption(privateOption)
  .toJSON();

export const autocomplete = autocompleteNames({});

export function execute(input: CommandInput, context: CommandContext): Reply {
  return show(storyFor(input, context), integerOption(input, 'page') ?? 1, context);
}

/** Previous / Next: `claims:<page>:<story key>`. */
export function component([page, storyKey]: string[], context: CommandContext): Reply {
  return show(storyByKey(storyKey, context), Number(page), context);
}

function show(story: Story, page: number, context: CommandContext): Reply {
  const data = context.store.read();
  const claims = claimsOf(data, story.id);
  const disputedFirst = [...claims.filter((c) => c.status === 'disputed'), ...claims.filter((c) => c.status !== 'disputed')];
  return renderClaims(disputedFirst, storyLookup(data, story), {
    page,
    customIdFor: (target) => customId('claims', target, shortKey(story.id)),
  });
}
