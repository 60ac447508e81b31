/**
 * A short, stable key for an id (FNV-1a, base 36, at most 7 characters), so a button's custom_id
 * can name a story, side and actor within Discord's 100 characters and still work after a restart.
 */
export function shortKey(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

export function findByShortKey<T extends { id: string }>(items: readonly T[], key: string): T | undefined {
  return key ? items.find((item) => shortKey(item.id) === key) : undefined;
}
