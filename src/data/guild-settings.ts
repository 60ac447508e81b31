import type { GuildSettings, StoreData } from './schema.js';

/** A server's settings inside a draft of the store, created with defaults on first use. */
export function settingsFor(draft: StoreData, guildId: string): GuildSettings {
  let settings = draft.guilds.find((guild) => guild.guildId === guildId);
  if (!settings) {
    settings = { guildId, moderatorRoleIds: [], subscriptions: [] };
    draft.guilds.push(settings);
  }
  return settings;
}
