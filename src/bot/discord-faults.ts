import { DiscordAPIError, Events, HTTPError, RESTEvents, WebSocketShardEvents, type Client, type WebSocketShard } from 'discord.js';
import type { Logger } from '../logger.js';

/**
 * Discord's answers that mean an interaction can no longer be answered: it expired before the bot
 * replied (10062, the 3-second window missed) or it was answered already (40060: a reply whose
 * first attempt landed before a retry, or a second process running with the same token).
 */
export const UNANSWERABLE_INTERACTION: Readonly<Record<number, string>> = {
  10062: 'the interaction expired before it was answered',
  40060: 'the interaction was already answered',
};

export function unanswerableCode(error: unknown): number | undefined {
  return error instanceof DiscordAPIError && typeof error.code === 'number' && UNANSWERABLE_INTERACTION[error.code] ? error.code : undefined;
}

/**
 * A request's path with the interaction and webhook tokens taken out (`/interactions/123/:token/callback`):
 * what a log line may name. Ids stay; tokens, which let anyone answer as the bot, never reach the log.
 */
export function safeRoute(pathOrUrl: string): string {
  let path = pathOrUrl;
  try {
    path = new URL(pathOrUrl).pathname;
  } catch {
    // already a path
  }
  return path
    .replace(/^\/api(\/v\d+)?/, '')
    .replace(/^(\/interactions\/\d+\/)[^/]+/, '$1:token')
    .replace(/^(\/webhooks\/\d+\/)[^/]+/, '$1:token')
    .split('?')[0]!;
}

/** What a log line says of a Discord REST error: status, code, method, route; never the URL's tokens or the body. */
export function describeDiscordError(error: unknown): Record<string, unknown> | undefined {
  if (error instanceof DiscordAPIError) return { status: error.status, code: error.code, method: error.method, route: safeRoute(error.url) };
  if (error instanceof HTTPError) return { status: error.status, method: error.method, route: safeRoute(error.url) };
  return undefined;
}

/**
 * The error as a log line may carry it. A Discord REST error keeps its type, message, stack, status,
 * code and Discord's answer, but its URL (which holds the interaction or webhook token) becomes a
 * route without the token, and the request body it echoes (the whole message sent) is left out.
 */
export function loggableError(error: unknown): unknown {
  if (!(error instanceof DiscordAPIError) && !(error instanceof HTTPError)) return error;
  const safe = Object.create(Object.getPrototypeOf(error) as object) as Record<string, unknown>;
  Object.defineProperties(safe, { message: { value: error.message }, stack: { value: error.stack } });
  if (error instanceof HTTPError) safe.name = error.name;
  Object.assign(safe, describeDiscordError(error), error instanceof DiscordAPIError ? { rawError: error.rawError } : {});
  return safe;
}

const observed = new WeakSet<Client>();

/**
 * Logs, once each and with its route, what discord.js handles by itself and the bot's own code never
 * sees: a 429 it waits out, a 5xx it retries (up to three times), a 401 (after which discord.js stops
 * sending the token), and the gateway dropping and resuming. Never headers, bodies or tokens.
 * Idempotent: observing a client twice logs nothing twice.
 */
export function observeDiscord(client: Client, logger: Logger): void {
  if (observed.has(client)) return;
  observed.add(client);

  client.rest.on(RESTEvents.Response, (request, response) => {
    const context = { method: request.method.toUpperCase(), route: safeRoute(String(request.path)), status: response.status };
    if (response.status === 429) {
      const retryAfterMs = Math.round(Number(response.headers.get('retry-after') ?? 0) * 1000);
      logger.warn({ ...context, retryAfterMs, scope: response.headers.get('x-ratelimit-scope') ?? undefined }, 'Discord rate limit: waiting it out');
    } else if (response.status >= 500) {
      logger.warn({ ...context, attempt: request.retries + 1 }, 'Discord server error: discord.js retries up to 3 times');
    } else if (response.status === 401 && request.data.auth !== false) {
      logger.error(context, 'Discord refused the bot token (401): requests that need it fail until the token is fixed and the bot restarted');
    }
  });

  const closeCodes = new Map<number, number>();
  const watched = new WeakSet<WebSocketShard>();
  const watchShards = () => {
    for (const shard of client.ws.shards.values()) {
      if (watched.has(shard)) continue;
      watched.add(shard);
      shard.on(WebSocketShardEvents.Close, (event: { code: number }) => closeCodes.set(shard.id, event.code));
    }
  };
  watchShards();
  client.on(Events.ShardReady, watchShards);
  client.on(Events.ShardReconnecting, (shardId) => {
    logger.warn({ shardId, closeCode: closeCodes.get(shardId) }, 'gateway connection lost: reconnecting');
  });
  client.on(Events.ShardResume, (shardId, replayedEvents) => logger.info({ shardId, replayedEvents }, 'gateway resumed'));
  client.on(Events.ShardError, (error, shardId) => logger.warn({ shardId, err: error }, 'gateway connection error'));
}
