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
    // Every quote, speaker, figure and term as the gold has it; a date may be read differently (counted below).
    expect(score.misses.filter((miss) => !miss.startsWith('date '))).toEqual([]);
    expect(score.recall).toBeGreaterThanOrEqual(0.97);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.speakerAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(proposals.terms.map((term) => term.quote)).toEqual(report.terms);
  });

  it('dates: at least 95% of the gold dates (of statements and of the dates found) are read as the gold has them', () => {
    let right = 0;
    let total = 0;
    for (const report of gold.reports) {
      const score = scoreReport(run(report.file), report, gold.story);
      right += score.datesRight;
      total += score.datesTotal;
    }
    expect(right / total).toBeGreaterThanOrEqual(0.95);
  });

  it('every quote is exactly the report’s words between its quotation marks', () => {
    for (const report of gold.reports) {
      const text = fixture(report.file);
      for (const statement of run(report.file).statements) {
        // A quote running on over paragraphs has an opening mark on each and a closing mark only at the end.
        const marked = [`“${statement.quote}”`, `"${statement.quote}"`, `‘${statement.quote}’`, `'${statement.quote}'`, `"${statement.quote}\n\n"`, `“${statement.quote}\n\n“`];
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

describe('general rules beyond the project’s reports', () => {
  const story = gold.story;
  const extract = (text: string, published = '2025-03-18') =>
    extractReport(readTextReport(text), { now, timeZone: 'UTC', story, outlet: 'Test', published: { value: published, precision: 'day' } });
  const said = (text: string, published?: string) => extract(text, published).statements.map((s) => [s.quote, s.speaker]);

  it('speakers named by role only ("a senior official", "a diplomat in Vessen briefed on …"), then "the official"; an adviser to an actor is not the actor', () => {
    const result = extract(
      'Body line.\n"The question now is political," a senior Norlandic official said. A diplomat in Vessen briefed on the talks said little. "She has put a lot on the table," the diplomat said.\nOne adviser to Tomas Reyk told the paper: "We have heard that before."',
    );
    expect(result.statements.map((s) => [s.speaker, s.side, s.actor])).toEqual([
      ['senior Norlandic official', 'norland', null],
      ['diplomat in Vessen', null, null],
      ['adviser to Tomas Reyk', null, null],
    ]);
  });

  it('the second part of a split quote, after any cue, is the first part’s speaker’s; a short sentence of its own goes on with the last speaker', () => {
    expect(said(`Body line.\n‘When ministers say “temporary”,’ Karl Ostrem told the Sentinel, ‘they mean until after the election.’\n"We have 40 trucks," Ms. Dalca said. "Do the math."`)).toEqual([
      ['When ministers say “temporary”,', 'Karl Ostrem'],
      ['they mean until after the election.', 'Karl Ostrem'],
      ['We have 40 trucks,', 'Mira Dalca'],
      ['Do the math.', 'Mira Dalca'],
    ]);
  });

  it('subjects: honorifics with a full stop, a leading participle, ages and relative clauses between name and verb; an office held by one actor names that actor', () => {
    const result = extract(
      'Body line.\n"This cannot go on," said Dr. Samir Aziz, the group\'s medical coordinator.\nSpeaking in Vessen on Tuesday, Norland\'s foreign minister said: "Our guards acted within the law."\n"We drink what the trucks bring," said Ana Petrova, 54, who farms barley.\nColonel Arvid Toll, who commands the operation, said troops had seized "a large quantity of explosives".',
    );
    expect(result.statements.map((s) => [s.speaker, s.actor])).toEqual([
      ['Samir Aziz', null],
      ["Norland's foreign minister", 'ilse-marten'],
      ['Ana Petrova', null],
      ['Arvid Toll', null],
    ]);
  });

  it('terms: a title-case name with small words, a group "calling itself" something, a word qualifying a noun; a word someone called something stays a statement', () => {
    const result = extract(
      'Body line.\nA militia calling itself the "Sons of the River" denied it. The press calls him "Reyk the Wrecker". Residents described a "lockdown" atmosphere. Sudria\'s interior ministry called the operation a "pretext" for war.',
    );
    expect(result.terms.map((t) => t.quote)).toEqual(['Sons of the River', 'Reyk the Wrecker', 'lockdown']);
    expect(result.statements.map((s) => [s.quote, s.speaker])).toEqual([['pretext', "Sudria's interior ministry"]]);
  });

  it('a short quote repeating a named speaker’s longer one (a headline, a live-blog heading) is that speaker’s, on that occasion', () => {
    const result = extract(
      'Spokesperson: Norland committed to dialogue, rejects "groundless accusations"\n\nLiv Haugen spoke on Monday. "We hope Sudria will stop making groundless accusations," Haugen said on Monday.\nNorland: reopening "on track"\nJonas Brekke said the reopening was "on track for 28 April".',
    );
    expect(result.statements.map((s) => [s.quote, s.speaker, s.saidAt])).toEqual([
      ['groundless accusations', 'Liv Haugen', '2025-03-17'],
      ['We hope Sudria will stop making groundless accusations,', 'Liv Haugen', '2025-03-17'],
      ['on track', 'Jonas Brekke', '2025-03-18'],
      ['on track for 28 April', 'Jonas Brekke', '2025-03-18'],
    ]);
  });

  it('a quote running over paragraphs (an opening mark on each) is the speaker’s named before it, dated by that sentence', () => {
    const result = extract(
      'Sudria\'s defence minister, Tomas Reyk, used a speech on Monday to warn Norland.\n\n"For three weeks we have waited for the water.\n\n"If the sluices are not open by April, this will be a long summer."\n',
    );
    expect(result.statements.map((s) => [s.quote, s.speaker, s.saidAt])).toEqual([
      ['For three weeks we have waited for the water.', 'Tomas Reyk', '2025-03-17'],
      ['If the sluices are not open by April, this will be a long summer.', 'Tomas Reyk', '2025-03-17'],
    ]);
  });

  it('dates: a present-tense cue speaks as of the report’s day; "since 12 March" bounds something else; a later plain date raises a possessive’s bound', () => {
    const result = extract(
      'Body line.\nThe dam, which Norland closed on March 10 for what it calls "urgent repairs", is dry.\nAccording to Liv Haugen, Norland has sent 60 tankers since March 12. "We hope for goodwill," Haugen said.\nIlse Marten rejected calls for an inquiry into Sunday\'s clash. Speaking on Monday, she said it was "a tragedy".\nLater she called it "regrettable".',
    );
    expect(result.statements.map((s) => [s.quote, s.saidAt, s.saidUntil ?? null])).toEqual([
      ['urgent repairs', '2025-03-18', null],
      ['We hope for goodwill,', '2025-03-18', null],
      ['a tragedy', '2025-03-17', null],
      ['regrettable', '2025-03-17', '2025-03-18'],
    ]);
  });

  it('"according to" a named person in a sentence with no quote names them for a surname later; a headline "\'…\': an interview with X"', () => {
    const result = extract(
      '\'The river does not belong to one country\': an interview with Lena Fisk\n\nNorland is committed to dialogue, according to Foreign Ministry Spokesperson Liv Haugen. "We are patient," Haugen said.',
    );
    expect(result.statements.map((s) => [s.quote, s.speaker])).toEqual([
      ['The river does not belong to one country', 'Lena Fisk'],
      ['We are patient,', 'Liv Haugen'],
    ]);
  });

  it('figures: "at least 12 killed", "dozens wounded", "the dead included two children", a claimant from a closing "he said"', () => {
    const result = extract(
      'Sudria says at least 12 killed in clash\n\nAt least 12 people were killed and dozens wounded, Sudria\'s defence ministry said. Reyk said the dead included two children and a woman. Two soldiers were wounded in an exchange of fire, he said.',
    );
    expect(result.figures.map((f) => [f.outcome, f.low, f.qualifier, f.who, f.claimant])).toEqual([
      ['killed', 12, 'at least', null, 'Sudria'],
      ['killed', 12, 'at least', 'people', "Sudria's defence ministry"],
      ['injured', null, 'dozens', null, "Sudria's defence ministry"],
      ['killed', 2, null, 'children', 'Tomas Reyk'],
      ['injured', 2, null, 'soldiers', 'Tomas Reyk'],
    ]);
  });
});

describe('general rules found on unseen-style reports', () => {
  const story = gold.story;
  const extract = (text: string) => extractReport(readTextReport(text), { now, timeZone: 'UTC', story, outlet: 'Test', published: { value: '2025-04-07', precision: 'day' } });

  it('a speaker before a colon in the body, a pull quote signed with a dash, "what she said:" then a quote of its own', () => {
    const result = extract(
      'Body line.\nReyk on X: "We come in good faith."\nA statement from Sudria\'s foreign ministry read: "The delegation has a mandate."\n"Our patience is not endless" — Tomas Reyk, in a post on X\nAmara Osei has just spoken. Here is what she said:\n"Both delegations have agreed to a working group."',
    );
    expect(result.statements.map((s) => [s.quote, s.speaker])).toEqual([
      ['We come in good faith.', 'Tomas Reyk'],
      ['The delegation has a mandate.', "Sudria's foreign ministry"],
      ['Our patience is not endless', 'Tomas Reyk'],
      ['Both delegations have agreed to a working group.', 'Amara Osei'],
    ]);
  });

  it('the reporting clause after a sentence’s last comma, and a participle that belongs to it; an office with a hyphen; lowercase groups; an organisation’s person', () => {
    const result = extract(
      'Body line.\nSudria recalled its envoy on Saturday, the foreign ministry in Karsk said in a statement, calling it "a provocation".\n"I am deeply concerned," Secretary-General Rafael Ortiz told reporters.\nThe union\'s members say they have received "nothing but promises".\nMeanwhile, the Crane Institute\'s Lena Fisk noted the dispute had "no military solution".\nAt least three people were killed on Thursday, police said.',
    );
    expect(result.statements.map((s) => [s.quote, s.speaker, s.role])).toEqual([
      ['a provocation', 'foreign ministry in Karsk', null],
      ['I am deeply concerned,', 'Rafael Ortiz', 'Secretary-General'],
      ['nothing but promises', "union's members", null],
      ['no military solution', 'Lena Fisk', 'Crane Institute'],
    ]);
    expect(result.figures.map((f) => [f.low, f.claimant])).toEqual([[3, 'police']]);
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
