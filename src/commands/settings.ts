import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { notice, UserError, type Reply } from '../briefing/reply.js';
import { auditEntry } from '../data/audit.js';
import { settingsFor } from '../data/guild-settings.js';
import { requireServerManager } from './rights.js';
import { stringOption, type CommandContext, type CommandInput } from './types.js';

export const data = new SlashCommandBuilder()
  .setName('settings')
  .setDescription('This server’s Sitrep settings (Manage Server)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommandGroup((group) =>
    group
      .setName('moderator-role')
      .setDescription('Roles whose members may change the story, besides Manage Messages')
      .addSubcommand((sub) =>
        sub.setName('add').setDescription('Let this role change the story').addRoleOption((o) => o.setName('role').setDescription('The role').setRequired(true)),
      )
      .addSubcommand((sub) =>
        sub.setName('remove').setDescription('Stop this role changing the story').addRoleOption((o) => o.setName('role').setDescription('The role').setRequired(true)),
      )
      .addSubcommand((sub) => sub.setName('list').setDescription('The moderator roles')),
  )
  .toJSON();

export async function execute(input: CommandInput, context: CommandContext): Promise<Reply> {
  const guildId = requireServerManager(context, 'this server’s moderator roles');
  const roles = () => context.store.read().guilds.find((guild) => guild.guildId === guildId)?.moderatorRoleIds ?? [];
  const mentionList = (ids: readonly string[]) => (ids.length ? ids.map((id) => `<@&${id}>`).join(', ') : 'none (only Manage Messages)');
  if (input.subcommand === 'list') return notice(`Moderator roles: ${mentionList(roles())}.`);

  const role = stringOption(input, 'role');
  if (!role || !/^\d{17,20}$/.test(role)) throw new UserError('Choose a role.');
  const adding = input.subcommand === 'add';
  if (adding === roles().includes(role)) {
    return notice(`<@&${role}> ${adding ? 'is already' : 'is not'} a moderator role. Nothing was changed.`);
  }
  await context.store.update((draft) => {
    const settings = settingsFor(draft, guildId);
    const before = [...settings.moderatorRoleIds];
    settings.moderatorRoleIds = adding ? [...before, role] : before.filter((id) => id !== role);
    draft.audit.push(
      auditEntry(context, { action: 'settings', entity: 'guild', entityId: guildId, before: { moderatorRoleIds: before }, after: { moderatorRoleIds: settings.moderatorRoleIds } }),
    );
  });
  return notice(`${adding ? 'Added' : 'Removed'} <@&${role}>. Moderator roles: ${mentionList(roles())}.`);
}
