import { SlashCommandBuilder } from 'discord.js';
import { composeBriefing } from '../briefing/query/briefing.js';
import { correctionsOf, correctionsWindowDays, correctionsWindowStart } from '../briefing/query/corrections.js';
import { messagesFor, type Language } from '../i18n/index.js';
import { memoByState } from '../briefing/cache/memo.js';
import { layoutBrief } from '../briefing/render/brief.js';
import { renderLaidOut } from '../briefing/render/document.js';
import type { Reply } from '../briefing/reply/reply.js';
import { shortKey } from './short-key.js';
import { storyLookup } from '../briefing/query/story-lookup.js';
import { parseSince, type Since } from '../briefing/input/time-input.js';
import type { StoreData, Story } from '../data/schema.js';
import { autocompleteNames, pageOption, privateOption, readerMessages, storyByKey, storyFor, storyOption } from './shared.js';
import type { CommandContext, CommandInput } from './types.js';
import { storyTimeZone } from '../data/story-admin.js';
import { defineOptions, parseArgs } from './args.js';
import { componentCodec } from './codec.js';

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

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({
  '': { since: 'string', story: 'string', page: 'integer', private: 'boolean' },
});

const pageButton = componentCodec('brief', ['page', 'story', 'since']);

export const autocomplete = autocompleteNames({});

export function execute(input: CommandInput, context: CommandContext): Reply {
  const args = parseArgs(options, input);
  return show(storyFor(args, context), args.since, args.page ?? 1, context);
}

/**
 * Previous / Next: `brief:<page>:<story key>:<since>`. A relative `since` (24h) is kept as typed, so
 * a later page is measured from the click; dates are absolute anyway.
 */
export function component(parts: string[], context: CommandContext): Reply {
  const { page, story: storyKey, since } = pageButton.decode(parts);
  // The custom_id carries `2024-01-17 14:00` as `2024-01-17 14.00` (":" separates its parts).
  return show(storyByKey(storyKey, context), since?.replace(/\./g, ':') || undefined, Number(page), context);
}

/**
 * Each briefing is composed and laid out once per store state (and, with `since:`, per minute of
 * its start: a relative `since` moves with the clock), so paging through it costs one page.
 */
const layoutFor = memoByState(
  (data: Readonly<StoreData>, { storyId, since, language, correctionsAfter }: BriefKey) => {
    const story = data.stories.find((candidate) => candidate.id === storyId)!;
    const corrections = correctionsOf(data, storyId, { after: new Date(correctionsAfter) });
    return layoutBrief(composeBriefing(data, story, since), storyLookup(data, story), messagesFor(language), corrections);
  },
  ({ storyId, since, language, correctionsAfter }) => [storyId, since?.instant.getTime(), since?.day, since?.label, language, correctionsAfter],
);

interface BriefKey {
  storyId: string;
  /** With `since:`, its start to the minute. */
  since?: Since;
  language: Language;
  correctionsAfter: string;
}

function show(story: Story, since: string | undefined, page: number, context: CommandContext): Reply {
  // `since:2024-01-17` is that day in the story's zone (else the deployment's).
  const parsed = since ? parseSince(since, context.now, storyTimeZone(story, context.timeZone)) : undefined;
  const minute = parsed && new Date(Math.floor(parsed.instant.getTime() / 60_000) * 60_000);
  const messages = readerMessages(context);
  // Corrections of the server's window (default seven days), moving by the hour so the layout is reused meanwhile.
  const correctionsAfter = correctionsWindowStart(context.now, correctionsWindowDays(context.store.read(), context.guildId)).toISOString();
  const key: BriefKey = { storyId: story.id, since: parsed && { ...parsed, instant: minute! }, language: messages.language, correctionsAfter };
  return renderLaidOut(layoutFor(context.store.read(), key), {
    page,
    customIdFor: (target) => pageButton.encode({ page: target, story: shortKey(story.id), since: since?.replace(/:/g, '.') }),
    messages,
  });
}
