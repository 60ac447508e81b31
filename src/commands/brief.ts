import { SlashCommandBuilder } from 'discord.js';
import { composeBriefing, sideStatementsSince } from '../briefing/query/briefing.js';
import { correctionsOf, correctionsWindowDays, correctionsWindowStart } from '../briefing/query/corrections.js';
import { messagesFor, type Language } from '../i18n/index.js';
import { memoByState } from '../briefing/cache/memo.js';
import { BRIEF_SECTIONS, renderBriefFirst, renderBriefSection, type BriefIds, type BriefSection, type BriefView } from '../briefing/render/brief.js';
import { UserError, type Reply } from '../briefing/reply/reply.js';
import { findByShortKey, shortKey } from './short-key.js';
import { storyLookup } from '../briefing/query/story-lookup.js';
import { parseSince, type Since } from '../briefing/input/time-input.js';
import type { StoreData, Story } from '../data/schema.js';
import { autocompleteNames, pageOption, privateOption, readerMessages, storyByKey, storyFor, storyOption } from './shared.js';
import type { CommandContext, CommandInput } from './types.js';
import { storyTimeZone } from '../data/story-admin.js';
import { defineOptions, parseArgs } from './args.js';
import { componentCodec } from './codec.js';
import { openEventId } from './event.js';

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

/**
 * The first message: `brief:<page>:<story key>:<since>` (the id the briefing's Previous / Next had, so a
 * button on an older post opens the briefing as it is now).
 */
const firstButton = componentCodec('brief', ['page', 'story', 'since']);
/** A section, paged: `brief:s:<section>:<page>:<side key>:<story key>:<since>`. */
const sectionButton = componentCodec('brief', ['section', 'page', 'side', 'story', 'since'], { tag: 's' });

export const autocomplete = autocompleteNames({});

export function execute(input: CommandInput, context: CommandContext): Reply {
  const args = parseArgs(options, input);
  // `page:` (from when the briefing paged) opens the first message: its sections are one tap away.
  return show(storyFor(args, context), args.since, context);
}

export function component(parts: string[], context: CommandContext): Reply {
  if (sectionButton.matches(parts)) {
    const { section, page, side, story: storyKey, since } = sectionButton.decode(parts);
    if (!(BRIEF_SECTIONS as readonly string[]).includes(section)) throw new UserError('This button no longer works — run the command again.');
    return show(storyByKey(storyKey, context), readSince(since), context, { section: section as BriefSection, page: Number(page) || 1, sideKey: side });
  }
  const { story: storyKey, since } = firstButton.decode(parts);
  return show(storyByKey(storyKey, context), readSince(since), context);
}

/** The custom_id carries `2024-01-17 14:00` as `2024-01-17 14.00` (":" separates its parts). */
const readSince = (since: string | undefined) => since?.replace(/\./g, ':') || undefined;
const writeSince = (since: string | undefined) => since?.replace(/:/g, '.');

/** The briefing's button ids for a story and a `since:` as typed (a relative one is measured from each click). */
export function briefIds(storyId: string, since?: string): BriefIds {
  const story = shortKey(storyId);
  return {
    section: (section, page, sideId) => sectionButton.encode({ section, page, side: sideId && shortKey(sideId), story, since: writeSince(since) }),
    back: () => firstButton.encode({ page: 1, story, since: writeSince(since) }),
    openEvent: (eventId) => openEventId(storyId, eventId),
  };
}

/**
 * Each briefing is composed once per store state (and, with `since:`, per minute of its start: a
 * relative `since` moves with the clock), so its first message and each section cost one render.
 */
const viewFor = memoByState(
  (data: Readonly<StoreData>, { storyId, since, language, correctionsAfter, correctionDays }: BriefKey): BriefView => {
    const story = data.stories.find((candidate) => candidate.id === storyId)!;
    const corrections = correctionsOf(data, storyId, { after: new Date(correctionsAfter) });
    return { briefing: composeBriefing(data, story, since), lookup: storyLookup(data, story), m: messagesFor(language), corrections, correctionDays };
  },
  ({ storyId, since, language, correctionsAfter, correctionDays }) => [storyId, since?.instant.getTime(), since?.day, since?.label, language, correctionsAfter, correctionDays],
);

interface BriefKey {
  storyId: string;
  /** With `since:`, its start to the minute. */
  since?: Since;
  language: Language;
  correctionsAfter: string;
  correctionDays: number;
}

/** The view of a story's briefing for this reader (language, server's corrections window, `since:`). */
export function briefView(story: Story, since: string | undefined, context: CommandContext): BriefView {
  // `since:2024-01-17` is that day in the story's zone (else the deployment's).
  const parsed = since ? parseSince(since, context.now, storyTimeZone(story, context.timeZone)) : undefined;
  const minute = parsed && new Date(Math.floor(parsed.instant.getTime() / 60_000) * 60_000);
  const messages = readerMessages(context);
  // Corrections of the server's window (default seven days), moving by the hour so the view is reused meanwhile.
  const correctionDays = correctionsWindowDays(context.store.read(), context.guildId);
  const correctionsAfter = correctionsWindowStart(context.now, correctionDays).toISOString();
  return viewFor(context.store.read(), { storyId: story.id, since: parsed && { ...parsed, instant: minute! }, language: messages.language, correctionsAfter, correctionDays });
}

function show(story: Story, since: string | undefined, context: CommandContext, open?: { section: BriefSection; page: number; sideKey: string }): Reply {
  const view = briefView(story, since, context);
  const ids = briefIds(story.id, since);
  if (!open) return renderBriefFirst(view, ids);
  if (open.section !== 'side') return renderBriefSection(view, open.section, open.page, ids);
  const side = findByShortKey(story.sides, open.sideKey);
  if (!side) throw new UserError('That side is no longer in the story — run `/brief` again.');
  const stand = view.briefing.stands.find((candidate) => candidate.side.id === side.id);
  const statements = sideStatementsSince(context.store.read(), story.id, side.id, view.briefing.since);
  return renderBriefSection(view, 'side', open.page, ids, { side, stand, statements });
}
