import { SlashCommandBuilder } from 'discord.js';
import { claimsOf } from '../briefing/query/queries.js';
import { renderClaims } from '../briefing/render/claims.js';
import { storyLookup } from '../briefing/query/story-lookup.js';
import { openFromList } from './event.js';
import { autocompleteNames, pagedStoryView, pageOption, privateOption, readerMessages, storyOption } from './shared.js';

export const data = new SlashCommandBuilder()
  .setName('claims')
  .setDescription('Where the reports disagree: every account of each disputed point, with its source')
  .addStringOption(storyOption)
  .addIntegerOption(pageOption)
  .addBooleanOption(privateOption)
  .toJSON();

export const autocomplete = autocompleteNames({});

export { pagedStoryOptions as options } from './shared.js';

export const { execute, component } = pagedStoryView('claims', (story, page, context, customIdFor) => {
  const data = context.store.read();
  const claims = claimsOf(data, story.id);
  // Conflicts first, then accounts that differ in detail, then those that agree.
  const order = { conflict: 0, detail: 1, agree: 2 } as const;
  const disputedFirst = claims.map((claim, index) => ({ claim, index })).sort((a, b) => order[a.claim.kind] - order[b.claim.kind] || a.index - b.index).map(({ claim }) => claim);
  return renderClaims(disputedFirst, storyLookup(data, story), { page, customIdFor, messages: readerMessages(context), open: openFromList(story) });
});
