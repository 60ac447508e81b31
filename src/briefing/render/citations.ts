import type { Source } from '../../data/schema.js';
import { isolate, messagesFor, type Messages } from '../../i18n/index.js';
import { safe } from './format.js';
import { formatDateBounds } from './date-range-format.js';
import { sourceBounds } from '../../data/date-range.js';

/**
 * `[1] Middle East Monitor, 18 Jan 2024 — *headline* <https://…>`. The link is shown as its URL
 * serialization, which percent-encodes spaces, "<" and ">": a stored link such as
 * `https://x.org/a> **b** <@1>` cannot end the `<…>` early and show the rest as markup or a mention.
 */
export function sourceLine(source: Source, number: number, m: Messages = messagesFor('en')): string {
  const bounds = sourceBounds(source);
  const date = bounds
    ? formatDateBounds(bounds, m.language)
    : m.undated;
  const title = source.title ? ` — *${isolate(safe(source.title), m)}*` : '';
  const link = source.url && URL.canParse(source.url) ? ` <${new URL(source.url).href}>` : '';
  return `[${number}] ${isolate(safe(source.outlet), m)}${m.direction === 'rtl' ? '،' : ','} ${date}${title}${link}`;
}

/** `[1] Middle East Monitor, 18 Jan 2024` — for pages whose full source lines would not fit. */
export function shortSourceLine(source: Source, number: number, m: Messages = messagesFor('en')): string {
  return sourceLine({ ...source, title: undefined, url: undefined }, number, m);
}

export interface SourceLine {
  number: number;
  full: string;
  short: string;
}

/** Each source's lines, keyed by id, in citation order. */
export function sourceLines(sources: readonly Source[], numbers: ReadonlyMap<string, number>, m: Messages = messagesFor('en')): Map<string, SourceLine> {
  return new Map(
    sources.map((source) => {
      const number = numbers.get(source.id)!;
      return [source.id, { number, full: sourceLine(source, number, m), short: shortSourceLine(source, number, m) }];
    }),
  );
}

/** The "Sources" block that closes a reply: only the sources its lines cite, in citation order. */
export function sourcesBlock(lines: ReadonlyMap<string, SourceLine>, cited: Iterable<string>, form: 'full' | 'short' = 'full', heading = 'Sources'): string {
  // Looks up only the cited sources: a story may have thousands, a page cites a handful.
  const shown = [...new Set(cited)]
    .flatMap((id) => lines.get(id) ?? [])
    .sort((a, b) => a.number - b.number)
    .map((line) => line[form]);
  return shown.length ? `**${heading}**\n${shown.join('\n')}` : '';
}
