/**
 * A report's text and what it says about itself. HTML: @mozilla/readability on a linkedom DOM (no scripts
 * run: linkedom has no script engine, and <script>/<style>/<noscript> are removed before Readability reads
 * the page), metadata from og:site_name, og:title, article:published_time, JSON-LD datePublished and
 * <time datetime>. Plain text and markdown: the headline above a dateline, the dateline ("January 18, 2024 at
 * 11:26 am", "18 Jan 2024"), a desk byline ("By World News DESK") as the outlet.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Precision } from '../data/schema.js';
import { paragraphsOf } from './text.js';

type Page = ReturnType<typeof parseHTML>['document'];
type ReadabilityDocument = ConstructorParameters<typeof Readability>[0];

export interface Article {
  outlet?: string;
  title?: string;
  /** A calendar day, or a UTC instant when the page gives a time with its zone. */
  publishedAt?: string;
  publishedPrecision?: Precision;
  /** The article's paragraphs, headline first when known. */
  paragraphs: string[];
}

/** Longest report text read, in characters (about 16,000 words; a long report is under 60,000). */
export const MAX_TEXT = 100_000;

export class IntakeError extends Error {}

const DATELINE =
  /^(?:(?:published|updated|posted)(?: on)?:?\s*)?((?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2},? \d{4}|\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December),? \d{4}|\d{4}-\d{2}-\d{2})(?:,? (?:at )?\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?(?:\s*\p{L}{2,5})?)?$/iu;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A dateline's calendar day ("January 18, 2024 at 11:26 am" → 2024-01-18: no zone is given, so only the day is kept). */
export function datelineDay(line: string): string | undefined {
  const match = DATELINE.exec(line.trim());
  if (!match) return undefined;
  const text = match[1]!;
  if (/^\d{4}-/.test(text)) return text;
  const month = MONTHS.findIndex((name) => new RegExp(name, 'i').test(text)) + 1;
  const day = /\b(\d{1,2})\b/.exec(text.replace(/\d{4}/, ''))![1]!;
  const year = /\d{4}/.exec(text)![0];
  return `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function checkText(text: string): void {
  if (text.length > MAX_TEXT) {
    throw new IntakeError(`The report is too long to read (${Math.round(text.length / 1000)} k characters; the limit is ${MAX_TEXT / 1000} k). Cut it to the article itself.`);
  }
  if (text.includes(String.fromCharCode(0)) || (text.match(/\uFFFD/g)?.length ?? 0) > 3) throw new IntakeError('The file is not text (binary, or not in UTF-8).');
}

/** A plain-text or markdown report. */
export function readTextReport(text: string): Article {
  checkText(text);
  const lines = paragraphsOf(text);
  const top = lines.slice(0, 12);
  const datelineAt = top.findIndex((line) => datelineDay(line) !== undefined);
  let title: string | undefined;
  let publishedAt: string | undefined;
  const markdownTitle = /^#\s+(.+)$/m.exec(text.split('\n').slice(0, 5).join('\n'));
  if (markdownTitle) title = markdownTitle[1]!.trim();
  if (datelineAt >= 0) {
    publishedAt = datelineDay(top[datelineAt]!);
    title ??= top.slice(0, datelineAt).reverse().find((line) => line.split(' ').length >= 4 && !/[.]$/.test(line) && !/^by\s/i.test(line));
  }
  const byline = top.map((line) => /^By\s+(.+)$/.exec(line)?.[1]).find(Boolean);
  const outlet = byline && /\b(?:DESK|Desk|News|Staff|Agency|Bureau|Correspondent|Reporter)\b/.test(byline) ? byline.trim() : undefined;
  // The article: from the headline on, without the dateline and byline lines.
  const start = title ? Math.max(0, lines.indexOf(title)) : 0;
  const paragraphs = lines.slice(start).filter((line, index) => !(datelineDay(line) && index < 12) && !/^By\s+\S/.test(line));
  return { ...(outlet ? { outlet } : {}), ...(title ? { title } : {}), ...(publishedAt ? { publishedAt, publishedPrecision: 'day' as const } : {}), paragraphs };
}

function meta(document: Page, ...names: string[]): string | undefined {
  for (const name of names) {
    const element = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
    const content = element?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return undefined;
}

function jsonLdDate(document: Page): { published?: string; headline?: string; publisher?: string } {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const data: unknown = JSON.parse(script.textContent ?? '');
      const nodes = (Array.isArray(data) ? data : [data, ...(((data as { '@graph'?: unknown[] })?.['@graph'] as unknown[]) ?? [])]) as Array<Record<string, unknown>>;
      for (const node of nodes) {
        if (node && typeof node === 'object' && typeof node.datePublished === 'string') {
          const publisher = (node.publisher as { name?: unknown } | undefined)?.name;
          return { published: node.datePublished, ...(typeof node.headline === 'string' ? { headline: node.headline } : {}), ...(typeof publisher === 'string' ? { publisher } : {}) };
        }
      }
    } catch {
      // A broken JSON-LD block is skipped: it is only metadata.
    }
  }
  return {};
}

/** A date from metadata: with a time and a zone, the UTC instant; a bare day, the day. */
export function metadataDate(text: string | undefined): { publishedAt: string; publishedPrecision: Precision } | undefined {
  if (!text) return undefined;
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return { publishedAt: trimmed, publishedPrecision: 'day' };
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) {
    const instant = new Date(trimmed);
    if (!Number.isNaN(instant.getTime())) return { publishedAt: `${instant.toISOString().slice(0, 16)}:00Z`, publishedPrecision: 'minute' };
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) return { publishedAt: trimmed.slice(0, 10), publishedPrecision: 'day' };
  return undefined;
}

/** An HTML page: the article Readability finds, and the page's metadata. */
export function readHtmlReport(html: string): Article {
  if (html.length > 2_000_000) throw new IntakeError('The page is larger than 2 MB.');
  const { document } = parseHTML(html);
  const ld = jsonLdDate(document);
  const metaDoc = document;
  const outlet = meta(metaDoc, 'og:site_name', 'application-name') ?? ld.publisher;
  const title = meta(metaDoc, 'og:title', 'twitter:title') ?? ld.headline ?? document.querySelector('h1')?.textContent?.trim() ?? document.title?.trim();
  const date =
    metadataDate(meta(metaDoc, 'article:published_time', 'datePublished', 'pubdate', 'date')) ??
    metadataDate(ld.published) ??
    metadataDate(document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined);
  for (const element of document.querySelectorAll('script, style, noscript, iframe, object, embed, template')) element.remove();
  const article = new Readability(document as unknown as ReadabilityDocument, { charThreshold: 100 }).parse();
  const html2 = article?.content ?? '';
  const { document: body } = parseHTML(`<!doctype html><html><body>${html2}</body></html>`);
  const blocks = [...body.querySelectorAll('p, h2, h3, h4, blockquote, li')]
    .filter((element) => !element.querySelector('p, li'))
    .map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const text = blocks.join('\n');
  if (!text.trim()) throw new IntakeError('The page holds no article text I can read. Save the report as a file, or paste its text.');
  checkText(text);
  const headline = title ?? article?.title ?? undefined;
  return {
    ...(outlet ? { outlet } : {}),
    ...(headline ? { title: headline } : {}),
    ...(date ?? {}),
    paragraphs: headline && blocks[0] !== headline ? [headline, ...blocks] : blocks,
  };
}

/** Decodes a file's bytes: HTML by its declared charset, text as UTF-8; refuses binary and text that is not valid UTF-8. */
export function decodeReport(bytes: Uint8Array, hint: { name?: string; contentType?: string } = {}): { kind: 'html' | 'text'; text: string } {
  const sample = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const isHtml = /\.html?$/i.test(hint.name ?? '') || /html/i.test(hint.contentType ?? '') || /^\s*(?:<!doctype html|<html|<head|<meta|<body|<article)/i.test(sample);
  if (bytes.includes(0)) throw new IntakeError('The file is not text (it holds binary data).');
  const declared = /charset=["']?([\w-]+)/i.exec(hint.contentType ?? '')?.[1] ?? (isHtml ? /<meta[^>]+charset=["']?([\w-]+)/i.exec(sample)?.[1] : undefined);
  let text: string;
  try {
    text = new TextDecoder(declared ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    if (error instanceof RangeError) throw new IntakeError(`The file declares a character set I don't know (${declared}).`);
    throw new IntakeError(`The file is not valid ${declared ?? 'UTF-8'} text. Save it as UTF-8 and try again.`);
  }
  return { kind: isHtml ? 'html' : 'text', text: text.replace(/^\uFEFF/, '') };
}
