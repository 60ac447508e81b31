import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { commandLine } from './cli/cli-args.js';
import { checkQuotes, REPORT_FILE_BY_SOURCE } from './data/source-quotes.js';
import { loadBundledStories } from './data/seed.js';

/**
 * `npm run check:sources [-- <dir>]`: every quote of the bundled story is verbatim in the report it
 * cites. The reports are not part of the project; `.ci/run` runs this after the tests, beside ../shared/seeds.
 */
const { positionals } = commandLine({
  name: 'check:sources',
  usage: `usage: npm run check:sources [-- <reports dir>]

Checks that every quote in the bundled story is verbatim in the news report it cites, that every quoted
passage of a claim account is, and that every passage the reports quote is kept as a statement.
Default dir: ../shared/seeds (beside the project). Exits 1 on any mismatch or missing report.

  -h, --help  this text`,
  options: {},
  allowPositionals: true,
});
if (positionals.length > 1) {
  console.error('check:sources: give one reports directory (see --help)');
  process.exit(2);
}

const dir = resolve(positionals[0] ?? '../shared/seeds');
const reports = new Map<string, string>();
const unreadable = new Map<string, string>();
for (const [sourceId, file] of Object.entries(REPORT_FILE_BY_SOURCE)) {
  try {
    reports.set(sourceId, await readFile(join(dir, file), 'utf8'));
  } catch (error) {
    unreadable.set(sourceId, `cannot read its report ${join(dir, file)} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

let mismatches = 0;
for (const bundle of await loadBundledStories()) {
  const { counts, problems } = checkQuotes(bundle, reports, {
    missingReport: (sourceId) => unreadable.get(sourceId) ?? 'no report file is mapped to it (REPORT_FILE_BY_SOURCE)',
  });
  for (const line of problems) console.log(`  ✗ ${line}`);
  mismatches += problems.length;
  console.log(
    `${bundle.story.id}: checked ${counts.statements} statements, ${counts.claimPassages} quoted passages in claims and ` +
      `${counts.reportPassages} quoted passages in ${reports.size} reports — ${problems.length ? `${problems.length} problems` : 'all verbatim'}`,
  );
}
console.log(
  mismatches
    ? `check:sources: FAILED — ${mismatches} problem${mismatches === 1 ? '' : 's'} (reports: ${dir})`
    : `check:sources: passed — every quote is verbatim in its report (reports: ${dir})`,
);
process.exit(mismatches ? 1 : 0);
