import { describe, expect, it } from 'vitest';
import type { PostEditing } from '../../src/bot/deliver.js';
import type { ChangeAuthor } from '../../src/data/audit.js';
import { addStatement, editEvent, retractEvent } from '../../src/data/mutations.js';
import type { PendingUpdate, StoreData } from '../../src/data/schema.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { messagesFor } from '../../src/i18n/index.js';
import { sendBreaking } from '../../src/schedule/breaking.js';
import { eventsChangedBy, markRevisions, noteKind, noteNonce, replacementNonce, revisePost, revisionNote, type PostPublish } from '../../src/schedule/in-place.js';
import { tempStore } from '../fixtures/temp-store.js';

const GUILD = '900000000000000001';
const CHANNEL = '900000000000000002';
const OTHER = '900000000000000003';
const NOW = new Date('2024-01-19T08:00:00Z');
const author: ChangeAuthor = { userId: '600000000000000001', userName: 'mod', guildId: GUILD, now: NOW };
const EVENT = 'kerman-bombing';

/** The bundled story subscribed in two channels of one server, the event posted in the first only. */
async function posted(): Promise<StoreData> {
  const data = await bundledStoreData();
  data.guilds.push({
    guildId: GUILD,
    moderatorRoleIds: [],
    subscriptions: [
      { channelId: CHANNEL, storyId: 'iran-pakistan-2024' },
      { channelId: OTHER, storyId: 'iran-pakistan-2024' },
    ],
    eventPosts: [{ eventId: EVENT, channelId: CHANNEL, messageId: '700000000000000001', nonce: 'uabc-def' }],
  });
  return data;
}

/** Runs `change` on the data as one save, returning the audit entries it wrote. */
function save(data: StoreData, change: (draft: StoreData) => void) {
  const written = data.audit.length;
  change(data);
  return data.audit.slice(written);
}

const revisionOf = (data: StoreData, id: string) => data.events.find((event) => event.id === id)!.revision;

describe('which posts a change touches, and what its note says', () => {
  it('an event edit is a correction naming the fields, with the reason', async () => {
    const data = await posted();
    const entries = save(data, (draft) => editEvent(draft, EVENT, { title: 'A new title', summary: 'A new summary.' }, revisionOf(draft, EVENT), author, 'The first report named the wrong city'));
    expect([...eventsChangedBy(data, entries).keys()]).toEqual([EVENT]);
    expect(noteKind(entries)).toBe('correction');
    expect(revisionNote(data, entries, messagesFor('en'))).toBe('**Correction:** title, summary — The first report named the wrong city');
  });

  it('a statement added about the event is an update; a retraction says so', async () => {
    const data = await posted();
    const added = save(data, (draft) =>
      addStatement(draft, { storyId: 'iran-pakistan-2024', sideId: 'pakistan', speaker: 'A spokesperson', quote: 'We are looking into it.', saidAt: '2024-01-19', precision: 'day', sourceIds: ['memo-2024-01-18'], eventId: EVENT }, author),
    );
    expect([...eventsChangedBy(data, added).keys()]).toEqual([EVENT]);
    expect(noteKind(added)).toBe('update');
    expect(revisionNote(data, added, messagesFor('en'))).toBe('**Update:** statement added');
    const retracted = save(data, (draft) => retractEvent(draft, EVENT, 'Not confirmed by any second source', author));
    expect(revisionNote(data, retracted, messagesFor('en'))).toBe('**Correction:** retracted — Not confirmed by any second source');
  });

  it('the note stays one short line, however long the reason (its mentions are inert: posts allow none)', async () => {
    const data = await posted();
    const entries = save(data, (draft) => editEvent(draft, EVENT, { title: 'Changed' }, revisionOf(draft, EVENT), author, `@everyone ${'x'.repeat(490)}`));
    const note = revisionNote(data, entries, messagesFor('en'));
    expect(note.length).toBeLessThanOrEqual(500);
    expect(note).not.toContain('\n');
  });

  it('marks only the channels where the event was posted, in the same save, each with its own note nonce', async () => {
    const data = await posted();
    const entries = save(data, (draft) => editEvent(draft, EVENT, { title: 'Changed' }, revisionOf(draft, EVENT), author));
    const marks = markRevisions(data, entries, NOW);
    expect(marks).toEqual([{ guildId: GUILD, pending: { eventId: EVENT, channelId: CHANNEL, since: NOW.toISOString(), note: { nonce: noteNonce(entries[0]!.id, CHANNEL), text: '**Correction:** title' } } }]);
    expect(data.guilds.at(-1)!.pendingUpdates).toEqual([marks[0]!.pending]);
    expect(noteNonce(entries[0]!.id, CHANNEL).length).toBeLessThanOrEqual(25);
    // An event never posted, or a change to another event, marks nothing.
    const other = save(data, (draft) => editEvent(draft, 'iran-strikes-balochistan', { title: 'Other' }, revisionOf(draft, 'iran-strikes-balochistan'), author));
    expect(markRevisions(data, other, NOW)).toEqual([]);
  });
});

/** Discord as plain functions: what was edited, threads started, messages posted; faults by call. */
function fakeDiscord(faults: { edit?: unknown; thread?: unknown; note?: unknown } = {}) {
  const calls: string[] = [];
  const editing: PostEditing = {
    async edit(channelId, messageId) {
      calls.push(`edit ${channelId}/${messageId}`);
      if (faults.edit) throw faults.edit;
    },
    async startThread(channelId, messageId) {
      calls.push(`thread ${channelId}/${messageId}`);
      if (faults.thread) throw faults.thread;
      return messageId;
    },
  };
  const publish: PostPublish = async (target, reply, post) => {
    calls.push(`post ${target.channelId} ${post.nonce}${post.mayExistSince ? ' (looked for first)' : ''}`);
    if (target.channelId !== CHANNEL && faults.note) throw faults.note;
    return target.channelId === CHANNEL ? '700000000000000009' : `note-${post.nonce}`;
  };
  return { calls, editing, publish };
}

async function markedStore() {
  const store = await tempStore(posted);
  let pending: PendingUpdate | undefined;
  await store.update((draft) => {
    const entries = save(draft, (d) => editEvent(d, EVENT, { title: 'Changed' }, revisionOf(d, EVENT), author));
    pending = markRevisions(draft, entries, NOW)[0]!.pending;
  });
  return { store, mark: { guildId: GUILD, pending: pending! } };
}

const guildOf = (data: Readonly<StoreData>) => data.guilds.find((guild) => guild.guildId === GUILD)!;
const gone = (code: number) => Object.assign(new Error('gone'), { code });

describe('carrying out a revision', () => {
  it('edits the post, starts its thread once, posts the note once, clears the mark', async () => {
    const { store, mark } = await markedStore();
    const discord = fakeDiscord();
    expect(await revisePost(mark, { store, ...discord })).toBe(true);
    expect(discord.calls).toEqual([`edit ${CHANNEL}/700000000000000001`, `thread ${CHANNEL}/700000000000000001`, `post 700000000000000001 ${mark.pending.note!.nonce}`]);
    expect(guildOf(store.read()).pendingUpdates).toBeUndefined();
    expect(guildOf(store.read()).eventPosts).toEqual([{ eventId: EVENT, channelId: CHANNEL, messageId: '700000000000000001', nonce: 'uabc-def', threadId: '700000000000000001' }]);
  });

  it('a post deleted in the channel is posted again once, remembered, and gets the note in its own thread', async () => {
    const { store, mark } = await markedStore();
    const discord = fakeDiscord({ edit: gone(10008) });
    expect(await revisePost(mark, { store, ...discord })).toBe(true);
    const nonce = replacementNonce(mark.pending.note!.nonce);
    expect(discord.calls).toEqual([
      `edit ${CHANNEL}/700000000000000001`,
      `post ${CHANNEL} ${nonce} (looked for first)`,
      `thread ${CHANNEL}/700000000000000009`,
      `post 700000000000000009 ${mark.pending.note!.nonce}`,
    ]);
    expect(guildOf(store.read()).eventPosts).toEqual([{ eventId: EVENT, channelId: CHANNEL, messageId: '700000000000000009', nonce, threadId: '700000000000000009' }]);
  });

  it('a failure that may pass leaves the mark (the sweep redoes it, the note looked for first); a refusal for good clears it', async () => {
    const { store, mark } = await markedStore();
    await expect(revisePost(mark, { store, ...fakeDiscord({ note: gone(500) }) })).rejects.toThrow();
    expect(guildOf(store.read()).pendingUpdates).toHaveLength(1);
    const again = fakeDiscord();
    expect(await revisePost(mark, { store, ...again, resend: true })).toBe(true);
    // The thread was started the first time: it is not started again.
    expect(again.calls).toEqual([`edit ${CHANNEL}/700000000000000001`, `post 700000000000000001 ${mark.pending.note!.nonce} (looked for first)`]);
    const second = await markedStore();
    expect(await revisePost(second.mark, { store: second.store, ...fakeDiscord({ edit: gone(50013) }) })).toBe(false);
    expect(guildOf(second.store.read()).pendingUpdates).toBeUndefined();
  });

  it('a breaking update is never posted twice in a channel: one already there is left to the edit in place', async () => {
    const store = await tempStore(posted);
    const sent: string[] = [];
    const publish: PostPublish = async (target) => (sent.push(target.channelId), '700000000000000005');
    const event = store.read().events.find((candidate) => candidate.id === EVENT)!;
    expect(await sendBreaking(event, { store, now: NOW, publish })).toBe(1);
    expect(sent).toEqual([OTHER]);
    expect(guildOf(store.read()).eventPosts?.map((post) => post.channelId).sort()).toEqual([CHANNEL, OTHER]);
  });
});
