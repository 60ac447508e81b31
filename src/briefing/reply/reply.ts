import type { ChannelKind } from '../../data/schema.js';
import { closeBidi } from '../render/format.js';
import { LIMITS } from './limits.js';
import { shorten } from '../render/paginate.js';
import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIStringSelectComponent } from 'discord.js';

/**
 * What a command answers with, as plain data. The bot edge turns it into an interaction reply
 * (always with `allowedMentions: { parse: [] }`); the console prints it.
 */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  /** Rows of buttons, or a row holding one select menu (a list's "open" menu). */
  components?: APIActionRowComponent<APIButtonComponent | APIStringSelectComponent>[];
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

/**
 * A problem with what the user asked for: shown to them, politely and privately; never logged as a bug.
 * A refusal quotes what was typed in `code`: a directional control in a quote is closed inside it, so
 * it cannot reverse the rest of the sentence.
 */
export class UserError extends Error {
  override name = 'UserError';
  constructor(message: string) {
    super(closeQuoted(message));
  }
}

/** Text that quotes what was typed in `code`: each quote's directional controls closed inside it, then the whole. */
export function closeQuoted(text: string): string {
  return closeBidi(text.replace(/`([^`]*)`/g, (_quote, typed: string) => `\`${closeBidi(typed)}\``));
}

/** A private answer; like a refusal, it may quote what was typed. */
export function notice(content: string): Reply {
  // Closing what a quote left open adds characters: the closed text is cut again to Discord's limit if it must be.
  return { content: shorten(closeQuoted(content), LIMITS.content), ephemeral: true };
}
