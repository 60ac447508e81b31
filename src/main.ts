import { startSitrep } from './app.js';
import { ConfigError } from './config.js';
import { StoreLoadError } from './data/store.js';
import { loadDotEnv } from './env-file.js';

loadDotEnv();
try {
  const bot = await startSitrep(process.env);
  process.on('unhandledRejection', (reason) => bot.logger.error({ err: reason }, 'unhandled rejection'));
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    bot.logger.info({ signal }, 'shutting down');
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
