import { safe } from '../briefing/render/format.js';
import { resolveStory } from '../briefing/query/queries.js';
import { notice, UserError, type Reply } from '../briefing/reply/reply.js';
import { archivedIds, listedStories, setArchived } from '../data/story-admin.js';
import { requireServerModerator } from './rights.js';
import { readerMessages } from './shared.js';
import { isolate } from '../i18n/index.js';
import type { CommandContext } from './types.js';

/**
 * `/story archive story` and `/story unarchive story`: take a story out of THIS server's lists (the
 * bundled one included) and bring it back. A server setting: its records stay in the store, other
 * servers still list it, and `/story list archived:true` shows it here.
 */
export async function setStoryArchived(args: { story?: string | undefined }, context: CommandContext, archive: boolean): Promise<Reply> {
  const guildId = requireServerModerator(context, readerMessages(context).moderation.storyListWhat);
  const data = context.store.read();
  const storyId = args.story;
  const messages = readerMessages(context);
  const m = messages.moderation;
  if (!storyId) throw new UserError(m.chooseStory);
  const story = resolveStory(data, { storyId, guildId });
  const archived = archivedIds(data, guildId).has(story.id);
  const title = isolate(`**${safe(story.title)}**`, messages);
  if (archived === archive) return notice((archive ? m.alreadyArchived : m.notArchived)(title));
  const paused = await context.store.update((draft) => setArchived(draft, guildId, story.id, archive, context));
  if (paused.length) context.scheduler?.rearm();
  if (!archive) {
    const stillPaused = context.store.read().schedules.filter((s) => s.guildId === guildId && s.storyId === story.id && s.state === 'paused').length;
    return notice(m.backInLists(title, stillPaused));
  }
  const next = listedStories(context.store.read(), guildId).length ? resolveStory(context.store.read(), { guildId, defaultStoryId: context.defaultStoryId }) : undefined;
  return notice(
    [
      m.archivedHere(title),
      next ? m.defaultStoryNow(isolate(`**${safe(next.title)}**`, messages)) : m.noStoryListed,
      ...(paused.length ? [m.pausedSchedules(paused.length, `\`${paused.map((s) => s.id).join('`, `')}\``)] : []),
    ].join('\n'),
  );
}
