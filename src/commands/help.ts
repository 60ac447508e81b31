import { ApplicationCommandOptionType, SlashCommandBuilder } from 'discord.js';
import type { Reply } from '../briefing/reply/reply.js';
import { READER_COMMANDS, type Messages, type ReaderCommand } from '../i18n/index.js';
import { commands } from './index.js';
import { readerMessages } from './shared.js';
import type { Command, CommandContext, CommandInput } from './types.js';
import { defineOptions } from './args.js';

export const data = new SlashCommandBuilder().setName('help').setDescription('Every Sitrep command, one line each').toJSON();

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({ '': {} });

type Option = NonNullable<Command['data']['options']>[number];

const isReaderCommand = (path: string): path is ReaderCommand => (READER_COMMANDS as readonly string[]).includes(path);

/**
 * A reading command's line in the reader's language (English is the registry's own description);
 * moderator commands keep their English description.
 */
function describe(path: string, description: string, m: Messages): string {
  return m.language !== 'en' && isReaderCommand(path) ? m.commandHelp[path] : description;
}

function usage(path: string, description: string, options: readonly Option[], m: Messages): string[] {
  const nested = options.filter(
    (option) => option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup,
  );
  if (nested.length === 0) return [`\`/${path}\` — ${describe(path, description, m)}`];
  return nested.flatMap((option) => usage(`${path} ${option.name}`, option.description, 'options' in option ? (option.options ?? []) : [], m));
}

/** One line per command (and per subcommand), read from the registry so it can never fall out of date. */
export function execute(_input: CommandInput, context: CommandContext): Reply {
  const m = readerMessages(context);
  const lines = commands.flatMap((command) => usage(command.data.name, command.data.description, command.data.options ?? [], m));
  return {
    embeds: [
      {
        title: m.helpTitle('Sitrep'),
        description: `${lines.join('\n')}\n\n${m.helpFooter}`,
      },
    ],
    ephemeral: true,
  };
}
