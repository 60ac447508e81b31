import { SlashCommandBuilder } from 'discord.js';
import { composeBriefing } from '../briefing/briefing.js';
import { renderBrief } from '../briefing/render/brief.js';
import type { Reply } from '../briefing/reply.js';
import { shortKey } from '../briefing/short-key.js';
import { storyLookup } from '../briefing/story-lookup.js';
import { parseSince } from '../briefing/time-input.js';
import type { Story } from '../data/schema.js';
import { autocompleteNames, pageOption, privateOption, storyByKey, storyFor, storyOption } from './shared.js';
import { customId, integerOption, stringOption, type CommandContext, type CommandInput } from './types.js';

export const data = new SlashCommandBuilder()
  .setName('brief')
  .setDescription('The briefing: what happened, where each side stands, what is disputed')
  .addStringOption((option) =>
    option.setName('since').setDescription('Only what is new since: 24h, 7d, 2w or a date like 2024-01-17').setMaxLength(16),
  )
  .addStringOption(storyOption)
  .addIntegerOption(pageOption)
  .addBooleanOption(privateOption)
  .toJSON();

export const autocomplete = autocompleteNames({});

export function execute(input: CommandInput, context: CommandContext): Reply {
  return show(storyFor(input, context), stringOption(input, 'since'), integerOption(input, 'page') ?? 1, context);
}

/**
 * Previous / Next: `brief:<page>:<story key>:<since>`. A relative `since` (24h) is kept as typed, so
 * a later page is measured from the click; dates are absolute anyway.
 */
export function component([page, storyKey, since]: string[], context: CommandContext): Reply {
  return show(storyByKey(storyKey, context), since || undefined, Number(page), context);
}

function show(story: Story, since: string | undefined, page: number, context: CommandContext): Reply {
  const data = context.store.read();
  const briefing = composeBriefing(data, story, since ? parseSince(since, context.now, context.timeZone) : undefined);
  return renderBrief(briefing, storyLookup(data, story), {
    page,
    customIdFor: (target) => customId('brief', target, shortKey(story.id), since?.replace(/:/g, '.')),
  });
}
