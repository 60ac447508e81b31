import { messagesFor, replyLanguage, type Messages } from '../i18n/index.js';
import type { SlashCommandBooleanOption, SlashCommandIntegerOption, SlashCommandStringOption } from 'discord.js';
import { rankCandidates } from '../briefing/search/autocomplete.js';
import {
  actorCandidates,
  claimCandidates,
  eventCandidates,
  recordCandidates,
  positionCandidates,
  statementCandidates,
  sideCandidates,
  sourceCandidates,
  serverStoryCandidates,
} from '../briefing/search/candidates.js';
import { LIMITS } from '../briefing/reply/limits.js';
import { resolveStory } from '../briefing/query/queries.js';
import { UserError, type Reply } from '../briefing/reply/reply.js';
import { findByShortKey, shortKey } from './short-key.js';
import type { Story } from '../data/schema.js';
import { defineOptions, parseArgs } from './args.js';
import {
  booleanOption,
  isModal,
  stringOption,
  type Answer,
  type Choice,
  type Command,
  type CommandContext,
  type CommandInput,
} from './types.js';
import { savedSettings } from '../data/guild-settings.js';
import { componentCodec } from './codec.js';

/** `story:` — autocompleted, defaulting to the server's story. On every reading command. */
export const storyOption = (option: SlashCommandStringOption) =>
  option.setName('story').setDescription('Which story (defaults to this server’s story)').setAutocomplete(true);

/** `private:true` — only the person who asked sees the answer. */
export const privateOption = (option: SlashCommandBooleanOption) =>
  option.setName('private').setDescription('Only you see the answer');

export const pageOption = (option: SlashCommandIntegerOption) =>
  option.setName('page').setDescription('Page to open').setMinValue(1);

/** The options of a command that shows one story, paged (`/claims`, `/sources`): story, page, private. */
export const pagedStoryOptions = defineOptions({ '': { story: 'string', page: 'integer', private: 'boolean' } });

/** The story named by `story:` (a command's typed args), else the server's default. */
export function storyFor(args: { story?: string | undefined }, context: CommandContext): Story {
  return resolveStory(context.store.read(), { storyId: args.story, guildId: context.guildId, defaultStoryId: context.defaultStoryId });
}

/** The story a button's custom_id names by its short key (the default story when the key is empty). */
export function storyByKey(key: string | undefined, context: CommandContext): Story {
  const data = context.store.read();
  const story = key ? findByShortKey(data.stories, key) : undefined;
  return story ?? resolveStory(data, { guildId: context.guildId, defaultStoryId: context.defaultStoryId });
}

const KINDS = {
  story: (context: CommandContext) => serverStoryCandidates(context.store.read(), `listed:${context.guildId ?? ''}`),
  side: (context: CommandContext, story: Story) => sideCandidates(context.store.read(), story.id),
  actor: (context: CommandContext, story: Story) => actorCandidates(context.store.read(), story.id),
  event: (context: CommandContext, story: Story) => eventCandidates(context.store.read(), story.id),
  source: (context: CommandContext, story: Story) => sourceCandidates(context.store.read(), story.id),
  claim: (context: CommandContext, story: Story) => claimCandidates(context.store.read(), story.id),
  statement: (context: CommandContext, story: Story) => statementCandidates(context.store.read(), story.id),
  record: (context: CommandContext, story: Story) => recordCandidates(context.store.read(), story.id),
  position: (context: CommandContext, story: Story) => positionCandidates(context.store.read(), story.id),
} as const;

/**
 * Autocomplete for options that name a thing: `kinds` maps option names to what they name.
 * Unknown stories fall back to the default so typing in another option still gets choices.
 */
export function autocompleteNames(kinds: Record<string, keyof typeof KINDS>): NonNullable<Command['autocomplete']> {
  return (focused, input, context): Choice[] => {
    const kind = focused.name === 'story' ? 'story' : kinds[focused.name];
    if (!kind) return [];
    let story: Story;
    try {
      story = storyFor({ story: stringOption(input, 'story') }, context);
    } catch {
      story = resolveStory(context.store.read(), { guildId: context.guildId, defaultStoryId: context.defaultStoryId });
    }
    return rankCandidates(KINDS[kind](context, story), focused.value);
  };
}

/**
 * `execute` and `component` for a command that shows one story, paged: its Previous / Next
 * buttons are `<name>:<page>:<story key>`.
 */
export function pagedStoryView(name: string, show: (story: Story, page: number, context: CommandContext, customIdFor: (page: number) => string) => Reply) {
  const pageButton = componentCodec(name, ['page', 'story']);
  const render = (story: Story, page: number, context: CommandContext) =>
    show(story, page, context, (target) => pageButton.encode({ page: target, story: shortKey(story.id) }));
  return {
    execute: (input: CommandInput, context: CommandContext) => {
      const args = parseArgs(pagedStoryOptions, input);
      return render(storyFor(args, context), args.page ?? 1, context);
    },
    component: (parts: string[], context: CommandContext) => {
      const { page, story } = pageButton.decode(parts);
      return render(storyByKey(story, context), Number(page), context);
    },
  };
}

/** Runs a command as Discord or the console asked it; `private:true` makes any reply ephemeral. */
export async function runCommand(command: Command, input: CommandInput, context: CommandContext): Promise<Answer> {
  let answer: Answer;
  try {
    answer = await command.execute(input, context);
  } catch (error) {
    throw error instanceof UserError && error.message.length > LIMITS.content ? new UserError(fitted(error.message)) : error;
  }
  return !isModal(answer) && booleanOption(input, 'private') ? { ...answer, ephemeral: true } : answer;
}

/** At most `max` UTF-16 units of `text`, never ending in half a character (Discord refuses a lone surrogate). */
import { clip } from '../briefing/render/paginate.js';

export { clip };

/**
 * A refusal quotes what was typed, and an option can hold 6,000 characters: long quotes are cut so
 * the private reply still fits in one Discord message (and never ends in half a character).
 */
function fitted(message: string): string {
  const quoted = message.replace(/`([^`]{100,})`/g, (_quote, typed: string) => `\`${clip(typed, 80)}…\``);
  return quoted.length <= LIMITS.content ? quoted : `${clip(quoted, LIMITS.content - 1)}…`;
}

/** The labels to answer this reader in: the server's language if it chose one, else their Discord locale's, else English. */
export function readerMessages(context: Pick<CommandContext, 'store' | 'guildId' | 'locale'>): Messages {
  return messagesFor(replyLanguage(savedSettings(context.store.read(), context.guildId)?.language, context.locale));
}
