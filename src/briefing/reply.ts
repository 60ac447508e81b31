import type { ChannelKind } from '../data/schema.js';
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';

/**
 * What a command answers with, as plain data. The bot edge turns it into an interaction reply
 * (always with `allowedMentions: { parse: [] }`); the console prints it.
 */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  /** Only the person who asked sees it. */
  ephemeral?: boolean;
  /** Attachments (a timeline picture); an embed shows one with `attachment://<name>`. */
  files?: ReplyFile[];
}

/** Where a post goes, and how: a forum gets a thread per post; an announcement post may be published. */
export interface DeliveryTarget {
  channelId: string;
  guildId?: string;
  kind?: ChannelKind;
  crosspost?: boolean;
  /** The forum thread's title; also how a resend finds the thread it already made. */
  threadName?: string;
}

export interface ReplyFile {
  name: string;
  data: Buffer;
}

/** A problem with what the user asked for: shown to them, politely and privately; never logged as a bug. */
export class UserError extends Error {
  override name = 'UserError';
}

export function notice(content: string): Reply {
  return { content, ephemeral: true };
}
