import type { Source } from '../../data/schema.js';
import { formatPartialDate, safe } from '../format.js';

/** `[1] Middle East Monitor, 18 Jan 2024 — *headline*` */
export function sourceLine(source: Source, number: number): string {
  const date = source.publishedAt && source.publishedPrecision
    ? formatPartialDate(source.publishedAt, source.publishedPrecision)
    : 'undated';
  const title = source.title ? ` — *${safe(source.title)}*` : '';
  const link = source.url ? ` <${source.url}>` : '';
  return `[${number}] ${safe(source.outlet)}, ${date}${title}${link}`;
}

/** Each source's line, keyed by id, in citation order. */
export function sourceLines(sources: readonly Source[], numbers: ReadonlyMap<string, number>): Map<string, string> {
  return new Map(sources.map((source) => [source.id, sourceLine(source, numbers.get(source.id)!)]));
}

/** The "Sources" block that closes a reply: only the sources its lines cite, in citation order. */
export function sourcesBlock(lines: ReadonlyMap<string, string>, cited: Iterable<string>): string {
  const citedIds = new Set(cited);
  const shown = [...lines].filter(([id]) => citedIds.has(id)).map(([, line]) => line);
  return shown.length ? `**Sources**\n${shown.join('\n')}` : '';
}
