import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBundledStories } from '../../src/data/seed.js';
import { decodeReport, IntakeError, readHtmlReport, readTextReport } from '../../src/intake/article.js';
import { extractReport, type IntakeOptions } from '../../src/intake/extract.js';
import { type GoldReport, scoreReport } from '../../src/intake/score.js';
import type { StoryContext } from '../../src/intake/speakers.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/intake/${name}`, import.meta.url), 'utf8');
const gold = JSON.parse(fixture('gold.json')) as {
  story: StoryContext & { id: string };
  reports: Array<GoldReport & { file: string; outlet: string; title: string | null; published: string | null; terms: string[] }>;
};
const now = new Date('2025-04-01T00:00:00Z');
const optionsFor = (report: (typeof gold.reports)[number]): IntakeOptions => ({
  now,
  timeZone: 'UTC',
  story: gold.story,
  outlet: report.outlet,
  ...(report.title ? { title: report.title } : {}),
  ...(report.published ? { published: { value: report.published, precision: 'day' } } : {}),
});
const run = (file: string) => {
  const report = gold.reports.find((candidate) => candidate.file === file)!;
  return extractReport(readTextReport(fixture(file)), optionsFor(report));
};

describe('the project’s own reports against their gold', () => {
  it.each(gold.reports.map((report) => [report.file, report] as const))('%s: quotes, speakers, dates and figures meet the targets', (file, report) => {
    const proposals = run(file);
    const score = scoreReport(proposals, report, gold.story);
    expect(score.misses).toEqual([]);
    expect(score.recall).toBeGreaterThanOrEqual(0.97);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.speakerAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(proposals.terms.map((term) => term.quote)).toEqual(report.terms);
  });

  it('every quote is exactly the report’s words between its quotation marks', () => {
    for (const report of gold.reports) {
      const text = fixture(report.file);
      for (const statement of run(report.file).statements) {
        const marked = [`“${statement.quote}”`, `"${statement.quote}"`, `‘${statement.quote}’`, `'${statement.quote}'`];
        expect(marked.some((quoted) => text.includes(quoted)), statement.quote).toBe(true);
      }
    }
  });
});

describe('statements', () => {
  const story = gold.story;
  const extract = (text: string, published = '2025-03-12') =>
    extractReport(readTextReport(text), { now, timeZone: 'UTC', story, outlet: 'Test', published: { value: published, precision: 'day' } });

  it('British single quotes, with apostrophes inside them, and a split quote with one speaker', () => {
    const result = extract(`Body line.\n'Norland's dam is not Sudria's to close,' Tomas Reyk said, 'and it never was.'`);
    expect(result.statements.map((s) => [s.quote, s.speaker, s.side])).toEqual([
      ["Norland's dam is not Sudria's to close,", 'Tomas Reyk', 'sudria'],
      ['and it never was.', 'Tomas Reyk', 'sudria'],
    ]);
  });

  it('a pronoun goes to the last fitting named speaker: "she" to the last person, "the ministry" to the last ministry', () => {
    const result = extract(
      `Norland's foreign ministry rejected the claim. Amara Osei, the UN envoy, arrived on Tuesday.\nShe said it was "a time for patience." The ministry said it had "nothing more to add."`,
    );
    expect(result.statements.map((s) => [s.quote, s.speaker, s.attribution])).toEqual([
      ['a time for patience.', 'Amara Osei', 'pronoun'],
      ['nothing more to add.', "Norland's foreign ministry", 'pronoun'],
    ]);
  });

  it('"according to" a news outlet and "told the BBC" become via; a programme’s name and a so-called word are terms', () => {
    const result = extract(
      `According to Radio Karsk, Tomas Reyk said the army was "ready". Ilse Marten told the BBC the plan was "sound and lawful". The so-called "blue line" and "Project Clearwater" were not discussed.`,
    );
    expect(result.statements.map((s) => [s.quote, s.speaker, s.via])).toEqual([
      ['ready', 'Tomas Reyk', 'Radio Karsk'],
      ['sound and lawful', 'Ilse Marten', 'BBC'],
    ]);
    expect(result.terms.map((t) => t.quote)).toEqual(['blue line', 'Project Clearwater']);
  });

  it('"Its defence ministry" is the last body’s; a speaker with an aside before "called"; detained protesters are a figure', () => {
    const result = extract(
      'Ilse Marten, speaking to Norland Radio, called the march "a stunt". Sudria denied this. Its defence ministry said the farmers acted "on their own initiative", and accused Norland of "criminalising despair". Petr Haas, the interior minister, said 14 protesters had been detained.',
    );
    expect(result.statements.map((s) => [s.quote, s.speaker, s.side, s.via])).toEqual([
      ['a stunt', 'Ilse Marten', 'norland', 'Norland Radio'],
      ['on their own initiative', "Sudria's defence ministry", 'sudria', null],
      ['criminalising despair', "Sudria's defence ministry", 'sudria', null],
    ]);
    expect(result.figures.map((f) => [f.outcome, f.low, f.who, f.claimant])).toEqual([['detained', 14, 'protesters', 'Petr Haas']]);
  });

  it('a report with no quotes says so and still offers the source', () => {
    const result = extract('Norland closed the dam.\nSudria protested on Tuesday.');
    expect(result.statements).toEqual([]);
    expect(result.source.outlet).toBe('Test');
    expect(result.notes).toContain('The report has no quotations to propose as statements; the source itself can still be added.');
  });

  it('an unbalanced quotation mark is reported and the words after it are not taken as a quote', () => {
    const result = extract('Tomas Reyk said “we will respond and never stopped.\nIlse Marten said it was "regrettable".');
    expect(result.statements.map((s) => s.quote)).toEqual(['regrettable']);
    expect(result.notes[0]).toMatch(/^Paragraph 1 opens a quotation mark that never closes/);
  });

  it('an undated report asks for its date; a date in the sentence still dates what is said', () => {
    const result = extractReport(readTextReport('Tomas Reyk said on 3 March 2025 that it was "theft". Ilse Marten said it was "repair work".'), {
      now,
      timeZone: 'UTC',
      story,
    });
    expect(result.questions[0]).toMatch(/no publication date/);
    expect(result.statements.map((s) => [s.quote, s.saidAt])).toEqual([
      ['theft', '2025-03-03'],
      ['repair work', null],
    ]);
  });

  it('relative dates are worked out in the story’s zone against the report’s publication time, with the basis', () => {
    // 20:30 UTC on the 17th is already the 18th in Karachi: "yesterday" is the 17th there, the 16th in UTC.
    const text = 'Iran said yesterday that it was "a warning".';
    const published = { value: '2024-01-17T20:30:00Z', precision: 'minute' as const };
    const karachi = extractReport(readTextReport(text), { now, timeZone: 'Asia/Karachi', outlet: 'X', published });
    const utc = extractReport(readTextReport(text), { now, timeZone: 'UTC', outlet: 'X', published });
    expect(karachi.statements[0]!.saidAt).toBe('2024-01-17');
    expect(utc.statements[0]!.saidAt).toBe('2024-01-16');
    expect(karachi.dates[0]!.basis).toMatch(/Asia\/Karachi/);
  });

  it('figures per claimant: numbers, qualifiers, who, and casualties with no number', () => {
    const result = extract(
      'Sudrian officials said at least nine people were killed and three others wounded. Norland said the strike caused "heavy casualties" among fighters. Local doctors said two children died.',
    );
    expect(result.figures.map((f) => [f.outcome, f.low, f.qualifier, f.who, f.claimant])).toEqual([
      ['killed', 9, 'at least', 'people', 'Sudrian officials'],
      ['injured', 3, null, 'others', 'Sudrian officials'],
      ['casualties', null, 'heavy', null, 'Norland'],
      ['killed', 2, null, 'children', 'Local doctors'],
    ]);
  });
});

describe('what the store already has', () => {
  it('a stored quote (same words, same speaker) is marked a duplicate; a sentence answering a stored question is offered as an account', async () => {
    const [bundle] = await loadBundledStories();
    const text = 'Iran’s foreign ministry summoned the Pakistani ambassador. It warned of “serious consequences”. It also said the move was “a new warning”.';
    const result = extractReport(readTextReport(text), {
      now,
      timeZone: 'Asia/Karachi',
      story: { id: bundle!.story.id, sides: bundle!.story.sides, actors: bundle!.actors },
      known: { statements: bundle!.statements, claims: bundle!.claims },
      outlet: 'Test',
      published: { value: '2024-01-18', precision: 'day' },
    });
    expect(result.statements.map((s) => [s.quote, s.duplicateOf ?? null])).toEqual([
      ['serious consequences', 'iran-warns-serious-consequences'],
      ['a new warning', null],
    ]);
    expect(result.accounts).toContainEqual(expect.objectContaining({ claimId: 'who-iran-summoned', position: 'Pakistani ambassador' }));
  });
});

describe('reading files and pages', () => {
  it('HTML: the article and its metadata (og:site_name, og:title, article:published_time), and no script runs', () => {
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>x</title>
      <meta property="og:site_name" content="The Herald"><meta property="og:title" content="Norland rejects ultimatum">
      <meta property="article:published_time" content="2025-03-15T09:30:00+01:00">
      <script>globalThis.__intakeRan = true;</script></head>
      <body><nav>Home News</nav><article><h1>Norland rejects ultimatum</h1>
      <p>Norland on Saturday rejected what it called an "ultimatum" from Sudria. Ilse Marten said the dam would open "when it is safe and not before". The repairs continue.</p>
      <p>Sudria's defence ministry said Norland would face "grave consequences" if the water did not flow, in a statement read on state television.</p>
      <script>globalThis.__intakeRan = true;</script><img src="x" onerror="globalThis.__intakeRan = true"></article></body></html>`;
    const article = readHtmlReport(html);
    expect(article).toMatchObject({ outlet: 'The Herald', title: 'Norland rejects ultimatum', publishedAt: '2025-03-15T08:30:00Z', publishedPrecision: 'minute' });
    expect(article.paragraphs.join('\n')).toContain('Ilse Marten said');
    expect(article.paragraphs.join('\n')).not.toContain('Home News');
    expect((globalThis as { __intakeRan?: boolean }).__intakeRan).toBeUndefined();
  });

  it('HTML: JSON-LD datePublished and <time datetime> when there is no article:published_time', () => {
    const body = '<article><p>' + 'Ilse Marten said the repairs were "on schedule" and would finish soon, in a long statement to reporters. '.repeat(3) + '</p></article>';
    expect(readHtmlReport(`<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-03-14","headline":"H"}</script></head><body>${body}</body></html>`)).toMatchObject({ publishedAt: '2025-03-14', publishedPrecision: 'day', title: 'H' });
    expect(readHtmlReport(`<html><body><time datetime="2025-03-13T10:00:00Z">13 March</time>${body}</body></html>`)).toMatchObject({ publishedAt: '2025-03-13T10:00:00Z' });
  });

  it('HTML full of scripts and nothing else holds no article: a clear error', () => {
    const html = `<html><head></head><body>${'<script>while(true){}</script>'.repeat(500)}</body></html>`;
    expect(() => readHtmlReport(html)).toThrow(IntakeError);
    expect(() => readHtmlReport(html)).toThrow(/holds no article text/);
  });

  it('200 KB of text, a binary file and text that is not UTF-8 are refused with a clear error', () => {
    expect(() => readTextReport('Ilse Marten said "no". '.repeat(10_000))).toThrow(/too long to read \(230 k characters; the limit is 100 k\)/);
    expect(() => decodeReport(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), { name: 'report.txt' })).toThrow(/not text/);
    expect(() => decodeReport(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]), { name: 'report.txt' })).toThrow(/not valid UTF-8/);
  });

  it('HTML is decoded by its declared charset', () => {
    const bytes = Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>caf\xe9</p></body></html>', 'latin1');
    expect(decodeReport(bytes, { name: 'page.html' }).text).toContain('café');
  });

  it('a text report: the headline above the dateline, the day of a dateline with no zone, a desk byline as the outlet', () => {
    const article = readTextReport('Tagline of the site\n\nNorland rejects the ultimatum today\n\nMarch 15, 2025 at 9:30 am\n\nBy Regional News DESK\n\nBody "text" here.');
    expect(article).toMatchObject({ title: 'Norland rejects the ultimatum today', publishedAt: '2025-03-15', publishedPrecision: 'day', outlet: 'Regional News DESK' });
    expect(article.paragraphs).toEqual(['Norland rejects the ultimatum today', 'Body "text" here.']);
  });
});
