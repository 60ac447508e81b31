import { randomBytes } from 'node:crypto';

/**
 * A readable, unique id for a new record: a slug of its title plus a short random suffix
 * ("pakistan-recalls-ambassador-k3f9"), within the schema's 40 characters.
 */
export function newId(title: string, taken: (id: string) => boolean): string {
  const slug =
    title
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 34)
      .replace(/-+$/, '') || 'item';
  for (;;) {
    const id = `${slug}-${randomBytes(3).toString('hex').slice(0, 5)}`;
    if (!taken(id)) return id;
  }
}
