import { randomBytes } from 'node:crypto';
import type { AuditEntry } from './schema.js';

export interface ChangeAuthor {
  userId: string;
  userName: string;
  guildId: string | null;
  now: Date;
}

/** An audit entry for a change made by `who`, stamped with their id, name, server and time. */
export function auditEntry(who: ChangeAuthor, change: Pick<AuditEntry, 'action' | 'entity' | 'entityId' | 'before' | 'after' | 'reason'>): AuditEntry {
  return {
    id: `audit-${randomBytes(8).toString('hex')}`,
    at: who.now.toISOString(),
    by: { userId: who.userId, name: who.userName },
    ...(who.guildId ? { guildId: who.guildId } : {}),
    ...Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)),
  } as AuditEntry;
}
