import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { safe } from '../briefing/render/format.js';
import { form, textField } from '../briefing/render/forms.js';
import { statementBlock } from '../briefing/render/statements.js';
import { UserError, type Reply } from '../briefing/reply/reply.js';
import { shortKey } from './short-key.js';
import { storyLookup } from '../briefing/query/story-lookup.js';
import { workedOutWhen } from './event-form.js';
import { addStatement, editRecord, retractRecord, revisionOf } from '../data/mutations.js';
import { StatementSchema, type Statement, type StoreData, type Story } from '../data/schema.js';
import { plainDate } from '../briefing/render/format.js';
import { editKind, openEdit, retractKind, shortLabel, type EditSpec, type RetractPayload, type RetractSpec } from './corrections.js';
import { z } from 'zod';
import { answerPreviewButton, answerRevision, previewKind, refusalsAsUserErrors, showPreview, previewButtonId, reviseFormId, type PreviewKinds } from './pending.js';
import { requireEditor } from './rights.js';
import { autocompleteNames, clip, readerMessages, storyByKey, storyFor, storyOption } from './shared.js';
import { en } from '../i18n/en.js';
import { isolate, type Messages } from '../i18n/index.js';
import type { Answer, CommandContext, CommandInput, ModalFields } from './types.js';

import { byKey, eventOption, fieldText, formValues, FormValuesSchema, sideOption, sourceOption, retractSubcommand } from './write-options.js';
import { draftOf } from '../data/draft.js';
import { defineOptions, parseArgs } from './args.js';
import { componentCodec, FORM_GONE } from './codec.js';

/** A moderator command: registered only in the editorial servers (`npm run deploy`). */
export const scope = 'editorial';

export const data = new SlashCommandBuilder()
  .setName('statement')
  .setDescription('Moderators: record what someone said, verbatim')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('Add a statement (opens a form; nothing is saved until you confirm)')
      .addStringOption((o) => o.setName('side').setDescription('The speaker’s side').setAutocomplete(true).setRequired(true))
      .addStringOption((o) => o.setName('source').setDescription('The report that quotes it').setAutocomplete(true).setRequired(true))
      .addStringOption((o) => o.setName('event').setDescription('The event it is about').setAutocomplete(true))
      .addStringOption(storyOption),
  )
  .addSubcommand((sub) =>
    sub
      .setName('edit')
      .setDescription('Correct a statement (opens a form with its current values)')
      .addStringOption((o) => o.setName('id').setDescription('The statement').setAutocomplete(true).setRequired(true))
      .addStringOption((o) => o.setName('reason').setDescription('Why, for readers: shown with the correction').setMaxLength(300))
      .addStringOption((o) => o.setName('side').setDescription('Move it to another side').setAutocomplete(true))
      .addStringOption((o) => o.setName('source').setDescription('Cite another report instead').setAutocomplete(true))
      .addStringOption(storyOption),
  )
  .addSubcommand(retractSubcommand('Retract a statement: kept, reachable by id, gone from every list', 'The statement'))
  .toJSON();

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({
  add: { side: 'string!', source: 'string!', event: 'string', story: 'string' },
  edit: { id: 'string!', reason: 'string', side: 'string', source: 'string', story: 'string' },
  retract: { id: 'string!', reason: 'string!', story: 'string' },
});

/** The add form: `statement:add:<story key>:<side key>:<source key>:<event key>`. */
const addFormId = componentCodec('statement', ['story', 'side', 'source', 'event'], { tag: 'add', refusal: FORM_GONE });

export const autocomplete = autocompleteNames({ side: 'side', source: 'source', event: 'event', id: 'statement' });

type Fixed = Pick<Statement, 'storyId' | 'sideId' | 'sourceIds' | 'eventId'>;

const statementForm = (id: string, values?: ModalFields, title?: string, { moderation: m }: Messages = en) =>
  form(id, title ?? m.addStatementTitle, [
    textField({ id: 'speaker', label: m.speakerLabel, maxLength: 150, value: fieldText(values ?? {}, 'speaker') }),
    textField({ id: 'quote', label: m.quoteLabel, long: true, maxLength: 1500, value: fieldText(values ?? {}, 'quote') }),
    textField({ id: 'when', label: m.whenSaidLabel, maxLength: 40, value: fieldText(values ?? {}, 'when'), placeholder: '18 Jan 2024 · 2024-01-18 11:26 · January 2024' }),
    textField({ id: 'context', label: m.contextLabel, long: true, required: false, maxLength: 500, value: fieldText(values ?? {}, 'context') }),
    textField({ id: 'via', label: m.viaLabel, required: false, maxLength: 200, value: fieldText(values ?? {}, 'via') }),
  ]);

export async function execute(input: CommandInput, context: CommandContext): Promise<Answer> {
  const args = parseArgs(options, input);
  requireEditor(context);
  const story = storyFor(args, context);
  if (input.subcommand === 'edit' || input.subcommand === 'retract') {
    const statement = findStatement(context.store.read(), story, args.id ?? '');
    if (input.subcommand === 'retract') {
      return showPreview('statement.retract', { id: statement.id, reason: args.reason ?? '' } satisfies RetractPayload, context, KINDS);
    }
    // Side and source are options (they come from lists); the form holds the words and the date.
    const moves = {
      ...(args.side ? { sideId: sideOption(story, args)!.id } : {}),
      ...(args.source ? { sourceIds: [sourceOption(story, args, context).id] } : {}),
    };
    const held = { id: statement.id, baseRevision: revisionOf(statement), reason: args.reason, fixed: moves };
    return openEdit('statement.edit', EDIT, statement, held, context, KINDS);
  }
  const side = sideOption(story, args);
  if (!side) throw new UserError(readerMessages(context).moderation.chooseSpeakerSide);
  const source = sourceOption(story, args, context);
  const event = eventOption(story, args, context);
  return { modal: statementForm(addFormId.encode({ story: shortKey(story.id), side: shortKey(side.id), source: shortKey(source.id), event: event && shortKey(event.id) }), undefined, undefined, readerMessages(context)) };
}

export async function modalSubmit(parts: string[], fields: ModalFields, context: CommandContext): Promise<Reply> {
  if (reviseFormId('statement').matches(parts)) return answerRevision(reviseFormId('statement').decode(parts).preview, fields, context, KINDS);
  requireEditor(context);
  const { story: storyKey, side: sideKey, source: sourceKey, event: eventKey } = addFormId.decode(parts);
  const data = context.store.read();
  const story = storyByKey(storyKey, context);
  const fixed: Fixed = {
    storyId: story.id,
    sideId: byKey(story.sides, sideKey, 'side').id,
    sourceIds: [byKey(data.sources, sourceKey, 'source').id],
    eventId: eventKey ? byKey(data.events, eventKey, 'event').id : undefined,
  };
  return showPreview('statement.add', payloadOf(fixed, fields, context), context, KINDS);
}

export function component(parts: string[], context: CommandContext): Promise<Answer> {
  const { action, preview } = previewButtonId('statement').decode(parts);
  return answerPreviewButton(action, preview, context, KINDS);
}

const PayloadSchema = z.strictObject({ statement: z.strictObject(StatementSchema.shape).omit({ id: true }), form: FormValuesSchema });
type Payload = z.infer<typeof PayloadSchema>;

/** The statement the form describes, its date resolved once, when the form comes back. */
function payloadOf(fixed: Fixed, fields: ModalFields, context: CommandContext): Payload {
  const speaker = fieldText(fields, 'speaker');
  const quote = fieldText(fields, 'quote');
  const when = fieldText(fields, 'when');
  const m = readerMessages(context).moderation;
  if (!speaker || !quote || !when) throw new UserError(m.statementFieldsNeeded);
  const date = workedOutWhen(when, context, { storyId: fixed.storyId, sourceId: fixed.sourceIds[0] }, m.whenSaidLabel);
  const statement = { ...fixed, speaker, quote, saidAt: date.value, precision: date.precision, saidUntil: date.until, untilPrecision: date.untilPrecision, dateBasis: date.basis, context: fieldText(fields, 'context'), via: fieldText(fields, 'via') };
  return { statement, form: formValues(fields) };
}

/** A statement of the story by id (retracted ones too: they can be looked up, not edited), or a polite refusal naming the id. */
function findStatement(data: Readonly<StoreData>, story: Story, id: string): Statement {
  const statement = data.statements.find((candidate) => candidate.id === id && candidate.storyId === story.id);
  if (!statement) throw new UserError(`There is no statement \`${clip(id, 100)}\` in **${safe(story.title)}**. Pick one from the list as you type. Nothing was changed.`);
  return statement;
}

/** The date as the edit form shows it; a range as its two ends. */
function whenText(statement: Statement): string {
  const one = (value: string, precision: Statement['precision']) => (precision === 'minute' ? value : plainDate(value, precision));
  const start = one(statement.saidAt, statement.precision);
  return statement.saidUntil && statement.untilPrecision ? `${start} – ${one(statement.saidUntil, statement.untilPrecision)}` : start;
}

const statementEmbed = (statement: Statement, context: CommandContext) => ({
  description: statementBlock(statement, storyLookup(context.store.read(), storyByKey(shortKey(statement.storyId), context))).text,
});
const statementLabel = (statement: Statement) => `the statement by “${shortLabel(statement.speaker)}” (\`${statement.id}\`)`;

const EDIT: EditSpec<Statement> = {
  command: 'statement',
  noun: 'statement',
  find: (data, { id }) => data.statements.find((statement) => statement.id === id),
  label: statementLabel,
  apply: (draft, { id, changes, baseRevision, reason }, author) => editRecord(draft, 'statement', id, changes, baseRevision, author, reason) as Statement,
  embed: statementEmbed,
  form: (formId, values, context) => ((messages) => statementForm(formId, values, messages.moderation.correctStatementTitle, messages))(context ? readerMessages(context) : en),
  formValues: (statement) => ({
    speaker: statement.speaker,
    quote: statement.quote,
    when: whenText(statement),
    context: statement.context ?? '',
    via: statement.via ?? '',
  }),
  changesOf(fields, statement, _payload, context) {
    const speaker = fieldText(fields, 'speaker');
    const quote = fieldText(fields, 'quote');
    const when = fieldText(fields, 'when');
    const m = readerMessages(context).moderation;
    if (!speaker || !quote || !when) throw new UserError(`${m.statementFieldsNeeded} ${m.nothingChanged}`);
    // The date is read again only when it was changed: a range shown as its two ends stays as it is.
    // A changed date replaces the whole date: its range end and its basis too (worked out against the statement's source).
    const date =
      when === whenText(statement)
        ? {}
        : (({ value, precision, until, untilPrecision, basis }) => ({ saidAt: value, precision, saidUntil: until ?? null, untilPrecision: untilPrecision ?? null, dateBasis: basis ?? null }))(
            workedOutWhen(when, context, { storyId: statement.storyId, sourceId: statement.sourceIds[0] }, m.whenSaidLabel),
          );
    return { speaker, quote, ...date, context: fieldText(fields, 'context') ?? null, via: fieldText(fields, 'via') ?? null };
  },
  current: (statement) => ({ ...statement }),
};

const RETRACT: RetractSpec<Statement> = {
  command: 'statement',
  noun: 'statement',
  find: (data, id) => data.statements.find((statement) => statement.id === id),
  label: statementLabel,
  apply: (draft, id, reason, author) => retractRecord(draft, 'statement', id, reason, author) as Statement,
  embed: statementEmbed,
};

/** Its preview kinds; `/intake review` accepts proposals through the same render and apply (src/commands/intake.ts). */
export const KINDS: PreviewKinds = {
  'statement.edit': editKind(EDIT),
  'statement.retract': retractKind(RETRACT),
  'statement.add': previewKind<Payload>({
    command: 'statement',
    payload: PayloadSchema,
    render({ statement }, context) {
      // Applied to a copy first, so the preview shows exactly what Confirm will store, or why it can't.
      const messages = readerMessages(context);
      const checked = refusalsAsUserErrors(() => addStatement(draftOf(context.store.read()), statement, context), messages);
      const lookup = storyLookup(context.store.read(), storyByKey(shortKey(statement.storyId), context));
      return { heading: messages.moderation.newStatementPreview, embeds: [{ description: statementBlock(checked, lookup).text }], warnings: [] };
    },
    apply(draft, { statement }, author, messages = en) {
      const saved = addStatement(draft, statement, author);
      return { text: messages.moderation.savedStatement(isolate(safe(saved.speaker), messages)), recordId: saved.id };
    },
    reopen: ({ form }, formId, context) => statementForm(formId, form, undefined, readerMessages(context)),
    revise: ({ statement }, fields, context) =>
      payloadOf({ storyId: statement.storyId, sideId: statement.sideId, sourceIds: statement.sourceIds, eventId: statement.eventId }, fields, context),
  }),
};
