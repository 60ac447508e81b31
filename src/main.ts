import { commandLine } from './cli/cli-args.js';
import { ConfigError } from './config.js';
import { StoreLoadError } from './data/store.js';
import { loadDotEnv } from './env-file.js';
import { checkNativeModules } from './native-modules.js';

/**
 * A stop (SIGTERM from docker stop, systemd or npm; SIGINT from Ctrl-C) lets the interactions in flight
 * and their writes finish, then disconnects and releases the data file's lock. Should that hang, the
 * process exits anyway after this long (the lock is released on exit), inside docker's and systemd's
 * 10 s grace before SIGKILL.
 */
const STOP_DEADLINE_MS = 8_000;

const { values } = commandLine({
  name: 'start',
  usage: `usage: npm start [-- --check]

Runs the bot (configuration from .env and the environment; see .env.example). SIGTERM or SIGINT stops it
after the writes in flight, waiting for them at most ${STOP_DEADLINE_MS / 1000} s.

      --check  check that the native modules (better-sqlite3, @resvg/resvg-js) load, then exit
  -h, --help   this text`,
  options: { check: { type: 'boolean' } },
});

const nativeProblem = await checkNativeModules();
if (nativeProblem) {
  console.error(`sitrep: ${nativeProblem}`);
  process.exit(1);
}
if (values.check) {
  console.log('sitrep: the native modules load.');
  process.exit(0);
}

loadDotEnv();
try {
  // Imported once the native modules are known to load (the picture renderer loads its binary on import).
  const { startSitrep } = await import('./app.js');
  const bot = await startSitrep(process.env);
  process.on('unhandledRejection', (reason) => bot.logger.error({ err: reason }, 'unhandled rejection'));
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    bot.logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      bot.logger.error({ ms: STOP_DEADLINE_MS }, 'stopping took too long; exiting without waiting further');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        bot.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  if (error instanceof ConfigError || error instanceof StoreLoadError) {
    console.error(`sitrep: ${error.message}`);
  } else {
    console.error('sitrep: could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
}
