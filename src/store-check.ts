import { readdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { commandLine } from './cli/cli-args.js';
import { ConfigError, parseConfig } from './config.js';
import { COLLECTIONS } from './data/change-set.js';
import { repairStore } from './data/store-repair.js';
import { readStoreFiles, type Resolution } from './data/store-files.js';
import { StoreLoadError } from './data/store.js';
import { loadDotEnv } from './env-file.js';

/**
 * `npm run store:check [-- file]`: validates a data file and its journal exactly as the bot would on
 * start, without changing either or taking the lock (safe beside a running bot). Prints what it
 * holds, or every problem found; exits 1 when the file would not load. `--discard-journal` and
 * `--apply-journal` settle a data file and journal that disagree (they take the lock and write).
 */
const { values, positionals } = commandLine({
  name: 'store:check',
  usage: `usage: npm run store:check [-- [--discard-journal | --apply-journal] <data file>]

Validates a data file and its journal as the bot would on start, without changing either or taking the lock.
Default file: SITREP_DATA_FILE (data/sitrep.json). Exits 1 when the file would not load.

When the bot refuses to start because the data file does not match its checksum or its journal follows
another version of it (a hand edit, say), stop the bot and choose:
  --discard-journal  keep the data file as it is now (validated); the journal is renamed aside, not deleted
  --apply-journal    replay the journal's writes over the data file
Either writes a new data file (the old one kept as <file>.bak.1) and starts an empty journal.

  -h, --help  this text`,
  options: { 'discard-journal': { type: 'boolean' }, 'apply-journal': { type: 'boolean' } },
  allowPositionals: true,
});
loadDotEnv();
try {
  const file = resolve(positionals[0] ?? parseConfig(process.env).dataFile);
  if (values['discard-journal'] && values['apply-journal']) {
    console.error('store:check: choose one of --discard-journal and --apply-journal');
    process.exit(2);
  }
  const resolution: Resolution | undefined = values['discard-journal'] ? 'discard-journal' : values['apply-journal'] ? 'apply-journal' : undefined;
  if (resolution) {
    const repaired = await repairStore(file, resolution, { backups: Math.max(1, parseConfig(process.env).backups) });
    console.log(
      resolution === 'apply-journal'
        ? `${file} now holds the journal's ${repaired.applied} write(s) (write ${repaired.sequence}); the previous file is ${file}.bak.1.`
        : `${file} is kept as it was (write ${repaired.sequence}); ${repaired.setAside ? `the journal was set aside as ${repaired.setAside}` : 'there was no journal'}; the previous file is ${file}.bak.1.`,
    );
  }
  const { state, sequence, pending, torn, dataFile } = await readStoreFiles(file);
  if (!state) {
    console.log(`${file} does not exist yet; the bot creates it from the bundled story on first start.`);
  } else {
    const backups = (await readdir(dirname(file))).filter((name) => name.startsWith(`${basename(file)}.bak.`)).sort();
    console.log(`${file} is valid (write ${sequence}; ${pending.length} journal entr${pending.length === 1 ? 'y' : 'ies'} not yet folded in).`);
    for (const collection of COLLECTIONS) console.log(`  ${collection}: ${state[collection].length}`);
    console.log(`  checksum: ${dataFile?.checked === 'verified' ? 'matches' : 'none (written by hand or before checksums; accepted after validation)'}`);
    if (torn) {
      console.log(`  torn journal tail: ${torn.bytes} bytes at offset ${torn.offset} of ${file}.journal — a write cut off by a crash, never acknowledged; the bot drops it on start`);
    }
    console.log(`  backups: ${backups.length ? backups.join(', ') : 'none'}`);
  }
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof StoreLoadError)) throw error;
  console.error(`store:check: ${error.message}`);
  process.exitCode = 1;
}
