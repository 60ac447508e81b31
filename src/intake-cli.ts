import { commandLine } from './cli/cli-args.js';
import { UserError } from './briefing/reply/reply.js';
import { resolveWhen, storyTimeZone } from './briefing/input/when-input.js';
import { loadBundledStories } from './data/seed.js';
import { IntakeError } from './intake/article.js';
import { extractReport, type IntakeOptions, type Proposals } from './intake/extract.js';
import { allowFromEnv } from './intake/fetch.js';
import { readReport } from './intake/read.js';

/**
 * `npm run intake -- <file-or-url> [--published …] [--outlet …] [--title …] [--story <id>] [--json]`: prints what a
 * report proposes — statements, dates, figures — without writing anything. `--json` prints the stable interface
 * documented in the README ("Bring in a report").
 */
const { values, positionals } = commandLine({
  name: 'intake',
  usage: `usage: npm run intake -- <file-or-url> [--published <date|datetime>] [--outlet <name>] [--title <headline>] [--story <id>] [--json]

Reads a news report (.txt, .md or .html file, or an http(s) link) and prints the statements, dates and figures
it proposes for review. Nothing is written.

  --published <when>  the report's publication date or time (2024-01-18, "2024-01-18 11:26" in the story's zone, or ISO with Z)
  --outlet <name>     the outlet, over what the page says
  --title <headline>  the headline, over what the page says
  --story <id>        match speakers to this bundled story's sides and actors; mark quotes it already has
  --json              one JSON object: { source, statements, figures, dates, terms, accounts, questions, notes }
  -h, --help          this text

Links: http and https only, public addresses only (SITREP_FETCH_ALLOW names addresses allowed anyway),
at most 5 redirects, 2 MB and 10 s. Exits 1 when the report cannot be read, 2 on a bad command line.`,
  options: {
    published: { type: 'string' },
    outlet: { type: 'string' },
    title: { type: 'string' },
    story: { type: 'string' },
    json: { type: 'boolean' },
  },
  allowPositionals: true,
});

if (positionals.length !== 1) {
  console.error('intake: give one report file or link (see --help)');
  process.exit(2);
}

try {
  const now = new Date();
  const bundles = values.story ? await loadBundledStories() : [];
  const bundle = values.story ? bundles.find((candidate) => candidate.story.id === values.story) : undefined;
  if (values.story && !bundle) throw new IntakeError(`No story "${values.story}" (stories: ${bundles.map((b) => b.story.id).join(', ')}).`);
  const timeZone = bundle ? storyTimeZone(bundle.story, process.env.SITREP_TIMEZONE ?? 'UTC') : (process.env.SITREP_TIMEZONE ?? 'UTC');
  const article = await readReport(positionals[0]!, { allow: allowFromEnv() });
  const options: IntakeOptions = {
    now,
    timeZone,
    ...(values.outlet ? { outlet: values.outlet } : {}),
    ...(values.title ? { title: values.title } : {}),
    ...(values.published ? { published: resolveWhen(values.published, { now, timeZone, field: '--published' }) } : {}),
    ...(bundle ? { story: { id: bundle.story.id, sides: bundle.story.sides, actors: bundle.actors }, known: { statements: bundle.statements, claims: bundle.claims } } : {}),
  };
  const proposals = extractReport(article, options);
  console.log(values.json ? JSON.stringify(proposals, null, 2) : render(proposals));
} catch (error) {
  if (error instanceof IntakeError || error instanceof UserError) {
    console.error(`intake: ${error.message.replace(/\*\*|`/g, '')}`);
    process.exit(1);
  }
  throw error;
}

function render(proposals: Proposals): string {
  const { source } = proposals;
  const lines = [
    `Source: ${source.outlet ?? '(outlet not given)'} — ${source.title ?? '(no headline)'} — ${source.publishedAt ?? '(no date)'}${source.publishedPrecision ? ` (${source.publishedPrecision})` : ''}`,
    ...proposals.questions.map((question) => `? ${question}`),
    ...proposals.notes.map((note) => `! ${note}`),
    '',
    `Statements (${proposals.statements.length}):`,
  ];
  for (const s of proposals.statements) {
    const when = s.saidAt ? `${s.saidAt}${s.saidUntil ? `–${s.saidUntil}` : ''}` : 'date to ask';
    lines.push(`  “${s.quote}”`);
    lines.push(`     — ${s.speaker ?? '(speaker unknown)'}${s.role ? `, ${s.role}` : ''}${s.side ? ` [${s.side}]` : ''}${s.via ? ` via ${s.via}` : ''} · ${when} · ${s.attribution}${s.duplicateOf ? ` · already stored as ${s.duplicateOf}` : ''}`);
  }
  if (proposals.terms.length) lines.push('', `Terms (quoted words that are not statements): ${proposals.terms.map((t) => `“${t.quote}”`).join(', ')}`);
  lines.push('', `Figures (${proposals.figures.length}):`);
  for (const f of proposals.figures) {
    lines.push(`  ${f.outcome}: ${f.qualifier ? `${f.qualifier} ` : ''}${f.low ?? '(no number)'}${f.high !== undefined ? `–${f.high}` : ''} ${f.who ?? ''} — ${f.claimant}, via ${f.source}${f.saidAt ? ` · ${f.saidAt}` : ''}`);
  }
  lines.push('', `Dates (${proposals.dates.length}):`);
  for (const d of proposals.dates) lines.push(`  '${d.text}' → ${d.value ? `${d.value}${d.until ? `–${d.until}` : ''} (${d.precision})` : `? ${d.problem}`}`);
  if (proposals.accounts.length) {
    lines.push('', 'Answers to stored questions:');
    for (const a of proposals.accounts) lines.push(`  ${a.question} — ${a.position ? `“${a.position}”: ` : ''}${a.text}`);
  }
  return lines.join('\n');
}
