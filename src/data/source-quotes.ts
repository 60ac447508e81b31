/**
 * Checks that a story's quotes are verbatim in the reports it cites: every statement's quote inside
 * one of its sources' reports, every “quoted” passage of a claim account inside that account's report,
 * and every quoted passage of a report kept as some statement. Pure: the reports are passed in as text,
 * so the project itself never holds them (`npm run check:sources` reads them from ../shared/seeds).
 */

/** Which report file each source of the bundled story is. */
export const REPORT_FILE_BY_SOURCE: Readonly<Record<string, string>> = {
  'memo-2024-01-18': '000_996fa2a2fcb5cee3.txt',
  'world-news-desk': '004_41a9f90debe81383.txt',
};

export interface UncoveredQuote {
  sourceId: string;
  passage: string;
  reason: string;
}

/** Quoted passages in the reports that deliberately have no statement. */
export const UNCOVERED_QUOTES: readonly UncoveredQuote[] = [
  {
    sourceId: 'memo-2024-01-18',
    passage: 'spy centres',
    reason: 'headline of a separate, undated Middle East Monitor article about Erbil linked under READ:, not part of this report',
  },
];

/** Every passage a text puts inside “…” or ‘…’ (a ’ followed by a letter is an apostrophe, not a closing mark). */
export function quotedPassages(text: string): string[] {
  const doubles = [...text.matchAll(/“([^“”]+)”/g)].map((match) => match[1]!);
  const singles = [...text.matchAll(/‘(.+?)’(?!\p{L})/gu)].map((match) => match[1]!);
  return [...doubles, ...singles];
}

export interface QuoteCheck {
  /** How many quotes were compared: statements, passages in claim accounts, passages in the reports. */
  counts: { statements: number; claimPassages: number; reportPassages: number };
  /** One line per mismatch; empty when every quote is verbatim. */
  problems: string[];
}

/** What the check reads of a story bundle. */
export interface QuotedBundle {
  sources: ReadonlyArray<{ id: string }>;
  statements: ReadonlyArray<{ id: string; quote: string; sourceIds: readonly string[] }>;
  claims: ReadonlyArray<{ id: string; accounts: ReadonlyArray<{ sourceId: string; text: string }> }>;
}

export interface QuoteCheckOptions {
  uncovered?: readonly UncoveredQuote[];
  /** Why a source has no report (the file it was read from and the error); default "no report". */
  missingReport?: (sourceId: string) => string;
}

/** A quote whose cited reports are all missing is not checked: the missing report is the one problem named. */
export function checkQuotes(bundle: QuotedBundle, reports: ReadonlyMap<string, string>, options: QuoteCheckOptions = {}): QuoteCheck {
  const { uncovered = UNCOVERED_QUOTES, missingReport = () => 'no report to check it against' } = options;
  const problems: string[] = [];
  const counts = { statements: 0, claimPassages: 0, reportPassages: 0 };
  for (const source of bundle.sources) {
    if (!reports.has(source.id)) problems.push(`source ${source.id}: ${missingReport(source.id)}`);
  }
  const inReport = (sourceId: string, passage: string) => reports.get(sourceId)?.includes(passage) ?? false;

  for (const statement of bundle.statements) {
    if (!statement.sourceIds.some((sourceId) => reports.has(sourceId))) continue;
    counts.statements++;
    if (!statement.sourceIds.some((sourceId) => inReport(sourceId, statement.quote))) {
      problems.push(`statement ${statement.id}: “${statement.quote}” is not verbatim in ${statement.sourceIds.join(' or ')}`);
    }
  }
  for (const claim of bundle.claims) {
    for (const account of claim.accounts) {
      if (!reports.has(account.sourceId)) continue;
      for (const passage of quotedPassages(account.text)) {
        counts.claimPassages++;
        if (!inReport(account.sourceId, passage)) problems.push(`claim ${claim.id}: “${passage}” is not verbatim in ${account.sourceId}`);
      }
    }
  }
  for (const [sourceId, text] of reports) {
    const quotes = bundle.statements.filter((statement) => statement.sourceIds.includes(sourceId)).map((statement) => statement.quote);
    for (const passage of quotedPassages(text)) {
      counts.reportPassages++;
      const core = passage.replace(/[,.]$/, '');
      if (uncovered.some((entry) => entry.sourceId === sourceId && entry.passage === core)) continue;
      if (!quotes.some((quote) => quote.includes(core))) problems.push(`${sourceId}: the report quotes “${passage}” and no statement keeps it`);
    }
  }
  return { counts, problems };
}
