import { composeBriefing } from '../briefing/briefing.js';
import { discordTime, safe } from '../briefing/format.js';
import { renderBrief } from '../briefing/render/brief.js';
import type { Reply } from '../briefing/reply.js';
import { shortKey } from '../briefing/short-key.js';
import { storyLookup } from '../briefing/story-lookup.js';
import { calendarDay } from '../briefing/time-input.js';
import type { Schedule, StoreData } from '../data/schema.js';

/**
 * A scheduled post, rendered by the same code as `/brief`: the whole briefing (`full`) or only what
 * is new since the schedule's last post (`digest`). Undefined when a quiet digest has nothing new.
 */
export function scheduledPost(data: Readonly<StoreData>, schedule: Schedule, slot: Date, late: boolean): Reply | undefined {
  const story = data.stories.find((candidate) => candidate.id === schedule.storyId)!;
  const lastPost = schedule.lastPostedAt ? new Date(schedule.lastPostedAt) : undefined;
  const since =
    schedule.kind === 'digest' && lastPost
      ? { instant: lastPost, day: calendarDay(lastPost, schedule.timeZone), label: 'the last briefing' }
      : undefined;
  const briefing = composeBriefing(data, story, since, since ? 'recorded' : 'occurred');
  const lateNote = late ? `\n⏰ Late: this briefing was due at ${discordTime(slot)}.` : '';
  if (briefing.events.length === 0) {
    if (schedule.quiet) return undefined;
    return { content: `📰 **${safe(story.title)}** — no new developments since ${lastPost ? discordTime(lastPost) : 'the last briefing'}.${lateNote}` };
  }
  const page = renderBrief(briefing, storyLookup(data, story), { page: 1, customIdFor: (target) => `brief:${target}:${shortKey(story.id)}:` });
  const more = page.components?.length ? '\nThe briefing continues: use `/brief` for the rest.' : '';
  return {
    content: `📰 Scheduled briefing${since ? ' — new since the last one' : ''}${lateNote}${more}`,
    embeds: page.embeds,
  };
}

/** A Discord nonce (at most 25 characters) unique to the schedule and slot, so a resend cannot post twice. */
export function slotNonce(scheduleId: string, slot: Date): string {
  return `${shortKey(scheduleId)}-${Math.floor(slot.getTime() / 1000).toString(36)}`;
}
