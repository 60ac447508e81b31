import { ApplicationCommandOptionType, SlashCommandBuilder } from 'discord.js';
import type { Reply } from '../briefing/reply.js';
import { commands } from './index.js';
import type { Command } from './types.js';

export const data = new SlashCommandBuilder().setName('help').setDescription('Every Sitrep command, one line each').toJSON();

type Option = NonNullable<Command['data']['options']>[number];

function usage(path: string, description: string, options: readonly Option[]): string[] {
  const nested = options.filter(
    (option) => option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup,
  );
  if (nested.length === 0) return [`\`/${path}\` — ${description}`];
  return nested.flatMap((option) => usage(`${path} ${option.name}`, option.description, 'options' in option ? (option.options ?? []) : []));
}

/** One line per command (and per subcommand), read from the registry so it can never fall out of date. */
export function execute(): Reply {
  const lines = commands.flatMap((command) => usage(command.data.name, command.data.description, command.data.options ?? []));
  return {
    embeds: [
      {
        title: 'Sitrep commands',
        description: `${lines.join('\n')}\n\nEvery reading command takes \`story:\` (defaults to this server’s story) and \`private:true\` (only you see the answer). Numbers like [1] cite the reports listed under each answer.`,
      },
    ],
    ephemeral: true,
  };
}
