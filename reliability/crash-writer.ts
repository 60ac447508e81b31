import { addEvent, buildEvent } from '../src/data/mutations.js';
import { bundledStoreData } from '../src/data/seed.js';
import { openStore } from '../src/data/store.js';

/**
 * `crash-writer.ts <data file>`: writes events as fast as it can and prints `ack <id>` as soon as
 * each write resolves (stdout to a pipe is synchronous on Linux), until it is killed. The journal is
 * compacted every few writes so kills land in compactions and backup rotations too. The lock is off
 * here: the trials check the data files, and restarting at once after SIGKILL would meet the
 * (fresh) lock of the killed process; the lock has its own tests.
 */
const file = process.argv[2]!;
const store = await openStore(file, { initialData: bundledStoreData, backups: 2, compactAfterBytes: 16 * 1024, lock: false });
const story = store.read().stories[0]!;
const source = store.read().sources.find((candidate) => candidate.storyId === story.id)!;
process.stdout.write('ready\n');
for (let n = store.read().events.length; ; n++) {
  const author = { userId: 'crash', userName: 'crash', guildId: null, now: new Date() };
  const fields = { storyId: story.id, title: `Crash write ${process.pid} ${n}`, summary: 'A write made to be interrupted.', occurredAt: '2024-02-01', precision: 'day' as const, sideIds: [story.sides[0]!.id], sourceIds: [source.id], significance: 1 };
  const event = await store.update((draft) => addEvent(draft, buildEvent(draft, fields, author), author));
  process.stdout.write(`ack ${event.id}\n`);
}
