import { createInterface } from 'node:readline/promises';
import { writeFile } from 'node:fs/promises';
import { commandLine } from './cli/cli-args.js';
import { createConsoleSession } from './cli/console-session.js';
import { commands } from './commands/index.js';
import { ConfigError, parseConfig } from './config.js';
import { bundledStoreData } from './data/seed.js';
import { openStore, StoreLoadError } from './data/store.js';
import { loadDotEnv } from './env-file.js';

const { values, positionals } = commandLine({
  name: 'console',
  usage: `usage: npm run -s console -- [--json] [--save <file.png>] ['/command option:value …']

Runs Sitrep's commands offline against the data file (SITREP_DATA_FILE), with no network.
With a command: prints its reply (every page) and exits. Without: an interactive prompt.

  --json      print the exact message payload the bot would send
  --save      write an attached file (the timeline picture) to this path
  -h, --help  this text`,
  options: { json: { type: 'boolean', default: false }, save: { type: 'string' } },
  allowPositionals: true,
});

loadDotEnv();
try {
  const config = parseConfig(process.env);
  const store = await openStore(config.dataFile, { initialData: bundledStoreData, backups: config.backups });
  const save = values.save;
  const run = createConsoleSession({
    commands,
    store,
    guildId: config.guildId ?? null,
    timeZone: config.timeZone,
    defaultStoryId: config.defaultStoryId,
    json: values.json,
    saveFile: save
      ? async (file) => {
          await writeFile(save, file.data);
          return save;
        }
      : undefined,
  });

  if (positionals.length) {
    const { output, ok } = await run(positionals.join(' '), { allPages: true });
    console.log(output);
    process.exitCode = ok ? 0 : 1;
  } else {
    const prompt = createInterface({ input: process.stdin, output: process.stdout, prompt: 'sitrep> ' });
    console.log('Type a command as in Discord (e.g. /timeline side:iran), `next`/`previous` to page, `quit` to leave.');
    prompt.prompt();
    for await (const line of prompt) {
      if (/^(quit|exit)$/i.test(line.trim())) break;
      if (line.trim()) console.log((await run(line)).output);
      prompt.prompt();
    }
    prompt.close();
  }
  await store.close();
} catch (error) {
  if (error instanceof ConfigError || error instanceof StoreLoadError) console.error(`console: ${error.message}`);
  else throw error;
  process.exitCode = 1;
}
