import { safe } from '../briefing/format.js';
import type { Reply } from '../briefing/reply.js';
import { isolate, messagesFor, type Language } from '../i18n/index.js';
import { eventView } from '../briefing/queries.js';
import { renderEvent } from '../briefing/render/event.js';
import { storyLookup } from '../briefing/story-lookup.js';
import type { SitrepEvent } from '../data/schema.js';
import type { CommandContext } from './types.js';
import { shortKey } from '../briefing/short-key.js';

/**
 * Posts a "breaking update" — the same rendering as `/event` — to every channel subscribed to the
 * event's story. A channel that cannot be posted to does not stop the others. Returns how many got it.
 */
export async function postToSubscribers(event: SitrepEvent, context: CommandContext): Promise<number> {
  const { publish } = context;
  if (!publish) return 0;
  const data = context.store.read();
  const story = data.stories.find((candidate) => candidate.id === event.storyId)!;
  const targets = data.guilds.flatMap((guild) =>
    guild.subscriptions
      .filter((subscription) => subscription.storyId === event.storyId)
      .map((subscription) => ({
        language: guild.language ?? 'en',
        target: {
          channelId: subscription.channelId,
          guildId: guild.guildId,
          kind: subscription.channelKind,
          crosspost: subscription.crosspost,
          threadName: `${messagesFor(guild.language).breakingUpdate}: ${event.title}`,
        },
      })),
  );
  // Each server's channels get the post in that server's language, rendered once per language.
  const posts = new Map<Language, Reply>();
  const postIn = (language: Language) => {
    let post = posts.get(language);
    if (!post) {
      const m = messagesFor(language);
      const rendered = renderEvent(eventView(data, event), storyLookup(data, story), { page: 1, customIdFor: () => '', messages: m });
      posts.set(language, (post = { content: `🔔 **${m.breakingUpdate}** — ${isolate(safe(story.title), m)}`, embeds: rendered.embeds }));
    }
    return post;
  };
  // One nonce per event and channel, and a look in the channel first: a resend (a second Confirm after a
  // restart, a retry) finds the post already made instead of making a second one, whenever it comes.
  const since = new Date(event.createdAt);
  const results = await Promise.allSettled(
    targets.map(({ language, target }) => publish(target, postIn(language), { nonce: breakingNonce(event.id, target.channelId), mayExistSince: since })),
  );
  return results.filter((result) => result.status === 'fulfilled').length;
}

/** A Discord nonce (at most 25 characters) for an event's breaking update in one channel. */
export function breakingNonce(eventId: string, channelId: string): string {
  return `u${shortKey(eventId)}-${shortKey(channelId)}`;
}
