import { z } from 'zod';
import { checkReferences, StoryBundleSchema, type StoryBundle } from './schema.js';

/** A story bundle whose ids are unique and whose references all resolve inside it. */
export const CheckedStoryBundleSchema = StoryBundleSchema.superRefine((bundle, ctx) =>
  checkReferences({ ...bundle, stories: [bundle.story] }, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
);

export function parseStoryBundle(input: unknown): StoryBundle {
  return CheckedStoryBundleSchema.parse(input);
}

/** "events[3].sourceIds[0]: unknown source "x"" — one line per problem, for people. */
export function describeIssues(error: z.ZodError, limit = 10): string[] {
  const lines = error.issues.slice(0, limit).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  if (error.issues.length > limit) lines.push(`…and ${error.issues.length - limit} more`);
  return lines;
}

function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return '(document)';
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}
