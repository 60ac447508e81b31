import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { z } from 'zod';
import { safe } from '../briefing/render/format.js';
import { form, textField } from '../briefing/render/forms.js';
import { sideLine } from '../briefing/render/brief.js';
import { statementBlock } from '../briefing/render/statements.js';
import { UserError, type Reply } from '../briefing/reply/reply.js';
import { storyLookup } from '../briefing/query/story-lookup.js';
import { addPosition, editRecord, retractRecord, revisionOf } from '../data/mutations.js';
import { draftOf } from '../data/draft.js';
import type { Position, StoreData, Story } from '../data/schema.js';
import { en } from '../i18n/en.js';
import { isolate, type Messages } from '../i18n/index.js';
import { defineOptions, parseArgs } from './args.js';
import { componentCodec, FORM_GONE } from './codec.js';
import { editKind, openEdit, retractKind, shortLabel, type EditSpec, type RetractPayload, type RetractSpec } from './corrections.js';
import { answerPreviewButton, answerRevision, previewButtonId, previewKind, refusalsAsUserErrors, reviseFormId, showPreview, type PreviewKinds } from './pending.js';
import { requireEditor } from './rights.js';
import { shortKey } from './short-key.js';
import { autocompleteNames, clip, readerMessages, storyByKey, storyFor, storyOption } from './shared.js';
import type { Answer, CommandContext, CommandInput, ModalFields } from './types.js';
import { byKey, fieldText, formValues, FormValuesSchema, sideOption, retractSubcommand } from './write-options.js';

/** A moderator command: registered only in the editorial servers (`npm run deploy`). */
export const scope = 'editorial';

export const data = new SlashCommandBuilder()
  .setName('position')
  .setDescription('Moderators: where a side stands, in our own neutral words, with its best supporting quote')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .addSubcommand((sub) =>
    sub
      .setName('set')
      .setDescription('Write a side’s position (opens a form; nothing is saved until you confirm)')
      .addStringOption((o) => o.setName('side').setDescription('The side').setAutocomplete(true).setRequired(true))
      .addStringOption((o) => o.setName('statement').setDescription('The side’s statement that best supports it').setAutocomplete(true).setRequired(true))
      .addStringOption(storyOption),
  )
  .addSubcommand((sub) =>
    sub
      .setName('edit')
      .setDescription('Correct a side’s position (opens a form with its current words)')
      .addStringOption((o) => o.setName('id').setDescription('The position').setAutocomplete(true).setRequired(true))
      .addStringOption((o) => o.setName('reason').setDescription('Why, for readers: shown with the correction').setMaxLength(300))
      .addStringOption((o) => o.setName('statement').setDescription('Another supporting statement of the side').setAutocomplete(true))
      .addStringOption(storyOption),
  )
  .addSubcommand(retractSubcommand('Retract a side’s position: kept, reachable by id, gone from /brief', 'The position'))
  .toJSON();

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({
  set: { side: 'string!', statement: 'string!', story: 'string' },
  edit: { id: 'string!', reason: 'string', statement: 'string', story: 'string' },
  retract: { id: 'string!', reason: 'string!', story: 'string' },
});

/** The set form: `position:set:<story key>:<side key>:<statement key>`. */
const setFormId = componentCodec('position', ['story', 'side', 'statement'], { tag: 'set', refusal: FORM_GONE });

export const autocomplete = autocompleteNames({ side: 'side', statement: 'statement', id: 'position' });

const positionForm = (id: string, values: ModalFields | undefined, title: string) =>
  form(id, title, [
    textField({
      id: 'text',
      label: 'Position: own neutral words, attributed',
      long: true,
      maxLength: 300,
      value: fieldText(values ?? {}, 'text'),
      placeholder: 'Pakistan says its strikes targeted separatist hideouts in Iran.',
    }),
  ]);

export async function execute(input: CommandInput, context: CommandContext): Promise<Answer> {
  const args = parseArgs(options, input);
  requireEditor(context);
  const story = storyFor(args, context);
  const data = context.store.read();
  if (input.subcommand === 'edit' || input.subcommand === 'retract') {
    const position = findPosition(data, story, args.id ?? '');
    if (input.subcommand === 'retract') {
      return showPreview('position.retract', { id: position.id, reason: args.reason ?? '' } satisfies RetractPayload, context, KINDS);
    }
    const statement = args.statement ? findStatementOf(data, story, position.sideId, args.statement) : undefined;
    const held = { id: position.id, baseRevision: revisionOf(position), reason: args.reason, fixed: statement ? { statementId: statement.id } : {} };
    return openEdit('position.edit', EDIT, position, held, context, KINDS);
  }
  const side = sideOption(story, args);
  if (!side) throw new UserError('Choose the side from the list as you type. Nothing was changed.');
  const statement = findStatementOf(data, story, side.id, args.statement ?? '');
  // A side has one live position: setting it again corrects that one (its form, pre-filled; audited as an edit).
  const existing = data.positions.find((position) => position.storyId === story.id && position.sideId === side.id && !position.retraction);
  if (existing) {
    const fixed = statement.id === existing.statementId ? {} : { statementId: statement.id };
    return openEdit('position.edit', EDIT, existing, { id: existing.id, baseRevision: revisionOf(existing), fixed }, context, KINDS);
  }
  return { modal: positionForm(setFormId.encode({ story: shortKey(story.id), side: shortKey(side.id), statement: shortKey(statement.id) }), undefined, `Position of ${clip(side.name, 30)}`) };
}

export async function modalSubmit(parts: string[], fields: ModalFields, context: CommandContext): Promise<Reply> {
  if (reviseFormId('position').matches(parts)) return answerRevision(reviseFormId('position').decode(parts).preview, fields, context, KINDS);
  requireEditor(context);
  const { story: storyKey, side: sideKey, statement: statementKey } = setFormId.decode(parts);
  const story = storyByKey(storyKey, context);
  const side = byKey(story.sides, sideKey, 'side');
  const statement = byKey(context.store.read().statements.filter((candidate) => candidate.storyId === story.id), statementKey, 'statement');
  return showPreview('position.set', payloadOf({ storyId: story.id, sideId: side.id, statementId: statement.id }, fields), context, KINDS);
}

export function component(parts: string[], context: CommandContext): Promise<Answer> {
  const { action, preview } = previewButtonId('position').decode(parts);
  return answerPreviewButton(action, preview, context, KINDS);
}

/** `entry`, not `position`: the neutrality check reads the moderator's `text`, never the ids beside it. */
const PayloadSchema = z.strictObject({
  entry: z.strictObject({ storyId: z.string(), sideId: z.string(), statementId: z.string(), text: z.string() }),
  form: FormValuesSchema,
});
type Payload = z.infer<typeof PayloadSchema>;

function payloadOf(fixed: Omit<Payload['entry'], 'text'>, fields: ModalFields): Payload {
  const text = fieldText(fields, 'text');
  if (!text) throw new UserError('Write the position in the form: one line in your own neutral words, attributed to the side. Nothing was changed.');
  return { entry: { ...fixed, text }, form: formValues(fields) };
}

/** A position of the story by id (retracted ones too: they can be looked up, not edited). */
function findPosition(data: Readonly<StoreData>, story: Story, id: string): Position {
  const position = data.positions.find((candidate) => candidate.id === id && candidate.storyId === story.id);
  if (!position) throw new UserError(`There is no position \`${clip(id, 100)}\` in **${safe(story.title)}**. Pick one from the list as you type. Nothing was changed.`);
  return position;
}

/** A live statement of the side, by id: a position is supported by the side's own words. */
function findStatementOf(data: Readonly<StoreData>, story: Story, sideId: string, id: string) {
  const statement = data.statements.find((candidate) => candidate.id === id && candidate.storyId === story.id && !candidate.retraction);
  if (!statement) throw new UserError(`There is no statement \`${clip(id, 100)}\` in **${safe(story.title)}**. Pick one from the list as you type. Nothing was changed.`);
  if (statement.sideId !== sideId) throw new UserError('That statement is not one of this side’s: a position is supported by the side’s own words. Nothing was changed.');
  return statement;
}

/** The position as `/brief` will show it, then its supporting quote in full. */
function positionEmbed(position: Pick<Position, 'storyId' | 'sideId' | 'text' | 'statementId'> & Partial<Position>, context: CommandContext) {
  const data = context.store.read();
  const story = storyByKey(shortKey(position.storyId), context);
  const lookup = storyLookup(data, story);
  const m = readerMessages(context);
  const side = story.sides.find((candidate) => candidate.id === position.sideId) ?? { id: position.sideId, name: position.sideId, aliases: [] };
  const statement = data.statements.find((candidate) => candidate.id === position.statementId);
  const full: Position = { id: position.id ?? 'new', createdAt: context.now.toISOString(), createdBy: context.userId, ...position };
  const line = sideLine({ side, kind: 'position', position: full, ...(statement ? { statement } : {}) }, { lookup, m });
  return { description: [line, ...(statement ? [`**${m.phone.supportingQuote}**\n${statementBlock(statement, lookup, m).text}`] : [])].join('\n\n') };
}

const positionLabel = (position: Position) => `the position “${shortLabel(position.text)}” (\`${position.id}\`)`;

const EDIT: EditSpec<Position> = {
  command: 'position',
  noun: 'position',
  find: (data, { id }) => data.positions.find((position) => position.id === id),
  label: positionLabel,
  apply: (draft, { id, changes, baseRevision, reason }, author) => editRecord(draft, 'position', id, changes, baseRevision, author, reason) as Position,
  embed: positionEmbed,
  form: (formId, values) => positionForm(formId, values, 'Correct a position'),
  formValues: (position) => ({ text: position.text }),
  changesOf(fields) {
    const text = fieldText(fields, 'text');
    if (!text) throw new UserError('Write the position in the form. Nothing was changed.');
    return { text };
  },
  current: (position) => ({ ...position }),
};

const RETRACT: RetractSpec<Position> = {
  command: 'position',
  noun: 'position',
  find: (data, id) => data.positions.find((position) => position.id === id),
  label: positionLabel,
  apply: (draft, id, reason, author) => retractRecord(draft, 'position', id, reason, author) as Position,
  embed: positionEmbed,
};

const KINDS: PreviewKinds = {
  'position.edit': editKind(EDIT),
  'position.retract': retractKind(RETRACT),
  'position.set': previewKind<Payload>({
    command: 'position',
    payload: PayloadSchema,
    render({ entry }, context) {
      // Applied to a copy first, so the preview shows exactly what Confirm will store, or why it can't.
      const messages = readerMessages(context);
      const checked = refusalsAsUserErrors(() => addPosition(draftOf(context.store.read()), entry, context), messages);
      return { heading: 'New position', embeds: [positionEmbed(checked, context)], warnings: [] };
    },
    apply(draft, { entry }, author, messages: Messages = en) {
      const saved = addPosition(draft, entry, author);
      return { text: `Saved the position ${isolate(`“${shortLabel(saved.text)}”`, messages)} (\`${saved.id}\`): \`/brief\` shows it.`, recordId: saved.id };
    },
    reopen: ({ form: values }, formId) => positionForm(formId, values, 'Position'),
    revise: ({ entry }, fields) => payloadOf({ storyId: entry.storyId, sideId: entry.sideId, statementId: entry.statementId }, fields),
  }),
};
