import { describe, expect, it } from 'vitest';
import { findLoadedTerms, LoadedTermsSchema, moderatorTextOf, neutralityWarnings, withoutQuotes } from '../../src/briefing/input/neutrality.js';
import { BUNDLED_LOADED_TERMS, loadLoadedTerms } from '../../src/data/loaded-terms.js';

const flagged = (text: string, field = 'summary') => findLoadedTerms([{ field, text }], BUNDLED_LOADED_TERMS).map((finding) => finding.found);

describe('neutrality check: loaded terms in the moderator’s own words', () => {
  it('flags English loaded terms outside quotes, in any case and form', () => {
    expect(flagged('Iran struck terrorists in Pakistan')).toEqual(['terrorists']);
    expect(flagged('The Regime said three Martyrs died')).toEqual(expect.arrayContaining(['Regime', 'Martyrs']));
    expect(flagged('A massacre, the villages liberated')).toEqual(['massacre', 'liberated']);
    expect(flagged('The so-called talks')).toEqual(['so-called']);
  });

  it('leaves neutral words and words that only contain a term alone', () => {
    expect(flagged('Pakistan recalled its ambassador; the Balochistan Liberation Front denied it')).toEqual([]);
    expect(flagged('The regimental band; counterterrorism officials')).toEqual([]);
  });

  it.each([
    ['straight double', 'Iran said it struck "terrorist groups" in Pakistan'],
    ['curly double', 'Iran said it struck “terrorist groups” in Pakistan'],
    ['curly single (British)', 'Iran said it struck ‘terrorist groups’ in Pakistan'],
    ['straight single', "Iran said it struck 'terrorist groups' in Pakistan"],
    ['guillemets', 'Iran said it struck «terrorist groups» in Pakistan'],
    ['German low-high', 'Iran said it struck „terrorist groups“ in Pakistan'],
  ])('exempts a quoted term (%s quotes)', (_style, text) => {
    expect(flagged(text)).toEqual([]);
  });

  it('an apostrophe is not a quote: what follows it is still checked', () => {
    expect(flagged("Pakistan's terrorists")).toEqual(['terrorists']);
    expect(flagged('Iran’s regime and Pakistan’s army')).toEqual(['regime']);
    expect(flagged("'terrorists' said Iran's minister, of the regime")).toEqual(['regime']);
    // An unclosed quote exempts nothing.
    expect(flagged('Iran called them “terrorists')).toEqual(['terrorists']);
  });

  it('flags Urdu terms, joined, spaced or with a zero-width non-joiner, and not inside quotes', () => {
    expect(flagged('ایران نے دہشت گردوں پر حملہ کیا')).toEqual(['دہشت گردوں']);
    expect(flagged('دہشتگرد')).toEqual(['دہشتگرد']);
    expect(flagged('دہشت\u200Cگرد')).toEqual(['دہشت\u200Cگرد']);
    expect(flagged('تین افراد شہید ہوئے')).toEqual(['شہید']);
    expect(flagged('ایران نے کہا «دہشت گرد» ٹھکانے')).toEqual([]);
    expect(flagged('ایران نے کہا "دہشت گرد" ٹھکانے')).toEqual([]);
  });

  it('flags Persian terms, with Arabic spellings of the letters too, and not inside quotes', () => {
    expect(flagged('پاکستان به تروریست‌ها حمله کرد')).toEqual(['تروریست‌ها']);
    expect(flagged('رژیم پاکستان')).toEqual(['رژیم']);
    expect(flagged('شهيد شدند')).toEqual(['شهید']);
    expect(flagged('ایران گفت «گروه‌های تروریستی» را هدف گرفت')).toEqual([]);
    expect(flagged('ایران گفت “تروریست‌ها” را هدف گرفت')).toEqual([]);
  });

  it('reads the moderator’s text fields from any payload, never a quote, a name, the form copy or a source’s headline', () => {
    const payload = {
      statement: { speaker: 'Martyr Brigade spokesman', quote: 'We hit the terrorists', context: 'After the massacre' },
      form: { quote: 'We hit the terrorists', context: 'After the massacre' },
      claim: { question: 'Who are the terrorists?', accounts: [{ position: 'regime', text: 'Says so' }], note: 'n' },
      source: { outlet: 'Regime TV', title: 'Terrorists struck', note: 'A regime outlet' },
    };
    expect(moderatorTextOf(payload)).toEqual([
      { field: 'context', text: 'After the massacre' },
      { field: 'question', text: 'Who are the terrorists?' },
      { field: 'position', text: 'regime' },
      { field: 'text', text: 'Says so' },
      { field: 'note', text: 'n' },
      { field: 'note', text: 'A regime outlet' },
    ]);
  });

  it('words each warning as a flag, naming the field and the word', () => {
    expect(neutralityWarnings([{ field: 'title', text: 'Terrorists hit' }], BUNDLED_LOADED_TERMS, (t) => t)).toEqual([
      'Loaded term “Terrorists” in **title**, outside quotation marks: quote it as a source\'s word, or say it neutrally. (You can still confirm.)',
    ]);
  });

  it('takes any list in the documented format', () => {
    const terms = LoadedTermsSchema.parse({ en: ['rebel*'], ar: ['إرهابي*'] });
    expect(findLoadedTerms([{ field: 'title', text: 'Rebels and terrorists' }], terms).map((f) => f.found)).toEqual(['Rebels']);
    expect(() => LoadedTermsSchema.parse({ English: ['x'] })).toThrow();
  });

  it('uses the bundled list unless a file is named, and refuses a bad file with one line', async () => {
    expect(await loadLoadedTerms(undefined)).toBe(BUNDLED_LOADED_TERMS);
    // A named file replaces the bundled list.
    const own = await loadLoadedTerms('tests/fixtures/loaded-terms.json');
    expect(findLoadedTerms([{ field: 'summary', text: 'insurgents, not terrorists' }], own).map((f) => f.found)).toEqual(['insurgents']);
    await expect(loadLoadedTerms('tests/fixtures/no-such-terms.json')).rejects.toThrow(/SITREP_LOADED_TERMS_FILE is "tests\/fixtures\/no-such-terms.json", which cannot be read/);
    await expect(loadLoadedTerms('package.json')).rejects.toThrow(/SITREP_LOADED_TERMS_FILE \(package.json\): .* it must look like/);
  });

  it('blanks quoted spans without moving the rest', () => {
    expect(withoutQuotes('a “b” c')).toBe('a     c');
  });
});
