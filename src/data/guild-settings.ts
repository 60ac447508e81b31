import type { GuildSettings, StoreData } from './schema.js';

/** A server's saved settings, if it has any. */
export function savedSettings(data: Readonly<StoreData>, guildId: string | null | undefined): Readonly<GuildSettings> | undefined {
  return guildId ? data.guilds.find((guild) => guild.guildId === guildId) : undefined;
}

/** A server's settings inside a draft of the store, created with defaults on first use. */
export function settingsFor(draft: StoreData, guildId: string): GuildSettings {
  let settings = draft.guilds.find((guild) => guild.guildId === guildId);
  if (!settings) {
    settings = { guildId, moderatorRoleIds: [], subscriptions: [] };
    draft.guilds.push(settings);
  }
  return settings;
}
