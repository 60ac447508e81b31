import { parseArgs } from 'node:util';
import { ImportFileError, importStory } from './cli/transfer.js';
import { ConfigError, parseConfig } from './config.js';
import { bundledStoreData } from './data/seed.js';
import { openStore, StoreLoadError } from './data/store.js';
import { loadDotEnv } from './env-file.js';

const { values, positionals } = parseArgs({ options: { apply: { type: 'boolean', default: false } }, allowPositionals: true });

loadDotEnv();
try {
  if (positionals.length !== 1) throw new ConfigError('usage: npm run import -- <story.json> [--apply]');
  const store = await openStore(parseConfig(process.env).dataFile, { initialData: bundledStoreData });
  console.log(await importStory(store, positionals[0]!, values.apply));
  await store.close();
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof StoreLoadError || error instanceof ImportFileError)) throw error;
  console.error(`import: ${error.message}`);
  process.exitCode = 1;
}
