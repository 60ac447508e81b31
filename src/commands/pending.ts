import type { APIEmbed, APIModalInteractionResponseCallbackData } from 'discord.js';
import { previewButtons, renderPreview } from '../briefing/render/preview.js';
import { UserError, type Reply } from '../briefing/reply.js';
import type { ChangeAuthor } from '../data/audit.js';
import { InvalidChange } from '../data/mutations.js';
import type { StoreData } from '../data/schema.js';
import { requireEditor } from './rights.js';
import { customId, type Answer, type CommandContext, type ModalFields } from './types.js';

/** A moderator's change, previewed and waiting for Confirm. */
export interface PendingWrite {
  heading: string;
  embeds: APIEmbed[];
  warnings: string[];
  /** Makes the change inside `store.update`; returns the confirmation text. May throw InvalidChange. */
  apply(draft: StoreData, author: ChangeAuthor): string;
  /** The form to reopen on Edit; its custom_id must lead back to the command's `revise`. */
  reopen?(draftId: string): APIModalInteractionResponseCallbackData;
  /** Rebuilds the preview from the reopened form's values, keeping the same draft. */
  revise?(fields: ModalFields, draftId: string): Reply;
  /** Runs once the change is on disk (e.g. posting to subscribers); returns extra confirmation text. */
  afterSave?(context: CommandContext): Promise<string>;
}

/**
 * Shows the preview with Confirm / Edit / Cancel; the buttons carry `<command>:<action>:<draft id>`.
 * With `draftId`, the existing draft is revised in place.
 */
export function previewWrite(command: string, write: PendingWrite, context: CommandContext, draftId?: string): Reply {
  const id = draftId ?? context.drafts.put(write, context.userId);
  if (draftId) context.drafts.replace(draftId, write);
  return renderPreview(write.heading, write.embeds, write.warnings, previewButtons((action) => customId(command, action, id), Boolean(write.reopen)));
}

/** What a confirmed draft becomes: a second Confirm (the first answer was lost) is told it was saved. */
interface SavedWrite {
  saved: string;
}

export function pendingWrite(draftId: string, context: CommandContext): PendingWrite {
  const write = context.drafts.get<PendingWrite | SavedWrite>(draftId, context.userId);
  if (!write) throw new UserError('This preview has expired or is not yours — run the command again. Nothing was changed.');
  if ('saved' in write) throw new UserError(`This was already saved: ${write.saved} Nothing more was changed.`);
  return write;
}

/** The reopened form came back: a new preview for the same draft. */
export function answerRevision(draftId: string, fields: ModalFields, context: CommandContext): Reply {
  requireEditor(context);
  const write = pendingWrite(draftId, context);
  if (!write.revise) throw new UserError('This form no longer works — run the command again.');
  return write.revise(fields, draftId);
}

/** Confirm / Edit / Cancel. The moderator's rights are checked again: buttons have no permission gate. */
export async function answerPreviewButton(action: string, draftId: string, context: CommandContext): Promise<Answer> {
  requireEditor(context);
  const write = pendingWrite(draftId, context);
  if (action === 'cancel') {
    context.drafts.delete(draftId);
    return { content: 'Cancelled — nothing was changed.', embeds: [], components: [] };
  }
  if (action === 'reopen' && write.reopen) return { modal: write.reopen(draftId) };
  if (action !== 'confirm') throw new UserError('This button no longer works — run the command again.');
  const saved = await refusalsAsUserErrors(() => context.store.update((draft) => write.apply(draft, context)));
  context.drafts.replace(draftId, { saved } satisfies SavedWrite);
  const extra = write.afterSave ? await write.afterSave(context) : '';
  return { content: `${saved}${extra}`, embeds: [], components: [] };
}

/** Store-level refusals (unknown source, stale revision, invalid length) become polite replies. */
export function refusalsAsUserErrors<T>(run: () => T): T {
  try {
    const result = run();
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        throw error instanceof InvalidChange ? new UserError(`${error.message} Nothing was changed.`) : error;
      }) as T;
    }
    return result;
  } catch (error) {
    if (error instanceof InvalidChange) throw new UserError(`${error.message} Nothing was changed.`);
    throw error;
  }
}
