import { SlashCommandBuilder } from 'discord.js';
import { renderSources } from '../briefing/render/sources.js';
import { storyLookup } from '../briefing/query/story-lookup.js';
import { autocompleteNames, pagedStoryView, pageOption, privateOption, readerMessages, storyOption } from './shared.js';

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('The reports this story is built from, with outlet and date')
  .addStringOption(storyOption)
  .addIntegerOption(pageOption)
  .addBooleanOption(privateOption)
  .toJSON();

export const autocomplete = autocompleteNames({});

export { pagedStoryOptions as options } from './shared.js';

export const { execute, component } = pagedStoryView('sources', (story, page, context, customIdFor) => {
  const lookup = storyLookup(context.store.read(), story);
  return renderSources(
    { story, sources: lookup.sources, correctedAt: (source) => lookup.correctedAt('source', source) },
    { page, customIdFor, messages: readerMessages(context) },
  );
});
