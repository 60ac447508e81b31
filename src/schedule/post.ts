import { composeBriefing, hasRecorded } from '../briefing/query/briefing.js';
import { correctionLine, type Correction } from '../briefing/query/corrections.js';
import { shorten } from '../briefing/render/paginate.js';
import { LIMITS } from '../briefing/reply/limits.js';
import { messagesFor, type Messages } from '../i18n/index.js';
import { timelinePicture } from '../briefing/query/timeline-picture.js';
import { discordTime, safe } from '../briefing/render/format.js';
import { renderBrief, renderBriefFirst } from '../briefing/render/brief.js';
import { briefIds } from '../commands/brief.js';
import { correctionsWindowDays } from '../briefing/query/corrections.js';
import type { Reply } from '../briefing/reply/reply.js';
import { shortKey } from '../commands/short-key.js';
import { storyLookup } from '../briefing/query/story-lookup.js';
import { calendarDay } from '../briefing/input/time-input.js';
import type { Schedule, StoreData } from '../data/schema.js';
import { savedSettings } from '../data/guild-settings.js';

/**
 * A scheduled post, rendered by the same code as `/brief`: the whole briefing (`full`) or only what
 * is new since the schedule's last post (`digest`). Undefined when a quiet digest has nothing new.
 */
export function scheduledPost(data: Readonly<StoreData>, schedule: Schedule, slot: Date, late: boolean, corrections: readonly Correction[] = []): Reply | undefined {
  const story = data.stories.find((candidate) => candidate.id === schedule.storyId)!;
  const lastPost = schedule.lastPostedAt ? new Date(schedule.lastPostedAt) : undefined;
  const since =
    schedule.kind === 'digest' && lastPost
      ? { instant: lastPost, day: calendarDay(lastPost, schedule.timeZone), label: 'the last briefing' }
      : undefined;
  const briefing = composeBriefing(data, story, since, since ? 'recorded' : 'occurred');
  const lateNote = late ? `\n⏰ Late: this briefing was due at ${discordTime(slot)}.` : '';
  const m = messagesFor(savedSettings(data, schedule.guildId)?.language);
  const correctionNote = correctionLines(corrections, m);
  const anything = briefing.events.length > 0 || hasRecorded(briefing.recorded);
  if (!anything && corrections.length === 0) {
    if (schedule.quiet) return undefined;
    return { content: `📰 **${safe(story.title)}** — no new developments since ${lastPost ? discordTime(lastPost) : 'the last briefing'}.${lateNote}` };
  }
  // A full briefing has /brief's shape (its buttons open each section, privately, from the channel post); a
  // digest lists what was recorded since, paged as before.
  const lookup = storyLookup(data, story);
  const page = !anything
    ? { embeds: [], components: [] }
    : since
      ? renderBrief(briefing, lookup, { page: 1, customIdFor: briefIds(story.id).back, messages: m })
      : renderBriefFirst({ briefing, lookup, m, corrections: [], correctionDays: correctionsWindowDays(data, schedule.guildId) }, briefIds(story.id));
  const more = since && page.components?.length ? `\n${m.continues}` : '';
  const picture = schedule.image && briefing.events.length ? timelinePicture(data, story) : undefined;
  return {
    content: `📰 ${m.scheduledBriefing}${since ? ` — ${m.newSinceLast}` : ''}${lateNote}${more}${correctionNote}`,
    ...(since || !page.components?.length ? {} : { components: page.components }),
    embeds: [...(page.embeds ?? []), ...(picture ? [{ title: shorten(m.timelinePicture(safe(story.title)), LIMITS.embedTitle), image: { url: `attachment://${picture.name}` } }] : [])],
    ...(picture ? { files: [picture] } : {}),
  };
}

/** At most this many correction lines in a post's text; the rest are counted and left to `/brief`. */
const MAX_CORRECTION_LINES = 4;
const CORRECTION_LINE_CHARS = 320;

function correctionLines(corrections: readonly Correction[], m: Messages): string {
  if (corrections.length === 0) return '';
  const lines = corrections.slice(0, MAX_CORRECTION_LINES).map((correction) => shorten(correctionLine(correction, m), CORRECTION_LINE_CHARS));
  const rest = corrections.length - lines.length;
  return `\n${lines.join('\n')}${rest > 0 ? `\n…and ${rest} more correction${rest === 1 ? '' : 's'}: \`/brief\` lists them.` : ''}`;
}

/** A Discord nonce (at most 25 characters) unique to the schedule and slot, so a resend cannot post twice. */
export function slotNonce(scheduleId: string, slot: Date): string {
  return `${shortKey(scheduleId)}-${Math.floor(slot.getTime() / 1000).toString(36)}`;
}
