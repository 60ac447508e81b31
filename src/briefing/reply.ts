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
}

/** A problem with what the user asked for: shown to them, politely and privately; never logged as a bug. */
export class UserError extends Error {
  override name = 'UserError';
}

export function notice(content: string): Reply {
  return { content, ephemeral: true };
}
