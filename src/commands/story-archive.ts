import { safe } from '../briefing/format.js';
import { resolveStory } from '../briefing/queries.js';
import { notice, UserError, type Reply } from '../briefing/reply.js';
import { archivedIds, listedStories, setArchived } from '../data/story-admin.js';
import { requireServerModerator } from './rights.js';
import { readerMessages } from './shared.js';
import { stringOption, type CommandContext, type CommandInput } from './types.js';

/**
 * `/story archive story` and `/story unarchive story`: take a story out of THIS server's lists (the
 * bundled one included) and bring it back. A server setting: its records stay in the store, other
 * servers still list it, and `/story list archived:true` shows it here.
 */
export async function setStoryArchived(input: CommandInput, context: CommandContext, archive: boolean): Promise<Reply> {
  const guildId = requireServerModerator(context, readerMessages(context).moderation.storyListWhat);
  const data = context.store.read();
  const storyId = stringOption(input, 'story');
  if (!storyId) throw new UserError('Choose a story from the list. Nothing was changed.');
  const story = resolveStory(data, { storyId, guildId });
  const archived = archivedIds(data, guildId).has(story.id);
  if (archived === archive) {
    return notice(`**${safe(story.title)}** is ${archive ? 'already archived' : 'not archived'} on this server. Nothing was changed.`);
  }
  const paused = await context.store.update((draft) => setArchived(draft, guildId, story.id, archive, context));
  if (paused.length) context.scheduler?.rearm();
  if (!archive) {
    const stillPaused = context.store.read().schedules.filter((s) => s.guildId === guildId && s.storyId === story.id && s.state === 'paused').length;
    return notice(
      `**${safe(story.title)}** is back in this server’s lists.${stillPaused ? ` ${stillPaused} of its schedules are still paused: \`/schedule resume\` restarts them.` : ''}`,
    );
  }
  const next = listedStories(context.store.read(), guildId).length ? resolveStory(context.store.read(), { guildId, defaultStoryId: context.defaultStoryId }) : undefined;
  return notice(
    [
      `Archived **${safe(story.title)}** on this server: it is gone from \`/story list\` and the story choices here, and its records stay (\`/story list archived:true\`, \`/story unarchive\`).`,
      next
        ? `This server’s default story is **${safe(next.title)}**.`
        : 'No story is listed here now: reading commands say so until a story is started (`/story create`), imported or brought back (`/story unarchive`).',
      ...(paused.length ? [`Paused ${paused.length === 1 ? 'its schedule' : `its ${paused.length} schedules`} here (\`${paused.map((s) => s.id).join('`, `')}\`): \`/schedule resume\` restarts them once it is back.`] : []),
    ].join('\n'),
  );
}
