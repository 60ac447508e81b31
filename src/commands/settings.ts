import { ChannelType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { notice, UserError, type Reply } from '../briefing/reply/reply.js';
import { auditEntry } from '../data/audit.js';
import { savedSettings, settingsFor } from '../data/guild-settings.js';
import { LANGUAGES, MESSAGES } from '../i18n/index.js';
import { requireServerManager } from './rights.js';
import { readerMessages } from './shared.js';
import type { CommandContext, CommandInput } from './types.js';
import { CORRECTION_DAYS, MAX_CORRECTION_DAYS, MIN_CORRECTION_DAYS } from '../briefing/query/corrections.js';
import { defineOptions, parseArgs, type ArgumentsOf } from './args.js';

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
  .addSubcommand((sub) =>
    sub
      .setName('language')
      .setDescription('The language Sitrep answers and posts in here (quotes stay as said)')
      .addStringOption((o) =>
        o
          .setName('language')
          .setDescription('English, Urdu or Persian')
          .setRequired(true)
          .addChoices(...LANGUAGES.map((language) => ({ name: `${MESSAGES[language].name} (${language})`, value: language }))),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName('log-channel')
      .setDescription('Where Sitrep tells this server’s managers that a schedule paused, and why')
      .addChannelOption((o) =>
        o.setName('channel').setDescription('A text channel; leave it out to stop (the schedule’s maker then gets a DM)').addChannelTypes(ChannelType.GuildText),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName('corrections-window')
      .setDescription('How many days back /brief lists corrections here (default 7)')
      .addIntegerOption((o) =>
        o.setName('days').setDescription(`${MIN_CORRECTION_DAYS} to ${MAX_CORRECTION_DAYS} days`).setRequired(true).setMinValue(MIN_CORRECTION_DAYS).setMaxValue(MAX_CORRECTION_DAYS),
      ),
  )
  .toJSON();

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({
  'moderator-role add': { role: 'role!' },
  'moderator-role remove': { role: 'role!' },
  'moderator-role list': {},
  language: { language: 'string!' },
  'log-channel': { channel: 'channel' },
  'corrections-window': { days: 'integer!' },
});
type Args = ArgumentsOf<typeof options>;

export async function execute(input: CommandInput, context: CommandContext): Promise<Reply> {
  const args = parseArgs(options, input);
  const guildId = requireServerManager(context, readerMessages(context).moderation.settingsWhat);
  const roles = () => savedSettings(context.store.read(), guildId)?.moderatorRoleIds ?? [];
  const mentionList = (ids: readonly string[]) => (ids.length ? ids.map((id) => `<@&${id}>`).join(', ') : 'none (only Manage Messages)');
  if (input.subcommand === 'list') return notice(`Moderator roles: ${mentionList(roles())}.`);
  if (input.subcommand === 'language') return setLanguage(args, context, guildId);
  if (input.subcommand === 'log-channel') return setLogChannel(args, context, guildId);
  if (input.subcommand === 'corrections-window') return setCorrectionsWindow(args, context, guildId);

  const role = args.role;
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

async function setLanguage(args: Args, context: CommandContext, guildId: string): Promise<Reply> {
  const language = LANGUAGES.find((candidate) => candidate === args.language);
  if (!language) throw new UserError(`Choose one of: ${LANGUAGES.map((candidate) => MESSAGES[candidate].name).join(', ')}.`);
  await context.store.update((draft) => {
    const settings = settingsFor(draft, guildId);
    const before = settings.language;
    if (language === 'en') delete settings.language;
    else settings.language = language;
    draft.audit.push(auditEntry(context, { action: 'settings', entity: 'guild', entityId: guildId, before: { language: before ?? 'en' }, after: { language } }));
  });
  return notice(MESSAGES[language].moderation.languageSet(MESSAGES[language].name));
}

async function setLogChannel(args: Args, context: CommandContext, guildId: string): Promise<Reply> {
  const channelId = args.channel;
  if (channelId !== undefined && !/^\d{17,20}$/.test(channelId)) throw new UserError('Choose a text channel.');
  const before = savedSettings(context.store.read(), guildId)?.logChannelId;
  if (before === channelId) {
    return notice(channelId ? `<#${channelId}> is already the log channel. Nothing was changed.` : 'There is no log channel. Nothing was changed.');
  }
  await context.store.update((draft) => {
    const settings = settingsFor(draft, guildId);
    if (channelId) settings.logChannelId = channelId;
    else delete settings.logChannelId;
    draft.audit.push(
      auditEntry(context, { action: 'settings', entity: 'guild', entityId: guildId, before: { logChannelId: before ?? null }, after: { logChannelId: channelId ?? null } }),
    );
  });
  return notice(
    channelId
      ? `Sitrep will tell <#${channelId}> when a schedule pauses, and why.`
      : 'No log channel any more: when a schedule pauses, Sitrep tells the member who made it by DM.',
  );
}

/** `/settings corrections-window days:` — how far back `/brief`'s corrections go on this server. */
async function setCorrectionsWindow(args: Args, context: CommandContext, guildId: string): Promise<Reply> {
  const days = args.days;
  if (days === undefined || days < MIN_CORRECTION_DAYS || days > MAX_CORRECTION_DAYS) {
    throw new UserError(`\`days\` must be a whole number from ${MIN_CORRECTION_DAYS} to ${MAX_CORRECTION_DAYS}. Nothing was changed.`);
  }
  const before = savedSettings(context.store.read(), guildId)?.correctionsWindowDays ?? CORRECTION_DAYS;
  if (before === days) return notice(`\`/brief\` already lists the corrections of the last ${plural(days)} here. Nothing was changed.`);
  await context.store.update((draft) => {
    const settings = settingsFor(draft, guildId);
    if (days === CORRECTION_DAYS) delete settings.correctionsWindowDays;
    else settings.correctionsWindowDays = days;
    draft.audit.push(
      auditEntry(context, { action: 'settings', entity: 'guild', entityId: guildId, before: { correctionsWindowDays: before }, after: { correctionsWindowDays: days } }),
    );
  });
  return notice(`\`/brief\` now lists the corrections of the last ${plural(days)} here (it was ${plural(before)}).`);
}

const plural = (days: number) => (days === 1 ? 'day' : `${days} days`);
