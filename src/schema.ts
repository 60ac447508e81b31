import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { commandLine } from './cli/cli-args.js';
import { BUNDLE_SCHEMA_PATH, bundleJsonSchema } from './data/bundle-schema.js';

const { values } = commandLine({
  name: 'schema',
  usage: `usage: npm run schema [-- --check]

Writes the JSON Schema of the story bundle format (generated from the zod schema) to ${BUNDLE_SCHEMA_PATH},
relative to the current directory (run it from the project's root).

  --check     write nothing; exit 1 when the committed file is missing or out of date
  -h, --help  this text`,
  options: { check: { type: 'boolean', default: false } },
});

const generated = bundleJsonSchema();
if (values.check) {
  const committed = await readFile(BUNDLE_SCHEMA_PATH, 'utf8').catch(() => undefined);
  if (committed === generated) console.log(`schema: ${BUNDLE_SCHEMA_PATH} is up to date.`);
  else {
    console.error(`schema: ${BUNDLE_SCHEMA_PATH} is ${committed === undefined ? 'missing' : 'out of date'}: run npm run schema.`);
    process.exitCode = 1;
  }
} else {
  await mkdir(dirname(BUNDLE_SCHEMA_PATH), { recursive: true });
  await writeFile(BUNDLE_SCHEMA_PATH, generated);
  console.log(`schema: wrote ${BUNDLE_SCHEMA_PATH}.`);
}
