import { describe, expect, it } from 'vitest';
import { sourceFromArticle, sourceFromFile, sourceFromLink } from '../../src/commands/source-intake.js';
import { UserError } from '../../src/briefing/reply/reply.js';
import { IntakeError, readHtmlReport } from '../../src/intake/article.js';
import { tempStore, testContext } from '../fixtures/temp-store.js';

const NOW = new Date('2025-03-20T10:00:00Z');
const options = { now: NOW, timeZone: 'Asia/Karachi' };

const page = (head: string, body: string) => `<!doctype html><html><head>${head}</head><body><article>${body}</article></body></html>`;
const BODY =
  '<h1>Norland rejects ultimatum</h1><p>Ilse Marten, the foreign minister, said on Saturday the dam would open "when it is safe, not before", speaking in Vessen to reporters.</p><p>Sudria\'s defence ministry said Norland would face "grave consequences" if the water did not flow.</p>';

describe('a report read into the source form (sourceFromArticle)', () => {
  it('fills outlet, headline, link and the date with its precision from the page metadata, and counts its quotations', () => {
    const article = readHtmlReport(page('<meta property="og:site_name" content="The Herald"><meta property="og:title" content="Norland rejects ultimatum"><meta property="article:published_time" content="2025-03-15T13:30:00+05:00">', BODY));
    expect(sourceFromArticle(article, { ...options, link: 'https://herald.example/a', fallbackOutlet: 'herald.example' })).toEqual({
      fields: { outlet: 'The Herald', title: 'Norland rejects ultimatum', url: 'https://herald.example/a', date: '2025-03-15T08:30:00Z' },
      publishedAt: '2025-03-15T08:30:00Z',
      publishedPrecision: 'minute',
      quotations: 2,
      proposals: expect.objectContaining({ statements: [expect.objectContaining({ quote: expect.any(String) }), expect.anything()] }),
      missing: [],
    });
  });

  it('a JSON-LD day is a day; no outlet named: the fallback, flagged; a link over 300 characters is left for the moderator', () => {
    const article = readHtmlReport(page('<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-03-15","headline":"Norland rejects ultimatum"}</script>', BODY));
    const found = sourceFromArticle(article, { ...options, link: `https://herald.example/${'a'.repeat(300)}`, fallbackOutlet: 'herald.example' });
    expect(found.fields).toEqual({ outlet: 'herald.example', title: 'Norland rejects ultimatum', url: '', date: '15 Mar 2025' });
    expect(found).toMatchObject({ publishedAt: '2025-03-15', publishedPrecision: 'day', missing: ['outlet'] });
  });

  it('an undated report asks for its date; a long headline and outlet are clipped to the form’s limits', () => {
    const found = sourceFromArticle({ outlet: 'O'.repeat(150), title: 'T '.repeat(200), paragraphs: ['No quotes here at all.'] }, { ...options, fallbackOutlet: 'x' });
    expect(found.fields.outlet).toHaveLength(100);
    expect(found.fields.title.length).toBeLessThanOrEqual(256);
    expect(found).toMatchObject({ quotations: 0, missing: ['date'] });
    expect(found.publishedAt).toBeUndefined();
  });
});

describe('refusals offer the other routes, in the server’s language', () => {
  it('a link the fetcher refuses: the reason, then the file and form routes', async () => {
    const context = testContext(await tempStore(), {
      fetchPage: () => Promise.reject(new IntakeError('The site answered HTTP 404.')),
    });
    const refusal = await sourceFromLink('https://herald.example/gone', context).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UserError);
    expect((refusal as Error).message).toBe(
      'Sitrep could not read that report: The site answered HTTP 404. Save the page and attach it (`/source add file:`), or type its details in the form (`/source add`). Nothing was changed.',
    );
  });

  it('in Urdu, the frame is translated', async () => {
    const context = testContext(await tempStore(), { locale: 'ur', download: () => Promise.resolve('PK\u0003\u0004\u0000') });
    const refusal = await sourceFromFile({ url: 'https://cdn.example/r.txt', name: 'r.txt', size: 5 }, context).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UserError);
    expect((refusal as Error).message).toMatch(/^Sitrep یہ رپورٹ نہیں پڑھ سکا: The file is not text .*`\/source add`.*کچھ تبدیل نہیں ہوا۔$/);
  });

  it('a bug in the download is not turned into a polite refusal', async () => {
    const context = testContext(await tempStore(), { download: () => Promise.reject(new TypeError('boom')) });
    await expect(sourceFromFile({ url: 'https://cdn.example/r.md', name: 'r.md', size: 5 }, context)).rejects.toBeInstanceOf(TypeError);
  });
});
