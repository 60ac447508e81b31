import { describe, expect, it } from 'vitest';
import { checkQuotes, quotedPassages, type QuotedBundle } from '../../src/data/source-quotes.js';

/** Made-up reports and a made-up story: the real reports are never part of the project (npm run check:sources reads them). */
const REPORTS = new Map([
  ['gazette', 'The mayor called the bridge “a triumph of engineering” on Monday. Critics said it was ‘too costly’, and the mayor’s office disagreed.'],
  ['courier', 'Officials described “minor delays” and the union spoke of “chaos”.'],
]);

function bundle(overrides: Partial<QuotedBundle> = {}): QuotedBundle {
  return {
    sources: [{ id: 'gazette' }, { id: 'courier' }],
    statements: [
      { id: 'mayor-triumph', quote: 'a triumph of engineering', sourceIds: ['gazette'] },
      { id: 'critics-costly', quote: 'too costly', sourceIds: ['gazette'] },
      { id: 'officials-delays', quote: 'minor delays', sourceIds: ['courier', 'gazette'] },
      { id: 'union-chaos', quote: 'chaos', sourceIds: ['courier'] },
    ],
    claims: [{ id: 'delays', accounts: [{ sourceId: 'courier', text: 'Officials spoke of “minor delays”; the union of “chaos”.' }] }],
    ...overrides,
  };
}

describe('quotedPassages', () => {
  it('finds double and single quotes, and takes a ’ before a letter for an apostrophe', () => {
    expect(quotedPassages(REPORTS.get('gazette')!)).toEqual(['a triumph of engineering', 'too costly']);
  });
});

describe('checkQuotes', () => {
  it('passes a story whose every quote is verbatim, and counts what it compared', () => {
    expect(checkQuotes(bundle(), REPORTS, { uncovered: [] })).toEqual({
      counts: { statements: 4, claimPassages: 2, reportPassages: 4 },
      problems: [],
    });
  });

  it('names a statement changed by one letter, and the report passage it no longer keeps', () => {
    const statements = bundle().statements.map((s) => (s.id === 'mayor-triumph' ? { ...s, quote: 'a triumph of engeneering' } : s));
    expect(checkQuotes(bundle({ statements }), REPORTS, { uncovered: [] }).problems).toEqual([
      'statement mayor-triumph: “a triumph of engeneering” is not verbatim in gazette',
      'gazette: the report quotes “a triumph of engineering” and no statement keeps it',
    ]);
  });

  it('accepts a quote found in any one of the reports a statement cites, not in a report it does not cite', () => {
    const statements = [...bundle().statements, { id: 'wrong-source', quote: 'chaos', sourceIds: ['gazette'] }];
    expect(checkQuotes(bundle({ statements }), REPORTS, { uncovered: [] }).problems).toEqual([
      'statement wrong-source: “chaos” is not verbatim in gazette',
    ]);
  });

  it('checks the quoted passages inside claim accounts against the account’s report', () => {
    const claims = [{ id: 'delays', accounts: [{ sourceId: 'gazette', text: 'The union spoke of “chaos”.' }] }];
    expect(checkQuotes(bundle({ claims }), REPORTS, { uncovered: [] }).problems).toEqual(['claim delays: “chaos” is not verbatim in gazette']);
  });

  it('skips a report passage listed as deliberately uncovered, and only that one', () => {
    const statements = bundle().statements.filter((s) => s.id !== 'critics-costly' && s.id !== 'union-chaos');
    const uncovered = [{ sourceId: 'gazette', passage: 'too costly', reason: 'made up' }];
    expect(checkQuotes(bundle({ statements, claims: [] }), REPORTS, { uncovered }).problems).toEqual([
      'courier: the report quotes “chaos” and no statement keeps it',
    ]);
  });

  it('names a source without a report once, with the reason given, and checks the rest', () => {
    const reports = new Map([['courier', REPORTS.get('courier')!]]);
    const result = checkQuotes(bundle(), reports, { uncovered: [], missingReport: (id) => `cannot read ${id}.txt (ENOENT)` });
    expect(result.problems).toEqual(['source gazette: cannot read gazette.txt (ENOENT)']);
    expect(result.counts).toEqual({ statements: 2, claimPassages: 2, reportPassages: 2 });
  });
});
