import { randomBytes } from 'node:crypto';

/** How long a preview can wait for Confirm: as long as Discord lets the bot edit its reply. */
const DRAFT_LIFETIME_MS = 15 * 60 * 1000;

/**
 * Changes a moderator has previewed but not confirmed, by a short id carried in the preview's
 * buttons. Kept in memory: a restart drops them, and Confirm then asks to start again.
 */
export class DraftBook {
  private readonly drafts = new Map<string, { value: unknown; authorId: string; expires: number }>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  put(value: unknown, authorId: string): string {
    this.sweep();
    const id = randomBytes(6).toString('base64url');
    this.drafts.set(id, { value, authorId, expires: this.clock().getTime() + DRAFT_LIFETIME_MS });
    return id;
  }

  replace(id: string, value: unknown): void {
    const draft = this.drafts.get(id);
    if (draft) draft.value = value;
  }

  /** The draft, if it exists, has not expired, and belongs to `authorId`. */
  get<T>(id: string, authorId: string): T | undefined {
    this.sweep();
    const draft = this.drafts.get(id);
    return draft && draft.authorId === authorId ? (draft.value as T) : undefined;
  }

  delete(id: string): void {
    this.drafts.delete(id);
  }

  private sweep() {
    const now = this.clock().getTime();
    for (const [id, draft] of this.drafts) if (draft.expires <= now) this.drafts.delete(id);
  }
}
