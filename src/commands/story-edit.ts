import type { SlashCommandSubcommandBuilder } from 'discord.js';
import { safe } from '../briefing/render/format.js';
import { form, textField } from '../briefing/render/forms.js';
import { UserError, type Reply } from '../briefing/reply/reply.js';
import { slugify } from '../data/ids.js';
import { editStory, revisionOf, sideLine } from '../data/mutations.js';
import type { Side, Story } from '../data/schema.js';
import { editKind, openEdit, shortLabel, type EditSpec } from './corrections.js';
import { answerPreviewButton, answerRevision, previewButtonId, reviseFormId, type PreviewKinds } from './pending.js';
import { requireEditor } from './rights.js';
import { readerMessages, storyFor } from './shared.js';
import { en } from '../i18n/en.js';
import type { Answer, CommandContext, ModalFields } from './types.js';
import { fieldText } from './write-options.js';

/**
 * `/story edit`: a moderator corrects the story itself — its title, its lead (summary) and its sides
 * (names, aliases; a new line adds a side; a removed line removes one, refused while records name it).
 * The subcommand is declared in story.ts; its handlers and preview kind live here.
 */

export const editSubcommand = (sub: SlashCommandSubcommandBuilder) =>
  sub
    .setName('edit')
    .setDescription('Moderators: correct the story’s title, lead and sides (opens a form)')
    .addStringOption((option) => option.setName('story').setDescription('Which story (defaults to this server’s story)').setAutocomplete(true))
    .addStringOption((option) => option.setName('reason').setDescription('Why, for the record').setMaxLength(300));

const SIDES_HELP = 'One side a line: id: Name | alias, alias';

const storyForm = (id: string, values: ModalFields, context?: CommandContext) =>
  ((m) => form(id, m.correctStoryTitle, [
    textField({ id: 'title', label: m.titleLabel, maxLength: 200, value: fieldText(values, 'title') }),
    textField({ id: 'summary', label: m.storyLeadLabel, long: true, maxLength: 1000, value: fieldText(values, 'summary') }),
    textField({ id: 'sides', label: SIDES_HELP, long: true, maxLength: 4000, value: fieldText(values, 'sides'), placeholder: 'iran: Iran | Tehran, Islamic Republic' }),
  ]))((context ? readerMessages(context) : en).moderation);

/**
 * Reads the sides field: `id: Name | alias, alias` a line. A line without an id is a new side (its
 * id made from its name); a kept side keeps its description. Refuses politely, naming the line.
 */
export function readSides(text: string, current: readonly Side[]): Side[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (lines.length === 0) throw new UserError('**sides**: a story needs at least one side. Nothing was changed.');
  if (lines.length > 25) throw new UserError('**sides**: at most 25 sides. Nothing was changed.');
  const taken = new Set<string>();
  return lines.map((line, index) => {
    const match = /^(?:([a-z0-9][a-z0-9-]{0,39})\s*:\s*)?([^|]+?)\s*(?:\|\s*(.*))?$/.exec(line);
    const name = match?.[2]?.trim();
    if (!match || !name) throw new UserError(`**sides**, line ${index + 1}: write it as \`id: Name | alias, alias\`. Nothing was changed.`);
    if (name.length > 100) throw new UserError(`**sides**, line ${index + 1}: a side’s name is at most 100 characters. Nothing was changed.`);
    let id = match[1] ?? slugify(name);
    if (!id) throw new UserError(`**sides**, line ${index + 1}: give the side an id (\`id: ${name}\`). Nothing was changed.`);
    if (!match[1]) for (let n = 2; taken.has(id) || current.some((side) => side.id === id); n++) id = `${slugify(name).slice(0, 36)}-${n}`;
    if (taken.has(id)) throw new UserError(`**sides**, line ${index + 1}: the id \`${id}\` is used twice. Nothing was changed.`);
    taken.add(id);
    const aliases = (match[3] ?? '').split(',').map((alias) => alias.trim()).filter(Boolean);
    if (aliases.some((alias) => alias.length > 100)) throw new UserError(`**sides**, line ${index + 1}: an alias is at most 100 characters. Nothing was changed.`);
    const description = current.find((side) => side.id === id)?.description;
    return { id, name, aliases, ...(description ? { description } : {}) };
  });
}

const storyEmbed = (story: Story) => ({
  title: shortLabel(story.title, 256),
  description: `${safe(story.summary)}\n\n**Sides**\n${story.sides.map((side) => `• ${safe(sideLine(side))}`).join('\n')}`,
});

const EDIT: EditSpec<Story> = {
  command: 'story',
  noun: 'story',
  find: (data, { id }) => data.stories.find((story) => story.id === id),
  label: (story) => `the story “${shortLabel(story.title)}”`,
  apply(draft, { id, changes, baseRevision, reason }, author) {
    // Sides travel as their lines (what the preview compares); each line names its id.
    const current = draft.stories.find((story) => story.id === id)?.sides ?? [];
    const sides = Array.isArray(changes.sides) ? readSides((changes.sides as string[]).join('\n'), current) : undefined;
    return editStory(draft, id, { title: changes.title as string, summary: changes.summary as string, sides }, baseRevision, author, reason);
  },
  embed: storyEmbed,
  form: storyForm,
  formValues: (story) => ({ title: story.title, summary: story.summary, sides: story.sides.map(sideLine).join('\n') }),
  changesOf(fields, story, _payload, context) {
    const title = fieldText(fields, 'title');
    const summary = fieldText(fields, 'summary');
    if (!title || !summary) throw new UserError(((m) => `${m.titleAndLeadNeeded} ${m.nothingChanged}`)(readerMessages(context).moderation));
    return { title, summary, sides: readSides(fieldText(fields, 'sides') ?? '', story.sides).map(sideLine) };
  },
  // The preview's before → after shows sides as lines, as the form does.
  current: (story) => ({ title: story.title, summary: story.summary, sides: story.sides.map(sideLine) }),
};

/** The story edit's preview kind; story.ts hands its buttons and forms here. */
export const STORY_EDIT_KINDS: PreviewKinds = { 'story.edit': editKind(EDIT) };

/** `/story edit`: keeps the edit's preview and opens the form with the story's current values. */
export async function executeEdit(args: { story?: string | undefined; reason?: string | undefined }, context: CommandContext): Promise<Answer> {
  requireEditor(context);
  const story = storyFor(args, context);
  return openEdit('story.edit', EDIT, story, { id: story.id, baseRevision: revisionOf(story), reason: args.reason }, context, STORY_EDIT_KINDS);
}

/** `story:revise:<preview>`: the form came back. */
export function editModalSubmit(parts: string[], fields: ModalFields, context: CommandContext): Promise<Reply> {
  return answerRevision(reviseFormId('story').decode(parts).preview, fields, context, STORY_EDIT_KINDS);
}

/** `story:confirm|reopen|cancel:<preview>`. */
export function editComponent(parts: string[], context: CommandContext): Promise<Answer> {
  const { action, preview } = previewButtonId('story').decode(parts);
  return answerPreviewButton(action, preview, context, STORY_EDIT_KINDS);
}
