import { randomBytes } from 'node:crypto';
import { foldText } from '../text/fold.js';

/** The schema's longest id. */
export const MAX_ID = 40;

/**
 * "Iran–Pakistan strikes, Jan 2024" → "iran-pakistan-strikes-jan-2024": latin letters without their accents,
 * digits and "-", at most `max` characters; empty when the text has no latin letters or digits.
 */
export function slugify(text: string, max = MAX_ID): string {
  return foldText(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/**
 * A readable, unique id for a new record: a slug of its title plus a short random suffix
 * ("pakistan-recalls-ambassador-k3f9"), within the schema's 40 characters.
 */
export function newId(title: string, taken: (id: string) => boolean): string {
  const slug = slugify(title, MAX_ID - 6) || 'item';
  for (;;) {
    const id = `${slug}-${randomBytes(3).toString('hex').slice(0, 5)}`;
    if (!taken(id)) return id;
  }
}
