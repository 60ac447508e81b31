import { PermissionFlagsBits } from 'discord.js';
import { UserError } from '../briefing/reply/reply.js';
import type { CommandContext } from './types.js';
import { readerMessages } from './shared.js';
import { savedSettings } from '../data/guild-settings.js';

export function canManageServer(context: CommandContext): boolean {
  return context.member !== null && (context.member.permissions & PermissionFlagsBits.ManageGuild) !== 0n;
}

/** Manage Server, for a server's own settings. */
export function requireServerManager(context: CommandContext, what: string): string {
  if (!context.guildId) throw new UserError(readerMessages(context).moderation.noServerHere(what));
  if (!canManageServer(context)) throw new UserError(readerMessages(context).moderation.serverManagersOnly(what));
  return context.guildId;
}

/**
 * Writes to the store: only in an editorial server, and only by members with Manage Messages or a
 * moderator role set with `/settings moderator-role`. Checked in code on every step of a write —
 * command, modal and button — whatever Discord's command permissions were set to.
 */
export function requireEditor(context: CommandContext): string {
  const guildId = context.guildId;
  if (!guildId || !context.editorialGuildIds.includes(guildId)) {
    throw new UserError(readerMessages(context).moderation.editorialOnly);
  }
  const member = context.member;
  const roles = savedSettings(context.store.read(), guildId)?.moderatorRoleIds ?? [];
  const allowed =
    member !== null &&
    ((member.permissions & PermissionFlagsBits.ManageMessages) !== 0n || member.roleIds.some((role) => roles.includes(role)));
  if (!allowed) throw new UserError(readerMessages(context).moderation.moderatorsOnly);
  return guildId;
}

/**
 * A server's own list of stories (`/story archive`): Manage Server, or a moderator of this server —
 * Manage Messages or one of its moderator roles — in any server, for that server only.
 */
export function requireServerModerator(context: CommandContext, what: string): string {
  const guildId = context.guildId;
  if (!guildId) throw new UserError(readerMessages(context).moderation.noServerHere(what));
  const roles = savedSettings(context.store.read(), guildId)?.moderatorRoleIds ?? [];
  const member = context.member;
  const moderator = member !== null && ((member.permissions & PermissionFlagsBits.ManageMessages) !== 0n || member.roleIds.some((role) => roles.includes(role)));
  if (canManageServer(context) || moderator) return guildId;
  throw new UserError(readerMessages(context).moderation.serverModeratorsOnly(what));
}

/** Scheduled briefings: Manage Server, or a moderator role of this server. */
export function requireScheduleManager(context: CommandContext): string {
  const guildId = context.guildId;
  if (!guildId) throw new UserError(readerMessages(context).moderation.scheduleNoServer);
  const roles = savedSettings(context.store.read(), guildId)?.moderatorRoleIds ?? [];
  if (canManageServer(context) || context.member?.roleIds.some((role) => roles.includes(role))) return guildId;
  throw new UserError(readerMessages(context).moderation.scheduleManagersOnly);
}
