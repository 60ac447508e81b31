import { SlashCommandBuilder } from 'discord.js';
import { memoByState } from '../briefing/cache/memo.js';
import { renderLaidOut } from '../briefing/render/document.js';
import { layoutSearch } from '../briefing/render/search.js';
import type { Reply } from '../briefing/reply/reply.js';
import { searchStory } from '../briefing/search/search.js';
import { shortKey } from './short-key.js';
import { storyLookup } from '../briefing/query/story-lookup.js';
import type { StoreData, Story } from '../data/schema.js';
import { messagesFor, type Language } from '../i18n/index.js';
import { autocompleteNames, clip, pageOption, privateOption, readerMessages, storyByKey, storyFor, storyOption } from './shared.js';
import type { CommandContext, CommandInput } from './types.js';
import { defineOptions, parseArgs } from './args.js';
import { componentCodec } from './codec.js';
import { openFromList } from './event.js';

/** Short enough that the query fits in a Next button's custom_id beside the page and story. */
const MAX_QUERY = 80;

export const data = new SlashCommandBuilder()
  .setName('search')
  .setDescription('Find events, statements and disputed points by words (typos forgiven)')
  .addStringOption((option) =>
    option.setName('query').setDescription('Words to look for, e.g. kerman').setRequired(true).setMaxLength(MAX_QUERY),
  )
  .addStringOption(storyOption)
  .addIntegerOption(pageOption)
  .addBooleanOption(privateOption)
  .toJSON();

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({
  '': { query: 'string!', story: 'string', page: 'integer', private: 'boolean' },
});

export const autocomplete = autocompleteNames({});

export function execute(input: CommandInput, context: CommandContext): Reply {
  const args = parseArgs(options, input);
  const query = clip(args.query ?? '', MAX_QUERY);
  return show(storyFor(args, context), query, args.page ?? 1, context);
}

/** Previous / Next: `search:<page>:<story key>:<query>` (the query may itself contain ":"). */
const pageButton = componentCodec('search', ['page', 'story', 'query'], { rest: true });

export function component(parts: string[], context: CommandContext): Reply {
  const { page, story, query } = pageButton.decode(parts);
  return show(storyByKey(story, context), query, Number(page), context);
}

/** Each search is run and laid out once per store state, so paging through the results costs one page. */
const layoutFor = memoByState(
  (data: Readonly<StoreData>, { storyId, query, language }: { storyId: string; query: string; language: Language }) => {
    const story = data.stories.find((candidate) => candidate.id === storyId)!;
    return layoutSearch(query, searchStory(data, storyId, query), storyLookup(data, story), messagesFor(language));
  },
  ({ storyId, query, language }) => [storyId, query, language],
);

function show(story: Story, query: string, page: number, context: CommandContext): Reply {
  const messages = readerMessages(context);
  return renderLaidOut(layoutFor(context.store.read(), { storyId: story.id, query, language: messages.language }), {
    page,
    messages,
    customIdFor: (target) => pageButton.encode({ page: target, story: shortKey(story.id), query }),
    open: openFromList(story),
  });
}
