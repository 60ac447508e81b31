import { safe } from '../briefing/render/format.js';
import { eventView } from '../briefing/query/queries.js';
import { renderEvent } from '../briefing/render/event.js';
import type { DeliveryTarget, Reply } from '../briefing/reply/reply.js';
import type { Store } from '../data/store.js';
import { shortKey } from '../commands/short-key.js';
import { storyLookup } from '../briefing/query/story-lookup.js';
import { settingsFor } from '../data/guild-settings.js';
import type { EventPost, GuildSettings, SitrepEvent, StoreData } from '../data/schema.js';
import { postOf, rememberPost, type PostPublish } from './in-place.js';
import { isolate, messagesFor, type Language } from '../i18n/index.js';

/** One channel that gets an event's breaking update, in its server's language. */
export interface BreakingTarget {
  guildId: string;
  language: Language;
  target: DeliveryTarget;
}

/**
 * The channels subscribed to the event's story (or, with `only`, that one channel if it still is) —
 * not in a server that archived the story (its subscriptions are kept for when it comes back).
 */
export function breakingTargets(data: Readonly<StoreData>, event: SitrepEvent, only?: { guildId: string; channelId: string }): BreakingTarget[] {
  return data.guilds
    .filter((guild) => (!only || guild.guildId === only.guildId) && !guild.archivedStoryIds?.includes(event.storyId))
    .flatMap((guild) =>
      guild.subscriptions
        .filter((subscription) => subscription.storyId === event.storyId && (!only || subscription.channelId === only.channelId))
        .map((subscription) => ({
          guildId: guild.guildId,
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
}

/** A "breaking update": the same rendering as `/event`, in a server's language. */
export function breakingPost(data: Readonly<StoreData>, event: SitrepEvent, language: Language): Reply {
  const story = data.stories.find((candidate) => candidate.id === event.storyId)!;
  const m = messagesFor(language);
  const rendered = renderEvent(eventView(data, event), storyLookup(data, story), { page: 1, customIdFor: () => '', messages: m });
  return { content: `🔔 **${m.breakingUpdate}** — ${isolate(safe(story.title), m)}`, embeds: rendered.embeds };
}

/** A Discord nonce (at most 25 characters) for an event's breaking update in one channel. */
export function breakingNonce(eventId: string, channelId: string): string {
  return `u${shortKey(eventId)}-${shortKey(channelId)}`;
}

/**
 * Marks the event's posts to these channels as under way (the outbox): a post still marked after a
 * crash is sent again by the scheduler's sweep, after looking for it in the channel.
 */
export function markBreakingPending(draft: StoreData, eventId: string, targets: readonly BreakingTarget[], since: string): void {
  for (const { guildId, target } of targets) {
    const settings = settingsFor(draft, guildId);
    const others = (settings.pendingUpdates ?? []).filter((entry) => entry.note || !(entry.eventId === eventId && entry.channelId === target.channelId));
    settings.pendingUpdates = [...others, { eventId, channelId: target.channelId, since }];
  }
}

/** Clears the marks of posts made (or refused for good). */
export function clearBreakingPending(draft: StoreData, eventId: string, done: ReadonlyArray<{ guildId: string; channelId: string }>): void {
  for (const { guildId, channelId } of done) {
    const settings: GuildSettings | undefined = draft.guilds.find((guild) => guild.guildId === guildId);
    if (!settings?.pendingUpdates) continue;
    // A revision mark (with a note) of the same post is its own: cleared by `clearRevision`.
    const left = settings.pendingUpdates.filter((entry) => entry.note || !(entry.eventId === eventId && entry.channelId === channelId));
    if (left.length) settings.pendingUpdates = left;
    else delete settings.pendingUpdates;
  }
}

/** What is remembered of a post: in a forum the post is its thread's first message, whose id is the thread's. */
export function postRecord(eventId: string, target: DeliveryTarget, nonce: string, messageId: string): EventPost {
  return { eventId, channelId: target.channelId, messageId, nonce, ...(target.kind === 'forum' ? { threadId: messageId } : {}) };
}

/** Discord error codes no retry fixes: the post is given up (the channel's managers see it is missing). */
export const FINAL_POST_ERRORS = new Set([50001, 50013, 10003, 50007]);

export function isFinalPostError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' && FINAL_POST_ERRORS.has(code);
}

export interface BreakingDependencies {
  store: Store;
  now: Date;
  /** Posts one channel's copy and resolves with its id; rejects with Discord's error (its `code`) when it cannot. */
  publish: PostPublish;
}

/**
 * Sends the event's breaking update to every subscribed channel; resolves with how many got it.
 * Each post is marked in the store before it is sent and cleared once it is made (or refused for
 * good), so a crash in between leaves the mark for the scheduler's sweep, which looks for the post in
 * the channel before sending it again. Each post has one nonce per event and channel and is looked for
 * first, so a resend finds the post already made instead of making a second one, whenever it comes.
 */
export async function sendBreaking(event: SitrepEvent, { store, now, publish }: BreakingDependencies): Promise<number> {
  const data = store.read();
  // Never a second full post in a channel: one already made there is updated in place instead (in-place.ts).
  const targets = breakingTargets(data, event).filter(({ guildId, target }) => !postOf(data, guildId, event.id, target.channelId));
  if (targets.length === 0) return 0;
  await store.update((draft) => markBreakingPending(draft, event.id, targets, now.toISOString()));
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
  const made = targets.flatMap(({ guildId, target }, index) => {
    const result = results[index]!;
    return result.status === 'fulfilled' ? [{ guildId, post: postRecord(event.id, target, breakingNonce(event.id, target.channelId), result.value) }] : [];
  });
  if (done.length)
    await store.update((draft) => {
      clearBreakingPending(draft, event.id, done);
      for (const { guildId, post } of made) rememberPost(draft, guildId, post);
    });
  return results.filter((result) => result.status === 'fulfilled').length;
}
