import { Events, type Client } from 'discord.js';
import { createClient } from './bot/client.js';
import { createInteractionRouter } from './bot/router.js';
import { commands } from './commands/index.js';
import type { Command } from './commands/types.js';
import { ConfigError, parseConfig, requireToken } from './config.js';
import { bundledStoreData } from './data/seed.js';
import { loadLoadedTerms } from './data/loaded-terms.js';
import { openStore, type Store } from './data/store.js';
import { randomBytes } from 'node:crypto';
import { createDelivery, createPostEditing, createTell } from './bot/deliver.js';
import { warmSearch } from './briefing/search/search.js';
import { createLogger, type Logger } from './logger.js';
import { createScheduler, type Scheduler } from './schedule/scheduler.js';
import { createMetrics } from './health/metrics.js';
import { startHealthServer, type HealthServer } from './health/server.js';

export interface RunningBot {
  client: Client;
  store: Store;
  logger: Logger;
  scheduler: Scheduler;
  /** Resolves once every story's search index is built (until then searches scan). */
  searchReady: Promise<unknown>;
  /** The health and metrics endpoint, when SITREP_HTTP_PORT is set. */
  http?: { url: string };
  /** Stops taking interactions and timers, lets the ones in progress (and their writes) finish, then disconnects. */
  stop(): Promise<void>;
}

/**
 * Starts Sitrep from an environment: what `npm start` runs and what the end-to-end tests run.
 * Throws ConfigError or StoreLoadError, whose messages are meant for the operator as they are.
 */
export interface StartOptions {
  logger?: Logger;
  /** The clock for commands and the scheduler (tests move it across slots). */
  clock?: () => Date;
  /** The command set; the registry unless a harness adds its own (the benchmark's empty command). */
  commands?: readonly Command[];
}

export async function startSitrep(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<RunningBot> {
  const config = parseConfig(env);
  const token = requireToken(config);
  const logger = options.logger ?? createLogger(config.logLevel);
  const loadedTerms = await loadLoadedTerms(config.loadedTermsFile);
  const loading = performance.now();
  const store = await openStore(config.dataFile, { initialData: bundledStoreData, backups: config.backups, logger });
  logger.info({ dataFile: store.path, ms: Math.round(performance.now() - loading) }, 'store loaded and validated');
  const stories = store.read().stories;
  if (config.defaultStoryId && !stories.some((story) => story.id === config.defaultStoryId)) {
    await store.close();
    throw new ConfigError(`SITREP_DEFAULT_STORY is "${config.defaultStoryId}", which is no story in ${store.path}: set it to one of ${stories.map((story) => story.id).join(', ') || '(none)'}, or leave it empty.`);
  }
  const client = createClient(config.apiUrl, logger);
  // Metrics only when they can be read (SITREP_HTTP_PORT): one registry per bot, never prom-client's global one.
  const metrics = config.http ? createMetrics(store) : undefined;
  const deliver = metrics ? metrics.countingPosts(createDelivery(client.rest)) : createDelivery(client.rest);
  const editing = createPostEditing(client.rest);
  const scheduler = createScheduler({
    store,
    logger,
    clock: options.clock,
    graceMs: config.scheduleGraceMs,
    deliver,
    tell: createTell(client.rest),
    editing,
  });
  const route = createInteractionRouter({
    commands: options.commands ?? commands,
    store,
    logger,
    timeZone: config.timeZone,
    editorialGuildIds: config.editorialGuildIds,
    defaultStoryId: config.defaultStoryId,
    editing,
    publish: async (target, reply, post) => {
      const { channelId } = target;
      try {
        return await deliver(target, reply, post?.nonce ?? randomBytes(12).toString('base64url'), post?.mayExistSince ? { mayExistSince: post.mayExistSince } : {});
      } catch (error) {
        logger.warn({ err: error, channelId }, 'could not post to a channel');
        throw error;
      }
    },
    scheduler,
    loadedTerms,
    fetchAllow: config.fetchAllow,
    clock: options.clock,
    observe: metrics?.observeInteraction,
  });

  const inFlight = new Set<Promise<void>>();
  const onInteraction = (interaction: Parameters<typeof route>[0]) => {
    const handling = route(interaction).finally(() => inFlight.delete(handling));
    inFlight.add(handling);
  };
  client.on(Events.InteractionCreate, onInteraction);
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ code: event.code, shard }, 'gateway disconnected'));
  client.on(Events.ShardReady, (shard) => logger.info({ shard }, 'gateway shard ready'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  let http: HealthServer | undefined;
  try {
    // Before logging in, so a port in use stops the start at once; /healthz says 503 until the bot is online.
    if (config.http && metrics) {
      http = await startHealthServer(config.http.host, config.http.port, { client, store, scheduler, metrics, clock: options.clock ?? (() => new Date()) });
      logger.info({ url: http.url }, 'health and metrics listening');
    }
    await client.login(token);
    await ready;
  } catch (error) {
    await http?.close();
    await client.destroy();
    await store.close();
    throw error;
  }
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.ws.shards.size, dataFile: store.path }, 'Sitrep is online');
  // Once per process, after every shard is ready: one scheduler, whatever the number of shards.
  await scheduler.start();
  logger.info({ schedules: store.read().schedules.filter((schedule) => schedule.state === 'active').length }, 'schedules armed');
  // Once the bot answers (after this returns): the search indexes build in small steps between interactions.
  const warming = new Promise((resolve) => setImmediate(resolve))
    .then(() => Promise.all(store.read().stories.map((story) => warmSearch(store.read(), story.id))))
    .catch((error: unknown) => logger.error({ err: error }, 'building the search index failed; searches fall back to a scan'));

  return {
    client,
    store,
    logger,
    scheduler,
    searchReady: warming,
    ...(http ? { http: { url: http.url } } : {}),
    async stop() {
      client.off(Events.InteractionCreate, onInteraction);
      await http?.close();
      await Promise.allSettled([...inFlight, scheduler.stop(), warming]);
      await store.close();
      await client.destroy();
      logger.info('Sitrep stopped');
    },
  };
}
