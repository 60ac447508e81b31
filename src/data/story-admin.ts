import { foldKey } from '../text/fold.js';
import { auditEntry, type ChangeAuthor } from './audit.js';
import { MAX_ID, slugify } from './ids.js';
import { savedSettings, settingsFor } from './guild-settings.js';
import { InvalidChange } from './mutations.js';
import { isTimeZone, StorySchema, type Schedule, type Side, type StoreData, type Story } from './schema.js';

/**
 * Starting and retiring stories: the pure parts of `/story create`, `/story archive` and
 * `/story unarchive`. Everything takes the data (or a draft) and returns; nothing is kept.
 */

type Data = Readonly<StoreData>;

/** A slug of `text` not in `taken`: `base`, else `base-2`, `base-3`…; `fallback` when the text has no latin letters or digits. */
export function uniqueSlug(text: string, taken: ReadonlySet<string>, fallback: string): string {
  const base = slugify(text) || fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX_ID - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Thrown with every problem of a form, each naming its field. */
export class StoryFormError extends Error {
  override name = 'StoryFormError';
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
  }
}

/**
 * The sides field: one side per line, `Name: alias, alias` (aliases optional). Blank lines are
 * skipped; ids are slugs of the names, unique in the story. Every problem is named with its line.
 */
export function parseSides(text: string): Side[] {
  const problems: string[] = [];
  const sides: Side[] = [];
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  lines.forEach((line, index) => {
    if (!line) return;
    const at = `Sides, line ${index + 1}`;
    const colon = line.indexOf(':');
    const name = (colon === -1 ? line : line.slice(0, colon)).trim();
    const aliases = colon === -1 ? [] : line.slice(colon + 1).split(',').map((alias) => alias.trim()).filter(Boolean);
    if (!name) return void problems.push(`${at}: the side’s name is missing before ":".`);
    if (name.length > 100) return void problems.push(`${at}: a side’s name is at most 100 characters.`);
    const tooLong = aliases.find((alias) => alias.length > 100);
    if (tooLong) return void problems.push(`${at}: an alias is at most 100 characters.`);
    const known = (value: string) => sides.some((side) => foldKey(side.name) === foldKey(value) || side.aliases.some((a) => foldKey(a) === foldKey(value)));
    if (known(name)) return void problems.push(`${at}: “${name}” is already a side or an alias above.`);
    const clash = aliases.find(known);
    if (clash) return void problems.push(`${at}: the alias “${clash}” is already a side or an alias above.`);
    const id = uniqueSlug(name, new Set(sides.map((side) => side.id)), `side-${sides.length + 1}`);
    sides.push({ id, name, aliases: [...new Set(aliases)] });
  });
  if (problems.length === 0 && sides.length === 0) problems.push('Sides: give at least one side, one per line (`Name: alias, alias`).');
  if (sides.length > 25) problems.push(`Sides: at most 25 sides (there are ${sides.length}).`);
  if (problems.length) throw new StoryFormError(problems);
  return sides;
}

/** What the `/story create` form holds. */
export interface StoryForm {
  title: string;
  summary: string;
  sides: string;
  timeZone: string;
}

/**
 * The story a create form describes, checked: title unique (case-insensitive) among the stories,
 * lead present, sides parsed, the zone an IANA zone (empty: the deployment's `defaultZone`). The id
 * is a slug of the title, unique in the store. Throws StoryFormError naming every field at fault.
 */
export function storyFromForm(data: Data, form: StoryForm, now: Date, defaultZone: string): Story {
  const problems: string[] = [];
  const title = form.title.trim();
  const summary = form.summary.trim();
  const zone = form.timeZone.trim() || defaultZone;
  if (!title) problems.push('Title: a title is needed.');
  else if (title.length > 200) problems.push('Title: at most 200 characters.');
  else if (data.stories.some((story) => foldKey(story.title) === foldKey(title))) {
    problems.push(`Title: there is already a story called “${title}” — choose another title.`);
  }
  if (!summary) problems.push('Lead: a lead (one-paragraph summary) is needed.');
  else if (summary.length > 1000) problems.push('Lead: at most 1000 characters.');
  if (!isTimeZone(zone)) problems.push(`Time zone: “${form.timeZone.trim()}” is not an IANA time zone — write one like Asia/Karachi, Asia/Tehran or UTC.`);
  let sides: Side[] = [];
  try {
    sides = parseSides(form.sides);
  } catch (error) {
    if (!(error instanceof StoryFormError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length) throw new StoryFormError(problems);
  const id = uniqueSlug(title, new Set(data.stories.map((story) => story.id)), 'story');
  const at = now.toISOString();
  return StorySchema.parse({ id, title, summary, sides, createdAt: at, updatedAt: at, timeZone: zone });
}

/** Adds a new story (no records yet) and audits it. Refuses a taken id or title, as the form does. */
export function createStory(draft: StoreData, story: Story, author: ChangeAuthor): Story {
  if (draft.stories.some((candidate) => candidate.id === story.id)) throw new InvalidChange(`There is already a story with the id \`${story.id}\`.`);
  if (draft.stories.some((candidate) => foldKey(candidate.title) === foldKey(story.title))) {
    throw new InvalidChange(`There is already a story called “${story.title}”.`);
  }
  draft.stories.push(story);
  draft.audit.push(auditEntry(author, { action: 'create', entity: 'story', entityId: story.id, after: story }));
  return story;
}

/** The zone a story's dates are worked out in: its own, else the deployment's. */
export function storyTimeZone(story: Pick<Story, 'timeZone'>, deploymentZone: string): string {
  return story.timeZone ?? deploymentZone;
}

/** The ids of the stories this server archived. */
export function archivedIds(data: Data, guildId: string | null | undefined): ReadonlySet<string> {
  return new Set(savedSettings(data, guildId)?.archivedStoryIds ?? []);
}

/** The stories a server lists (`/story list`, autocomplete, its default): every story it has not archived, in store order. */
export function listedStories(data: Data, guildId: string | null | undefined): Story[] {
  const archived = archivedIds(data, guildId);
  return data.stories.filter((story) => !archived.has(story.id));
}

/** The stories a server archived, in store order. */
export function archivedStories(data: Data, guildId: string | null | undefined): Story[] {
  const archived = archivedIds(data, guildId);
  return data.stories.filter((story) => archived.has(story.id));
}

export const ARCHIVED_PAUSE_REASON = 'its story was archived on this server (/story unarchive, then /schedule resume)';

/**
 * Takes a story out of a server's lists, or brings it back; audited. Archiving pauses the server's
 * active schedules of that story (with the reason) — a briefing of a story the server retired
 * should not keep posting; unarchiving leaves them paused for `/schedule resume`. Returns them.
 */
export function setArchived(draft: StoreData, guildId: string, storyId: string, archive: boolean, author: ChangeAuthor): Schedule[] {
  const settings = settingsFor(draft, guildId);
  const before = settings.archivedStoryIds ?? [];
  const after = archive ? [...new Set([...before, storyId])] : before.filter((id) => id !== storyId);
  if (after.length) settings.archivedStoryIds = after;
  else delete settings.archivedStoryIds;
  const paused: Schedule[] = [];
  if (archive) {
    for (const schedule of draft.schedules) {
      if (schedule.guildId !== guildId || schedule.storyId !== storyId || schedule.state !== 'active') continue;
      schedule.state = 'paused';
      schedule.pausedReason = ARCHIVED_PAUSE_REASON;
      paused.push(schedule);
    }
  }
  draft.audit.push(
    auditEntry(author, {
      action: 'settings',
      entity: 'guild',
      entityId: guildId,
      before: { archivedStoryIds: before },
      after: { archivedStoryIds: after, ...(paused.length ? { pausedSchedules: paused.map((schedule) => schedule.id) } : {}) },
    }),
  );
  return paused;
}
