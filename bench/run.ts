import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { commandLine } from '../src/cli/cli-args.js';
import { SnapshotFile } from '../src/data/snapshot-file.js';
import { syntheticStore } from './synthetic-store.js';

/**
 * `npm run bench [sizes…]`: measures each store size in its own process (so peak RSS is its own),
 * prints a table and writes bench/results.json. Figures, not assertions: absolute times vary by machine.
 */
const { positionals } = commandLine({
  name: 'bench',
  usage: `usage: npm run bench [-- <events> …]

Measures the bot and the store at each size (default 1000 10000 100000 events), each in its own process,
prints the tables and writes bench/results.json. Figures, not assertions.

  -h, --help  this text`,
  options: {},
  allowPositionals: true,
});
const sizes = positionals.map(Number).filter((size) => Number.isInteger(size) && size > 0);
if (sizes.length !== positionals.length) {
  console.error('bench: each size must be a whole number of events (see --help)');
  process.exit(2);
}
const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));

interface SizeResult {
  size: number;
  runs: number;
  coldStartMs: number;
  writeMs: { p50: number; p99: number };
  moderatorPreviewMs: { p50: number; p99: number };
  moderatorConfirmMs: { p50: number; p99: number };
  compactMs: number;
  searchReadyMs: number;
  scanSearchMs: number;
  startStallMaxMs: number;
  afterWrite: Record<string, { p50: number; p99: number }>;
  readStallMaxMs: number;
  peakRssMb: number;
  storeVsSqlite: Record<string, { oursMs: number; sqliteMs: number; ratio: number }>;
  parseMs: number;
  loadMs: number;
  latency: Record<string, { p50: number; p99: number }>;
}

const measure = async (script: string, file: string, size: number) => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', `${here}${script}`, file, String(size)], {
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Partial<SizeResult>;
};

/** In the layout the bot itself writes its data file (a record per line), which it reads a record at a time. */
const writeStore = (file: string, size: number) => new SnapshotFile(file).write({ sequence: 0, data: syntheticStore(size) });

const results: SizeResult[] = [];
for (const size of sizes.length ? sizes : [1_000, 10_000, 100_000]) {
  process.stderr.write(`measuring ${size.toLocaleString('en')} events…\n`);
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-bench-'));
  const file = join(dir, 'sitrep.json');
  await writeStore(file, size);
  // Each in a process of its own: the bot's peak RSS is the bot's, not SQLite's or the generator's.
  const store = await measure('measure-store.ts', file, size);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
  await writeStore(file, size);
  const bot = await measure('measure-bot.ts', file, size);
  await rm(dir, { recursive: true, force: true });
  results.push({ ...bot, ...store } as SizeResult);
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0));
const rows: string[][] = [];
for (const r of results) {
  const floor = r.latency.floor!;
  for (const [command, { p50, p99 }] of Object.entries(r.latency)) {
    if (command === 'floor') continue;
    const first = r.afterWrite[command]!;
    rows.push([r.size.toLocaleString('en'), `/${command}`, ms(p50), ms(p99), `${(p99 / floor.p99).toFixed(1)}×`, ms(floor.p99), ms(first.p50), ms(first.p99)]);
  }
}
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const table = [
  `Machine: ${machine}`,
  '',
  '| events | command | p50 ms | p99 ms | p99 ÷ floor p99 | floor p99 ms | first after a write p50 ms | …p99 ms |',
  '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((row) => `| ${row.join(' | ')} |`),
  '',
  '| events | plain JSON.parse of the data file ms | store load (read, validate, freeze) ms | load ÷ parse |',
  '| ---: | ---: | ---: | ---: |',
  ...results.map((r) => `| ${r.size.toLocaleString('en')} | ${ms(r.parseMs)} | ${ms(r.loadMs)} | ${(r.loadMs / r.parseMs).toFixed(1)}× |`),
  '',
  '| events | query | store ms | SQLite ms | store ÷ SQLite |',
  '| ---: | --- | ---: | ---: | ---: |',
  ...results.flatMap((r) =>
    Object.entries(r.storeVsSqlite).map(([q, v]) => `| ${r.size.toLocaleString('en')} | ${q} | ${ms(v.oursMs)} | ${ms(v.sqliteMs)} | ${v.ratio.toFixed(2)} |`),
  ),
  '',
  '| events | cold start ms | search index built ms | /search while building ms | longest stall until built ms | write p50 ms | write p99 ms | moderator preview / Confirm p50 ms | compaction ms | longest read stall ms | bot peak RSS MB |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.map((r) => `| ${r.size.toLocaleString('en')} | ${ms(r.coldStartMs)} | ${ms(r.searchReadyMs)} | ${ms(r.scanSearchMs)} | ${ms(r.startStallMaxMs)} | ${ms(r.writeMs.p50)} | ${ms(r.writeMs.p99)} | ${ms(r.moderatorPreviewMs.p50)} / ${ms(r.moderatorConfirmMs.p50)} | ${ms(r.compactMs)} | ${ms(r.readStallMaxMs)} | ${ms(r.peakRssMb)} |`),
].join('\n');
console.log(table);
await writeFile(new URL('./results.json', import.meta.url), `${JSON.stringify({ machine, measuredAt: new Date().toISOString(), results }, null, 2)}\n`);
