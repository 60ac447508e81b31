/** Shortens text to `max` characters at a word boundary, marking the cut with "…". */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
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
