import type { Schedule } from '../../data/schema.js';
import { nextSlot } from '../../schedule/slots.js';
import { discordTime, safe } from './format.js';
import { LIMITS } from '../reply/limits.js';
import { shorten } from './paginate.js';
import { notice, type Reply } from '../reply/reply.js';

/** `/schedule list`: each schedule's next run in the reader's own time, its last post and its state. */
export function renderScheduleList(schedules: readonly Schedule[], now: Date): Reply {
  if (schedules.length === 0) return notice('No scheduled briefings in this server. Add one with `/schedule add`.');
  const lines = schedules.map((schedule) => {
    const next = schedule.state === 'active' ? nextSlot(schedule.cron, schedule.timeZone, now) : undefined;
    const state = schedule.state === 'active' ? '🟢 active' : `⏸️ paused — ${safe(schedule.pausedReason ?? 'no reason given')}`;
    const last = schedule.lastPostedAt ? `last posted ${discordTime(schedule.lastPostedAt)}${schedule.lastLate ? ' (late)' : ''}` : 'not posted yet';
    const skipped = schedule.skippedSlots ? ` · ${schedule.skippedSlots} missed slot(s) skipped` : '';
    return [
      `**\`${schedule.id}\`** → <#${schedule.channelId}> · ${safe(schedule.label)} ${schedule.timeZone} · ${schedule.kind}${schedule.quiet ? ', quiet' : ''}`,
      `${state} · next ${next ? discordTime(next) : '—'} · ${last}${skipped}`,
    ].join('\n');
  });
  return { embeds: [{ title: 'Scheduled briefings', description: shorten(lines.join('\n\n'), LIMITS.embedDescription) }], ephemeral: true };
}
