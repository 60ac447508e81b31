import { Client, GatewayIntentBits, Options } from 'discord.js';
import type { Logger } from '../logger.js';
import { observeDiscord } from './discord-faults.js';
import { NO_PINGS } from './reply-options.js';

/**
 * Slash commands arrive over the gateway without any privileged intent; `Guilds` keeps the guild
 * and channel caches that scheduled posts need. Message and member caches are off: the bot never
 * reads messages. With a logger, the rate limits, server errors and gateway drops discord.js
 * handles by itself are logged (`observeDiscord`). `shards: 'auto'`: one process runs as many shards
 * as Discord's `GET /gateway/bot` asks for; `ClientReady` fires once, when all of them are ready.
 */
export function createClient(apiUrl: string, logger?: Logger): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    shards: 'auto',
    allowedMentions: NO_PINGS,
    rest: { api: apiUrl },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      GuildMemberManager: 100,
      UserManager: 200,
    }),
  });
  if (logger) observeDiscord(client, logger);
  return client;
}
