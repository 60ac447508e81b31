import { closeBidi } from './format.js';

/**
 * Shortens text to `max` characters at a word boundary, marking the cut with "…". A directional
 * control the cut leaves open is closed within the `max`.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  // A cut can leave directional controls open; closing them adds characters, so cut shorter until the closed text fits.
  for (let limit = max; ; ) {
    const closed = closeBidi(cutAt(text, limit));
    if (closed.length <= max || limit <= 2) return closed;
    limit -= Math.max(1, closed.length - max);
  }
}

/** The first `max` UTF-16 units of `text`, never ending in half a character (no "…"). */
export function clip(text: string, max: number): string {
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function cutAt(text: string, max: number): string {
  // Never half an emoji: drop a lone high surrogate left at the cut.
  const cut = text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '');
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** Clamps a requested page number into 1..pageCount. */
export function clampPage(page: number, pageCount: number): number {
  return Math.min(Math.max(1, Math.trunc(page) || 1), Math.max(1, pageCount));
}

/**
 * Groups items into pages greedily: an item joins the current page while `fits(page)` still holds
 * and the page has fewer than `maxItems`. An item that fits nowhere gets a page of its own.
 */
export function pagesOf<T>(items: readonly T[], fits: (page: readonly T[]) => boolean, maxItems: number): T[][] {
  const pages: T[][] = [];
  let page: T[] = [];
  for (const item of items) {
    const candidate = [...page, item];
    if (page.length && (candidate.length > maxItems || !fits(candidate))) {
      pages.push(page);
      page = [item];
    } else {
      page = candidate;
    }
  }
  if (page.length) pages.push(page);
  return pages;
}

/**
 * Splits text into pieces of at most `max` characters, between lines where it can, else between
 * sentences, else between words. Every piece but the last ends with "…" and every piece but the
 * first starts with "…", so a reader sees where it continues.
 */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const room = max - 2;
  const units = text
    .split(/(?<=\n)/)
    .flatMap((line) => (line.length <= room ? [line] : line.split(/(?<=[.!?;]["”’)]?\s)/)))
    .flatMap((sentence) => (sentence.length <= room ? [sentence] : sentence.split(/(?<=\s)/)))
    .flatMap((word) => (word.length <= room ? [word] : word.match(new RegExp(`[^]{1,${room}}`, 'gu')) ?? []));
  const pieces: string[] = [];
  let current = '';
  for (const unit of units) {
    if (current.length + unit.length > room && current) {
      pieces.push(current);
      current = '';
    }
    current += unit;
  }
  pieces.push(current);
  return pieces.map((piece, index) => {
    const body = index > 0 ? piece.trimStart() : piece;
    return `${index > 0 ? '…' : ''}${index < pieces.length - 1 ? `${body.trimEnd()}…` : body}`;
  });
}
