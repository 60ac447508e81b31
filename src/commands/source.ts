import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { safe } from '../briefing/format.js';
import { sourceLine } from '../briefing/render/citations.js';
import { form, textField } from '../briefing/render/forms.js';
import type { Reply } from '../briefing/reply.js';
import { UserError } from '../briefing/reply.js';
import { shortKey } from '../briefing/short-key.js';
import { parseWhen } from '../briefing/when-input.js';
import { addSource } from '../data/mutations.js';
import { answerPreviewButton, answerRevision, previewWrite, refusalsAsUserErrors } from './pending.js';
import { requireEditor } from './rights.js';
import { autocompleteNames, storyByKey, storyFor, storyOption } from './shared.js';
import { customId, type Answer, type CommandContext, type CommandInput, type ModalFields } from './types.js';
import { fieldText } from './write-options.js';
import { draftOf } from '../data/draft.js';

/** A moderator command: registered only in the editorial servers (`npm run deploy`). */
export const scope = 'editorial';

export const data = new SlashCommandBuilder()
  .setName('source')
  .setDescription('Moderators: add a report that events, statements and claims can cite')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .addSubcommand((sub) => sub.setName('add').setDescription('Add a source (opens a form)').addStringOption(storyOption))
  .toJSON();

export const autocomplete = autocompleteNames({});

const sourceForm = (id: string, values: ModalFields = {}) =>
  form(id, 'Add a source', [
    textField({ id: 'outlet', label: 'Outlet', maxLength: 100, value: fieldText(values, 'outlet') }),
    textField({ id: 'title', label: 'Headline (optional)', required: false, maxLength: 256, value: fieldText(values, 'title') }),
    textField({ id: 'url', label: 'Link (optional)', required: false, maxLength: 300, value: fieldText(values, 'url'), placeholder: 'https://…' }),
    textField({ id: 'date', label: 'Published (empty if undated)', required: false, maxLength: 40, value: fieldText(values, 'date'), placeholder: '18 Jan 2024 · 2024-01-18 11:26' }),
    textField({ id: 'note', label: 'Note (optional: how it was dated, what it relays)', long: true, required: false, maxLength: 500, value: fieldText(values, 'note') }),
  ]);

export function execute(input: CommandInput, context: CommandContext): Answer {
  requireEditor(context);
  return { modal: sourceForm(customId('source', 'add', shortKey(storyFor(input, context).id))) };
}

export function modalSubmit([mode = '', ...args]: string[], fields: ModalFields, context: CommandContext): Reply {
  if (mode === 'revise') return answerRevision(args[0] ?? '', fields, context);
  requireEditor(context);
  return preview(storyByKey(args[0], context).id, fields, context);
}

export function component([action = '', draftId = '']: string[], context: CommandContext): Promise<Answer> {
  return answerPreviewButton(action, draftId, context);
}

function preview(storyId: string, fields: ModalFields, context: CommandContext, draftId?: string): Reply {
  const outlet = fieldText(fields, 'outlet');
  if (!outlet) throw new UserError('The outlet is needed.');
  const typedDate = fieldText(fields, 'date');
  const date = typedDate ? parseWhen(typedDate, context.now, context.timeZone) : undefined;
  const sourceFields = {
    storyId,
    outlet,
    title: fieldText(fields, 'title'),
    url: fieldText(fields, 'url'),
    publishedAt: date?.value,
    publishedPrecision: date?.precision,
    note: fieldText(fields, 'note'),
  };
  const checked = refusalsAsUserErrors(() => addSource(draftOf(context.store.read()), sourceFields, context));
  const number = context.store.read().sources.filter((source) => source.storyId === storyId).length + 1;
  return previewWrite(
    'source',
    {
      heading: 'Preview of the new source',
      embeds: [{ description: `${sourceLine(checked, number)}${checked.note ? `\n> ${safe(checked.note)}` : ''}` }],
      warnings: [],
      apply: (draft, author) => `Saved the source **${safe(addSource(draft, sourceFields, author).outlet)}**; it is now in the source lists of the forms.`,
      reopen: (id) => sourceForm(customId('source', 'revise', id), fields),
      revise: (revised, id) => preview(storyId, revised, context, id),
    },
    context,
    draftId,
  );
}
