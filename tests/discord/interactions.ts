import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  type APIApplicationCommandInteractionDataOption,
} from 'discord.js';
import { messagePayload } from './message.js';
import { snowflake } from './snowflake.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID } from './stand-in.js';

/**
 * The one factory for interaction payloads sent through the stand-in's gateway: everything
 * discord.js reads from a real one (entitlements, authorizing owners, member and channel, …).
 */

export interface Invoker {
  id: string;
  username: string;
}

export const DEFAULT_USER: Invoker = { id: '700000000000000001', username: 'reader' };
const EVERY_PERMISSION = String((1n << 50n) - 1n);

interface Common {
  applicationId: string;
  guildId?: string | null;
  channelId?: string;
  user?: Invoker;
  /** The member's permissions in the channel, as a decimal bitfield. Default: none. */
  memberPermissions?: string;
  memberRoles?: string[];
  locale?: string;
}

type OptionValues = Record<string, string | number | boolean>;

function base(common: Common, type: InteractionType, data: unknown) {
  const guildId = common.guildId === undefined ? DEFAULT_GUILD_ID : common.guildId;
  const user = { ...(common.user ?? DEFAULT_USER), discriminator: '0', global_name: null, avatar: null };
  const channel = { id: common.channelId ?? DEFAULT_CHANNEL_ID, type: guildId ? 0 : 1, name: 'general', ...(guildId ? { guild_id: guildId } : {}) };
  return {
    id: snowflake(),
    application_id: common.applicationId,
    type,
    token: `token-${snowflake()}`,
    version: 1,
    data,
    channel,
    channel_id: channel.id,
    locale: common.locale ?? 'en-US',
    app_permissions: EVERY_PERMISSION,
    entitlements: [],
    authorizing_integration_owners: guildId ? { '0': guildId } : { '1': user.id },
    context: guildId ? InteractionContextType.Guild : InteractionContextType.BotDM,
    attachment_size_limit: 10_485_760,
    ...(guildId
      ? {
          guild_id: guildId,
          guild: { id: guildId, locale: 'en-US', features: [] },
          guild_locale: 'en-US',
          member: {
            user,
            roles: common.memberRoles ?? [],
            permissions: common.memberPermissions ?? '0',
            joined_at: '2024-01-01T00:00:00.000Z',
            deaf: false,
            mute: false,
            flags: 0,
            pending: false,
            nick: null,
            avatar: null,
            premium_since: null,
            communication_disabled_until: null,
          },
        }
      : { user }),
  };
}

function toOptions(values: OptionValues = {}, focused?: string, types: OptionTypes = {}): APIApplicationCommandInteractionDataOption[] {
  return Object.entries(values).map(([name, value]) => {
    const type =
      types[name] ??
      (typeof value === 'boolean'
        ? ApplicationCommandOptionType.Boolean
        : typeof value === 'number'
          ? Number.isInteger(value)
            ? ApplicationCommandOptionType.Integer
            : ApplicationCommandOptionType.Number
          : ApplicationCommandOptionType.String);
    return { name, type, value, ...(name === focused ? { focused: true } : {}) } as APIApplicationCommandInteractionDataOption;
  });
}

/** Option types the value alone does not tell: a channel, role or user option carries its id as a string. */
type OptionTypes = Record<string, ApplicationCommandOptionType>;

interface CommandCall extends Common {
  name: string;
  subcommand?: string;
  subcommandGroup?: string;
  options?: OptionValues;
  /** By option name; otherwise the type follows the value (string, integer, number, boolean). */
  optionTypes?: OptionTypes;
  /** Attachment options by name: the files, as Discord resolves them in `data.resolved.attachments`. */
  attachments?: Record<string, { filename: string; url: string; size: number; content_type?: string }>;
}

function commandData(call: CommandCall, focused?: string) {
  const files = Object.entries(call.attachments ?? {}).map(([name, file]) => ({ name, id: snowflake(), file }));
  let options = [
    ...toOptions(call.options, focused, call.optionTypes),
    ...files.map(({ name, id }) => ({ name, type: ApplicationCommandOptionType.Attachment, value: id }) as APIApplicationCommandInteractionDataOption),
  ];
  if (call.subcommand) options = [{ name: call.subcommand, type: ApplicationCommandOptionType.Subcommand, options } as APIApplicationCommandInteractionDataOption];
  if (call.subcommandGroup) {
    options = [{ name: call.subcommandGroup, type: ApplicationCommandOptionType.SubcommandGroup, options } as APIApplicationCommandInteractionDataOption];
  }
  const resolved = files.length
    ? { resolved: { attachments: Object.fromEntries(files.map(({ id, file }) => [id, { id, proxy_url: file.url, ...file }])) } }
    : {};
  return { id: snowflake(), name: call.name, type: ApplicationCommandType.ChatInput, options, ...resolved, ...(call.guildId !== null ? { guild_id: call.guildId ?? DEFAULT_GUILD_ID } : {}) };
}

export function chatInputInteraction(call: CommandCall) {
  return base(call, InteractionType.ApplicationCommand, commandData(call));
}

export function autocompleteInteraction(call: CommandCall & { focused: string }) {
  return base(call, InteractionType.ApplicationCommandAutocomplete, commandData(call, call.focused));
}

/** A click on a button of `message` (a recorded reply body), by `user`. */
export function buttonInteraction(click: Common & { customId: string; message: Record<string, unknown>; invoker?: Invoker }) {
  const invoker = click.invoker ?? click.user ?? DEFAULT_USER;
  const message = messagePayload({
    channel_id: click.channelId ?? DEFAULT_CHANNEL_ID,
    author: { id: click.applicationId, username: 'Sitrep', discriminator: '0', bot: true, avatar: null, global_name: null },
    type: 20,
    ...click.message,
    interaction_metadata: { id: snowflake(), type: InteractionType.ApplicationCommand, user: { ...invoker, discriminator: '0', avatar: null, global_name: null }, authorizing_integration_owners: {} },
  });
  return { ...base(click, InteractionType.MessageComponent, { custom_id: click.customId, component_type: ComponentType.Button }), message };
}

/** A submitted form: text fields as strings, selects as arrays, in Discord's label layout. */
export function modalSubmitInteraction(submit: Common & { customId: string; fields: Record<string, string | string[]>; message?: Record<string, unknown> }) {
  const components = Object.entries(submit.fields).map(([customId, value]) => ({
    type: ComponentType.Label,
    id: 0,
    component: Array.isArray(value)
      ? { type: ComponentType.StringSelect, custom_id: customId, values: value }
      : { type: ComponentType.TextInput, custom_id: customId, value },
  }));
  return {
    ...base(submit, InteractionType.ModalSubmit, { custom_id: submit.customId, components }),
    ...(submit.message ? { message: { id: snowflake(), channel_id: DEFAULT_CHANNEL_ID, ...submit.message } } : {}),
  };
}

export const PERMISSIONS = {
  none: '0',
  manageMessages: String(1n << 13n),
  manageServer: String(1n << 5n),
};

/** A choice in a select menu of `message` (a recorded reply body): its `values`, by `user`. */
export function selectInteraction(choice: Common & { customId: string; values: string[]; message: Record<string, unknown>; invoker?: Invoker }) {
  const click = buttonInteraction(choice);
  return { ...click, data: { custom_id: choice.customId, component_type: ComponentType.StringSelect, values: choice.values } };
}
