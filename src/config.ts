import { z } from 'zod';

const Snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const blankAsMissing = (value: unknown) => (value === '' ? undefined : value);

const EnvSchema = z.object({
  DISCORD_TOKEN: z.preprocess(blankAsMissing, z.string().min(1).optional()),
  DISCORD_CLIENT_ID: z.preprocess(blankAsMissing, Snowflake.optional()),
  DISCORD_GUILD_ID: z.preprocess(blankAsMissing, Snowflake.optional()),
  SITREP_EDITORIAL_GUILD_IDS: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() ? value.split(',').map((id) => id.trim()) : undefined),
    z.array(Snowflake).optional(),
  ),
  SITREP_DATA_FILE: z.preprocess(blankAsMissing, z.string().min(1).default('data/sitrep.json')),
  SITREP_TIMEZONE: z.preprocess(
    blankAsMissing,
    z.string().refine(isTimeZone, 'must be an IANA time zone such as UTC or Asia/Karachi').default('UTC'),
  ),
  LOG_LEVEL: z.preprocess(blankAsMissing, z.enum(LOG_LEVELS).default('info')),
  SITREP_SCHEDULE_GRACE_MINUTES: z.preprocess(blankAsMissing, z.coerce.number().int().min(0).max(1440).default(120)),
  SITREP_DEFAULT_STORY: z.preprocess(blankAsMissing, z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a story id (a-z, 0-9 and "-", as `/story list` shows it)').optional()),
  SITREP_BACKUPS: z.preprocess(blankAsMissing, z.coerce.number().int().min(0).max(100).default(3)),
  SITREP_HTTP_PORT: z.preprocess(blankAsMissing, z.coerce.number().int().min(0).max(65535).optional()),
  SITREP_HTTP_HOST: z.preprocess(blankAsMissing, z.string().min(1).default('127.0.0.1')),
  SITREP_LOADED_TERMS_FILE: z.preprocess(blankAsMissing, z.string().min(1).optional()),
  SITREP_FETCH_ALLOW: z.preprocess(blankAsMissing, z.string().optional()),
  DISCORD_API_URL: z.preprocess(
    blankAsMissing,
    z.url({ protocol: /^https?$/ }).default('https://discord.com/api'),
  ),
});

export interface Config {
  token: string | undefined;
  clientId: string | undefined;
  guildId: string | undefined;
  /** Servers whose moderators may change the store; DISCORD_GUILD_ID unless set. */
  editorialGuildIds: string[];
  dataFile: string;
  /** Previous data files kept beside it as `.bak.1…N`. */
  backups: number;
  timeZone: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** A scheduled slot missed by less than this (after a restart or outage) is still posted, late. */
  scheduleGraceMs: number;
  /** The story a server reads until it runs `/story use`; unset: the story first loaded (first in the store). */
  defaultStoryId: string | undefined;
  apiUrl: string;
  /** The health and metrics endpoint (`/healthz`, `/metrics`); off unless SITREP_HTTP_PORT is set (0: any free port). */
  http: { host: string; port: number } | undefined;
  /** A JSON list of loaded terms for the previews' neutrality check, replacing the bundled one. */
  loadedTermsFile: string | undefined;
  /** Addresses `/source add url:` may reach although not public (SITREP_FETCH_ALLOW, comma-separated; for tests on 127.0.0.1). */
  fetchAllow: string[];
}

/** A configuration problem, worded as one line a person can act on. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const HINTS: Record<string, string> = {
  DISCORD_TOKEN:
    'copy .env.example to .env and put your bot token in DISCORD_TOKEN, or try the commands offline with `npm run console`',
  DISCORD_CLIENT_ID: "set it to your application's id (Developer Portal → General Information), or leave it empty",
  DISCORD_GUILD_ID: 'set it to your server id (Developer Mode → right-click the server → Copy Server ID), or leave it empty',
  SITREP_EDITORIAL_GUILD_IDS: 'set it to server ids separated by commas, or leave it empty to use DISCORD_GUILD_ID',
  SITREP_HTTP_PORT: 'set it to a port number for /healthz and /metrics, or leave it empty to serve neither',
};

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]);
    throw new ConfigError(`${key} ${issue.message}${HINTS[key] ? `: ${HINTS[key]}` : ''}.`);
  }
  const values = parsed.data;
  return {
    token: values.DISCORD_TOKEN,
    clientId: values.DISCORD_CLIENT_ID,
    guildId: values.DISCORD_GUILD_ID,
    editorialGuildIds: values.SITREP_EDITORIAL_GUILD_IDS ?? (values.DISCORD_GUILD_ID ? [values.DISCORD_GUILD_ID] : []),
    dataFile: values.SITREP_DATA_FILE,
    backups: values.SITREP_BACKUPS,
    timeZone: values.SITREP_TIMEZONE,
    logLevel: values.LOG_LEVEL,
    scheduleGraceMs: values.SITREP_SCHEDULE_GRACE_MINUTES * 60_000,
    defaultStoryId: values.SITREP_DEFAULT_STORY,
    apiUrl: values.DISCORD_API_URL.replace(/\/+$/, ''),
    http: values.SITREP_HTTP_PORT === undefined ? undefined : { host: values.SITREP_HTTP_HOST, port: values.SITREP_HTTP_PORT },
    loadedTermsFile: values.SITREP_LOADED_TERMS_FILE,
    fetchAllow: (values.SITREP_FETCH_ALLOW ?? '').split(',').map((entry) => entry.trim()).filter(Boolean),
  };
}

/** The token, or a ConfigError that says how to get one. */
export function requireToken(config: Config): string {
  if (!config.token) throw new ConfigError(`DISCORD_TOKEN is missing: ${HINTS.DISCORD_TOKEN}.`);
  return config.token;
}

/**
 * The application id: DISCORD_CLIENT_ID when set, else the bot user's id, which is the first,
 * base64-encoded segment of every bot token (and equals the application id for bots).
 */
export function applicationId(config: Config): string {
  if (config.clientId) return config.clientId;
  const fromToken = Buffer.from(requireToken(config).split('.')[0] ?? '', 'base64').toString('utf8');
  if (!/^\d{17,20}$/.test(fromToken)) {
    throw new ConfigError(`DISCORD_CLIENT_ID is missing and cannot be read from the token: ${HINTS.DISCORD_CLIENT_ID}.`);
  }
  return fromToken;
}
