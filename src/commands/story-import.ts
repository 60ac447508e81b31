import { z } from 'zod';
import { safe } from '../briefing/render/format.js';
import { UserError, type Reply } from '../briefing/reply/reply.js';
import { CheckedStoryBundleSchema, describeIssues } from '../data/bundle.js';
import { draftOf } from '../data/draft.js';
import { InvalidChange } from '../data/mutations.js';
import { StoryBundleSchema, type StoreData, type StoryBundle } from '../data/schema.js';
import { applyImport, describePlan, importConflicts, planImport } from '../data/story-transfer.js';
import { InvalidState, validateChange } from '../data/validate-change.js';
import { previewKind, showPreview, type PreviewKinds } from './pending.js';
import { requireEditor } from './rights.js';
import type { AttachmentRef, CommandContext, CommandInput } from './types.js';

/**
 * `/story import file:` — a bundle (the format of `npm run import` and `npm run export -- --format
 * json`, described by schema/story-bundle.schema.json) imported while the bot runs: the same dry-run
 * summary as the preview, and Confirm merges it through the running store, so no lock is needed.
 */

/** The largest bundle an import takes: the bundled story is about 45 KB. */
export const MAX_IMPORT_BYTES = 1024 * 1024;
/** Problems listed in a refusal, so that it fits one Discord message. */
const PROBLEMS_SHOWN = 15;

const refusal = (name: string, problems: readonly string[], total = problems.length) =>
  new UserError(
    [
      `\`${name}\` cannot be imported (${total} ${total === 1 ? 'problem' : 'problems'}):`,
      ...problems.slice(0, PROBLEMS_SHOWN).map((problem) => `• ${problem.length > 180 ? `${problem.slice(0, 179)}…` : problem}`),
      ...(total > PROBLEMS_SHOWN ? [`…and ${total - PROBLEMS_SHOWN} more (\`npm run import\` lists them all).`] : []),
      'Nothing was changed.',
    ].join('\n'),
  );

/** The attachment's text as a checked bundle, or a refusal naming every problem. Pure apart from `download`. */
export async function bundleFromAttachment(file: AttachmentRef | undefined, download: CommandContext['download']): Promise<StoryBundle> {
  if (!file) throw new UserError('Attach the story bundle (a `.json` file) as `file:`. Nothing was changed.');
  if (!download) throw new UserError('Imports of attachments work in Discord only; offline, use `npm run import -- <file>`. Nothing was changed.');
  const jsonType = !file.contentType || /^application\/json\b|^text\/plain\b/i.test(file.contentType);
  if (!/\.json$/i.test(file.name) || !jsonType) throw new UserError(`\`${file.name}\` is not a JSON file: attach a story bundle ending in \`.json\`. Nothing was changed.`);
  if (file.size > MAX_IMPORT_BYTES) {
    throw new UserError(`\`${file.name}\` is ${Math.ceil(file.size / 1024)} KB; an import takes at most ${MAX_IMPORT_BYTES / 1024} KB. Nothing was changed.`);
  }
  const text = await download(file.url, MAX_IMPORT_BYTES);
  return parseBundleText(file.name, text);
}

/** A bundle from JSON text; every schema and reference problem named by its place in the file. */
export function parseBundleText(name: string, text: string): StoryBundle {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw refusal(name, [`it is not JSON: ${(error as Error).message}`]);
  }
  const parsed = CheckedStoryBundleSchema.safeParse(raw);
  if (!parsed.success) throw refusal(name, describeIssues(parsed.error as z.ZodError, PROBLEMS_SHOWN), parsed.error.issues.length);
  return parsed.data;
}

/** The import applied to a copy of the store and checked as the store will check it: every problem, or nothing. */
function tryImport(state: Readonly<StoreData>, bundle: StoryBundle, name: string): void {
  const conflicts = importConflicts(state, bundle);
  if (conflicts.length) throw refusal(name, conflicts);
  const draft = draftOf(state);
  applyImport(draft, bundle, { userId: 'preview', userName: 'preview', guildId: null, now: new Date(0) }, name);
  try {
    validateChange(state as StoreData, draft);
  } catch (error) {
    if (error instanceof InvalidState) throw refusal(name, error.problems);
    throw error;
  }
}

/** `/story import file:` — fetched (after deferring: it may be slow), checked, previewed. */
export async function previewImport(input: CommandInput, context: CommandContext, kinds: PreviewKinds): Promise<Reply> {
  requireEditor(context);
  const file = input.attachments?.file;
  await context.defer?.();
  const bundle = await bundleFromAttachment(file, context.download);
  return showPreview('story.import', { bundle, file: file!.name.slice(0, 100) }, context, kinds);
}

const PayloadSchema = z.strictObject({ bundle: StoryBundleSchema, file: z.string().min(1).max(100) });
type Payload = z.infer<typeof PayloadSchema>;

export const IMPORT_KINDS: PreviewKinds = {
  'story.import': previewKind<Payload>({
    command: 'story',
    payload: PayloadSchema,
    render({ bundle, file }, context) {
      const state = context.store.read();
      tryImport(state, bundle, file);
      return {
        heading: `Preview of the import of \`${safe(file)}\``,
        embeds: [
          {
            title: safe(bundle.story.title),
            description: `What Confirm would change (matched by id; nothing is deleted):\n\`\`\`\n${describePlan(planImport(state, bundle))}\n\`\`\``,
          },
        ],
        warnings: [],
      };
    },
    apply(draft, { bundle, file }, author) {
      const before = draftOf(draft);
      const plan = applyImport(draft, bundle, author, file, `/story import ${file}`);
      try {
        validateChange(before, draft);
      } catch (error) {
        if (error instanceof InvalidState) throw new InvalidChange(`\`${file}\` cannot be imported any more: ${error.problems.slice(0, 5).join('; ')}.`);
        throw error;
      }
      const added = Object.values(plan.counts).reduce((sum, count) => sum + count.added, 0);
      const changed = Object.values(plan.counts).reduce((sum, count) => sum + count.changed, 0);
      return {
        text: `Imported \`${safe(file)}\` into **${safe(bundle.story.title)}** (\`${bundle.story.id}\`, story ${plan.story}): ${added} records added, ${changed} changed.`,
        recordId: bundle.story.id,
      };
    },
  }),
};
