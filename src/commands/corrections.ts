import type { APIEmbed, APIModalInteractionResponseCallbackData } from 'discord.js';
import { z } from 'zod';
import { safe } from '../briefing/render/format.js';
import { describeFieldChanges } from '../briefing/render/history.js';
import { UserError } from '../briefing/reply/reply.js';
import type { ChangeAuthor } from '../data/audit.js';
import { draftOf } from '../data/draft.js';
import { cleared, InvalidChange } from '../data/mutations.js';
import type { PreviewKindName, StoreData } from '../data/schema.js';
import { keepPreview, previewKind, refusalsAsUserErrors, reviseFormId, type PreviewKind, type PreviewKinds } from './pending.js';
import type { Answer, CommandContext, ModalFields } from './types.js';
import { formValues, FormValuesSchema } from './write-options.js';
import { readerMessages } from './shared.js';
import { en } from '../i18n/en.js';
import { isolate, type Messages } from '../i18n/index.js';

/**
 * Corrections of any record, the way events are corrected: `/<command> edit` keeps an edit preview
 * in the store (the record's id, the revision the form starts from, the reason) and opens a form
 * pre-filled with the record's values; the form comes back as that preview's revision
 * (`<command>:revise:<preview id>`), its preview shows each changed field before → after, and
 * Confirm saves once. A retraction previews the record and its reason first.
 */

/** An edit waiting for its form, then for Confirm. `account`: which claim account (from 1), for an account edit. */
export const EditPayloadSchema = z.strictObject({
  id: z.string(),
  baseRevision: z.number().int().min(1),
  reason: z.string().optional(),
  account: z.number().int().min(1).optional(),
  /** Changes chosen with the command's options (a side, a source from a list), kept with the form's. */
  fixed: z.record(z.string(), z.unknown()).optional(),
  /** Absent until the form comes back. */
  changes: z.record(z.string(), z.unknown()).optional(),
  form: FormValuesSchema.optional(),
});
export type EditPayload = z.infer<typeof EditPayloadSchema>;

export const RetractPayloadSchema = z.strictObject({ id: z.string(), reason: z.string() });
export type RetractPayload = z.infer<typeof RetractPayloadSchema>;

export interface EditSpec<R> {
  command: string;
  /** "statement", "claim", "account", "source", "story": how the record is named in replies. */
  noun: string;
  find(data: Readonly<StoreData>, payload: EditPayload): R | undefined;
  /** A few words naming the record, markdown-safe. */
  label(record: R, payload: EditPayload): string;
  /** Makes the change (a draft in the preview, the store's draft on Confirm); throws InvalidChange. */
  apply(draft: StoreData, payload: EditPayload & { changes: Record<string, unknown> }, author: ChangeAuthor): R;
  embed(record: R, context: CommandContext): APIEmbed;
  form(formId: string, values: ModalFields, context?: CommandContext): APIModalInteractionResponseCallbackData;
  /** The record's values as the form shows them. */
  formValues(record: R, payload: EditPayload): ModalFields;
  /** The record's fields as the form describes them: the proposed changes (unchanged fields are ignored; an emptied one is `null`). */
  changesOf(fields: ModalFields, record: R, payload: EditPayload, context: CommandContext): Record<string, unknown>;
  /** The record's current values of the fields `changesOf` names, for the preview's before → after. */
  current(record: R, payload: EditPayload): Record<string, unknown>;
}

/** A record's noun in the moderator's language ("account" has none of its own: the English word stays). */
const nounIn = (noun: string, messages: Messages) => (noun in messages.recordKind ? messages.recordKind[noun as keyof Messages['recordKind']] : isolate(noun, messages));
const gone = (noun: string, context: CommandContext) => ((messages) => new UserError(messages.moderation.recordGone(nounIn(noun, messages))))(readerMessages(context));

/** The preview kind of an edit: render (the difference), apply, reopen and revise the form. */
export function editKind<R>(spec: EditSpec<R>): PreviewKind<unknown> {
  const find = (payload: EditPayload, context: CommandContext) => {
    const record = spec.find(context.store.read(), payload);
    if (!record) throw gone(spec.noun, context);
    return record;
  };
  return previewKind<EditPayload>({
    command: spec.command,
    payload: EditPayloadSchema,
    render(payload, context) {
      const current = find(payload, context);
      const { changes } = payload;
      const messages = readerMessages(context);
      if (!changes) throw new UserError(messages.moderation.fillFormFirst);
      const edited = refusalsAsUserErrors(() => spec.apply(draftOf(context.store.read()), { ...payload, changes }, context), messages);
      const was = spec.current(current, payload);
      const after = Object.fromEntries(Object.entries(cleared(changes)).filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(was[field])));
      const before = Object.fromEntries(Object.keys(after).map((field) => [field, was[field]]));
      const reason = payload.reason ? [messages.moderation.reasonWithCorrection(safe(payload.reason))] : [];
      return {
        heading: messages.moderation.editPreview(isolate(spec.label(current, payload), messages)),
        embeds: [spec.embed(edited, context)],
        warnings: [...describeFieldChanges(before, after), ...reason],
      };
    },
    apply(draft, payload, author, messages: Messages = en) {
      const { changes } = payload;
      if (!changes) throw new InvalidChange('There is nothing to save yet: submit the form first.');
      const saved = spec.apply(draft, { ...payload, changes }, author);
      return { text: messages.moderation.savedEdit(isolate(spec.label(saved, payload), messages)), recordId: payload.id };
    },
    reopen(payload, formId, context) {
      const current = find(payload, context);
      return spec.form(formId, payload.form ?? spec.formValues(current, payload), context);
    },
    revise(payload, fields, context) {
      const current = find(payload, context);
      return { ...payload, form: formValues(fields), changes: { ...spec.changesOf(fields, current, payload, context), ...payload.fixed } };
    },
  });
}

/**
 * Opens an edit: keeps its preview (id, revision, reason) and answers with the form, pre-filled,
 * whose submission revises that preview.
 */
export async function openEdit<R>(
  kindName: PreviewKindName,
  spec: EditSpec<R>,
  record: R,
  held: Omit<EditPayload, 'changes' | 'form'>,
  context: CommandContext,
  kinds: PreviewKinds,
): Promise<Answer> {
  const retraction = (record as { retraction?: { reason: string } }).retraction;
  if (retraction) {
    const messages = readerMessages(context);
    throw new UserError(messages.moderation.retractedNoEdit(nounIn(spec.noun, messages), safe(retraction.reason)));
  }
  const previewId = await keepPreview(kindName, held, context, kinds);
  return { modal: spec.form(reviseFormId(spec.command).encode({ preview: previewId }), spec.formValues(record, held), context) };
}

export interface RetractSpec<R> {
  command: string;
  noun: string;
  find(data: Readonly<StoreData>, id: string): R | undefined;
  label(record: R): string;
  apply(draft: StoreData, id: string, reason: string, author: ChangeAuthor): R;
  embed(record: R, context: CommandContext): APIEmbed;
}

/** The preview kind of a retraction: the record, its reason, and what readers will see. Refusals (a cited source) show before anything is kept. */
export function retractKind<R>(spec: RetractSpec<R>): PreviewKind<unknown> {
  return previewKind<RetractPayload>({
    command: spec.command,
    payload: RetractPayloadSchema,
    render({ id, reason }, context) {
      const record = spec.find(context.store.read(), id);
      if (!record) throw gone(spec.noun, context);
      const messages = readerMessages(context);
      refusalsAsUserErrors(() => spec.apply(draftOf(context.store.read()), id, reason, context), messages);
      return {
        heading: messages.moderation.retractHeading(isolate(spec.label(record), messages)),
        embeds: [spec.embed(record, context)],
        warnings: [messages.moderation.reasonShown(safe(reason)), messages.moderation.leavesLists],
      };
    },
    apply(draft, { id, reason }, author, messages: Messages = en) {
      const retracted = spec.apply(draft, id, reason, author);
      return { text: messages.moderation.retractedRecord(isolate(spec.label(retracted), messages)), recordId: id };
    },
  });
}

/** A markdown-safe, shortened label. */
export function shortLabel(text: string, max = 80): string {
  return safe(text.length > max ? `${text.slice(0, max - 1)}…` : text);
}
