import { readdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { commandLine } from './cli/cli-args.js';
import { ConfigError, parseConfig } from './config.js';
import { COLLECTIONS } from './data/change-set.js';
import { readStoreFiles } from './data/store-files.js';
import { StoreLoadError } from './data/store.js';
import { loadDotEnv } from './env-file.js';

/**
 * `npm run store:check [-- file]`: validates a data file and its journal exactly as the bot would on
 * start, without changing either or taking the lock (safe beside a running bot). Prints what it
 * holds, or every problem found; exits 1 when the file would not load.
 */
const { positionals } = commandLine({
  name: 'store:check',
  usage: `usage: npm run store:check [-- <data file>]

Validates a data file and its journal as the bot would on start, without changing either or taking the lock.
Default file: SITREP_DATA_FILE (data/sitrep.json). Exits 1 when the file would not load.

  -h, --help  this text`,
  options: {},
  allowPositionals: true,
});
loadDotEnv();
try {
  const file = resolve(positionals[0] ?? parseConfig(process.env).dataFile);
  const { state, sequence, pending } = await readStoreFiles(file);
  if (!state) {
    console.log(`${file} does not exist yet; the bot creates it from the bundled story on first start.`);
  } else {
    const backups = (await readdir(dirname(file))).filter((name) => name.startsWith(`${basename(file)}.bak.`)).sort();
    console.log(`${file} is valid (write ${sequence}; ${pending.length} journal entr${pending.length === 1 ? 'y' : 'ies'} not yet folded in).`);
    for (const collection of COLLECTIONS) console.log(`  ${collection}: ${state[collection].length}`);
    console.log(`  backups: ${backups.length ? backups.join(', ') : 'none'}`);
  }
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof StoreLoadError)) throw error;
  console.error(`store:check: ${error.message}`);
  process.exitCode = 1;
}
