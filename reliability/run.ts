import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { commandLine } from '../src/cli/cli-args.js';
import { runCrashTrials } from './crash-trials.js';

/**
 * `npm run test:reliability`: the full versions of the reliability suite — 200 SIGKILL trials,
 * the hostile-input properties with enough runs for 10,000+ cases, and the Discord fault tests —
 * then one table. Every lost / corrupt / over / through / duplicate figure must be 0.
 */
commandLine({
  name: 'test:reliability',
  usage: `usage: npm run test:reliability

Runs the full reliability suite (SIGKILL crash trials, hostile input, Discord faults) and prints one table.
SITREP_CRASH_TRIALS (default 200) and SITREP_FUZZ_RUNS (default 250) set its size.

  -h, --help  this text`,
  options: {},
});
const trials = Number(process.env.SITREP_CRASH_TRIALS ?? 200);
const fuzzRuns = process.env.SITREP_FUZZ_RUNS ?? '250';
const dir = await mkdtemp(join(tmpdir(), 'sitrep-reliability-'));
const report = join(dir, 'report.jsonl');
const vitest = fileURLToPath(new URL('../node_modules/.bin/vitest', import.meta.url));

process.stderr.write(`crash trials: ${trials}…\n`);
const crash = await runCrashTrials(trials);

process.stderr.write(`hostile input (${fuzzRuns} runs per property) and Discord faults…\n`);
let suiteFailed = false;
try {
  await promisify(execFile)(vitest, ['run', 'tests/fuzz', 'tests/e2e/faults.test.ts', 'tests/e2e/previews.test.ts', 'tests/e2e/full-disk.test.ts', 'tests/data/store-integrity.test.ts', 'tests/e2e/exactly-once.test.ts', 'tests/e2e/in-place.test.ts', 'tests/e2e/pause-notice.test.ts'], {
    env: { ...process.env, SITREP_FUZZ_RUNS: fuzzRuns, SITREP_FUZZ_REPORT: report, SITREP_RELIABILITY_REPORT: report },
    maxBuffer: 64 * 1024 * 1024,
  });
} catch (error) {
  suiteFailed = true;
  process.stderr.write(`${(error as { stdout?: string }).stdout ?? error}\n`);
}
const lines = (await readFile(report, 'utf8').catch(() => ''))
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Record<string, number | string>);
await rm(dir, { recursive: true, force: true });
const sum = (field: string) => lines.reduce((total, line) => total + (typeof line[field] === 'number' ? (line[field] as number) : 0), 0);

const rows: Array<[string, number]> = [
  ['trials run', crash.trials],
  ['writes acknowledged', crash.acknowledged],
  ['writes lost', crash.lost],
  ['corrupt files', crash.corrupt],
  ['temp files left by kills', crash.tempFilesLeftByKills],
  ['leftover files after restart', crash.leftoverFiles],
  ['torn journal tails dropped', crash.tornTails],
  ['fuzz cases', sum('cases')],
  ['replies over limits', sum('overLimits')],
  ['pings let through', sum('pingsThrough')],
  ['faults injected', sum('injected')],
  ['duplicate posts', sum('duplicatePosts')],
  ['lost posts', sum('lostPosts')],
];
console.log(['| figure | count |', '| --- | ---: |', ...rows.map(([name, count]) => `| ${name} | ${count.toLocaleString('en')} |`)].join('\n'));
const bad = rows.filter(([name, count]) => /lost|corrupt|over|through|duplicate|leftover/.test(name) && count > 0);
if (bad.length || suiteFailed || crash.trials < trials) {
  console.error(`FAILED: ${[...bad.map(([name]) => name), suiteFailed ? 'a test failed' : '', crash.trials < trials ? 'trials stopped early' : ''].filter(Boolean).join(', ')}`);
  process.exitCode = 1;
}
