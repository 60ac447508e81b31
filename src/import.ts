import { commandLine } from './cli/cli-args.js';
import { ImportFileError, importStory } from './cli/transfer.js';
import { ConfigError, parseConfig } from './config.js';
import { bundledStoreData } from './data/seed.js';
import { openStore, StoreLoadError } from './data/store.js';
import { readStoreFiles } from './data/store-files.js';
import { loadDotEnv } from './env-file.js';

const { values, positionals } = commandLine({
  name: 'import',
  usage: `usage: npm run import -- <story.json> [--apply]

Validates a story bundle against the data file (SITREP_DATA_FILE) and shows what would change.

  --apply     write it, audited as the import (takes the writer's lock: stop the bot first)
  -h, --help  this text`,
  options: { apply: { type: 'boolean', default: false } },
  allowPositionals: true,
});

loadDotEnv();
try {
  if (positionals.length !== 1) throw new ConfigError('usage: npm run import -- <story.json> [--apply]');
  const config = parseConfig(process.env);
  if (values.apply) {
    const store = await openStore(config.dataFile, { initialData: bundledStoreData, backups: config.backups });
    try {
      console.log(await importStory(store, positionals[0]!, true));
    } finally {
      await store.close();
    }
  } else {
    // A dry run only reads, as a restart would, so it works beside a running bot.
    const state = (await readStoreFiles(config.dataFile)).state ?? (await bundledStoreData());
    console.log(await importStory({ read: () => state }, positionals[0]!, false));
  }
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof StoreLoadError || error instanceof ImportFileError)) throw error;
  console.error(`import: ${error.message}`);
  process.exitCode = 1;
}
