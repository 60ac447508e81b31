import type { AuditEntry } from '../../data/schema.js';
import { discordTime, safe } from './format.js';
import { notice, type Reply } from '../reply/reply.js';
import type { PageOptions } from './components.js';
import { renderPagedDocument } from './document.js';
import { describeChanges } from './preview.js';
import { shorten } from './paginate.js';

const ACTIONS = { create: 'added it', update: 'edited it', retract: 'retracted it', import: 'imported it', settings: 'changed settings' } as const;

const isLines = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * Each changed field, before → after; a list (a story's sides, a record's sources) as the items
 * removed and added, so one renamed side reads as one line, not the whole list twice.
 */
export function describeFieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).flatMap((field) => {
    const was = before[field];
    const now = after[field];
    if (!isLines(was) || !isLines(now)) return describeChanges({ [field]: was }, { [field]: now });
    const removed = was.filter((item) => !now.includes(item)).map((item) => `− “${safe(shorten(item, 200))}”`);
    const added = now.filter((item) => !was.includes(item)).map((item) => `+ “${safe(shorten(item, 200))}”`);
    const moved = removed.length + added.length === 0 ? ['order changed'] : [];
    return [`**${field}**: ${[...removed, ...added, ...moved].join('; ')}`];
  });
}

/** The record whose history is shown: any kind (event, statement, question, source, story). */
export interface HistoryRecord {
  /** "event", "statement", "question", "source", "story". */
  kind: string;
  title: string;
  revision: number;
  retracted: boolean;
}

/**
 * `/update history`: who changed what, when, with the before and after of each field and the reason.
 * Anyone may read it, so moderators are named by their display name only — never their user id or server.
 */
export function renderHistory(record: HistoryRecord, entries: readonly AuditEntry[], options: PageOptions): Reply {
  if (entries.length === 0) return notice(`No changes to the ${record.kind} **${safe(record.title)}** are recorded (it came with the bundled story).`);
  const blocks = entries.map((entry) => {
    const when = discordTime(entry.at);
    const who = `**${safe(entry.by.name)}**`;
    const changes =
      entry.action === 'update' && entry.before && entry.after ? describeFieldChanges(entry.before, entry.after).map((line) => `• ${line}`) : [];
    const reason = entry.reason ? [`Reason: ${safe(entry.reason)}`] : [];
    return { text: [`${when} — ${who} ${ACTIONS[entry.action]}`, ...changes, ...reason].join('\n'), sourceIds: [] };
  });
  return renderPagedDocument(
    {
      title: `History — ${safe(record.title)}`,
      blocks,
      sourceLines: new Map(),
      countLabel: `${record.kind} · revision ${record.revision}${record.retracted ? ' · retracted' : ''}`,
      separator: '\n\n',
    },
    options,
  );
}
