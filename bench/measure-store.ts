import { readFile } from 'node:fs/promises';
import { composeBriefing } from '../src/briefing/query/briefing.js';
import { statementsOf, timelineEvents } from '../src/briefing/query/queries.js';
import { searchStory } from '../src/briefing/search/search.js';
import { openStore } from '../src/data/store.js';
import { percentiles, timed } from './percentiles.js';
import { sqliteBaseline } from './sqlite-baseline.js';
import { syntheticStore } from './synthetic-store.js';

/** `measure-store.ts <data file> <events>`: the same queries run directly on the store and on SQLite with indexes. */
const [file, sizeArgument] = process.argv.slice(2);
const runs = Number(sizeArgument) >= 100_000 ? 20 : 50;
const STORY = 'bench-story';

// What this machine takes just to read and JSON.parse the file: a yardstick for the load, whose
// absolute time moves with the machine (this VM's speed varies by a third from hour to hour).
const [, parseMs] = await timed(async () => JSON.parse(await readFile(file!, 'utf8')) as unknown);
const [store, loadMs] = await timed(() => openStore(file!, { initialData: () => syntheticStore(0), lock: false }));
const data = store.read();
const story = data.stories[0]!;
const sqlite = sqliteBaseline(structuredClone(data) as typeof data);
const median = async (run: () => unknown) => {
  run();
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
await store.close();
console.log(JSON.stringify({ storeVsSqlite, parseMs, loadMs }));
