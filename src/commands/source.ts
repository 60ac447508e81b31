import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { safe } from '../briefing/format.js';
import { sourceLine } from '../briefing/render/citations.js';
import { form, textField } from '../briefing/render/forms.js';
import type { Reply } from '../briefing/reply.js';
import { UserError } from '../briefing/reply.js';
import { shortKey } from '../briefing/short-key.js';
import { parseWhen } from '../briefing/when-input.js';
import { addSource } from '../data/mutations.js';
import { z } from 'zod';
import { SourceSchema } from '../data/schema.js';
import { answerPreviewButton, answerRevision, previewKind, refusalsAsUserErrors, showPreview, type PreviewKinds } from './pending.js';
import { requireEditor } from './rights.js';
import { autocompleteNames, storyByKey, storyFor, storyOption } from './shared.js';
import { customId, type Answer, type CommandContext, type CommandInput, type ModalFields } from './types.js';
import { fieldText, formValues, FormValuesSchema } from './write-options.js';
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

export async function modalSubmit([mode = '', ...args]: string[], fields: ModalFields, context: CommandContext): Promise<Reply> {
  if (mode === 'revise') return answerRevision(args[0] ?? '', fields, context, KINDS);
  requireEditor(context);
  return showPreview('source.add', payloadOf(storyByKey(args[0], context).id, fields, context), context, KINDS);
}

export function component([action = '', previewId = '']: string[], context: CommandContext): Promise<Answer> {
  return answerPreviewButton(action, previewId, context, KINDS);
}

const PayloadSchema = z.strictObject({ source: z.strictObject(SourceSchema.shape).omit({ id: true }), form: FormValuesSchema });
type Payload = z.infer<typeof PayloadSchema>;

function payloadOf(storyId: string, fields: ModalFields, context: CommandContext): Payload {
  const outlet = fieldText(fields, 'outlet');
  if (!outlet) throw new UserError('The outlet is needed.');
  const typedDate = fieldText(fields, 'date');
  const date = typedDate ? parseWhen(typedDate, context.now, context.timeZone) : undefined;
  const source = {
    storyId,
    outlet,
    title: fieldText(fields, 'title'),
    url: fieldText(fields, 'url'),
    publishedAt: date?.value,
    publishedPrecision: date?.precision,
    note: fieldText(fields, 'note'),
  };
  return { source, form: formValues(fields) };
}

const KINDS: PreviewKinds = {
  'source.add': previewKind<Payload>({
    command: 'source',
    payload: PayloadSchema,
    render({ source }, context) {
      const checked = refusalsAsUserErrors(() => addSource(draftOf(context.store.read()), source, context));
      const number = context.store.read().sources.filter((candidate) => candidate.storyId === source.storyId).length + 1;
      return {
        heading: 'Preview of the new source',
        embeds: [{ description: `${sourceLine(checked, number)}${checked.note ? `\n> ${safe(checked.note)}` : ''}` }],
        warnings: [],
      };
    },
    apply(draft, { source }, author) {
      const saved = addSource(draft, source, author);
      return { text: `Saved the source **${safe(saved.outlet)}**; it is now in the source lists of the forms.`, recordId: saved.id };
    },
    reopen: ({ form }, formId) => sourceForm(formId, form),
    revise: ({ source }, fields, context) => payloadOf(source.storyId, fields, context),
  }),
};
