import { SlashCommandBuilder } from 'discord.js';
import { rankCandidates } from '../briefing/search/autocomplete.js';
import { serverStoryCandidates } from '../briefing/search/candidates.js';
import { safe } from '../briefing/render/format.js';
import { resolveStory } from '../briefing/query/queries.js';
import { renderStoryList } from '../briefing/render/stories.js';
import { notice, UserError, type Reply } from '../briefing/reply/reply.js';
import { requireServerManager } from './rights.js';
import { auditEntry } from '../data/audit.js';
import { settingsFor } from '../data/guild-settings.js';
import { archivedIds, archivedStories, listedStories } from '../data/story-admin.js';
import { answerPreviewButton, answerRevision, previewButtonId, reviseFormId, type PreviewKinds } from './pending.js';
import { autocompleteNames, privateOption, readerMessages } from './shared.js';
import { setStoryArchived } from './story-archive.js';
import { CREATE_KINDS, openCreateForm, previewCreate, createFormId } from './story-create.js';
import { IMPORT_KINDS, previewImport } from './story-import.js';
import { editSubcommand, executeEdit, STORY_EDIT_KINDS } from './story-edit.js';
import type { Answer, Command, CommandContext, CommandInput, ModalFields } from './types.js';
import { defineOptions, parseArgs } from './args.js';

/**
 * `/story`: reading (list), a server's own choices (use, archive, unarchive) and, for the editorial
 * servers' moderators, starting a story (create), importing one (import) and correcting one (edit). Each write subcommand's
 * handler lives in its own file (story-*.ts); this file only declares and dispatches.
 */
export const data = new SlashCommandBuilder()
  .setName('story')
  .setDescription('The stories Sitrep can brief on, and this server’s default')
  .addSubcommand((sub) =>
    sub
      .setName('list')
      .setDescription('Every story in the store')
      .addBooleanOption(privateOption)
      .addBooleanOption((option) => option.setName('archived').setDescription('The stories archived on this server instead')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('use')
      .setDescription('Make a story this server’s default (Manage Server)')
      .addStringOption((option) => option.setName('story').setDescription('The story').setAutocomplete(true).setRequired(true)),
  )
  .addSubcommand((sub) => sub.setName('create').setDescription('Moderators: start a new story (opens a form: title, lead, sides, time zone)'))
  .addSubcommand((sub) =>
    sub
      .setName('archive')
      .setDescription('Take a story out of this server’s lists; its records stay (Manage Server or moderator)')
      .addStringOption((option) => option.setName('story').setDescription('The story').setAutocomplete(true).setRequired(true)),
  )
  .addSubcommand((sub) =>
    sub
      .setName('unarchive')
      .setDescription('Bring an archived story back to this server’s lists (Manage Server or moderator)')
      .addStringOption((option) => option.setName('story').setDescription('The archived story').setAutocomplete(true).setRequired(true)),
  )
  .addSubcommand((sub) =>
    sub
      .setName('import')
      .setDescription('Moderators: import a story bundle (.json) while Sitrep runs, after a preview')
      .addAttachmentOption((option) => option.setName('file').setDescription('The bundle: the format of npm run export -- --format json').setRequired(true)),
  )
  .addSubcommand(editSubcommand)
  .toJSON();

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({
  list: { private: 'boolean', archived: 'boolean' },
  use: { story: 'string!' },
  create: {},
  archive: { story: 'string!' },
  unarchive: { story: 'string!' },
  import: { file: 'attachment!' },
  edit: { story: 'string', reason: 'string' },
});

/** Every preview kind `/story` confirms. */
const KINDS: PreviewKinds = { ...CREATE_KINDS, ...IMPORT_KINDS, ...STORY_EDIT_KINDS };

const storyNames = autocompleteNames({});

export const autocomplete: NonNullable<Command['autocomplete']> = (focused, input, context) =>
  input.subcommand === 'unarchive'
    ? rankCandidates(serverStoryCandidates(context.store.read(), `archived:${context.guildId ?? ''}`), focused.value)
    : storyNames(focused, input, context);

export async function execute(input: CommandInput, context: CommandContext): Promise<Answer> {
  const args = parseArgs(options, input);
  switch (input.subcommand) {
    case 'use':
      return useStory(args, context);
    case 'create':
      return openCreateForm(context);
    case 'archive':
      return setStoryArchived(args, context, true);
    case 'unarchive':
      return setStoryArchived(args, context, false);
    case 'import':
      return previewImport(input, context, KINDS);
    case 'edit':
      return executeEdit(args, context);
    default:
      return listStories(args, context);
  }
}

export function modalSubmit(parts: string[], fields: ModalFields, context: CommandContext): Promise<Reply> {
  if (reviseFormId('story').matches(parts)) return answerRevision(reviseFormId('story').decode(parts).preview, fields, context, KINDS);
  if (createFormId.matches(parts)) return previewCreate(fields, context, KINDS);
  throw new UserError('This form no longer works — run the command again.');
}

export function component(parts: string[], context: CommandContext): Promise<Answer> {
  const { action, preview } = previewButtonId('story').decode(parts);
  return answerPreviewButton(action, preview, context, KINDS);
}

function listStories(args: { archived?: boolean | undefined }, context: CommandContext): Reply {
  const data = context.store.read();
  const m = readerMessages(context);
  if (args.archived) return renderStoryList(data, archivedStories(data, context.guildId), undefined, m, true);
  const listed = listedStories(data, context.guildId);
  const defaultId = listed.length ? resolveStory(data, { guildId: context.guildId, defaultStoryId: context.defaultStoryId }).id : undefined;
  return renderStoryList(data, listed, defaultId, m);
}

async function useStory(args: { story?: string | undefined }, context: CommandContext): Promise<Reply> {
  const guildId = requireServerManager(context, readerMessages(context).moderation.defaultStoryWhat);
  const story = resolveStory(context.store.read(), { storyId: args.story });
  if (archivedIds(context.store.read(), guildId).has(story.id)) {
    throw new UserError(`**${safe(story.title)}** is archived on this server: bring it back with \`/story unarchive\` first. Nothing was changed.`);
  }
  await context.store.update((draft) => {
    const settings = settingsFor(draft, guildId);
    const before = settings.storyId;
    settings.storyId = story.id;
    draft.audit.push(
      auditEntry(context, { action: 'settings', entity: 'guild', entityId: guildId, before: { storyId: before }, after: { storyId: story.id } }),
    );
  });
  return notice(`This server’s default story is now **${safe(story.title)}**.`);
}
