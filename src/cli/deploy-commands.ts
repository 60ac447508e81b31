import { REST, Routes } from 'discord.js';
import { commands } from '../commands/index.js';
import { applicationId, requireToken, type Config } from '../config.js';

export interface DeployResult {
  scope: 'guild' | 'global';
  route: string;
  count: number;
}

/** The JSON Discord receives: every command in the registry. */
export function commandPayload() {
  return commands.map((command) => command.data);
}

/**
 * Registers every command: in DISCORD_GUILD_ID when set (instant, for development and the
 * editorial server), otherwise globally (may take up to an hour to reach every server).
 */
export async function deployCommands(config: Config): Promise<DeployResult> {
  const rest = new REST({ api: config.apiUrl }).setToken(requireToken(config));
  const appId = applicationId(config);
  const route = config.guildId ? Routes.applicationGuildCommands(appId, config.guildId) : Routes.applicationCommands(appId);
  const registered = (await rest.put(route, { body: commandPayload() })) as unknown[];
  return { scope: config.guildId ? 'guild' : 'global', route, count: registered.length };
}
