import { MessageFlags, type InteractionReplyOptions } from 'discord.js';
import type { Reply } from '../briefing/reply/reply.js';

/** Nothing the bot sends may ping: stored text can contain @everyone, roles and user mentions. */
export const NO_PINGS = { parse: [] } as const;

export function toReplyOptions(reply: Reply, forceEphemeral = false): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return {
    content: reply.content,
    embeds: reply.embeds ?? [],
    components: reply.components ?? [],
    allowedMentions: { parse: [] },
    ...(reply.files?.length ? { files: reply.files.map((file) => ({ attachment: file.data, name: file.name })) } : {}),
    ...(reply.ephemeral || forceEphemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/**
 * The message body Discord receives for a reply, in the API's own shape: what the console's
 * `--json` prints and what the end-to-end tests compare recorded requests against.
 */
export function toMessageBody(reply: Reply) {
  return {
    ...(reply.content !== undefined ? { content: reply.content } : {}),
    embeds: reply.embeds ?? [],
    components: reply.components ?? [],
    allowed_mentions: { parse: [] },
    ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}
