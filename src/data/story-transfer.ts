import { auditEntry, type ChangeAuthor } from './audit.js';
import { InvalidChange } from './mutations.js';
import type { StoreData, StoryBundle } from './schema.js';

type Collection = 'actors' | 'sources' | 'events' | 'statements' | 'claims' | 'positions';
const COLLECTIONS: readonly Collection[] = ['actors', 'sources', 'events', 'statements', 'claims', 'positions'];

export interface ImportPlan {
  storyId: string;
  story: 'added' | 'changed' | 'unchanged';
  /** Per collection: records added, replaced with different content, identical, and kept (in the store, not in the file). */
  counts: Record<Collection, { added: number; changed: number; unchanged: number; kept: number }>;
}

/** One story's records as a bundle: the export format, and the import format. */
export function exportBundle(data: Readonly<StoreData>, storyId: string): StoryBundle {
  const story = data.stories.find((candidate) => candidate.id === storyId);
  if (!story) throw new Error(`There is no story "${storyId}". Stories: ${data.stories.map((s) => s.id).join(', ')}.`);
  const ofStory = <T extends { storyId: string }>(items: readonly T[]) => items.filter((item) => item.storyId === storyId);
  return {
    story,
    actors: ofStory(data.actors),
    sources: ofStory(data.sources),
    events: ofStory(data.events),
    statements: ofStory(data.statements),
    claims: ofStory(data.claims),
    positions: ofStory(data.positions),
  };
}

/** What importing the bundle would change. Records are matched by id; nothing is deleted. */
export function planImport(data: Readonly<StoreData>, bundle: StoryBundle): ImportPlan {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const existingStory = data.stories.find((story) => story.id === bundle.story.id);
  const counts = Object.fromEntries(
    COLLECTIONS.map((name) => {
      const current = new Map<string, unknown>(data[name].filter((item) => item.storyId === bundle.story.id).map((item) => [item.id, item]));
      const incoming = bundle[name] as ReadonlyArray<{ id: string }>;
      const added = incoming.filter((item) => !current.has(item.id)).length;
      const unchanged = incoming.filter((item) => current.has(item.id) && same(current.get(item.id), item)).length;
      const kept = [...current.keys()].filter((id) => !incoming.some((item) => item.id === id)).length;
      return [name, { added, changed: incoming.length - added - unchanged, unchanged, kept }];
    }),
  ) as ImportPlan['counts'];
  return {
    storyId: bundle.story.id,
    story: !existingStory ? 'added' : same(existingStory, bundle.story) ? 'unchanged' : 'changed',
    counts,
  };
}

/**
 * What stops a bundle merging into this store: a record whose id is already another story's (ids
 * are unique per collection across stories, and matching by id would move that record into this
 * story). One line per record, named by its place in the file.
 */
export function importConflicts(data: Readonly<StoreData>, bundle: StoryBundle): string[] {
  const problems: string[] = [];
  for (const name of COLLECTIONS) {
    const owners = new Map<string, string>(data[name].map((item) => [item.id, item.storyId]));
    (bundle[name] as ReadonlyArray<{ id: string }>).forEach((item, index) => {
      const owner = owners.get(item.id);
      if (owner !== undefined && owner !== bundle.story.id) problems.push(`${name}[${index}].id: "${item.id}" is already a record of the story "${owner}" — give it another id`);
    });
  }
  return problems;
}

/** Merges the bundle into the store (the store validates the result) and records one audit entry. */
export function applyImport(draft: StoreData, bundle: StoryBundle, author: ChangeAuthor, file: string, reason = `npm run import ${file}`): ImportPlan {
  const conflicts = importConflicts(draft, bundle);
  if (conflicts.length) throw new InvalidChange(`The file cannot be imported (${conflicts.length} problems):\n${conflicts.slice(0, 10).map((line) => `- ${line}`).join('\n')}`);
  const plan = planImport(draft, bundle);
  const upsert = <T extends { id: string }>(items: T[], incoming: readonly T[]) => {
    const byId = new Map(incoming.map((item) => [item.id, item]));
    const merged = items.map((item) => byId.get(item.id) ?? item);
    const known = new Set(items.map((item) => item.id));
    return [...merged, ...incoming.filter((item) => !known.has(item.id))];
  };
  draft.stories = upsert(draft.stories, [bundle.story]);
  draft.actors = upsert(draft.actors, bundle.actors);
  draft.sources = upsert(draft.sources, bundle.sources);
  draft.events = upsert(draft.events, bundle.events);
  draft.statements = upsert(draft.statements, bundle.statements);
  draft.claims = upsert(draft.claims, bundle.claims);
  draft.positions = upsert(draft.positions, bundle.positions);
  draft.audit.push(auditEntry(author, { action: 'import', entity: 'story', entityId: bundle.story.id, after: { file, ...plan.counts }, reason }));
  return plan;
}

export function describePlan(plan: ImportPlan): string {
  const lines = COLLECTIONS.map((name) => {
    const { added, changed, unchanged, kept } = plan.counts[name];
    return `  ${name.padEnd(10)} +${added} added, ~${changed} changed, ${unchanged} unchanged, ${kept} kept (not in the file)`;
  });
  return [`story ${plan.storyId}: ${plan.story}`, ...lines].join('\n');
}
