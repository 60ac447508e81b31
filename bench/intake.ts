import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { commandLine } from '../src/cli/cli-args.js';
import { type Article, readHtmlReport, readTextReport } from '../src/intake/article.js';
import { extractReport, type IntakeOptions, type Proposals } from '../src/intake/extract.js';
import { type GoldReport, type Score, scoreReport } from '../src/intake/score.js';
import type { StoryContext } from '../src/intake/speakers.js';
import { loadBundledStories } from '../src/data/seed.js';
import { REPORT_FILE_BY_SOURCE } from '../src/data/source-quotes.js';
import { percentiles } from './percentiles.js';

/**
 * `npm run bench:intake [-- <seeds dir>]`: the intake's quality on the project's own reports
 * (tests/fixtures/intake, with gold.json) and on the two bundled reports (gold: what the bundled story records
 * for each source), and the extraction time of a 2,000-word report; then the held-out set
 * (tests/fixtures/intake/heldout, with its own gold.json), written without reading the extractor's heuristics and
 * never used for tuning, as a separate table. Figures, not assertions.
 */
const { positionals } = commandLine({
  name: 'bench:intake',
  usage: `usage: npm run bench:intake [-- <seeds dir>]

Scores the report intake: per report quote recall and precision, speaker accuracy, dates right, figures
found and extraction time; then the p50 extraction time of a 2,000-word report (target < 200 ms).
Reports: the project's own (tests/fixtures/intake) and the bundled story's two (default dir ../shared/seeds).
Then the held-out set (tests/fixtures/intake/heldout: .txt and .html reports on stories of their own), never
used for tuning, as a separate table with its own totals; its differences from the gold are not printed.

  -h, --help  this text`,
  options: {},
  allowPositionals: true,
});

const now = new Date();
const root = new URL('../tests/fixtures/intake/', import.meta.url);
const gold = JSON.parse(await readFile(new URL('gold.json', root), 'utf8')) as {
  story: StoryContext & { id: string };
  reports: Array<GoldReport & { file: string; style: string; outlet: string; title: string | null; published: string | null }>;
};

interface Row {
  name: string;
  score: Score;
  ms: number;
}
const rows: Row[] = [];
const texts: string[] = [];

function time<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

for (const report of gold.reports) {
  const text = await readFile(new URL(report.file, root), 'utf8');
  texts.push(text);
  const options: IntakeOptions = {
    now,
    timeZone: 'UTC',
    story: gold.story,
    outlet: report.outlet,
    ...(report.title ? { title: report.title } : {}),
    ...(report.published ? { published: { value: report.published, precision: 'day' as const } } : {}),
  };
  const { value, ms } = time(() => extractReport(readTextReport(text), options));
  rows.push({ name: report.file, score: scoreReport(value, report, gold.story), ms });
}

const seedsDir = resolve(positionals[0] ?? '../shared/seeds');
const [bundle] = await loadBundledStories();
for (const [sourceId, file] of Object.entries(REPORT_FILE_BY_SOURCE)) {
  let text: string;
  try {
    text = await readFile(join(seedsDir, file), 'utf8');
  } catch {
    console.log(`(bundled report ${file} not found in ${seedsDir}: skipped)`);
    continue;
  }
  const source = bundle!.sources.find((candidate) => candidate.id === sourceId)!;
  const statements = bundle!.statements.filter((statement) => statement.sourceIds.includes(sourceId));
  // World News DESK is undated; the story places it on 18 January 2024 (its note says why), as a moderator would type.
  const published = source.publishedAt ?? statements[0]?.saidAt ?? undefined;
  const story = { id: bundle!.story.id, sides: bundle!.story.sides, actors: bundle!.actors };
  const options: IntakeOptions = {
    now,
    timeZone: 'Asia/Karachi',
    story,
    outlet: source.outlet,
    ...(source.title ? { title: source.title } : {}),
    ...(published ? { published: { value: published, precision: 'day' as const } } : {}),
  };
  const { value, ms } = time(() => extractReport(readTextReport(text), options));
  const goldReport: GoldReport = {
    statements: statements.map((statement) => ({ quote: statement.quote, speaker: statement.speaker, saidAt: statement.saidAt ?? null, saidUntil: statement.saidUntil ?? null })),
  };
  rows.push({ name: `${file} (bundled: ${source.outlet})`, score: scoreReport(value, goldReport, story), ms });
}

// A 2,000-word report: the project's own reports, repeated and concatenated.
let long = '';
for (let i = 0; long.split(/\s+/).length < 2000; i++) long += `${texts[i % texts.length]!.split('\n').slice(3).join('\n')}\n`;
const words = long.split(/\s+/).filter(Boolean).length;
const longOptions: IntakeOptions = { now, timeZone: 'UTC', story: gold.story, outlet: 'Bench', published: { value: '2025-03-16', precision: 'day' } };
for (let i = 0; i < 5; i++) extractReport(readTextReport(long), longOptions);
const samples: number[] = [];
for (let i = 0; i < 40; i++) samples.push(time(() => extractReport(readTextReport(long), longOptions)).ms);

const pct = (value: number) => value.toFixed(2);
console.log('| report | gold quotes | proposed | recall | precision | speaker accuracy | dates right | figures found | ms |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { name, score, ms } of rows) {
  console.log(
    `| ${name} | ${score.gold} | ${score.proposed} | ${pct(score.recall)} | ${pct(score.precision)} | ${pct(score.speakerAccuracy)} | ${score.datesRight}/${score.datesTotal} | ${score.figuresFound}/${score.figuresTotal} | ${ms.toFixed(1)} |`,
  );
}
const sum = (pick: (score: Score) => number) => rows.reduce((total, row) => total + pick(row.score), 0);
const matched = sum((s) => s.matched);
console.log(
  `| **all** | ${sum((s) => s.gold)} | ${sum((s) => s.proposed)} | ${pct(matched / sum((s) => s.gold))} | ${pct(matched / sum((s) => s.proposed))} | ${pct(sum((s) => s.speakersRight) / matched)} | ${sum((s) => s.datesRight)}/${sum((s) => s.datesTotal)} | ${sum((s) => s.figuresFound)}/${sum((s) => s.figuresTotal)} | |`,
);
console.log(`\nExtraction of a ${words}-word report: p50 ${percentiles(samples).p50.toFixed(1)} ms, p99 ${percentiles(samples).p99.toFixed(1)} ms (40 runs; target p50 < 200 ms)`);
const misses = rows.flatMap((row) => row.score.misses.map((miss) => `  ${row.name}: ${miss}`));
if (misses.length) console.log(`\nDifferences from the gold:\n${misses.join('\n')}`);

// The held-out set: its own stories, .txt read as text and .html through the article reader; the outlet, title
// and date come from the gold when a moderator would type them, else from the page (then checked as `source`).
interface HeldOutReport extends GoldReport {
  file: string;
  story: string;
  style: string;
  outlet: string | null;
  title: string | null;
  published: string | null;
  terms: string[];
  page?: { outlet: string; title: string; publishedAt: string };
}
const heldOutRoot = new URL('heldout/', root);
const heldOut = JSON.parse(await readFile(new URL('gold.json', heldOutRoot), 'utf8')) as {
  stories: Record<string, StoryContext & { id: string; timeZone: string }>;
  reports: HeldOutReport[];
};
const words_ = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
interface HeldOutRow extends Row {
  termsFound: number;
  termsTotal: number;
  sourceRight: number;
  sourceTotal: number;
}
const heldOutRows: HeldOutRow[] = [];
for (const report of heldOut.reports) {
  const story = heldOut.stories[report.story];
  if (!story) throw new Error(`held-out ${report.file}: no story ${report.story}`);
  const text = await readFile(new URL(report.file, heldOutRoot), 'utf8');
  const read = (): Article => (report.file.endsWith('.html') ? readHtmlReport(text) : readTextReport(text));
  const { timeZone, ...context } = story;
  const options: IntakeOptions = {
    now,
    timeZone,
    story: context,
    ...(report.outlet ? { outlet: report.outlet } : {}),
    ...(report.title ? { title: report.title } : {}),
    ...(report.published ? { published: { value: report.published, precision: 'day' as const } } : {}),
  };
  const { value, ms } = time((): Proposals => extractReport(read(), options));
  const terms = new Set(value.terms.map((term) => words_(term.quote)));
  const statements = new Set(value.statements.map((statement) => words_(statement.quote)));
  const termsFound = report.terms.filter((term) => terms.has(words_(term)) && !statements.has(words_(term))).length;
  const page = report.page
    ? [value.source.outlet === report.page.outlet, value.source.title === report.page.title, value.source.publishedAt === report.page.publishedAt]
    : [];
  heldOutRows.push({
    name: report.file,
    score: scoreReport(value, report, context),
    ms,
    termsFound,
    termsTotal: report.terms.length,
    sourceRight: page.filter(Boolean).length,
    sourceTotal: page.length,
  });
}
console.log('\nheld-out: never used for tuning');
console.log('| report | gold quotes | proposed | recall | precision | speaker accuracy | dates right | figures found | terms found | source from page | ms |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { name, score, ms, termsFound, termsTotal, sourceRight, sourceTotal } of heldOutRows) {
  console.log(
    `| ${name} | ${score.gold} | ${score.proposed} | ${pct(score.recall)} | ${pct(score.precision)} | ${pct(score.speakerAccuracy)} | ${score.datesRight}/${score.datesTotal} | ${score.figuresFound}/${score.figuresTotal} | ${termsFound}/${termsTotal} | ${sourceTotal ? `${sourceRight}/${sourceTotal}` : '–'} | ${ms.toFixed(1)} |`,
  );
}
const heldOutSum = (pick: (row: HeldOutRow) => number) => heldOutRows.reduce((total, row) => total + pick(row), 0);
const heldOutMatched = heldOutSum((row) => row.score.matched);
console.log(
  `| **held-out all** | ${heldOutSum((row) => row.score.gold)} | ${heldOutSum((row) => row.score.proposed)} | ${pct(heldOutMatched / heldOutSum((row) => row.score.gold))} | ${pct(heldOutMatched / heldOutSum((row) => row.score.proposed))} | ${pct(heldOutSum((row) => row.score.speakersRight) / heldOutMatched)} | ${heldOutSum((row) => row.score.datesRight)}/${heldOutSum((row) => row.score.datesTotal)} | ${heldOutSum((row) => row.score.figuresFound)}/${heldOutSum((row) => row.score.figuresTotal)} | ${heldOutSum((row) => row.termsFound)}/${heldOutSum((row) => row.termsTotal)} | ${heldOutSum((row) => row.sourceRight)}/${heldOutSum((row) => row.sourceTotal)} | |`,
);
