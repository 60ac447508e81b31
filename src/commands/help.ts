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

/** Characters per embed of the list, under Discord's 4,096. */
const HELP_EMBED_BUDGET = 3_800;

/** One line per command (and per subcommand), read from the registry so it can never fall out of date. */
export function execute(_input: CommandInput, context: CommandContext): Reply {
  const m = readerMessages(context);
  const lines = commands.flatMap((command) => usage(command.data.name, command.data.description, command.data.options ?? [], m));
  // One embed holds 4,096 characters; the list runs on into a second embed at a line boundary (the whole stays far under 6,000).
  const chunks: string[][] = [[]];
  let length = 0;
  for (const line of [...lines, '', m.helpFooter]) {
    if (length + line.length + 1 > HELP_EMBED_BUDGET && chunks.at(-1)!.length) {
      chunks.push([]);
      length = 0;
    }
    chunks.at(-1)!.push(line);
    length += line.length + 1;
  }
  return {
    embeds: chunks.map((chunk, i) => ({ ...(i === 0 ? { title: m.helpTitle('Sitrep') } : {}), description: chunk.join('\n').trim() })),
    ephemeral: true,
  };
}
