import { describe, expect, it } from 'vitest';
import { applicationId, ConfigError, parseConfig, requireToken } from '../src/config.js';

describe('parseConfig', () => {
  it('applies defaults', () => {
    expect(parseConfig({})).toEqual({
      token: undefined,
      clientId: undefined,
      guildId: undefined,
      editorialGuildIds: [],
      dataFile: 'data/sitrep.json',
      backups: 3,
      timeZone: 'UTC',
      logLevel: 'info',
      scheduleGraceMs: 7_200_000,
      apiUrl: 'https://discord.com/api',
      fetchAllow: [],
    });
  });

  it('treats empty values (as copied from .env.example) as unset', () => {
    expect(parseConfig({ DISCORD_TOKEN: '', DISCORD_GUILD_ID: '', SITREP_TIMEZONE: '' }).timeZone).toBe('UTC');
  });

  it('names the bad key and what to do, in one line', () => {
    const failure = (env: NodeJS.ProcessEnv) => {
      try {
        parseConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(failure({ SITREP_TIMEZONE: 'Mars/Olympus' })).toMatch(/^SITREP_TIMEZONE .*IANA/);
    expect(failure({ DISCORD_GUILD_ID: 'abc' })).toMatch(/^DISCORD_GUILD_ID .*server id/);
    expect(failure({ LOG_LEVEL: 'loud' })).toMatch(/^LOG_LEVEL/);
    expect(failure({ DISCORD_API_URL: 'ftp://x' })).toMatch(/^DISCORD_API_URL/);
    for (const message of [failure({ SITREP_TIMEZONE: 'x' }), failure({ LOG_LEVEL: 'x' })]) {
      expect(message).not.toContain('\n');
    }
  });

  it('takes the editorial servers from SITREP_EDITORIAL_GUILD_IDS, else DISCORD_GUILD_ID', () => {
    expect(parseConfig({ DISCORD_GUILD_ID: '123456789012345678' }).editorialGuildIds).toEqual(['123456789012345678']);
    expect(
      parseConfig({ DISCORD_GUILD_ID: '123456789012345678', SITREP_EDITORIAL_GUILD_IDS: '223456789012345678, 323456789012345678' })
        .editorialGuildIds,
    ).toEqual(['223456789012345678', '323456789012345678']);
    expect(() => parseConfig({ SITREP_EDITORIAL_GUILD_IDS: '1,2' })).toThrow(/^SITREP_EDITORIAL_GUILD_IDS/);
  });

  it('reads SITREP_FETCH_ALLOW as a list of addresses; empty, none', () => {
    expect(parseConfig({ SITREP_FETCH_ALLOW: ' 127.0.0.1, ::1 ,' }).fetchAllow).toEqual(['127.0.0.1', '::1']);
    expect(parseConfig({ SITREP_FETCH_ALLOW: '' }).fetchAllow).toEqual([]);
  });

  it('explains a missing token, pointing at .env.example and the console', () => {
    expect(() => requireToken(parseConfig({}))).toThrow(/DISCORD_TOKEN is missing: copy \.env\.example to \.env.*npm run console/);
  });

  it('derives the application id from the token when DISCORD_CLIENT_ID is unset', () => {
    const token = `${Buffer.from('123456789012345678').toString('base64')}.xxxx.yyyy`;
    expect(applicationId(parseConfig({ DISCORD_TOKEN: token }))).toBe('123456789012345678');
    expect(applicationId(parseConfig({ DISCORD_TOKEN: token, DISCORD_CLIENT_ID: '876543210987654321' }))).toBe(
      '876543210987654321',
    );
    expect(() => applicationId(parseConfig({ DISCORD_TOKEN: 'not-a-token' }))).toThrow(/DISCORD_CLIENT_ID/);
  });
});
