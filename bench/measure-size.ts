import { writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SlashCommandBuilder } from 'discord.js';
import { startSitrep } from '../src/app.js';
import { composeBriefing } from '../src/briefing/briefing.js';
import { eventCandidates } from '../src/briefing/candidates.js';
import { statementsOf, timelineEvents } from '../src/briefing/queries.js';
import { searchStory } from '../src/briefing/search.js';
import { storyLookup } from '../src/briefing/story-lookup.js';
import { commands } from '../src/commands/index.js';
import type { Command } from '../src/commands/types.js';
import { addEvent, buildEvent } from '../src/data/mutations.js';
import { openStore } from '../src/data/store.js';
import { createLogger } from '../src/logger.js';
import { autocompleteInteraction, chatInputInteraction } from '../tests/discord/interactions.js';
import { startDiscordStandIn } from '../tests/discord/stand-in.js';
import { percentiles, timed } from './percentiles.js';
import { sqliteBaseline } from './sqlite-baseline.js';
import { syntheticStore } from './synthetic-store.js';

/** Measures one store size; run in its own process (by `npm run bench`) so peak RSS is its own. */
const size = Number(process.argv[2]);
const runs = size >= 100_000 ? 10 : 50;
const STORY = 'bench-story';
const author = { userId: 'bench', userName: 'bench', guildId: null, now: new Date('2024-06-01T00:00:00Z') };

const dir = await mkdtemp(join(tmpdir(), 'sitrep-bench-'));
const file = join(dir, 'sitrep.json');
await writeFile(file, JSON.stringify(syntheticStore(size)));

// Cold start: read + validate + build what the first commands need.
const [store, coldStartMs] = await timed(async () => {
  const opened = await openStore(file, { initialData: () => syntheticStore(0) });
  const data = opened.read();
  searchStory(data, STORY, 'warm');
  eventCandidates(data, STORY);
  storyLookup(data, data.stories[0]!);
  return opened;
});

// The same queries on the store and on SQLite.
const data = store.read();
const story = data.stories[0]!;
const sqlite = sqliteBaseline(structuredClone(data) as typeof data);
const median = async (run: () => unknown) => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await timed(run))[1]);
  return percentiles(samples).p50;
};
const queries = {
  timeline: [() => timelineEvents(data, { storyId: STORY }).slice(0, 10), () => sqlite.timeline(STORY, 1)],
  timelineBySide: [() => timelineEvents(data, { storyId: STORY, sideId: 'north' }).slice(0, 10), () => sqlite.timelineBySide(STORY, 'north')],
  brief: [() => composeBriefing(data, story).developments, () => sqlite.developments(STORY)],
  statements: [() => statementsOf(data, { storyId: STORY, sideId: 'north' }).slice(-8), () => sqlite.statementsBySide(STORY, 'north')],
  search: [() => searchStory(data, STORY, 'ceasefire envoy').slice(0, 8), () => sqlite.search('ceasefire envoy')],
} as const;
const storeVsSqlite: Record<string, { oursMs: number; sqliteMs: number; ratio: number }> = {};
for (const [name, [ours, theirs]] of Object.entries(queries)) {
  const oursMs = await median(ours);
  const sqliteMs = await median(theirs);
  storeVsSqlite[name] = { oursMs, sqliteMs, ratio: oursMs / sqliteMs };
}
sqlite.close();

// A moderator write, and how long the event loop (every read) stalls while it is in flight.
const writes: number[] = [];
const stall = monitorEventLoopDelay({ resolution: 1 });
stall.enable();
for (let i = 0; i < 5; i++) {
  const fields = { storyId: STORY, title: `Bench write ${i}`, summary: 'A write.', occurredAt: '2024-05-01', precision: 'day' as const, sideIds: ['north'], sourceIds: ['source-0'], significance: 3 };
  writes.push((await timed(() => store.update((draft) => addEvent(draft, buildEvent(draft, fields, author), author))))[1]);
}
stall.disable();
await store.close();

// Command latency through the real client against the stand-in, beside an empty command.
const noop: Command = { data: new SlashCommandBuilder().setName('noop').setDescription('bench floor').toJSON(), execute: () => ({ content: 'ok' }) };
const standIn = await startDiscordStandIn();
const bot = await startSitrep(
  { DISCORD_TOKEN: `${Buffer.from('111111111111111111').toString('base64')}.b.c`, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: file },
  { logger: createLogger('silent'), commands: [...commands, noop] },
);
const app = { applicationId: standIn.applicationId };
const calls = {
  floor: () => chatInputInteraction({ ...app, name: 'noop' }),
  brief: () => chatInputInteraction({ ...app, name: 'brief' }),
  timeline: () => chatInputInteraction({ ...app, name: 'timeline', options: { page: 3 } }),
  statements: () => chatInputInteraction({ ...app, name: 'statements', options: { side: 'north' } }),
  search: () => chatInputInteraction({ ...app, name: 'search', options: { query: 'ceasefire envoy' } }),
  autocomplete: () => autocompleteInteraction({ ...app, name: 'event', options: { id: 'event 12' }, focused: 'id' }),
};
const latency: Record<string, { p50: number; p99: number }> = {};
for (const [name, make] of Object.entries(calls)) {
  await standIn.interact(make(), 60_000);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await timed(() => standIn.interact(make(), 60_000)))[1]);
  latency[name] = percentiles(samples);
}
await bot.stop();
await standIn.close();
await rm(dir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    size,
    runs,
    coldStartMs,
    writeMs: percentiles(writes),
    readStallMaxMs: stall.max / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    storeVsSqlite,
    latency,
  }),
);
