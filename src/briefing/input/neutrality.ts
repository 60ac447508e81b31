import { z } from 'zod';
import { en } from '../../i18n/en.js';

/**
 * Loaded terms by language: `{ "en": ["terrorist*", "regime", …], "ur": […], "fa": […] }`. A term
 * matches as a whole word (any case); a trailing `*` lets it run on ("terrorist*": terrorists,
 * terroristic); a space inside a term matches a space, a zero-width non-joiner or nothing
 * ("دہشت گرد": دہشتگرد, دہشت‌گرد). The bundled list is src/data/loaded-terms.json.
 */
export const LoadedTermsSchema = z.record(
  z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as en, ur or fa'),
  z.array(z.string().trim().min(1).max(60)).max(500),
);
export type LoadedTerms = z.infer<typeof LoadedTermsSchema>;

/** One piece of the moderator's own words in a pending change: which field, and the text. */
export interface ModeratorText {
  field: string;
  text: string;
}

export interface LoadedTermFinding {
  field: string;
  /** As written in the text ("Terrorists"). */
  found: string;
  language: string;
}

/**
 * The payload fields that hold the moderator's own words, wherever they sit in a preview's payload
 * (a kind may name its own with `moderatorText`). Quotes (`quote`), names (`speaker`, `outlet`,
 * `name`), `via` and links are not the moderator's words and are never checked.
 */
export const MODERATOR_TEXT_FIELDS: readonly string[] = ['title', 'summary', 'lead', 'context', 'position', 'text', 'question', 'note', 'location', 'reason', 'description', 'who'];

/**
 * Every string under one of `fields` anywhere in `payload`, once per field and text. Not read: a
 * payload's `form` (the typed copy of what the payload holds resolved) and a source's `title` (the
 * report's own headline, not the moderator's words).
 */
export function moderatorTextOf(payload: unknown, fields: readonly string[] = MODERATOR_TEXT_FIELDS): ModeratorText[] {
  const found = new Map<string, ModeratorText>();
  const visit = (value: unknown, key: string | undefined, parent: string | undefined, depth: number) => {
    if (depth > 8 || value === null || value === undefined || key === 'form' || (parent === 'source' && key === 'title')) return;
    if (typeof value === 'string') {
      if (key !== undefined && fields.includes(key) && value.trim()) found.set(`${key}\u0000${value}`, { field: key, text: value });
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key, parent, depth + 1);
    } else if (typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) visit(child, childKey, key, depth + 1);
    }
  };
  visit(payload, undefined, undefined, 0);
  return [...found.values()];
}

/** Quoted spans, in every style: "…", “…”, „…“, «…», ‹…›, ‘…’ and '…' (an apostrophe inside a word opens and closes nothing). */
const QUOTED = [
  /"[^"\n]*"/g,
  /“[^”\n]*”/g,
  /„[^“”\n]*[“”]/g,
  /«[^»\n]*»/g,
  /‹[^›\n]*›/g,
  /(?<![\p{L}\p{N}])‘[^\n]*?’(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])'(?=\S)[^\n]*?(?<=\S)'(?![\p{L}\p{N}])/gu,
];

/** The text with every quoted span blanked out (same length), so only the moderator's own words remain. */
export function withoutQuotes(text: string): string {
  let rest = text;
  for (const pattern of QUOTED) rest = rest.replace(pattern, (span) => ' '.repeat(span.length));
  return rest;
}

/** Arabic and Persian/Urdu spellings of the same letters, read as one. */
const normalise = (text: string) => text.replace(/ي/g, 'ی').replace(/ك/g, 'ک').replace(/ى/g, 'ی');

const LETTER = '[\\p{L}\\p{M}\\p{N}\\u200C]';

function termPattern(term: string): RegExp {
  const open = term.endsWith('*');
  const words = normalise(open ? term.slice(0, -1) : term)
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<!${LETTER})${words.join('[\\s\\u200C]*')}${open ? `${LETTER}*` : `(?!${LETTER})`}`, 'giu');
}


/** Loaded terms in the moderator's own words, outside quotation marks; each word once per field. */
export function findLoadedTerms(texts: readonly ModeratorText[], terms: LoadedTerms): LoadedTermFinding[] {
  const findings: LoadedTermFinding[] = [];
  const seen = new Set<string>();
  // A few dozen patterns, compiled per preview: microseconds, and nothing kept between previews.
  const patterns = Object.entries(terms).flatMap(([language, list]) => list.map((term) => ({ language, pattern: termPattern(term) })));
  for (const { field, text } of texts) {
    const open = normalise(withoutQuotes(text));
    for (const { language, pattern } of patterns) {
      for (const match of open.matchAll(pattern)) {
        const key = `${field}\u0000${match[0].toLowerCase()}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({ field, found: match[0], language });
      }
    }
  }
  return findings;
}

/** The preview's warnings for loaded terms: flagged, never refused. */
export function neutralityWarnings(
  texts: readonly ModeratorText[],
  terms: LoadedTerms,
  clean: (text: string) => string,
  flag: (term: string, field: string) => string = en.moderation.loadedTerm,
): string[] {
  return findLoadedTerms(texts, terms).map(({ field, found }) => flag(clean(found), field));
}
