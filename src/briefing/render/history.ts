import type { AuditEntry, SitrepEvent } from '../../data/schema.js';
import { discordTime, safe } from '../format.js';
import { notice, type Reply } from '../reply.js';
import type { PageOptions } from './components.js';
import { renderPagedDocument } from './document.js';
import { describeChanges } from './preview.js';

const ACTIONS = { create: 'added it', update: 'edited it', retract: 'retracted it', import: 'imported it', settings: 'changed settings' } as const;

/** `/update history`: who changed what, when, with the before and after of each field. */
export function renderHistory(event: SitrepEvent, entries: readonly AuditEntry[], options: PageOptions): Reply {
  if (entries.length === 0) return notice(`No changes to **${safe(event.title)}** are recorded (it came with the bundled story).`);
  const blocks = entries.map((entry) => {
    const when = discordTime(entry.at);
    const who = `**${safe(entry.by.name)}** (\`${entry.by.userId}\`)${entry.guildId ? ` in server \`${entry.guildId}\`` : ''}`;
    const changes =
      entry.action === 'update' && entry.before && entry.after ? describeChanges(entry.before, entry.after).map((line) => `• ${line}`) : [];
    const reason = entry.reason ? [`Reason: ${safe(entry.reason)}`] : [];
    return { text: [`${when} — ${who} ${ACTIONS[entry.action]}`, ...changes, ...reason].join('\n'), sourceIds: [] };
  });
  return renderPagedDocument(
    {
      title: `History — ${safe(event.title)}`,
      blocks,
      sourceLines: new Map(),
      countLabel: `revision ${event.revision}${event.status === 'retracted' ? ' · retracted' : ''}`,
      maxBlocksPerPage: 10,
      separator: '\n\n',
    },
    options,
  );
}
