/**
 * The edge of intake: a file's bytes or a link's page become an `Article`. The only module here that reads
 * files or the network; extraction itself (extract.ts) is pure.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { type Article, decodeReport, IntakeError, readHtmlReport, readTextReport } from './article.js';
import { fetchReport, type FetchOptions } from './fetch.js';

/** Largest file read: a saved web page (the same 2 MB as a fetched one). */
const MAX_FILE = 2 * 1024 * 1024;

export function articleFrom(kind: 'html' | 'text', text: string): Article {
  return kind === 'html' ? readHtmlReport(text) : readTextReport(text);
}

/** A report from a path (.txt, .md, .html) or an http(s) link. */
export async function readReport(input: string, fetchOptions: FetchOptions = {}): Promise<Article & { link?: string }> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    const page = await fetchReport(input, fetchOptions);
    return { ...articleFrom(page.kind, page.text), link: page.url };
  }
  const extension = extname(input).toLowerCase();
  if (extension && !['.txt', '.md', '.markdown', '.html', '.htm', '.text'].includes(extension)) {
    throw new IntakeError(`A report file is .txt, .md or .html (not ${extension}).`);
  }
  let size: number;
  try {
    size = (await stat(input)).size;
  } catch (error) {
    throw new IntakeError(`Cannot read ${input} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`);
  }
  if (size > MAX_FILE) throw new IntakeError(`The file is larger than 2 MB (${Math.round(size / 1024)} KB).`);
  const { kind, text } = decodeReport(await readFile(input), { name: input });
  return articleFrom(kind, text);
}
