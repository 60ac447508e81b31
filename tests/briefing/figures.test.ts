import { describe, expect, it } from 'vitest';
import { ClaimAccountSchema, FigureSchema, type Claim, type Figure } from '../../src/data/schema.js';
import { figuresText, parseFigureLine, parseFigures } from '../../src/briefing/input/figures-input.js';
import { figureLedger } from '../../src/briefing/render/figures.js';
import { UserError } from '../../src/briefing/reply/reply.js';
import { messagesFor } from '../../src/i18n/index.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { exportStory } from '../../src/cli/transfer.js';
import { parseStoryBundle } from '../../src/data/bundle.js';
import { toCsv } from '../../src/data/export-formats.js';

describe('the figure schema', () => {
  it('takes counts, ranges and figures with no number; refuses a range upside down, negatives, fractions and a bare null', () => {
    expect(FigureSchema.safeParse({ outcome: 'killed', low: 9, qualifier: 'at least', who: 'people' }).success).toBe(true);
    expect(FigureSchema.safeParse({ outcome: 'displaced', low: 10, high: 15, who: 'families', saidAt: '2024-01-18' }).success).toBe(true);
    expect(FigureSchema.safeParse({ outcome: 'casualties', low: null, qualifier: 'heavy' }).success).toBe(true);
    expect(FigureSchema.safeParse({ outcome: 'killed', low: 5, high: 3 }).success).toBe(false);
    expect(FigureSchema.safeParse({ outcome: 'killed', low: -1 }).success).toBe(false);
    expect(FigureSchema.safeParse({ outcome: 'killed', low: 2.5 }).success).toBe(false);
    expect(FigureSchema.safeParse({ outcome: 'killed', low: null }).success).toBe(false);
    expect(FigureSchema.safeParse({ outcome: 'killed', low: null, high: 4, qualifier: 'up to' }).success).toBe(false);
    expect(FigureSchema.safeParse({ outcome: 'exploded', low: 1 }).success).toBe(false);
    expect(FigureSchema.safeParse({ outcome: 'killed', low: 1, claimant: 'x' }).success).toBe(false);
  });

  it('an account written before figures existed loads unchanged', () => {
    const old = { position: 'p', text: 't', sourceId: 's', sideId: 'a' };
    expect(ClaimAccountSchema.parse(old)).toEqual(old);
    expect(ClaimAccountSchema.safeParse({ ...old, figures: [] }).success).toBe(false);
  });
});

describe('figures typed by hand', () => {
  it('reads counts, qualifiers, ranges, number words, words for no number and the outcome in Urdu and Persian', () => {
    expect(parseFigureLine('killed: at least 9 people')).toEqual({ outcome: 'killed', low: 9, qualifier: 'at least', who: 'people' });
    expect(parseFigureLine('Wounded: 3')).toEqual({ outcome: 'injured', low: 3 });
    expect(parseFigureLine('killed: two children')).toEqual({ outcome: 'killed', low: 2, who: 'children' });
    expect(parseFigureLine('killed: heavy casualties')).toEqual({ outcome: 'killed', low: null, qualifier: 'heavy', who: 'casualties' });
    expect(parseFigureLine('injured: several others')).toEqual({ outcome: 'injured', low: null, qualifier: 'several', who: 'others' });
    expect(parseFigureLine('displaced:  10–15   families')).toEqual({ outcome: 'displaced', low: 10, high: 15, who: 'families' });
    expect(parseFigureLine('detained: 1,200 protesters')).toEqual({ outcome: 'detained', low: 1200, who: 'protesters' });
    expect(parseFigureLine('ہلاک: 2')).toEqual({ outcome: 'killed', low: 2 });
    expect(parseFigureLine('کشته: 4 نفر')).toEqual({ outcome: 'killed', low: 4, who: 'نفر' });
    expect(parseFigures('  \n ')).toBeUndefined();
    expect(parseFigures(undefined)).toBeUndefined();
  });

  it('refuses politely, naming the line', () => {
    const refusal = (text: string) => {
      try {
        parseFigures(text);
      } catch (error) {
        expect(error).toBeInstanceOf(UserError);
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refusal('killed: 3\nexploded: 4')).toContain('**Figures**, line 2 (“exploded: 4”): “exploded” is not one of killed');
    expect(refusal('three killed')).toContain('line 1 (“three killed”): start with what the figure counts and a colon');
    expect(refusal('killed:')).toContain('give the number');
    expect(refusal('killed: lots of people')).toContain('the amount must be a number');
    expect(refusal('killed: 9-3 people')).toContain('the top of a range must not be below its bottom');
    expect(refusal('killed: 999999999999')).toContain('whole number');
    expect(refusal(Array.from({ length: 11 }, () => 'killed: 1').join('\n'))).toContain('at most 10 lines');
    expect(refusal(Array.from({ length: 11 }, () => 'killed: 1').join('\n'))).toContain('Nothing was changed.');
  });

  it('the form’s text reads back to the same figures (an unchanged edit form changes nothing)', () => {
    const figures: Figure[] = [
      { outcome: 'killed', low: 9, qualifier: 'at least', who: 'people' },
      { outcome: 'injured', low: null, qualifier: 'several', who: 'others' },
      { outcome: 'displaced', low: 10, high: 15, who: 'families' },
      { outcome: 'casualties', low: null, qualifier: 'heavy' },
      { outcome: 'missing', low: 4 },
    ];
    expect(figuresText(figures)).toBe('killed: at least 9 people\ninjured: several others\ndisplaced: 10-15 families\ncasualties: heavy\nmissing: 4');
    expect(JSON.stringify(parseFigures(figuresText(figures)))).toBe(JSON.stringify(figures));
  });
});

describe('the ledger per claimant', () => {
  const sides = new Map([['pakistan', { name: 'Pakistan' }]]);
  const outlets = new Map([['memo', 'Middle East Monitor'], ['wnd', 'World News DESK']]);
  const claim: Pick<Claim, 'accounts'> = {
    accounts: [
      { position: 'a', text: 'a', sideId: 'pakistan', sourceId: 'memo', figures: [{ outcome: 'injured', low: 3, who: 'others' }, { outcome: 'killed', low: 2, who: 'children' }] },
      { position: 'b', text: 'b', sourceId: 'wnd', figures: [{ outcome: 'killed', low: 2, who: 'people' }] },
      { position: 'c', text: 'c', sourceId: 'wnd' },
      { position: 'd', text: 'd', sourceId: 'memo', via: 'PressTV, via Middle East Monitor', figures: [{ outcome: 'casualties', low: null, qualifier: 'heavy' }] },
    ],
  };

  it('one line per outcome, killed first, each figure with its claimant and the report carrying it', () => {
    expect(figureLedger(claim, sides, outlets)).toEqual([
      '**Killed:** 2 children — Pakistan, via Middle East Monitor · 2 people — World News DESK',
      '**Injured:** 3 others — Pakistan, via Middle East Monitor',
      '**Casualties:** heavy — PressTV, via Middle East Monitor',
    ]);
    expect(figureLedger({ accounts: [{ position: 'c', text: 'c', sourceId: 'wnd' }] }, sides, outlets)).toEqual([]);
  });

  it('in Urdu and Persian: the outcome and "via" translated, the stored words isolated', () => {
    expect(figureLedger(claim, sides, outlets, messagesFor('ur'))[0]).toBe('**ہلاک:** \u20682 children\u2069 — \u2068Pakistan\u2069، بذریعہ \u2068Middle East Monitor\u2069 · \u20682 people\u2069 — \u2068World News DESK\u2069');
    expect(figureLedger(claim, sides, outlets, messagesFor('fa'))[1]).toMatch(/^\*\*زخمی:\*\* /);
  });

  it('stored words stay inert: markdown in who and outlet is escaped', () => {
    const [line] = figureLedger({ accounts: [{ position: 'x', text: 'x', sourceId: 'evil', figures: [{ outcome: 'killed', low: 1, who: '**bold** [link](http://x)' }] }] }, sides, new Map([['evil', '# __Outlet__']]));
    expect(line).not.toContain('**bold**');
    expect(line).toContain('\\*\\*bold\\*\\*');
    expect(line).not.toMatch(/ __Outlet__/);
  });
});

describe('figures in the bundled story and its exports', () => {
  it('the casualty claims carry the reports’ figures; the JSON bundle round-trips them and the CSV has a figures column', async () => {
    const data = await bundledStoreData();
    const casualties = data.claims.find((claim) => claim.id === 'iran-strike-casualties')!;
    expect(casualties.accounts.map((account) => account.figures)).toEqual([
      [{ outcome: 'killed', low: 2, who: 'children' }, { outcome: 'injured', low: 3, who: 'others' }],
      [{ outcome: 'killed', low: 2, who: 'people' }, { outcome: 'injured', low: null, qualifier: 'several', who: 'others' }],
    ]);
    const bundle = parseStoryBundle(JSON.parse(exportStory(data, 'json')));
    expect(bundle.claims.find((claim) => claim.id === 'iran-strike-casualties')).toEqual(casualties);
    const csv = toCsv(bundle);
    expect(csv.split('\n')[0]).toMatch(/,figures$/);
    const row = csv.split('\n').find((line) => line.startsWith('iran-strikes-balochistan,'))!;
    expect(row).toContain('killed: 2 children (Pakistan, via Middle East Monitor); injured: 3 others (Pakistan, via Middle East Monitor); killed: 2 people (World News DESK); injured: several others (World News DESK)');
    expect(csv.split('\n').find((line) => line.startsWith('pakistan-strikes-sistan-baluchistan,'))).toContain('killed: at least 9 people (Middle East Monitor); casualties: heavy (Iran, via World News DESK)');
  });
});
