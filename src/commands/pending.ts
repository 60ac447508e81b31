import { randomBytes } from 'node:crypto';
import type { APIEmbed, APIModalInteractionResponseCallbackData } from 'discord.js';
import type { z } from 'zod';
import { discordTime, safe } from '../briefing/render/format.js';
import { moderatorTextOf, neutralityWarnings, type ModeratorText } from '../briefing/input/neutrality.js';
import { BUNDLED_LOADED_TERMS } from '../data/loaded-terms.js';
import { previewButtons, renderPreview } from '../briefing/render/preview.js';
import { UserError, type Reply } from '../briefing/reply/reply.js';
import type { ChangeAuthor } from '../data/audit.js';
import { InvalidChange } from '../data/mutations.js';
import { draftOf } from '../data/draft.js';
import type { Preview, PreviewKindName, StoreData } from '../data/schema.js';
import { requireEditor } from './rights.js';
import type { Answer, CommandContext, ModalFields } from './types.js';
import { componentCodec, FORM_GONE } from './codec.js';
import { readerMessages } from './shared.js';
import { markRevisions, revisePosts } from '../schedule/in-place.js';
import { en } from '../i18n/en.js';
import { isolate, type Messages } from '../i18n/index.js';

/**
 * How long a preview waits for Confirm, from its last change (shown or revised). An hour, not the
 * 15 minutes an interaction token lives: each click is a new interaction, and a moderator checking
 * a source, or a restart of the bot, should not cost them the form they filled in.
 */
export const PREVIEW_LIFETIME_MS = 60 * 60 * 1000;
/** A saved, cancelled or expired preview is kept this long after it expires, to answer a late click, then swept. */
export const PREVIEW_KEPT_MS = 24 * 60 * 60 * 1000;

/** What a preview shows above its buttons. */
export interface PreviewView {
  heading: string;
  embeds: APIEmbed[];
  warnings: string[];
}

/** What Confirm saved: the confirmation text, and the record it made or changed. */
export interface SavedChange {
  text: string;
  recordId?: string;
}

/**
 * One kind of moderator change. Everything about a pending change is in its payload (plain JSON in
 * the store); these functions hold no state, so a preview works the same after a restart.
 */
export interface PreviewKind<P> {
  /** The command whose buttons and forms lead back to previews of this kind. */
  command: string;
  /** Checks a stored payload before use. */
  payload: z.ZodType<P>;
  /** The preview, from the payload and the current store; throws UserError when it cannot be saved as it is. */
  render(payload: P, context: CommandContext): PreviewView;
  /** Makes the change in a draft, inside `store.update`; pure apart from the draft. May throw InvalidChange. */
  apply(draft: StoreData, payload: P, author: ChangeAuthor, messages?: Messages): SavedChange;
  /** The form Edit reopens, pre-filled from the payload, with the given custom_id. */
  reopen?(payload: P, formId: string, context: CommandContext): APIModalInteractionResponseCallbackData;
  /** The payload the reopened form's values describe. */
  revise?(payload: P, fields: ModalFields, context: CommandContext): P;
  /**
   * The moderator's own words in the payload, for the neutrality check every preview runs. Default:
   * every string under a MODERATOR_TEXT_FIELDS key (title, summary, context, position, question, note, …)
   * anywhere in the payload; a verbatim `quote` is never among them.
   */
  moderatorText?(payload: P): ModeratorText[];
  /** Runs once the change is on disk (e.g. posting to subscribers); returns extra confirmation text. */
  afterSave?(payload: P, saved: SavedChange, context: CommandContext): Promise<string>;
}

/** A command's preview kinds, keyed by kind. */
export type PreviewKinds = Partial<Record<PreviewKindName, PreviewKind<unknown>>>;

/** Types a kind's functions by its payload, and files it among a command's kinds. */
export function previewKind<P>(kind: PreviewKind<P>): PreviewKind<unknown> {
  return kind as unknown as PreviewKind<unknown>;
}

const plainJson = (payload: unknown) => JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
const newPreviewId = () => randomBytes(9).toString('base64url');

/** Drops previews that expired more than PREVIEW_KEPT_MS ago; run inside the writes that touch previews. */
export function sweepPreviews(draft: StoreData, now: Date): void {
  const cutoff = now.getTime() - PREVIEW_KEPT_MS;
  if (draft.previews.some((preview) => Date.parse(preview.expiresAt) <= cutoff)) {
    draft.previews = draft.previews.filter((preview) => Date.parse(preview.expiresAt) > cutoff);
  }
}

/**
 * Finds a preview this member may act on, or says politely why not: gone, someone else's, already
 * saved (with what was saved), cancelled, expired, or of a kind this command does not handle.
 */
export function usablePreview(data: Readonly<StoreData>, previewId: string, context: CommandContext, kinds: PreviewKinds) {
  const m = readerMessages(context).moderation;
  const preview = data.previews.find((candidate) => candidate.id === previewId);
  if (!preview) throw new UserError(m.previewGone);
  if (preview.authorId !== context.userId || preview.guildId !== context.guildId) {
    throw new UserError(m.previewForeign);
  }
  if (preview.status === 'saved') throw new UserError(m.alreadySaved(preview.saved?.text ?? ''));
  if (preview.status === 'cancelled') throw new UserError(m.previewCancelled);
  if (Date.parse(preview.expiresAt) <= context.now.getTime()) {
    throw new UserError(m.previewExpired(discordTime(preview.expiresAt)));
  }
  const kind = kinds[preview.kind];
  if (!kind) throw new UserError(`${m.buttonStale} ${m.nothingChanged}`);
  const parsed = kind.payload.safeParse(preview.payload);
  if (!parsed.success) throw new UserError(m.previewUnreadable);
  return { preview, kind, payload: parsed.data };
}

/**
 * Keeps a change in the store as a pending preview (or, with `previewId`, replaces that preview's
 * payload and restarts its hour) and returns its id. Only previews are written, never a story record.
 */
export async function keepPreview(kindName: PreviewKindName, payload: unknown, context: CommandContext, kinds: PreviewKinds, previewId?: string): Promise<string> {
  const guildId = requireEditor(context);
  const now = context.now;
  const expiresAt = new Date(now.getTime() + PREVIEW_LIFETIME_MS).toISOString();
  const id = previewId ?? newPreviewId();
  await context.store.update((draft) => {
    sweepPreviews(draft, now);
    if (previewId) {
      const { preview } = usablePreview(draft, previewId, context, kinds);
      preview.payload = plainJson(payload);
      preview.expiresAt = expiresAt;
      return;
    }
    draft.previews.push({ id, kind: kindName, authorId: context.userId, guildId, payload: plainJson(payload), createdAt: now.toISOString(), expiresAt, status: 'pending' });
  });
  return id;
}

/** A preview's Confirm / Edit / Cancel button: `<command>:<confirm|reopen|cancel>:<preview id>`. */
export const previewButtonId = (command: string) => componentCodec(command, ['action', 'preview']);

/** The form a preview's Edit reopens, or an edit form holding its preview: `<command>:revise:<preview id>`. */
export const reviseFormId = (command: string) => componentCodec(command, ['preview'], { tag: 'revise', refusal: FORM_GONE });

/**
 * Shows the preview with Confirm / Edit / Cancel; the buttons carry `<command>:<action>:<preview id>`.
 * The payload is checked (rendered against the store) before anything is kept: a refused change writes nothing.
 */
export async function showPreview(kindName: PreviewKindName, payload: unknown, context: CommandContext, kinds: PreviewKinds, previewId?: string): Promise<Reply> {
  const kind = kinds[kindName];
  if (!kind) throw new Error(`no preview kind ${kindName}`);
  const view = kind.render(payload, context);
  const id = await keepPreview(kindName, payload, context, kinds, previewId);
  const messages = readerMessages(context);
  const warnings = [...view.warnings, ...previewChecks(kind, payload, context), ...postsWarning(kind, payload, context)];
  const notes = moderatorTextOf(payload, ['dateBasis']).map(({ text }) => messages.moderation.dateBasis(isolate(safe(text), messages)));
  const buttons = previewButtons((action) => previewButtonId(kind.command).encode({ action, preview: id }), Boolean(kind.reopen), messages.moderation);
  return renderPreview(view.heading, view.embeds, warnings, buttons, notes, messages.moderation);
}

/** The checks every preview gets, whatever its kind: loaded terms in the moderator's own words (flagged, never refused). */
export function previewChecks(kind: PreviewKind<unknown>, payload: unknown, context: CommandContext): string[] {
  const texts = kind.moderatorText ? kind.moderatorText(payload) : moderatorTextOf(payload);
  const messages = readerMessages(context);
  return neutralityWarnings(texts, context.loadedTerms ?? BUNDLED_LOADED_TERMS, safe, (term, field) => messages.moderation.loadedTerm(term, isolate(field, messages)));
}

/**
 * A change to an event already posted: the preview says Confirm also edits its posts in place, with
 * the note their threads get. Tried on a draft (nothing kept); only when some post is remembered at all.
 */
function postsWarning(kind: PreviewKind<unknown>, payload: unknown, context: CommandContext): string[] {
  const data = context.store.read();
  if (!data.guilds.some((guild) => guild.eventPosts?.length)) return [];
  const draft = draftOf(data);
  const written = draft.audit.length;
  try {
    kind.apply(draft, payload, context);
  } catch {
    return [];
  }
  const marks = markRevisions(draft, draft.audit.slice(written), context.now);
  const note = marks[0]?.pending.note?.text;
  return note ? [readerMessages(context).moderation.postsToRevise(marks.length, note)] : [];
}

/** The reopened form came back: a new preview, the same preview id. */
export async function answerRevision(previewId: string, fields: ModalFields, context: CommandContext, kinds: PreviewKinds): Promise<Reply> {
  requireEditor(context);
  const { preview, kind, payload } = usablePreview(context.store.read(), previewId, context, kinds);
  if (!kind.revise) throw new UserError(readerMessages(context).moderation.formStale);
  return showPreview(preview.kind, kind.revise(payload, fields, context), context, kinds, previewId);
}

/**
 * Confirm / Edit / Cancel. The moderator's rights are checked again: buttons have no permission gate.
 * Confirm checks the preview, applies it and marks it saved in ONE store update (updates run one at a
 * time), so two Confirms arriving together — or one after a restart — save once; the other is told so.
 */
export async function answerPreviewButton(action: string, previewId: string, context: CommandContext, kinds: PreviewKinds): Promise<Answer> {
  requireEditor(context);
  const messages = readerMessages(context);
  if (action === 'reopen') {
    const { kind, payload } = usablePreview(context.store.read(), previewId, context, kinds);
    if (!kind.reopen) throw new UserError(messages.moderation.noFormToReopen);
    return { modal: kind.reopen(payload, reviseFormId(kind.command).encode({ preview: previewId }), context) };
  }
  if (action === 'cancel') {
    await context.store.update((draft) => {
      usablePreview(draft, previewId, context, kinds).preview.status = 'cancelled';
    });
    return { content: messages.moderation.cancelled, embeds: [], components: [] };
  }
  if (action !== 'confirm') throw new UserError(messages.moderation.buttonStale);
  const { kind, payload, saved, revisions } = await refusalsAsUserErrors(() =>
    context.store.update((draft) => {
      sweepPreviews(draft, context.now);
      const found = usablePreview(draft, previewId, context, kinds);
      const written = draft.audit.length;
      const saved = found.kind.apply(draft, found.payload, context, messages);
      markSaved(found.preview, saved, context.now);
      // Events already posted that this change touches: their posts are marked for an edit in place, in this same write.
      return { ...found, saved, revisions: markRevisions(draft, draft.audit.slice(written), context.now) };
    }),
    messages,
  );
  const extra = kind.afterSave ? await kind.afterSave(payload, saved, context) : '';
  return { content: `${saved.text}${extra}${await revisePostsNow(revisions, context)}`, embeds: [], components: [] };
}

/** Edits the posts a Confirm marked (the scheduler's sweep redoes what fails or is cut short); says how many. */
async function revisePostsNow(marks: ReturnType<typeof markRevisions>, context: CommandContext): Promise<string> {
  const { publish, editing } = context;
  if (!marks.length || !publish || !editing) return '';
  await context.defer?.();
  const revised = await revisePosts(marks, { store: context.store, editing, publish: (target, reply, post) => publish(target, reply, post) });
  return revised ? readerMessages(context).moderation.postsRevised(revised) : '';
}

function markSaved(preview: Preview, saved: SavedChange, now: Date) {
  preview.status = 'saved';
  preview.saved = { at: now.toISOString(), text: saved.text, ...(saved.recordId ? { recordId: saved.recordId } : {}) };
}

/** Store-level refusals (unknown source, stale revision, invalid length) become polite replies. */
export function refusalsAsUserErrors<T>(run: () => T, messages: Messages = en): T {
  const refused = (error: InvalidChange) => new UserError(`${refusalText(error, messages)} ${messages.moderation.nothingChanged}`);
  try {
    const result = run();
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        throw error instanceof InvalidChange ? refused(error) : error;
      }) as T;
    }
    return result;
  } catch (error) {
    if (error instanceof InvalidChange) throw refused(error);
    throw error;
  }
}

/**
 * A store refusal in the moderator's language when it carries its reason as data; otherwise (and in
 * English) its own message, isolated in a right-to-left line. Stored labels and names stay as written.
 */
export function refusalText(error: InvalidChange, messages: Messages): string {
  const refusal = error.refusal;
  const m = messages.moderation;
  const keep = (text: string) => isolate(text, messages);
  if (!refusal || messages.language === 'en') return keep(error.message);
  switch (refusal.code) {
    case 'staleRevision':
      return m.staleRevision(keep(refusal.label), refusal.revision, refusal.by && keep(refusal.by), refusal.fields && keep(refusal.fields));
    case 'noReason':
      return m.noReason;
    case 'unchanged':
      return m.unchanged;
    case 'unknownSource':
      return m.unknownSource(refusal.id);
    case 'sourceRetracted':
      return m.sourceRetracted(refusal.id, keep(refusal.reason));
    case 'stillCited':
      return m.stillCited(keep(refusal.label), refusal.count, keep(refusal.names));
  }
}
