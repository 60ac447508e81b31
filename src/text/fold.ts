/**
 * The one way Sitrep folds text before comparing it: the search index and its queries, autocomplete,
 * matching names, titles and positions, and ids made from titles all go through `foldText`.
 */

/** In-word joiners (ZWNJ and ZWJ in Persian and Urdu, soft hyphen, word joiner, BOM) and combining accents. */
const DROPPED = /\p{Join_Control}|[\u00ad\u2060\ufeff]|(?=\p{M})\p{Diacritic}/gu;

/**
 * Accents and in-word joiners removed, compatibility forms made plain ("chargé" → "charge",
 * "ﬁle" → "file", "می‌خواهد" → "میخواهد"); case is kept.
 */
export function foldText(text: string): string {
  // Most text is plain ASCII, and indexing a large story folds hundreds of thousands of fields.
  if (/^\p{ASCII}*$/u.test(text)) return text;
  return text.normalize('NFKD').replace(DROPPED, '').normalize('NFC');
}

/** Text as compared for sameness: folded, lower case, curly apostrophes straight, runs of space as one, trimmed. */
export function foldKey(text: string): string {
  return foldText(text).toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}
