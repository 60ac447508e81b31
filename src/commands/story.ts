import { SlashCommandBuilder } from 'discord.js';
import { safe } from '../briefing/format.js';
import { resolveStory } from '../briefing/queries.js';
import { renderStoryList } from '../briefing/render/stories.js';
import { notice } from '../briefing/reply.js';
import { requireServerManager } from './rights.js';
import { auditEntry } from '../data/audit.js';
import { settingsFor } from '../data/guild-settings.js';
import { autocompleteNames, privateOption, readerMessages } from './shared.js';
import { stringOption, type Answer, type CommandContext, type CommandInput } from './types.js';
import { editSubcommand, executeEdit } from './story-edit.js';

export const data = new SlashCommandBuilder()
  .setName('story')
  .setDescription('The stories Sitrep can brief on, and this server’s default')
  .addSubcommand((sub) => sub.setName('list').setDescription('Every story in the store').addBooleanOption(privateOption))
  .addSubcommand((sub) =>
    sub
      .setName('use')
      .setDescription('Make a story this server’s default (Manage Server)')
      .addStringOption((option) => option.setName('story').setDescription('The story').setAutocomplete(true).setRequired(true)),
  )
  .addSubcommand(editSubcommand)
  .toJSON();

/** `/story edit` (src/commands/story-edit.ts): its form and its preview's buttons. */
export { editComponent as component, editModalSubmit as modalSubmit } from './story-edit.js';

export const autocomplete = autocompleteNames({});

export async function execute(input: CommandInput, context: CommandContext): Promise<Answer> {
  if (input.subcommand === 'edit') return executeEdit(input, context);
  const data = context.store.read();
  if (input.subcommand !== 'use') {
    return renderStoryList(data, resolveStory(data, { guildId: context.guildId, defaultStoryId: context.defaultStoryId }).id, readerMessages(context));
  }
  const guildId = requireServerManager(context, 'this server’s default story');
  const story = resolveStory(data, { storyId: stringOption(input, 'story') });
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
