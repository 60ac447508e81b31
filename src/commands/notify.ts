import type { Reply } from '../briefing/reply.js';
import type { Language } from '../i18n/index.js';
import type { SitrepEvent } from '../data/schema.js';
import { breakingNonce, breakingPost, breakingTargets, clearBreakingPending, isFinalPostError, markBreakingPending } from '../schedule/breaking.js';
import type { CommandContext } from './types.js';

export { breakingNonce } from '../schedule/breaking.js';

/**
 * Posts a "breaking update" — the same rendering as `/event` — to every channel subscribed to the
 * event's story. A channel that cannot be posted to does not stop the others. Returns how many got it.
 *
 * Each post is marked in the store before it is sent and cleared once it is made (or refused for good),
 * so a crash in between leaves the mark for the scheduler's sweep, which looks for the post in the
 * channel before sending it again. Each post has one nonce per event and channel and is looked for
 * first, so a resend finds the post already made instead of making a second one, whenever it comes.
 */
export async function postToSubscribers(event: SitrepEvent, context: CommandContext): Promise<number> {
  const { publish } = context;
  if (!publish) return 0;
  const data = context.store.read();
  const targets = breakingTargets(data, event);
  if (targets.length === 0) return 0;
  await context.store.update((draft) => markBreakingPending(draft, event.id, targets, context.now.toISOString()));
  // Each server's channels get the post in that server's language, rendered once per language.
  const posts = new Map<Language, Reply>();
  const postIn = (language: Language) => {
    let post = posts.get(language);
    if (!post) posts.set(language, (post = breakingPost(data, event, language)));
    return post;
  };
  const since = new Date(event.createdAt);
  const results = await Promise.allSettled(
    targets.map(({ language, target }) => publish(target, postIn(language), { nonce: breakingNonce(event.id, target.channelId), mayExistSince: since })),
  );
  const done = targets
    .filter((_target, index) => {
      const result = results[index]!;
      return result.status === 'fulfilled' || isFinalPostError(result.reason);
    })
    .map(({ guildId, target }) => ({ guildId, channelId: target.channelId }));
  if (done.length) await context.store.update((draft) => clearBreakingPending(draft, event.id, done));
  return results.filter((result) => result.status === 'fulfilled').length;
}
