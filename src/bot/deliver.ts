import { Routes, type APIMessage, type APIThreadChannel, type REST } from 'discord.js';
import type { DeliveryTarget, Reply } from '../briefing/reply.js';

export type { DeliveryTarget } from '../briefing/reply.js';
import { toMessageBody } from './reply-options.js';

/** Posts a reply; resolves with the message id (for a forum, the new thread's, which is its first message's). */
export type Deliver = (target: DeliveryTarget, reply: Reply, nonce: string) => Promise<string>;

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
  return async (target, reply, nonce) => {
    const files = (reply.files ?? []).map((file) => ({ name: file.name, data: file.data }));
    const message = {
      ...toMessageBody({ ...reply, ephemeral: false }),
      ...(files.length ? { attachments: files.map((file, id) => ({ id, filename: file.name })) } : {}),
    };
    if (target.kind === 'forum') return postInForum(rest, target, message, files);
    const posted = (await rest.post(Routes.channelMessages(target.channelId), { body: { ...message, nonce, enforce_nonce: true }, files })) as APIMessage;
    if (target.kind === 'announcement' && target.crosspost) {
      try {
        await rest.post(Routes.channelMessageCrosspost(target.channelId, posted.id));
      } catch (error) {
        throw new PublishFailed((error as { code?: unknown }).code, posted.id, error);
      }
    }
    return posted.id;
  };
}

/**
 * Forum threads take no nonce, so a resend (after a crash or a timeout) first looks for the thread
 * it may already have made, by its name, among the server's active threads in that forum.
 */
async function postInForum(rest: REST, target: DeliveryTarget, message: object, files: Array<{ name: string; data: Buffer }>): Promise<string> {
  const name = (target.threadName ?? 'Sitrep briefing').slice(0, 100);
  if (target.guildId) {
    const active = (await rest.get(Routes.guildActiveThreads(target.guildId))) as { threads: APIThreadChannel[] };
    const existing = active.threads.find((thread) => thread.parent_id === target.channelId && thread.name === name);
    if (existing) return existing.id;
  }
  const thread = (await rest.post(Routes.threads(target.channelId), { body: { name, message }, files })) as APIThreadChannel;
  return thread.id;
}
