import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { z } from 'zod';
import { resolveStory } from '../briefing/query/queries.js';
import { CheckedStoryBundleSchema, describeIssues } from '../data/bundle.js';
import { toCsv, toTimelineJs } from '../data/export-formats.js';
import type { StoreData, StoryBundle } from '../data/schema.js';
import type { Store } from '../data/store.js';
import { applyImport, describePlan, exportBundle, importConflicts, planImport } from '../data/story-transfer.js';

/** A file that cannot be imported: every problem, one per line. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

export async function readBundleFile(path: string): Promise<StoryBundle> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ImportFileError(`${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  const parsed = CheckedStoryBundleSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error as z.ZodError, 50);
    throw new ImportFileError(`${path} is not a valid story (${parsed.error.issues.length} problems):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return parsed.data;
}

/** Shows what importing `path` would change; writes (atomically, audited) only with `apply`. */
export async function importStory(store: Pick<Store, 'read'> & Partial<Store>, path: string, apply: boolean, now = new Date()): Promise<string> {
  const bundle = await readBundleFile(path);
  const conflicts = importConflicts(store.read(), bundle);
  if (conflicts.length) throw new ImportFileError(`${path} cannot be imported into this store (${conflicts.length} problems):\n${conflicts.map((p) => `  - ${p}`).join('\n')}`);
  const plan = planImport(store.read(), bundle);
  if (!apply || !store.update) return `${describePlan(plan)}\nDry run: nothing was written. Run again with --apply to import.`;
  const author = { userId: 'cli', userName: userInfo().username.slice(0, 100) || 'cli', guildId: null, now };
  await store.update((draft) => applyImport(draft, bundle, author, path));
  return `${describePlan(plan)}\nImported into ${store.path ?? 'the store'}.`;
}

export type ExportFormat = 'json' | 'timelinejs' | 'csv';

export function exportStory(data: Readonly<StoreData>, format: ExportFormat, storyId?: string): string {
  const bundle = exportBundle(data, resolveStory(data, { storyId }).id);
  if (format === 'csv') return toCsv(bundle);
  return `${JSON.stringify(format === 'timelinejs' ? toTimelineJs(bundle) : bundle, null, 2)}\n`;
}
