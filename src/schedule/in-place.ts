import type { PostEditing } from '../bot/deliver.js';
import { fieldChanges, isAddition, isCorrection } from '../briefing/query/corrections.js';
import { safe } from '../briefing/render/format.js';
import { shorten } from '../briefing/render/paginate.js';
import type { DeliveryTarget, Reply } from '../briefing/reply/reply.js';
import { shortKey } from '../commands/short-key.js';
import { savedSettings, settingsFor } from '../data/guild-settings.js';
import type { AuditEntry, EventPost, PendingUpdate, StoreData } from '../data/schema.js';
import type { Store } from '../data/store.js';
import { isolate, messagesFor, type Messages } from '../i18n/index.js';
import { breakingPost, breakingTargets, isFinalPostError } from './breaking.js';

/**
 * Posts updated in place. A breaking update's post is remembered per event and channel (the server's
 * `eventPosts`). When a saved change touches an event already posted — the event edited or retracted, a
 * statement or claim about it added, corrected or retracted — the save itself marks, in the same store
 * update, each of its posts for revision (the outbox: `pendingUpdates` with a `note`). Each mark then
 * edits the post to the event's current rendering (idempotent), starts a thread on it once (its id is
 * the post's), and posts one short line there, "Update: …" or "Correction: …", with its own nonce, looked
 * for in the thread before a resend. Never a second full post: only a post someone deleted is posted
 * again, once, and remembered.
 */

/** Posts one message and resolves with its id (for a forum, the new thread's): `Deliver` with the nonce in an object. */
export type PostPublish = (target: DeliveryTarget, reply: Reply, post: { nonce: string; mayExistSince?: Date }) => Promise<string>;

/** The longest note line (the store keeps at most 1,000 characters). */
const NOTE_MAX = 500;

/** The events whose rendering these audit entries change, each with the entries about it, in order. */
export function eventsChangedBy(data: Readonly<StoreData>, entries: readonly AuditEntry[]): Map<string, AuditEntry[]> {
  const changed = new Map<string, AuditEntry[]>();
  const add = (eventId: unknown, entry: AuditEntry) => {
    if (typeof eventId !== 'string' || !eventId) return;
    const list = changed.get(eventId) ?? [];
    if (!list.includes(entry)) changed.set(eventId, [...list, entry]);
  };
  for (const entry of entries) {
    if (entry.entity === 'event' && entry.action !== 'create') add(entry.entityId, entry);
    if (entry.entity === 'statement' || entry.entity === 'claim') {
      const records: ReadonlyArray<{ id: string; eventId?: string }> = entry.entity === 'statement' ? data.statements : data.claims;
      add(records.find((record) => record.id === entry.entityId)?.eventId, entry);
      // A statement moved to another event leaves the one it was about too.
      add(entry.before?.eventId, entry);
    }
  }
  return changed;
}

/** Whether the change is a correction (the audit says so: an edit or a retraction) or new reporting (an addition). */
export function noteKind(entries: readonly AuditEntry[]): 'correction' | 'update' {
  return entries.some(isCorrection) ? 'correction' : 'update';
}

/**
 * The threaded note: "**Correction:** date, summary — <reason>". It names what changed (fields, or the
 * record added, corrected or retracted), never the values: the post above shows them. Pings nobody.
 */
export function revisionNote(data: Readonly<StoreData>, entries: readonly AuditEntry[], m: Messages): string {
  const what = [...new Set(entries.flatMap((entry) => changeWords(data, entry, m)))];
  const reasons = [...new Set(entries.flatMap((entry) => (entry.reason ? [entry.reason] : [])))];
  const word = noteKind(entries) === 'correction' ? m.correction : m.updateNote;
  const why = reasons.length ? ` — ${isolate(safe(reasons.join('; ').replace(/\s+/g, ' ')), m)}` : '';
  return shorten(`**${word}:** ${what.join(', ') || m.edited}${why}`, NOTE_MAX);
}

function changeWords(data: Readonly<StoreData>, entry: AuditEntry, m: Messages): string[] {
  if (entry.entity === 'event') {
    if (entry.action === 'retract') return [m.retracted];
    const event = data.events.find((candidate) => candidate.id === entry.entityId);
    return event ? fieldChanges(entry, 'event', event, m.language).map((change) => change.label) : [m.edited];
  }
  const kind = m.recordKind[entry.entity === 'statement' ? 'statement' : 'claim'];
  if (entry.action === 'create') return [m.addedNote(kind)];
  if (isAddition(entry)) return [m.newAccounts.toLocaleLowerCase(m.language)];
  if (entry.action === 'retract') return [`${kind}: ${m.retracted}`];
  return [`${kind}: ${m.edited}`];
}

/** A threaded note's nonce, per change (its first audit entry) and channel; at most 25 characters. */
export function noteNonce(auditId: string, channelId: string): string {
  return `n${shortKey(auditId)}-${shortKey(channelId)}`;
}

/** The nonce of the post made again when someone deleted the first one (one per note). */
export const replacementNonce = (note: string) => `r${note.slice(1)}`;

/**
 * Marks (in the draft of the save that made `entries`) each post of each changed event for revision:
 * one outbox entry per channel, with its note in that server's language. Returns the marks.
 */
export function markRevisions(draft: StoreData, entries: readonly AuditEntry[], now: Date): Array<{ guildId: string; pending: PendingUpdate }> {
  const marks: Array<{ guildId: string; pending: PendingUpdate }> = [];
  if (!draft.guilds.some((guild) => guild.eventPosts?.length)) return marks;
  for (const [eventId, about] of eventsChangedBy(draft, entries)) {
    const event = draft.events.find((candidate) => candidate.id === eventId);
    if (!event) continue;
    for (const { guildId, language, target } of breakingTargets(draft, event)) {
      const settings = settingsFor(draft, guildId);
      if (!settings.eventPosts?.some((post) => post.eventId === eventId && post.channelId === target.channelId)) continue;
      const pending: PendingUpdate = {
        eventId,
        channelId: target.channelId,
        since: now.toISOString(),
        note: { nonce: noteNonce(about[0]!.id, target.channelId), text: revisionNote(draft, about, messagesFor(language)) },
      };
      settings.pendingUpdates = [...(settings.pendingUpdates ?? []), pending];
      marks.push({ guildId, pending });
    }
  }
  return marks;
}

/** Remembers (or replaces) the post of an event in a channel. */
export function rememberPost(draft: StoreData, guildId: string, post: EventPost): void {
  const settings = settingsFor(draft, guildId);
  const others = (settings.eventPosts ?? []).filter((known) => !(known.eventId === post.eventId && known.channelId === post.channelId));
  settings.eventPosts = [...others, post];
}

/** The post of an event in a channel, if one was made there. */
export function postOf(data: Readonly<StoreData>, guildId: string, eventId: string, channelId: string): EventPost | undefined {
  return savedSettings(data, guildId)?.eventPosts?.find((post) => post.eventId === eventId && post.channelId === channelId);
}

/** Clears one revision mark (by its note's nonce). */
export function clearRevision(draft: StoreData, guildId: string, pending: PendingUpdate): void {
  const settings = draft.guilds.find((guild) => guild.guildId === guildId);
  if (!settings?.pendingUpdates) return;
  const left = settings.pendingUpdates.filter((entry) => !(entry.eventId === pending.eventId && entry.channelId === pending.channelId && entry.note?.nonce === pending.note?.nonce));
  if (left.length) settings.pendingUpdates = left;
  else delete settings.pendingUpdates;
}

/** Someone deleted the post (10008), or, in a forum, its thread (10003 for the thread's channel). */
function postGone(error: unknown, kind: DeliveryTarget['kind']): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 10008 || (kind === 'forum' && code === 10003);
}

export interface RevisionDependencies {
  store: Store;
  publish: PostPublish;
  editing: PostEditing;
  /** A resend after a restart: the note may already be in the thread, so it is looked for first. */
  resend?: boolean;
}

/**
 * Carries out one revision mark: edits the post (or, deleted, posts it again once), starts its thread
 * once, posts the note once, clears the mark. Resolves with whether the note is in the thread; a mark
 * whose event, post or subscription is gone, or that Discord refuses for good, is cleared without it.
 * Any other failure rejects and leaves the mark for the scheduler's sweep.
 */
export async function revisePost({ guildId, pending }: { guildId: string; pending: PendingUpdate }, { store, publish, editing, resend }: RevisionDependencies): Promise<boolean> {
  const clear = () => store.update((draft) => clearRevision(draft, guildId, pending));
  const data = store.read();
  const event = data.events.find((candidate) => candidate.id === pending.eventId);
  const [target] = event ? breakingTargets(data, event, { guildId, channelId: pending.channelId }) : [];
  const post = postOf(data, guildId, pending.eventId, pending.channelId);
  const note = pending.note;
  if (!event || !target || !post || !note) {
    await clear();
    return false;
  }
  const forum = target.target.kind === 'forum';
  const reply = breakingPost(data, event, target.language);
  try {
    let current = post;
    try {
      // A forum post is its thread's first message, in the thread's channel.
      await editing.edit(forum ? (post.threadId ?? post.messageId) : post.channelId, post.messageId, reply, post.nonce);
    } catch (error) {
      if (!postGone(error, target.target.kind)) throw error;
      // Deleted in the channel: posted again once (its own nonce, looked for first), and remembered.
      const nonce = replacementNonce(note.nonce);
      const messageId = await publish(target.target, reply, { nonce, mayExistSince: new Date(pending.since) });
      current = { eventId: event.id, channelId: pending.channelId, messageId, nonce, ...(forum ? { threadId: messageId } : {}) };
      const replaced = current;
      await store.update((draft) => rememberPost(draft, guildId, replaced));
    }
    let threadId = current.threadId;
    if (!threadId) {
      threadId = await editing.startThread(pending.channelId, current.messageId, messagesFor(target.language).updatesThread(event.title));
      const threaded = { ...current, threadId };
      await store.update((draft) => rememberPost(draft, guildId, threaded));
    }
    await publish({ channelId: threadId, guildId, kind: 'text' }, { content: note.text }, { nonce: note.nonce, ...(resend ? { mayExistSince: new Date(pending.since) } : {}) });
  } catch (error) {
    if (!isFinalPostError(error)) throw error;
    await clear();
    return false;
  }
  await clear();
  return true;
}

/** Carries out a save's revision marks together; resolves with how many posts got their note (failures stay marked). */
export async function revisePosts(marks: ReadonlyArray<{ guildId: string; pending: PendingUpdate }>, dependencies: RevisionDependencies): Promise<number> {
  const results = await Promise.allSettled(marks.map((mark) => revisePost(mark, dependencies)));
  return results.filter((result) => result.status === 'fulfilled' && result.value).length;
}
