import { Routes, SnowflakeUtil, type APIMessage, type APIThreadChannel, type REST } from 'discord.js';
import type { DeliveryTarget, Reply } from '../briefing/reply/reply.js';

export type { DeliveryTarget } from '../briefing/reply/reply.js';
import { closeBidi } from '../briefing/render/format.js';
import { shorten } from '../briefing/render/paginate.js';
import { toMessageBody } from './reply-options.js';

/** Posts a reply; resolves with the message id (for a forum, the new thread's, which is its first message's). */
export type Deliver = (target: DeliveryTarget, reply: Reply, nonce: string, options?: DeliverOptions) => Promise<string>;

export interface DeliverOptions {
  /**
   * A send with this nonce may already have reached Discord, at or after this instant (a crash after
   * the send, a restart later). Discord enforces a nonce only over the past few minutes, so the channel
   * is searched for the post's reference first and, when it is there, that message is the answer.
   */
  mayExistSince?: Date;
}

/** Every post carries its nonce as a reference in an embed footer, so the bot can find it again in the channel. */
export function postReference(nonce: string): string {
  return `ref ${nonce}`;
}

/** The reply with its reference: on the last embed's footer, or in a small embed of its own. */
export function withReference(reply: Reply, nonce: string): Reply {
  const reference = postReference(nonce);
  const embeds = [...(reply.embeds ?? [])];
  const last = embeds.at(-1);
  if (last && embeds.length) {
    const footer = last.footer?.text ? `${last.footer.text} · ${reference}` : reference;
    embeds[embeds.length - 1] = { ...last, footer: { ...last.footer, text: footer } };
  } else {
    embeds.push({ footer: { text: reference } });
  }
  return { ...reply, embeds };
}

/** Pages through the channel's messages made since `since` (and a margin for clock skew) looking for the reference. */
const SEARCH_PAGES = 10;
const CLOCK_MARGIN_MS = 10 * 60_000;

export async function findPosted(rest: REST, channelId: string, nonce: string, since: Date): Promise<string | undefined> {
  const reference = postReference(nonce);
  let after = SnowflakeUtil.generate({ timestamp: Math.max(Number(SnowflakeUtil.epoch), since.getTime() - CLOCK_MARGIN_MS) }).toString();
  for (let page = 0; page < SEARCH_PAGES; page++) {
    const messages = (await rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ limit: '100', after }) })) as APIMessage[];
    const found = messages.find((message) => message.author?.bot && (message.embeds ?? []).some((embed) => embed.footer?.text?.split(' · ').includes(reference)));
    if (found) return found.id;
    if (messages.length < 100) return undefined;
    after = messages.reduce((newest, message) => (BigInt(message.id) > BigInt(newest) ? message.id : newest), after);
  }
  return undefined;
}

/** Publishing to followers failed after the post itself was made: the post stands, the target pauses. */
export class PublishFailed extends Error {
  override name = 'PublishFailed';
  constructor(
    readonly code: unknown,
    readonly messageId: string,
    cause: unknown,
  ) {
    super(`the post was made but could not be published to followers (Discord error ${String(code)})`, { cause });
  }
}

export function createDelivery(rest: REST): Deliver {
  return async (target, reply, nonce, options = {}) => {
    const files = (reply.files ?? []).map((file) => ({ name: file.name, data: file.data }));
    const message = {
      ...toMessageBody({ ...withReference(reply, nonce), ephemeral: false }),
      ...(files.length ? { attachments: files.map((file, id) => ({ id, filename: file.name })) } : {}),
    };
    if (target.kind === 'forum') return postInForum(rest, target, message, files);
    // When the lookup itself fails (no Read Message History, say), the send goes ahead: its nonce still
    // covers a resend within Discord's few minutes.
    const existing = options.mayExistSince ? await findPosted(rest, target.channelId, nonce, options.mayExistSince).catch(() => undefined) : undefined;
    const postedId = existing ?? ((await rest.post(Routes.channelMessages(target.channelId), { body: { ...message, nonce, enforce_nonce: true }, files })) as APIMessage).id;
    if (target.kind === 'announcement' && target.crosspost) {
      try {
        await rest.post(Routes.channelMessageCrosspost(target.channelId, postedId));
      } catch (error) {
        // A post found again may have been published before the crash: Discord says so with 40033.
        if (!(existing && (error as { code?: unknown }).code === 40033)) throw new PublishFailed((error as { code?: unknown }).code, postedId, error);
      }
    }
    return postedId;
  };
}

/**
 * Forum threads take no nonce, so a resend (after a crash or a timeout) first looks for the thread
 * it may already have made, by its name, among the server's active threads in that forum.
 */
async function postInForum(rest: REST, target: DeliveryTarget, message: object, files: Array<{ name: string; data: Buffer }>): Promise<string> {
  const name = shorten(closeBidi(target.threadName ?? 'Sitrep briefing'), 100);
  if (target.guildId) {
    const active = (await rest.get(Routes.guildActiveThreads(target.guildId))) as { threads: APIThreadChannel[] };
    const existing = active.threads.find((thread) => thread.parent_id === target.channelId && thread.name === name);
    if (existing) return existing.id;
  }
  const thread = (await rest.post(Routes.threads(target.channelId), { body: { name, message }, files })) as APIThreadChannel;
  return thread.id;
}

/** Edits a post in place and starts a thread on it: what a change to an event already posted needs. */
export interface PostEditing {
  /**
   * Replaces the post's text and embeds with `reply`, its footer keeping the post's reference (`nonce`);
   * idempotent. Rejects with Discord's error: 10008 when someone deleted the post.
   */
  edit(channelId: string, messageId: string, reply: Reply, nonce: string): Promise<void>;
  /**
   * Starts a public thread on the post and resolves with its id, which is the post's own. A thread
   * already started on it (Discord's 160004, after a crash) is that one.
   */
  startThread(channelId: string, messageId: string, name: string): Promise<string>;
}

/** Discord's "a thread has already been created for this message". */
const THREAD_ALREADY_CREATED = 160004;

export function createPostEditing(rest: REST): PostEditing {
  return {
    async edit(channelId, messageId, reply, nonce) {
      // No files: an edit keeps the post's attachments (a breaking update has none).
      await rest.patch(Routes.channelMessage(channelId, messageId), { body: toMessageBody({ ...withReference(reply, nonce), ephemeral: false }) });
    },
    async startThread(channelId, messageId, name) {
      try {
        const thread = (await rest.post(Routes.threads(channelId, messageId), { body: { name: shorten(closeBidi(name), 100), auto_archive_duration: 10080 } })) as APIThreadChannel;
        return thread.id;
      } catch (error) {
        if ((error as { code?: unknown }).code === THREAD_ALREADY_CREATED) return messageId;
        throw error;
      }
    },
  };
}

/** Short notices to the people who run Sitrep in a server: a channel (the log channel) or a member's DMs. */
export interface Tell {
  channel(channelId: string, text: string): Promise<void>;
  /** Opens (or reuses) the DM channel with the member and posts there; rejects when Discord refuses (50007). */
  user(userId: string, text: string): Promise<void>;
}

export function createTell(rest: REST): Tell {
  const send = async (channelId: string, text: string) => {
    await rest.post(Routes.channelMessages(channelId), { body: toMessageBody({ content: text }) });
  };
  return {
    channel: send,
    async user(userId, text) {
      const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
      await send(dm.id, text);
    },
  };
}
