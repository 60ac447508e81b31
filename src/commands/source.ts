import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { safe } from '../briefing/render/format.js';
import { sourceLine } from '../briefing/render/citations.js';
import { form, textField } from '../briefing/render/forms.js';
import type { Reply } from '../briefing/reply/reply.js';
import { UserError } from '../briefing/reply/reply.js';
import { shortKey } from './short-key.js';
import { parseWhen } from '../briefing/input/when-input.js';
import { addSource, editRecord, retractRecord, revisionOf } from '../data/mutations.js';
import { z } from 'zod';
import { SourceSchema, type Precision, type Source, type StoreData, type Story } from '../data/schema.js';
import { plainDate } from '../briefing/render/format.js';
import { storySources } from '../briefing/query/queries.js';
import { editKind, openEdit, retractKind, shortLabel, type EditSpec, type RetractPayload, type RetractSpec } from './corrections.js';
import { answerPreviewButton, answerRevision, previewKind, refusalsAsUserErrors, showPreview, previewButtonId, reviseFormId, type PreviewKinds } from './pending.js';
import { requireEditor } from './rights.js';
import { autocompleteNames, clip, readerMessages, storyByKey, storyFor, storyOption } from './shared.js';
import { en } from '../i18n/en.js';
import { isolate, type Messages } from '../i18n/index.js';
import type { Answer, AttachmentRef, CommandContext, CommandInput, ModalFields } from './types.js';
import { keepIntake, MAX_PASTED_TEXT, sourceFromFile, sourceFromLink, sourceFromText, type SourceFromReport } from './source-intake.js';
import { fieldText, formValues, FormValuesSchema, retractSubcommand } from './write-options.js';
import { draftOf } from '../data/draft.js';
import { defineOptions, parseArgs } from './args.js';
import { componentCodec, FORM_GONE } from './codec.js';

/** A moderator command: registered only in the editorial servers (`npm run deploy`). */
export const scope = 'editorial';

export const data = new SlashCommandBuilder()
  .setName('source')
  .setDescription('Moderators: add a report that events, statements and claims can cite')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('Add a source (opens a form; a link or a file fills it in)')
      .addStringOption(storyOption)
      .addStringOption((o) => o.setName('url').setDescription("The report's link: its outlet, headline and date are read from the page").setMaxLength(2000))
      .addAttachmentOption((o) => o.setName('file').setDescription('The report as a .txt, .html or .md file (offline or paywalled)')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('paste')
      .setDescription('Add a source from a short report’s text (opens a form; its quotes are kept for /intake review)')
      .addStringOption(storyOption),
  )
  .addSubcommand((sub) =>
    sub
      .setName('edit')
      .setDescription('Correct a source: outlet, headline, link, date, note (opens a form)')
      .addStringOption((o) => o.setName('id').setDescription('The source').setAutocomplete(true).setRequired(true))
      .addStringOption((o) => o.setName('reason').setDescription('Why, for readers: shown with the correction').setMaxLength(300))
      .addStringOption(storyOption),
  )
  .addSubcommand(retractSubcommand('Retract a source no record cites any more: kept, reachable by id', 'The source'))
  .toJSON();

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({
  add: { story: 'string', url: 'string', file: 'attachment' },
  paste: { story: 'string' },
  edit: { id: 'string!', reason: 'string', story: 'string' },
  retract: { id: 'string!', reason: 'string!', story: 'string' },
});

export const autocomplete = autocompleteNames({ id: 'source' });

const sourceForm = (id: string, values: ModalFields = {}, title?: string, { moderation: m }: Messages = en) =>
  form(id, title ?? m.addSourceTitle, [
    textField({ id: 'outlet', label: m.outletLabel, maxLength: 100, value: fieldText(values, 'outlet') }),
    textField({ id: 'title', label: m.headlineLabel, required: false, maxLength: 256, value: fieldText(values, 'title') }),
    textField({ id: 'url', label: m.linkLabel, required: false, maxLength: 300, value: fieldText(values, 'url'), placeholder: 'https://…' }),
    textField({ id: 'date', label: m.publishedLabel, required: false, maxLength: 40, value: fieldText(values, 'date'), placeholder: '18 Jan 2024 · 2024-01-18 11:26' }),
    textField({ id: 'note', label: m.sourceNoteLabel, long: true, required: false, maxLength: 500, value: fieldText(values, 'note') }),
  ]);

/** The add form: `source:add:<story key>`. */
const addFormId = componentCodec('source', ['story'], { tag: 'add', refusal: FORM_GONE });
/** The paste form: `source:paste:<story key>`. */
const pasteFormId = componentCodec('source', ['story'], { tag: 'paste', refusal: FORM_GONE });

const pasteForm = (id: string, { moderation: m }: Messages = en) =>
  form(id, m.pasteReportTitle, [
    textField({ id: 'text', label: m.reportTextLabel, long: true, maxLength: MAX_PASTED_TEXT }),
    textField({ id: 'outlet', label: m.outletLabel, required: false, maxLength: 100 }),
    textField({ id: 'title', label: m.headlineLabel, required: false, maxLength: 256 }),
    textField({ id: 'date', label: m.publishedLabel, required: false, maxLength: 40, placeholder: '18 Jan 2024 · 2024-01-18 11:26' }),
    textField({ id: 'url', label: m.linkLabel, required: false, maxLength: 300, placeholder: 'https://…' }),
  ]);

export async function execute(input: CommandInput, context: CommandContext): Promise<Answer> {
  const args = parseArgs(options, input);
  requireEditor(context);
  const story = storyFor(args, context);
  if (input.subcommand === 'edit' || input.subcommand === 'retract') {
    const id = args.id ?? '';
    const source = context.store.read().sources.find((candidate) => candidate.id === id && candidate.storyId === story.id);
    if (!source) throw new UserError(`There is no source \`${clip(id, 100)}\` in **${safe(story.title)}**. Pick one from the list as you type. Nothing was changed.`);
    if (input.subcommand === 'retract') {
      return showPreview('source.retract', { id: source.id, reason: args.reason ?? '' } satisfies RetractPayload, context, KINDS);
    }
    return openEdit('source.edit', EDIT, source, { id: source.id, baseRevision: revisionOf(source), reason: args.reason }, context, KINDS);
  }
  if (input.subcommand === 'paste') return { modal: pasteForm(pasteFormId.encode({ story: shortKey(story.id) }), readerMessages(context)) };
  if (args.url !== undefined || input.attachments?.file) return previewFromReport(args.url, input.attachments?.file, story, context);
  return { modal: sourceForm(addFormId.encode({ story: shortKey(story.id) }), {}, undefined, readerMessages(context)) };
}

/** `/source add url:` or `file:` — the report read (after deferring: fetching may take seconds) into the add preview. */
async function previewFromReport(url: string | undefined, file: AttachmentRef | undefined, story: Story, context: CommandContext): Promise<Reply> {
  if (url !== undefined && file) throw new UserError(readerMessages(context).moderation.linkOrFile);
  await context.defer?.();
  const found = url !== undefined ? await sourceFromLink(url, context, story) : await sourceFromFile(file!, context, story);
  return previewFound(found, story.id, url !== undefined ? 'link' : 'file', context);
}

/** `/source paste`'s form came back: the text read like a file, the typed outlet, headline and date over what it says. */
function previewFromPaste(storyId: string, fields: ModalFields, context: CommandContext): Promise<Reply> {
  const typedDate = fieldText(fields, 'date');
  const published = typedDate ? parseWhen(typedDate, context.now, context.timeZone) : undefined;
  const story = storyByKey(shortKey(storyId), context);
  const found = sourceFromText(
    fieldText(fields, 'text') ?? '',
    { outlet: fieldText(fields, 'outlet'), title: fieldText(fields, 'title'), link: fieldText(fields, 'url'), ...(published ? { published: { value: published.value, precision: published.precision } } : {}) },
    context,
    story,
  );
  return previewFound(found, storyId, 'text', context);
}

/** The report's proposals kept as an intake, then the add preview pre-filled from it. */
async function previewFound(found: SourceFromReport, storyId: string, from: 'link' | 'file' | 'text', context: CommandContext): Promise<Reply> {
  const kept = await keepIntake(found, storyId, from, context);
  const { outlet, title, url: link } = found.fields;
  const source = {
    storyId,
    outlet,
    ...(title ? { title } : {}),
    ...(link ? { url: link } : {}),
    ...(found.publishedAt && found.publishedPrecision ? { publishedAt: found.publishedAt, publishedPrecision: found.publishedPrecision } : {}),
  };
  const intake = {
    missing: found.missing,
    ...(found.quotations !== undefined ? { quotations: found.quotations } : {}),
    ...(kept ? { id: kept.id, figures: kept.figures } : {}),
  };
  return showPreview('source.add', { source, form: formValues({ ...found.fields }), intake } satisfies Payload, context, KINDS);
}

export async function modalSubmit(parts: string[], fields: ModalFields, context: CommandContext): Promise<Reply> {
  if (reviseFormId('source').matches(parts)) return answerRevision(reviseFormId('source').decode(parts).preview, fields, context, KINDS);
  requireEditor(context);
  if (pasteFormId.matches(parts)) return previewFromPaste(storyByKey(pasteFormId.decode(parts).story, context).id, fields, context);
  return showPreview('source.add', payloadOf(storyByKey(addFormId.decode(parts).story, context).id, fields, context), context, KINDS);
}

export function component(parts: string[], context: CommandContext): Promise<Answer> {
  const { action, preview } = previewButtonId('source').decode(parts);
  return answerPreviewButton(action, preview, context, KINDS);
}

const PayloadSchema = z.strictObject({
  source: z.strictObject(SourceSchema.shape).omit({ id: true }),
  form: FormValuesSchema,
  /** From `/source add url:` or `file:`: what the report did not say, and how many quotations it holds. */
  intake: z
    .strictObject({
      missing: z.array(z.enum(['outlet', 'date'])),
      quotations: z.number().int().min(0).optional(),
      /** The intake its proposals are kept in: Confirm links it to the saved source (`/intake review`). */
      id: z.string().max(24).optional(),
      figures: z.number().int().min(0).optional(),
    })
    .optional(),
});
type Payload = z.infer<typeof PayloadSchema>;

function payloadOf(storyId: string, fields: ModalFields, context: CommandContext): Payload {
  const outlet = fieldText(fields, 'outlet');
  if (!outlet) throw new UserError(readerMessages(context).moderation.outletNeeded);
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

/** The publication date as the edit form shows it; a range as its two ends. */
function dateText(source: Source): string {
  if (!source.publishedAt || !source.publishedPrecision) return '';
  const one = (value: string, precision: Precision) => (precision === 'minute' ? value : plainDate(value, precision));
  const start = one(source.publishedAt, source.publishedPrecision);
  return source.publishedUntil && source.publishedUntilPrecision ? `${start} – ${one(source.publishedUntil, source.publishedUntilPrecision)}` : start;
}

const sourceLabel = (source: Source) => `the source “${shortLabel([source.outlet, source.title].filter(Boolean).join(' — '))}” (\`${source.id}\`)`;
const sourceEmbed = (source: Source, context: CommandContext) => {
  const number = storySources(context.store.read(), source.storyId).findIndex((candidate) => candidate.id === source.id) + 1;
  return { description: `${sourceLine(source, number || 1)}${source.note ? `\n> ${safe(source.note)}` : ''}` };
};
const findSource = (data: Readonly<StoreData>, id: string) => data.sources.find((source) => source.id === id);

const EDIT: EditSpec<Source> = {
  command: 'source',
  noun: 'source',
  find: (data, { id }) => findSource(data, id),
  label: sourceLabel,
  apply: (draft, { id, changes, baseRevision, reason }, author) => editRecord(draft, 'source', id, changes, baseRevision, author, reason) as Source,
  embed: sourceEmbed,
  form: (formId, values, context) => ((messages) => sourceForm(formId, values, messages.moderation.correctSourceTitle, messages))(context ? readerMessages(context) : en),
  formValues: (source) => ({ outlet: source.outlet, title: source.title ?? '', url: source.url ?? '', date: dateText(source), note: source.note ?? '' }),
  changesOf(fields, source, _payload, context) {
    const outlet = fieldText(fields, 'outlet');
    if (!outlet) throw new UserError(`${readerMessages(context).moderation.outletNeeded} ${readerMessages(context).moderation.nothingChanged}`);
    const typed = fieldText(fields, 'date') ?? '';
    // The date is read again only when it was changed: a range shown as its two ends stays as it is.
    const date =
      typed === dateText(source)
        ? {}
        : typed
          ? (({ value, precision }) => ({ publishedAt: value, publishedPrecision: precision }))(parseWhen(typed, context.now, context.timeZone))
          : { publishedAt: null, publishedPrecision: null };
    return { outlet, title: fieldText(fields, 'title') ?? null, url: fieldText(fields, 'url') ?? null, ...date, note: fieldText(fields, 'note') ?? null };
  },
  current: (source) => ({ ...source }),
};

const RETRACT: RetractSpec<Source> = {
  command: 'source',
  noun: 'source',
  find: findSource,
  label: sourceLabel,
  apply: (draft, id, reason, author) => retractRecord(draft, 'source', id, reason, author) as Source,
  embed: sourceEmbed,
};

const KINDS: PreviewKinds = {
  'source.edit': editKind(EDIT),
  'source.retract': retractKind(RETRACT),
  'source.add': previewKind<Payload>({
    command: 'source',
    payload: PayloadSchema,
    render({ source, intake }, context) {
      const messages = readerMessages(context);
      const m = messages.moderation;
      const checked = refusalsAsUserErrors(() => addSource(draftOf(context.store.read()), source, context), messages);
      const number = context.store.read().sources.filter((candidate) => candidate.storyId === source.storyId).length + 1;
      const found = intake?.quotations !== undefined ? `\n\n${m.quotationsFound(intake.quotations, intake.figures ?? 0)}` : '';
      return {
        heading: m.newSourcePreview,
        embeds: [{ description: `${sourceLine(checked, number)}${checked.note ? `\n> ${safe(checked.note)}` : ''}${found}` }],
        warnings: (intake?.missing ?? []).map((field) => (field === 'outlet' ? m.noOutletFound : m.noDateFound)),
      };
    },
    apply(draft, { source, intake }, author, messages = en) {
      const saved = addSource(draft, source, author);
      // The intake's statements cite this source: linked in the same write, so review can begin.
      const kept = intake?.id ? draft.intakes.find((candidate) => candidate.id === intake.id) : undefined;
      if (kept && !kept.source.sourceId) {
        // As confirmed (the moderator may have corrected the outlet or date), for the review's cards.
        const { outlet, title, url, publishedAt, publishedPrecision } = saved;
        kept.source = { from: kept.source.from, outlet, ...(title ? { title } : {}), ...(url ? { url } : {}), ...(publishedAt && publishedPrecision ? { publishedAt, publishedPrecision } : {}), sourceId: saved.id };
      }
      return { text: messages.moderation.savedSource(isolate(safe(saved.outlet), messages)), recordId: saved.id };
    },
    reopen: ({ form }, formId, context) => sourceForm(formId, form, undefined, readerMessages(context)),
    revise: ({ source, intake }, fields, context) => ({
      ...payloadOf(source.storyId, fields, context),
      ...(intake?.id ? { intake: { missing: [], ...(intake.quotations !== undefined ? { quotations: intake.quotations } : {}), id: intake.id, ...(intake.figures !== undefined ? { figures: intake.figures } : {}) } } : {}),
    }),
  }),
};
