import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine } from '../src/cli/cli-args.js';
import { startDiscordStandIn } from '../tests/discord/stand-in.js';

/**
 * `npm run bench:start`: what running the compiled bot (`node dist/main.js`, what `npm start` runs)
 * saves over running the TypeScript through tsx (`tsx src/main.ts`, what `npm start` ran and `npm run dev`
 * runs): the time from spawn to "Sitrep is online" and the peak RSS of every process it takes, each start
 * against the local Discord stand-in with a fresh data file of the bundled story. Figures, not assertions.
 */
const { values } = commandLine({
  name: 'bench:start',
  usage: `usage: npm run bench:start [-- --runs <n>]

Starts the bot n times (default 5) each way — compiled (node dist/main.js, built first) and through tsx
(tsx src/main.ts) — against the local Discord stand-in, and prints the median start-up time and peak RSS.

      --runs <n>  starts per way (default 5)
  -h, --help      this text`,
  options: { runs: { type: 'string' } },
});
const runs = Number(values.runs ?? 5);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('bench:start: --runs takes a whole number of at least 1 (see --help)');
  process.exit(2);
}

const root = fileURLToPath(new URL('../', import.meta.url));
const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.abc.bench-start`;
/** After "online", the search index builds; peak RSS is read once it has had time to. */
const SETTLE_MS = 3_000;

interface Sample {
  startMs: number;
  /** Peak RSS of the bot's own process (VmHWM). */
  botPeakMb: number;
  /** Peak RSS of every process of the tree summed (tsx adds its launcher and esbuild). */
  treePeakMb: number;
  processes: number;
}

function processTree(pid: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of rows) if (parent === tree[i]) tree.push(child);
  return tree;
}

async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function startOnce(command: string, args: string[], apiUrl: string): Promise<Sample> {
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-bench-start-'));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: apiUrl, SITREP_DATA_FILE: join(dir, 'sitrep.json') };
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  const startMs = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Sitrep is online')) resolve(performance.now() - started);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const tree = processTree(child.pid!);
  const peaks = await Promise.all(tree.map((pid) => peakRssMb(pid).catch(() => 0)));
  // The bot is the process that loaded the store: the tree's largest.
  const botPeakMb = Math.max(...peaks);
  child.kill('SIGTERM');
  await exited;
  await rm(dir, { recursive: true, force: true });
  return { startMs, botPeakMb, treePeakMb: peaks.reduce((sum, mb) => sum + mb, 0), processes: tree.length };
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

console.log('building dist/ (npm run build)…');
execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
const standIn = await startDiscordStandIn();
const ways = [
  { name: 'compiled: node dist/main.js', command: process.execPath, args: ['dist/main.js'] },
  { name: 'tsx: tsx src/main.ts', command: join(root, 'node_modules/.bin/tsx'), args: ['src/main.ts'] },
];
const results = new Map<string, Sample[]>(ways.map((way) => [way.name, []]));
try {
  // Alternate the two ways run by run, so a slow moment of the machine falls on both alike.
  for (let run = 0; run < runs; run++) {
    for (const way of ways) results.get(way.name)!.push(await startOnce(way.command, way.args, standIn.apiUrl));
  }
} finally {
  await standIn.close();
}

const summary = ways.map((way) => {
  const samples = results.get(way.name)!;
  return {
    way: way.name,
    processes: samples[0]!.processes,
    startMs: Math.round(median(samples.map((sample) => sample.startMs))),
    botPeakMb: Math.round(median(samples.map((sample) => sample.botPeakMb))),
    treePeakMb: Math.round(median(samples.map((sample) => sample.treePeakMb))),
  };
});
console.log(`\nmedians of ${runs} starts each (bundled story, local Discord stand-in, Node ${process.version}):`);
console.table(summary);
const [compiled, tsx] = summary as [(typeof summary)[0], (typeof summary)[0]];
console.log(
  `compiled JS saves ${tsx.startMs - compiled.startMs} ms of start-up (${Math.round((1 - compiled.startMs / tsx.startMs) * 100)} %) ` +
    `and ${tsx.treePeakMb - compiled.treePeakMb} MB of peak RSS across its processes (${Math.round((1 - compiled.treePeakMb / tsx.treePeakMb) * 100)} %; ` +
    `${tsx.botPeakMb - compiled.botPeakMb} MB in the bot's own process).`,
);
