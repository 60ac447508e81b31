import { ApplicationCommandOptionType, SlashCommandBuilder } from 'discord.js';
import type { Reply } from '../briefing/reply.js';
import { commands } from './index.js';

export const data = new SlashCommandBuilder().setName('help').setDescription('Every Sitrep command, one line each').toJSON();

/** One line per command (and per subcommand), read from the registry so it can never fall out of date. */
export function execute(): Reply {
  const lines = commands.flatMap((command) => {
    const subcommands = (command.data.options ?? []).filter((option) => option.type === ApplicationCommandOptionType.Subcommand);
    if (subcommands.length === 0) return [`\`/${command.data.name}\` — ${command.data.description}`];
    return subcommands.map((sub) => `\`/${command.data.name} ${sub.name}\` — ${sub.description}`);
  });
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
