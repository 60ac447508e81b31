import { z } from 'zod';
import { StoryBundleSchema } from './schema.js';

/** Where the generated JSON Schema of the bundle format is committed, relative to the project root. */
export const BUNDLE_SCHEMA_PATH = 'schema/story-bundle.schema.json';

/**
 * The JSON Schema (draft 2020-12) of a story bundle — the format of `npm run import`, `/story import`
 * and `npm run export -- --format json` — generated from the zod schema, for people who write bundles
 * by hand. It describes each record's shape; what it cannot say (unique ids, references that resolve,
 * valid calendar dates, a range's end after its start) the import still checks and names.
 */
export function bundleJsonSchema(): string {
  const schema = z.toJSONSchema(StoryBundleSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  const described = {
    $schema: schema.$schema,
    title: 'Sitrep story bundle',
    description:
      'One story and its records, as `npm run import` and `/story import` take them and `npm run export -- --format json` writes them. Generated from src/data/schema.ts by `npm run schema`; do not edit by hand. Unique ids, references that resolve inside the bundle, valid calendar dates and date ranges are checked on import, not here.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
  return `${JSON.stringify(described, null, 2)}\n`;
}
