import { PermissionFlagsBits } from 'discord.js';

/** Ids shared by the stand-in and the interaction factory, so the defaults of both line up. */
export const DEFAULT_APPLICATION_ID = '111111111111111111';
export const DEFAULT_GUILD_ID = '900000000000000001';
export const DEFAULT_CHANNEL_ID = '900000000000000002';
export const DEFAULT_USER_ID = '700000000000000001';

/** What a member of a fresh server may do: the permissions of its @everyone role. */
export const EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;

/** What the bot's own (managed) role adds on top of @everyone. */
export const BOT_ROLE_PERMISSIONS = PermissionFlagsBits.ManageMessages | PermissionFlagsBits.ManageThreads;

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake with the current time in it (discord.js reads timestamps out of ids). */
export function snowflake(): string {
  increment = (increment + 1n) % 4096n;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment);
}
