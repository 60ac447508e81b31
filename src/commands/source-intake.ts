/**
 * `/source add url:` and `/source add file:` — a report's page or file read (src/intake) into the fields of
 * the usual `/source add` preview: outlet, headline, link and publication date with its precision. Nothing
 * is saved here; the preview's Confirm saves, as for a source typed into the form.
 */
import { UserError } from '../briefing/reply/reply.js';
import { plainDate } from '../briefing/render/format.js';
import type { Precision } from '../data/schema.js';
import { type Article, IntakeError } from '../intake/article.js';
import { extractReport } from '../intake/extract.js';
import { articleFrom } from '../intake/read.js';
import { readerMessages } from './shared.js';
import type { AttachmentRef, CommandContext } from './types.js';

/** Largest report file taken: a saved web page (the same 2 MB as a fetched page). */
export const MAX_REPORT_FILE_BYTES = 2 * 1024 * 1024;
const REPORT_FILE = /\.(?:txt|text|md|markdown|html?)$/i;

/** What the form's fields would hold, read from a report, and what the report did not say. */
export interface SourceFromReport {
  fields: { outlet: string; title: string; url: string; date: string };
  publishedAt?: string;
  publishedPrecision?: Precision;
  /** Direct quotations the intake found (statements, not terms); undefined when extraction failed. */
  quotations?: number;
  missing: Array<'outlet' | 'date'>;
}

const clipped = (text: string | undefined, max: number) => {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** The date as the form shows it: a UTC instant as typed ("2024-01-18 11:26 UTC" is not parsed back: the instant itself is). */
const dateField = (value: string | undefined, precision: Precision | undefined) => (!value || !precision ? '' : precision === 'minute' ? value : plainDate(value, precision));

/**
 * A report's fields for the source form. Pure: `fallbackOutlet` (the link's site, or the file's name) is
 * used, and flagged, when the report does not name its outlet.
 */
export function sourceFromArticle(article: Article, options: { link?: string; fallbackOutlet: string; now: Date; timeZone: string }): SourceFromReport {
  const outlet = clipped(article.outlet, 100);
  const link = options.link && options.link.length <= 300 ? options.link : '';
  let quotations: number | undefined;
  try {
    quotations = extractReport(article, { now: options.now, timeZone: options.timeZone }).statements.length;
  } catch (error) {
    if (!(error instanceof IntakeError)) throw error;
  }
  return {
    fields: {
      outlet: outlet || clipped(options.fallbackOutlet, 100),
      title: clipped(article.title, 256),
      url: link,
      date: dateField(article.publishedAt, article.publishedPrecision),
    },
    ...(article.publishedAt && article.publishedPrecision ? { publishedAt: article.publishedAt, publishedPrecision: article.publishedPrecision } : {}),
    ...(quotations !== undefined ? { quotations } : {}),
    missing: [...(outlet ? [] : ['outlet' as const]), ...(article.publishedAt ? [] : ['date' as const])],
  };
}

/** The site a link names, for a report that does not name its outlet ("www.example.com" → "example.com"). */
const siteOf = (link: string) => {
  try {
    return new URL(link).hostname.replace(/^www\./, '');
  } catch {
    return link;
  }
};

/** An intake refusal as the polite reply that offers the other routes. */
function refused<T>(from: 'link' | 'file', context: CommandContext, read: () => Promise<T>): Promise<T> {
  return read().catch((error: unknown) => {
    if (error instanceof IntakeError) throw new UserError(readerMessages(context).moderation.reportNotRead(error.message, from));
    throw error;
  });
}

/** The report behind a link, fetched safely (after the caller deferred: it may take seconds). */
export function sourceFromLink(link: string, context: CommandContext): Promise<SourceFromReport> {
  return refused('link', context, async () => {
    if (!context.fetchPage) throw new IntakeError('Links are fetched in Discord only; offline, use `npm run intake -- <link>`.');
    const page = await context.fetchPage(link.trim());
    const article = articleFrom(page.kind, page.text);
    return sourceFromArticle(article, { link: page.url, fallbackOutlet: siteOf(page.url), now: context.now, timeZone: context.timeZone });
  });
}

/** The report in an attached .txt, .html or .md file: UTF-8 text, at most MAX_REPORT_FILE_BYTES. */
export function sourceFromFile(file: AttachmentRef, context: CommandContext): Promise<SourceFromReport> {
  const m = readerMessages(context).moderation;
  if (!REPORT_FILE.test(file.name) || (file.contentType && !/^text\/|^application\/xhtml\+xml\b/i.test(file.contentType))) {
    return Promise.reject(new UserError(m.notReportFile(clipped(file.name, 100))));
  }
  return refused('file', context, async () => {
    if (file.size > MAX_REPORT_FILE_BYTES) throw new IntakeError(`The file is ${Math.ceil(file.size / 1024)} KB; a report file is at most ${MAX_REPORT_FILE_BYTES / 1024 / 1024} MB.`);
    if (!context.download) throw new IntakeError('Attachments are read in Discord only; offline, use `npm run intake -- <file>`.');
    const text = await context.download(file.url, MAX_REPORT_FILE_BYTES);
    // The download is decoded as UTF-8: a NUL is binary data, a replacement character a byte that is not UTF-8.
    if (text.includes('\u0000')) throw new IntakeError('The file is not text (it holds binary data).');
    if (text.includes('\uFFFD')) throw new IntakeError('The file is not UTF-8 text. Save it as UTF-8 and try again.');
    const article = articleFrom(/\.html?$/i.test(file.name) ? 'html' : 'text', text.replace(/^\uFEFF/, ''));
    return sourceFromArticle(article, { fallbackOutlet: file.name.replace(/\.[^.]+$/, ''), now: context.now, timeZone: context.timeZone });
  });
}
