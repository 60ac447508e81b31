import { writeFile } from 'node:fs/promises';
import { commandLine } from './cli/cli-args.js';
import { exportStory, type ExportFormat } from './cli/transfer.js';
import { ConfigError, parseConfig } from './config.js';
import { bundledStoreData } from './data/seed.js';
import { StoreLoadError } from './data/store.js';
import { readStoreFiles } from './data/store-files.js';
import { loadDotEnv } from './env-file.js';

const FORMATS = ['json', 'timelinejs', 'csv'] as const;
const { values } = commandLine({
  name: 'export',
  usage: `usage: npm run export -- [--format json|timelinejs|csv] [--story <id>] [--out <file>]

Writes one story of the data file (SITREP_DATA_FILE) to standard output or a file; safe beside a running bot.

  --format    json (a bundle: the import format), timelinejs, or csv (one row per event); default json
  --story     the story's id; default the only or first story
  --out       write to this file instead of standard output
  -h, --help  this text`,
  options: { format: { type: 'string', default: 'json' }, story: { type: 'string' }, out: { type: 'string' } },
});

loadDotEnv();
try {
  const format = values.format as ExportFormat;
  if (!FORMATS.includes(format)) throw new ConfigError(`--format must be one of ${FORMATS.join(', ')}`);
  // Reads the files as a restart would, without the writer's lock, so it works beside a running bot.
  const { state } = await readStoreFiles(parseConfig(process.env).dataFile);
  const output = exportStory(state ?? (await bundledStoreData()), format, values.story);
  if (values.out) await writeFile(values.out, output);
  else process.stdout.write(output);
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof StoreLoadError || (error instanceof Error && error.name === 'UserError'))) throw error;
  console.error(`export: ${error.message}`);
  process.exitCode = 1;
}
