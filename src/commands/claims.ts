import { SlashCommandBuilder } from 'discord.js';
import { claimsOf } from '../briefing/queries.js';
import { renderClaims } from '../briefing/render/claims.js';
import { storyLookup } from '../briefing/story-lookup.js';
import { autocompleteNames, pagedStoryView, pageOption, privateOption, readerMessages, storyOption } from './shared.js';

export const data = new SlashCommandBuilder()
  .setName('claims')
  .setDescription('Where the reports disagree: every account of each disputed point, with its source')
  .addStringOption(storyOption)
  .addIntegerOption(pageOption)
  .addBooleanOption(privateOption)
  .toJSON();

export const autocomplete = autocompleteNames({});

export const { execute, component } = pagedStoryView('claims', (story, page, context, customIdFor) => {
  const data = context.store.read();
  const claims = claimsOf(data, story.id);
  const disputedFirst = [...claims.filter((c) => c.status === 'disputed'), ...claims.filter((c) => c.status !== 'disputed')];
  return renderClaims(disputedFirst, storyLookup(data, story), { page, customIdFor, messages: readerMessages(context) });
});
