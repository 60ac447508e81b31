import { ApplicationCommandOptionType, ChannelType, type CommandInteractionOption } from 'discord.js';
import type { ChannelKind } from '../data/schema.js';
import type { AttachmentRef, CommandInput, OptionValue } from '../commands/types.js';

/** Flattens Discord's nested options (group → subcommand → values) into a CommandInput. */
export function toCommandInput(data: readonly CommandInteractionOption[]): CommandInput {
  const input: {
    subcommandGroup?: string;
    subcommand?: string;
    options: Record<string, OptionValue>;
    channelKinds: Record<string, ChannelKind>;
    attachments: Record<string, AttachmentRef>;
  } = { options: {}, channelKinds: {}, attachments: {} };
  const visit = (options: readonly CommandInteractionOption[]) => {
    for (const option of options) {
      if (option.type === ApplicationCommandOptionType.SubcommandGroup) input.subcommandGroup = option.name;
      else if (option.type === ApplicationCommandOptionType.Subcommand) input.subcommand = option.name;
      else if (option.value !== undefined) input.options[option.name] = option.value;
      if (option.type === ApplicationCommandOptionType.Channel && option.channel) input.channelKinds[option.name] = kindOf(option.channel.type);
      if (option.type === ApplicationCommandOptionType.Attachment && option.attachment) {
        const { url, name, size, contentType } = option.attachment;
        input.attachments[option.name] = { url, name, size, ...(contentType ? { contentType } : {}) };
      }
      if (option.options) visit(option.options);
    }
  };
  visit(data);
  return input;
}

function kindOf(type: ChannelType | undefined): ChannelKind {
  if (type === ChannelType.GuildAnnouncement) return 'announcement';
  if (type === ChannelType.GuildForum) return 'forum';
  return 'text';
}

/** The values of every channel option, however deeply nested. */
export function channelOptionIds(data: readonly CommandInteractionOption[]): string[] {
  return data.flatMap((option) => [
    ...(option.type === ApplicationCommandOptionType.Channel && option.value !== undefined ? [String(option.value)] : []),
    ...channelOptionIds(option.options ?? []),
  ]);
}
