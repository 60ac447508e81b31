import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { eventView, resolveEvent } from '../briefing/query/queries.js';
import { renderEvent } from '../briefing/render/event.js';
import { renderHistory, type HistoryRecord } from '../briefing/render/history.js';
import { formatPartialDate, safe } from '../briefing/render/format.js';
import { describeChanges } from '../briefing/render/preview.js';
import { notice, UserError, type Reply } from '../briefing/reply/reply.js';
import { findByShortKey, shortKey } from './short-key.js';
import { storyLookup } from '../briefing/query/story-lookup.js';
import { z } from 'zod';
import { addEvent, buildEvent, editEvent, findDuplicates, InvalidChange, retractEvent, revisionOf, type EventFields } from '../data/mutations.js';
import { EventSchema, type Claim, type Position, type SitrepEvent, type Source, type Statement, type StoreData, type Story } from '../data/schema.js';
import { eventDateOf, eventForm, formValuesOf, readEventForm, workedOutWhen, type EventFormValues } from './event-form.js';
import { postToSubscribers } from './notify.js';
import { sourceOption, retractSubcommand } from './write-options.js';
import {
  answerPreviewButton,
  answerRevision,
  keepPreview,
  previewButtonId,
  previewKind,
  refusalsAsUserErrors,
  reviseFormId,
  showPreview,
  usablePreview,
  type PreviewKinds,
} from './pending.js';
import { requireEditor } from './rights.js';
import { autocompleteNames, clip, readerMessages, storyByKey, storyFor, storyOption } from './shared.js';
import { isolate, type Messages } from '../i18n/index.js';
import { en } from '../i18n/en.js';
import { draftOf } from '../data/draft.js';
import {
  type Answer,
  type Command,
  type CommandContext,
  type CommandInput,
  type ModalFields,
} from './types.js';
import { defineOptions, parseArgs } from './args.js';
import { componentCodec, FORM_GONE } from './codec.js';

/** A moderator command: registered only in the editorial servers (`npm run deploy`). */
export const scope = 'editorial';

export const data = new SlashCommandBuilder()
  .setName('update')
  .setDescription('Moderators: add, edit or retract an event')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('Add an event (opens a form; nothing is saved until you confirm)')
      .addStringOption((option) => option.setName('source').setDescription('The report it comes from').setAutocomplete(true).setRequired(true))
      .addIntegerOption((option) => option.setName('significance').setDescription('1 (minor) to 5 (major); default 3').setMinValue(1).setMaxValue(5))
      .addBooleanOption((option) => option.setName('notify').setDescription('Post it to the subscribed channels'))
      .addStringOption(storyOption),
  )
  .addSubcommand((sub) =>
    sub
      .setName('edit')
      .setDescription('Edit an event (opens a form with its current values)')
      .addStringOption((option) => option.setName('id').setDescription('The event').setAutocomplete(true).setRequired(true))
      .addStringOption((option) => option.setName('reason').setDescription('Why, for readers: shown with the correction in the next briefings').setMaxLength(300))
      .addStringOption(storyOption),
  )
  .addSubcommand(retractSubcommand('Retract an event: kept in the record, hidden from every briefing', 'The event', 'Why, for the record'))
  .addSubcommand((sub) =>
    sub
      .setName('history')
      .setDescription('Who changed a record (event, statement, question, source, story), when, and what changed')
      .addStringOption((option) => option.setName('id').setDescription('The record').setAutocomplete(true).setRequired(true))
      .addStringOption(storyOption),
  )
  .toJSON();

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({
  add: { source: 'string!', significance: 'integer', notify: 'boolean', story: 'string' },
  edit: { id: 'string!', reason: 'string', story: 'string' },
  retract: { id: 'string!', reason: 'string!', story: 'string' },
  history: { id: 'string!', story: 'string' },
});

/**
 * The forms — `update:add:<story key>:<source id>:<significance>:<notify 0|1>`,
 * `update:edit:<event id>:<revision>:<held preview id>` — and the history's Previous / Next,
 * `update:history:<page>:<story key>:<record key>:<kind, empty for an event>`.
 */
const addFormId = componentCodec('update', ['story', 'source', 'significance', 'notify'], { tag: 'add', refusal: FORM_GONE });
const editFormId = componentCodec('update', ['event', 'revision', 'held'], { tag: 'edit', refusal: FORM_GONE });
const historyButton = componentCodec('update', ['page', 'story', 'record', 'kind'], { tag: 'history' });

const eventNames = autocompleteNames({ id: 'event', source: 'source' });
const recordNames = autocompleteNames({ id: 'record' });
/** `id` names an event, except in `history`, where it names any record of the story. */
export const autocomplete: NonNullable<Command['autocomplete']> = (focused, input, context) =>
  (input.subcommand === 'history' ? recordNames : eventNames)(focused, input, context);

export async function execute(input: CommandInput, context: CommandContext): Promise<Answer> {
  const args = parseArgs(options, input);
  const story = storyFor(args, context);
  if (input.subcommand === 'history') return history(story, findHistoryRecord(context.store.read(), story, args.id ?? ''), 1, context);
  requireEditor(context);
  const data = context.store.read();
  if (input.subcommand === 'add') {
    const source = sourceOption(story, args, context);
    const significance = args.significance ?? 3;
    const notify = args.notify ? 1 : 0;
    const { moderation } = readerMessages(context);
    return { modal: eventForm(addFormId.encode({ story: shortKey(story.id), source: source.id, significance, notify }), moderation.addUpdateTitle, story, undefined, readerMessages(context)) };
  }
  const event = resolveEvent(data, story, args.id ?? '');
  if (input.subcommand === 'edit') {
    // A custom_id has no room for the reason: it waits in the store, in the edit's preview, until the form comes back.
    const reason = args.reason?.trim();
    const held = reason ? await keepPreview('event.edit', { eventId: event.id, baseRevision: event.revision, reason } satisfies EditPayload, context, KINDS) : '';
    return { modal: eventForm(editFormId.encode({ event: event.id, revision: event.revision, held }), readerMessages(context).moderation.editUpdateTitle, story, formValuesOf(event), readerMessages(context)) };
  }
  const reason = args.reason ?? '';
  return showPreview('event.retract', { eventId: event.id, reason } satisfies RetractPayload, context, KINDS);
}

/** `update:add:…` and `update:edit:…` from the slash command; `update:revise:<preview>` from Edit. */
export async function modalSubmit(parts: string[], fields: ModalFields, context: CommandContext): Promise<Reply> {
  if (reviseFormId('update').matches(parts)) return answerRevision(reviseFormId('update').decode(parts).preview, fields, context, KINDS);
  requireEditor(context);
  const form = readEventForm(fields, readerMessages(context));
  if (addFormId.matches(parts)) {
    const { story: storyKey, source: sourceId, significance, notify } = addFormId.decode(parts);
    const story = storyByKey(storyKey, context);
    const fixed = { storyId: story.id, sourceIds: [sourceId], significance: Number(significance) || 3 };
    return showPreview('event.add', addPayload(fixed, notify === '1', form, context), context, KINDS);
  }
  if (editFormId.matches(parts)) {
    const { event: eventId, revision, held: heldId } = editFormId.decode(parts);
    if (heldId) {
      const { preview, payload } = usablePreview(context.store.read(), heldId, context, KINDS);
      if (preview.kind !== 'event.edit') throw new UserError(readerMessages(context).moderation.formStale);
      return showPreview('event.edit', editPayload(payload as EditPayload, form, context), context, KINDS, heldId);
    }
    return showPreview('event.edit', editPayload({ eventId, baseRevision: Number(revision) }, form, context), context, KINDS);
  }
  throw new UserError(readerMessages(context).moderation.formStale);
}

export async function component(parts: string[], context: CommandContext): Promise<Answer> {
  if (historyButton.matches(parts)) {
    // Buttons made before other records had a history name no kind: they are an event's.
    const { page, story: storyKey, record: recordKey, kind } = historyButton.decode(parts);
    const story = storyByKey(storyKey, context);
    const data = context.store.read();
    const entity = HISTORY_KINDS.find((candidate) => candidate === kind) ?? 'event';
    const records: ReadonlyArray<{ id: string }> = entity === 'story' ? data.stories : data[COLLECTIONS[entity]];
    const record = findByShortKey(records, recordKey);
    return history(story, record ? { entity, id: record.id } : { entity, id: '' }, Number(page), context);
  }
  const { action, preview } = previewButtonId('update').decode(parts);
  return answerPreviewButton(action, preview, context, KINDS);
}

const EventFieldsSchema = z
  .strictObject(EventSchema.shape)
  .pick({ storyId: true, title: true, summary: true, occurredAt: true, precision: true, occurredUntil: true, untilPrecision: true, dateBasis: true, location: true, sideIds: true, sourceIds: true, significance: true });
const EventFormSchema = z.strictObject({ title: z.string(), summary: z.string(), when: z.string(), sideIds: z.array(z.string()), location: z.string().optional() });

const AddPayloadSchema = z.strictObject({ fields: EventFieldsSchema, notify: z.boolean(), form: EventFormSchema });
type AddPayload = z.infer<typeof AddPayloadSchema>;
const EditPayloadSchema = z.strictObject({
  eventId: z.string(),
  baseRevision: z.number(),
  reason: z.string().optional(),
  /** Absent while the form is open: `/update edit reason:` keeps the reason here first. */
  form: EventFormSchema.optional(),
  changes: EventFieldsSchema.omit({ storyId: true }).partial().optional(),
});
type EditPayload = z.infer<typeof EditPayloadSchema>;
const RetractPayloadSchema = z.strictObject({ eventId: z.string(), reason: z.string() });
type RetractPayload = z.infer<typeof RetractPayloadSchema>;

/** The date typed is resolved once, when the form comes back, against the chosen source: "Tuesday" stays the day it meant. */
function addPayload(fixed: Pick<EventFields, 'storyId' | 'sourceIds' | 'significance'>, notify: boolean, form: EventFormValues, context: CommandContext): AddPayload {
  const when = workedOutWhen(form.when, context, { storyId: fixed.storyId, sourceId: fixed.sourceIds[0] });
  return { fields: { ...fixed, ...eventDateOf(when), ...formFields(form) }, notify, form };
}

/** An edit's "when" is worked out against the event's first source; a date left as it was keeps its basis. */
function editPayload(held: Pick<EditPayload, 'eventId' | 'baseRevision' | 'reason'>, form: EventFormValues, context: CommandContext): EditPayload {
  const current = context.store.read().events.find((event) => event.id === held.eventId);
  const when = workedOutWhen(form.when, context, { storyId: current?.storyId ?? '', sourceId: current?.sourceIds[0] });
  const date = eventDateOf(when);
  const sameDate = current && (['occurredAt', 'precision', 'occurredUntil', 'untilPrecision'] as const).every((field) => current[field] === date[field]);
  const dateChanges = sameDate ? (when.basis ? { dateBasis: when.basis } : {}) : date;
  return { eventId: held.eventId, baseRevision: held.baseRevision, reason: held.reason, form, changes: { ...formFields(form), ...dateChanges } };
}

/** A new date replaces the whole date: an end or a basis it does not give is dropped, not kept from the old one. */
const wholeDate = (changes: NonNullable<EditPayload['changes']>) =>
  'occurredAt' in changes ? { occurredUntil: undefined, untilPrecision: undefined, dateBasis: undefined, ...changes } : changes;

const storyOf = (storyId: string, context: CommandContext) => storyByKey(shortKey(storyId), context);
const revisedForm = (formId: string, story: Story, form: EventFormValues | undefined, context: CommandContext) =>
  eventForm(formId, readerMessages(context).moderation.reviseUpdateTitle, story, form, readerMessages(context));

/** Events' previews: add, edit, retract. Each is plain data in the store until Confirm. */
const KINDS: PreviewKinds = {
  'event.add': previewKind<AddPayload>({
    command: 'update',
    payload: AddPayloadSchema,
    render({ fields, notify }, context) {
      const data = context.store.read();
      const event = refusalsAsUserErrors(() => buildEvent(data, fields, context));
      const messages = readerMessages(context);
      const warnings = findDuplicates(data, event).map((d) => messages.moderation.possibleDuplicate(isolate(safe(d.title), messages), d.id));
      if (notify) warnings.push(messages.moderation.alsoPostedOnConfirm);
      return { heading: messages.moderation.newUpdatePreview, embeds: eventEmbeds(storyOf(fields.storyId, context), event, context), warnings };
    },
    apply(draft, { fields }, author, messages = en) {
      const saved = addEvent(draft, buildEvent(draft, fields, author), author);
      return { text: messages.moderation.savedRecord(eventLine(saved, messages)), recordId: saved.id };
    },
    reopen: ({ fields, form }, formId, context) => revisedForm(formId, storyOf(fields.storyId, context), form, context),
    revise: (payload, fields, context) => addPayload(payload.fields, payload.notify, readEventForm(fields, readerMessages(context)), context),
    async afterSave({ notify }, saved, context) {
      if (!notify) return '';
      const event = context.store.read().events.find((e) => e.id === saved.recordId);
      if (!event) return '';
      // Posting can take longer than Discord's 3 s to answer: say "thinking" first, then edit the answer.
      await context.defer?.();
      const posted = await postToSubscribers(event, context);
      return readerMessages(context).moderation.postedTo(posted);
    },
  }),
  'event.edit': previewKind<EditPayload>({
    command: 'update',
    payload: EditPayloadSchema,
    render({ eventId, baseRevision, reason, changes }, context) {
      const data = context.store.read();
      const messages = readerMessages(context);
      const current = data.events.find((event) => event.id === eventId);
      if (!current) throw new UserError(messages.moderation.recordGone(messages.recordKind.event));
      if (!changes) throw new UserError(messages.moderation.fillFormFirst);
      const edited = refusalsAsUserErrors(() => editEvent(draftOf(data), eventId, wholeDate(changes), baseRevision, context), messages);
      const after = Object.fromEntries(
        Object.entries(wholeDate(changes)).filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(current[field as keyof SitrepEvent])),
      );
      const before = Object.fromEntries(Object.keys(after).map((field) => [field, current[field as keyof SitrepEvent]]));
      return {
        heading: messages.moderation.editPreview(isolate(`“${safe(current.title)}”`, messages)),
        embeds: eventEmbeds(storyOf(current.storyId, context), edited, context),
        warnings: [...describeChanges(before, after), ...(reason ? [messages.moderation.reasonWithCorrection(safe(reason))] : [])],
      };
    },
    apply(draft, { eventId, baseRevision, reason, changes }, author, messages = en) {
      if (!changes) throw new InvalidChange('There is nothing to save yet: submit the form first.');
      const saved = editEvent(draft, eventId, wholeDate(changes), baseRevision, author, reason);
      return { text: messages.moderation.savedEdit(eventLine(saved, messages)), recordId: saved.id };
    },
    reopen({ eventId, form }, formId, context) {
      const event = context.store.read().events.find((candidate) => candidate.id === eventId);
      if (!event) throw new UserError(((m) => m.moderation.recordGone(m.recordKind.event))(readerMessages(context)));
      return revisedForm(formId, storyOf(event.storyId, context), form ?? formValuesOf(event), context);
    },
    revise: (payload, fields, context) => editPayload(payload, readEventForm(fields, readerMessages(context)), context),
  }),
  'event.retract': previewKind<RetractPayload>({
    command: 'update',
    payload: RetractPayloadSchema,
    render({ eventId, reason }, context) {
      const event = context.store.read().events.find((candidate) => candidate.id === eventId);
      const messages = readerMessages(context);
      if (!event) throw new UserError(messages.moderation.recordGone(messages.recordKind.event));
      return {
        heading: messages.moderation.retractHeading(isolate(`“${safe(event.title)}”`, messages)),
        embeds: eventEmbeds(storyOf(event.storyId, context), event, context),
        warnings: [messages.moderation.reasonShown(safe(reason)), messages.moderation.eventRetractNote],
      };
    },
    apply(draft, { eventId, reason }, author, messages = en) {
      const retracted = retractEvent(draft, eventId, reason, author);
      return { text: messages.moderation.retractedRecord(isolate(`**${safe(retracted.title)}**`, messages)), recordId: retracted.id };
    },
  }),
};

/** "**<title>** (<date>, `<id>`)": the title isolated in a right-to-left line, the date in the moderator's language. */
function eventLine(event: SitrepEvent, messages: Messages): string {
  return `${isolate(`**${safe(event.title)}**`, messages)} (${formatPartialDate(event.occurredAt, event.precision, messages.language)}, \`${event.id}\`)`;
}

function eventEmbeds(story: Story, event: SitrepEvent, context: CommandContext) {
  const data = context.store.read();
  const reply = renderEvent(
    eventView(data, event),
    storyLookup(data, story),
    { page: 1, customIdFor: () => '' },
  );
  return reply.embeds ?? [];
}

const HISTORY_KINDS = ['event', 'statement', 'claim', 'source', 'story', 'position'] as const;
type HistoryKind = (typeof HISTORY_KINDS)[number];
const COLLECTIONS = { event: 'events', statement: 'statements', claim: 'claims', source: 'sources', position: 'positions' } as const;
const NOUNS: Record<HistoryKind, string> = { event: 'event', statement: 'statement', claim: 'question', source: 'source', story: 'story', position: 'position' };

/**
 * What `/update history id:` names: `<kind>:<id>` from the list as you type, or a bare id, looked up
 * among the story's events, statements, questions and sources, then the story itself.
 */
function findHistoryRecord(data: Readonly<StoreData>, story: Story, typed: string): { entity: HistoryKind; id: string } {
  const [prefix = '', rest] = typed.includes(':') ? typed.split(/:(.*)/s) : ['', typed];
  const kinds = HISTORY_KINDS.filter((kind) => !prefix || kind === prefix);
  const id = kinds.length && prefix ? (rest ?? '') : typed;
  for (const kind of kinds.length ? kinds : HISTORY_KINDS) {
    const found = kind === 'story' ? story.id === id : data[COLLECTIONS[kind]].some((record) => record.id === id && record.storyId === story.id);
    if (found) return { entity: kind, id };
  }
  return { entity: 'event', id: typed };
}

function history(story: Story, target: { entity: HistoryKind; id: string }, page: number, context: CommandContext): Reply {
  const data = context.store.read();
  const record = historyRecord(data, story, target);
  if (!record) return notice(`There is no record \`${clip(target.id, 100)}\` in **${safe(story.title)}**. Pick one from the list as you type.`);
  const entries = data.audit.filter((entry) => entry.entity === target.entity && entry.entityId === target.id);
  return renderHistory(record, entries, {
    page,
    customIdFor: (to) => historyButton.encode({ page: to, story: shortKey(story.id), record: shortKey(target.id), kind: target.entity === 'event' ? undefined : target.entity }),
  });
}

function historyRecord(data: Readonly<StoreData>, story: Story, { entity, id }: { entity: HistoryKind; id: string }): HistoryRecord | undefined {
  const kind = NOUNS[entity];
  if (entity === 'story') return story.id === id ? { kind, title: story.title, revision: revisionOf(story), retracted: false } : undefined;
  if (entity === 'event') {
    const event = data.events.find((candidate) => candidate.id === id && candidate.storyId === story.id);
    return event && { kind, title: event.title, revision: event.revision, retracted: event.status === 'retracted' };
  }
  const record = (data[COLLECTIONS[entity]] as Array<Statement | Claim | Source | Position>).find((candidate) => candidate.id === id && candidate.storyId === story.id);
  if (!record) return undefined;
  const title =
    'speaker' in record ? `${record.speaker}: “${record.quote}”` : 'question' in record ? record.question : 'statementId' in record ? record.text : [record.outlet, record.title].filter(Boolean).join(' — ');
  return { kind, title: title.length > 200 ? `${title.slice(0, 199)}…` : title, revision: revisionOf(record), retracted: Boolean(record.retraction) };
}

function formFields(form: EventFormValues) {
  return { title: form.title, summary: form.summary, sideIds: form.sideIds, location: form.location };
}
