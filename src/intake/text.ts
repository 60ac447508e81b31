/**
 * The report's text as the extractors read it: paragraphs, sentences, and the passages between
 * quotation marks. Pure and dependency-free; offsets are into each paragraph's own text.
 */

export interface QuoteSpan {
  /** The words between the marks, exactly as the report prints them. */
  text: string;
  /** Index of the opening mark and of the closing mark (or the paragraph's end for a quote that runs on). */
  open: number;
  close: number;
  mark: 'double' | 'single';
}

export interface Paragraph {
  index: number;
  text: string;
  quotes: QuoteSpan[];
  /** Opening marks left unclosed (their indexes), when the quote does not run on into the next paragraph. */
  unbalanced: number[];
  /** [start, end) of each sentence; a sentence never ends inside a quote. */
  sentences: Array<[number, number]>;
}

const LETTER = /[\p{L}\p{N}]/u;
const OPEN_CONTEXT = /[\s([{\u2014\u2013\-–—/:;,]/;

/** Splits a plain text into paragraphs (one per non-empty line), with markdown syntax removed. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) =>
      line
        .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[*+-]\s+(?=\S))/, '')
        .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__)(.+?)\1/g, '$2')
        .replace(/[\t ]+/g, ' ')
        .trim(),
    )
    .filter((line) => line.length > 0);
}

function isOpening(text: string, i: number): boolean {
  const prev = i === 0 ? ' ' : text[i - 1]!;
  const next = text[i + 1] ?? ' ';
  return (OPEN_CONTEXT.test(prev) || prev === '“' || prev === '‘') && next !== ' ';
}

/** The quotation in a paragraph: “…”, "…", ‘…’ and '…' (an apostrophe inside a word opens and closes nothing). */
export function scanQuotes(text: string, runsOn: (mark: string) => boolean = () => false): { quotes: QuoteSpan[]; unbalanced: number[] } {
  const quotes: QuoteSpan[] = [];
  const unbalanced: number[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    let closeAt = -1;
    let mark: QuoteSpan['mark'] | undefined;
    if (ch === '“' || (ch === '"' && isOpening(text, i))) {
      mark = 'double';
      const closer = ch === '“' ? /[”"]/g : /["”]/g;
      closer.lastIndex = i + 1;
      closeAt = closer.exec(text)?.index ?? -1;
    } else if ((ch === '‘' || ch === "'") && isOpening(text, i) && LETTER.test(text[i + 1] ?? '')) {
      mark = 'single';
      for (let j = i + 1; j < text.length; j++) {
        const c = text[j]!;
        if ((c === '’' || c === "'") && !LETTER.test(text[j + 1] ?? '') && text[j - 1] !== ' ') {
          // "the strikes' toll": a plural possessive followed by a word goes on; a mark before punctuation or the end closes.
          closeAt = j;
          break;
        }
      }
    }
    if (!mark) {
      i++;
      continue;
    }
    if (closeAt < 0) {
      if (runsOn(ch)) {
        quotes.push({ text: text.slice(i + 1).trim(), open: i, close: text.length, mark });
        return { quotes, unbalanced };
      }
      unbalanced.push(i);
      i++;
      continue;
    }
    const inner = text.slice(i + 1, closeAt);
    if (inner.trim()) quotes.push({ text: inner, open: i, close: closeAt, mark });
    i = closeAt + 1;
  }
  return { quotes, unbalanced };
}

const NO_BREAK_BEFORE = /(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Maj|Sgt|St|No|Prof|Rev|Gov|Sen|Rep|vs|etc|Jr|Sr|Inc|Ltd|Co)|\b\p{Lu}|\b\p{Lu}\.\p{Lu})\.$/u;

/** Sentences of a paragraph: a break after . ! ? (and any closing marks) before a capital or an opening mark, never inside a quote. */
export function sentencesOf(text: string, quotes: readonly QuoteSpan[]): Array<[number, number]> {
  // Inside a quote that goes on after the break: "… patience." ends the sentence, "… rivals. In effect …" does not.
  const inside = (index: number, end: number) => quotes.some((quote) => index > quote.open && index < quote.close && quote.close >= end);
  const found: Array<[number, number]> = [];
  let start = 0;
  const boundary = /[.!?]+[”"’')\]]*\s+(?=[\p{Lu}“‘"'(\d])/gu;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    if (inside(match.index, match.index + match[0].trimEnd().length)) continue;
    const end = match.index + match[0].trimEnd().length;
    if (NO_BREAK_BEFORE.test(text.slice(Math.max(start, match.index - 6), match.index + 1))) continue;
    found.push([start, end]);
    start = match.index + match[0].length;
  }
  if (start < text.length) found.push([start, text.length]);
  return found;
}

/** Paragraphs with their quotes and sentences; a quote left open at a paragraph's end runs on when the next paragraph opens with the same mark. */
export function readParagraphs(lines: readonly string[]): Paragraph[] {
  return lines.map((text, index) => {
    const next = lines[index + 1] ?? '';
    const { quotes, unbalanced } = scanQuotes(text, (mark) => next.startsWith(mark === '"' ? '"' : mark));
    return { index, text, quotes, unbalanced, sentences: sentencesOf(text, quotes) };
  });
}

/** The text with each quote replaced by a placeholder of the same length (so offsets stay), for reading the frame around quotes. */
export function frameOf(text: string, quotes: readonly QuoteSpan[]): string {
  let frame = text;
  for (const quote of quotes) {
    const length = quote.close - quote.open + (quote.close < text.length ? 1 : 0);
    frame = frame.slice(0, quote.open) + 'Q'.padEnd(length, '\uE000') + frame.slice(quote.open + length);
  }
  return frame;
}

export const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
