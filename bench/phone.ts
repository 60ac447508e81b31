import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { visibleLength } from '../src/briefing/reply/visible.js';
import type { Reply } from '../src/briefing/reply/reply.js';
import { visibleEvents } from '../src/briefing/query/queries.js';
import { commands } from '../src/commands/index.js';
import { dispatch } from '../src/commands/dispatch.js';
import { shortKey } from '../src/commands/short-key.js';
import type { CommandContext, OptionValue } from '../src/commands/types.js';
import type { StoreData } from '../src/data/schema.js';
import { bundledStoreData } from '../src/data/seed.js';
import { openStore, type Store } from '../src/data/store.js';
import { syntheticStore } from './synthetic-store.js';
import { commandLine } from '../src/cli/cli-args.js';

/**
 * `npm run bench:phone`: how `/brief` reads on a phone. For the bundled story and a synthetic 1k-event story,
 * through the real command handlers (the one dispatch, a reader's context as the tests make it):
 *
 * - the first message's visible characters (`visibleLength`: what Discord shows of the content and embeds,
 *   markup removed, a timestamp counted as rendered) of `/brief`, `/timeline`, `/claims` and `/statements`
 *   (the story's first side);
 * - taps from `/brief` to any event: a breadth-first walk over the buttons, from the `/brief` reply, pressing
 *   every enabled button (a press is one component interaction) and following each answer's buttons, until a
 *   button opens an event's own page (`event:<page>:<story>:<event>`). An event's taps are the fewest presses
 *   that reach its page; the figures are the most over all visible events, the median, and how many are reached.
 *
 * Figures, not assertions.
 */
commandLine({
  name: 'bench:phone',
  usage: `usage: npm run bench:phone

How /brief reads on a phone, on the bundled story and a synthetic 1k-event story: the first message's visible
characters of /brief, /timeline, /claims and /statements, and the taps from /brief to any event (a walk over
the buttons through the real command handlers). Figures, not assertions.

  -h, --help  this text`,
  options: {},
});

const dir = await mkdtemp(join(tmpdir(), 'sitrep-phone-'));

async function storeOf(name: string, data: () => StoreData | Promise<StoreData>): Promise<Store> {
  return openStore(join(dir, `${name}.json`), { initialData: data });
}

function contextOf(store: Store): CommandContext {
  return {
    store,
    now: new Date('2024-06-01T12:00:00Z'),
    guildId: null,
    userId: '100000000000000001',
    userName: 'reader',
    member: { permissions: 0n, roleIds: [] },
    locale: 'en-US',
    timeZone: 'UTC',
    editorialGuildIds: [],
  };
}

const command = async (context: CommandContext, name: string, options: Record<string, OptionValue> = {}) =>
  (await dispatch(commands, { kind: 'command', name, input: { options } }, context)) as Reply;
const press = async (context: CommandContext, customId: string) => (await dispatch(commands, { kind: 'component', customId }, context)) as Reply;

const buttonsOf = (reply: Reply): string[] =>
  (reply.components ?? []).flatMap((row) => row.components.flatMap((button) => ('custom_id' in button && !button.disabled ? [button.custom_id] : [])));

async function tapsToEvents(context: CommandContext, storyId: string) {
  const events = visibleEvents(context.store.read(), storyId);
  const byKey = new Map(events.map((event) => [shortKey(event.id), event.id]));
  const taps = new Map<string, number>();
  const seen = new Set<string>();
  let frontier = buttonsOf(await command(context, 'brief'));
  let presses = 0;
  for (let depth = 1; frontier.length && taps.size < events.length; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      if (seen.has(id)) continue;
      seen.add(id);
      const [name, , , eventKey] = id.split(':');
      if (name === 'event') {
        const eventId = byKey.get(eventKey ?? '');
        if (eventId && !taps.has(eventId)) taps.set(eventId, depth);
        continue;
      }
      if (name !== 'brief') continue;
      presses++;
      next.push(...buttonsOf(await press(context, id)));
    }
    frontier = next;
  }
  const values = [...taps.values()].sort((a, b) => a - b);
  return { events: events.length, reached: taps.size, max: values.at(-1) ?? 0, median: values[Math.floor(values.length / 2)] ?? 0, presses };
}

const rows: string[][] = [];
for (const [label, data] of [
  ['bundled story', bundledStoreData],
  ['1k-event story', () => syntheticStore(1000)],
] as const) {
  const store = await storeOf(label.replace(/\W+/g, '-'), data);
  const context = contextOf(store);
  const story = store.read().stories[0]!;
  const figures: Array<[string, Reply]> = [
    ['/brief', await command(context, 'brief')],
    ['/timeline', await command(context, 'timeline')],
    ['/claims', await command(context, 'claims')],
    [`/statements side:${story.sides[0]!.id}`, await command(context, 'statements', { side: story.sides[0]!.id })],
  ];
  for (const [name, reply] of figures) rows.push([label, name, String(visibleLength(reply)), String(reply.embeds?.[0]?.description?.length ?? 0), String(buttonsOf(reply).length)]);
  const taps = await tapsToEvents(context, story.id);
  rows.push([label, 'taps from /brief to any event', `max ${taps.max}, median ${taps.median}`, `${taps.reached} of ${taps.events} events reached`, `${taps.presses} presses walked`]);
  await store.close();
}
await rm(dir, { recursive: true, force: true });

console.log('| story | reply | first message, visible characters | embed description, characters | buttons |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
