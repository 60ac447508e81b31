import { Cron } from 'croner';
import { PublishFailed, type Deliver, type DeliveryTarget, type PostEditing, type Tell } from '../bot/deliver.js';
import { correctionsOf } from '../briefing/query/corrections.js';
import { formatInTimeZone, safe } from '../briefing/render/format.js';
import { savedSettings, settingsFor } from '../data/guild-settings.js';
import type { Schedule } from '../data/schema.js';
import type { Store } from '../data/store.js';
import type { Logger } from '../logger.js';
import { scheduledPost, slotNonce } from './post.js';
import { planRun } from './slots.js';
import { breakingNonce, breakingPost, breakingTargets, clearBreakingPending, isFinalPostError, postRecord } from './breaking.js';
import { clearRevision, postOf, rememberPost, revisePost } from './in-place.js';

/** Where a schedule posts: its channel, as the kind of channel it is; a forum thread is named after the slot. */
function targetOf(schedule: Schedule, slot: Date): DeliveryTarget {
  return {
    channelId: schedule.channelId,
    guildId: schedule.guildId,
    kind: schedule.channelKind,
    crosspost: schedule.crosspost,
    threadName: `Briefing · ${formatInTimeZone(slot, schedule.timeZone)}`,
  };
}

/** What the people who run a schedule are told when it pauses: which one, where, why and how to resume. */
export function pauseNotice(schedule: Schedule, reason: string): string {
  return `⏸️ Sitrep paused the schedule \`${schedule.id}\` (${safe(schedule.label)} ${schedule.timeZone}) that posts in <#${schedule.channelId}>: ${reason}. Once that is fixed, \`/schedule resume id:${schedule.id}\` starts it again.`;
}

/** Publishing (crossposting) an announcement failed for good: the post stands, the schedule pauses. */
const PUBLISH_ERRORS: Record<number, string> = {
  50001: 'Sitrep has no access to publish it',
  50013: 'Sitrep lacks permission to publish it to following servers (Manage Messages in the announcement channel)',
};

/** Discord error codes that no retry will fix: the schedule pauses with the reason. */
const PAUSING_ERRORS: Record<number, string> = {
  50001: 'Sitrep has no access to the channel',
  50013: 'Sitrep lacks permission to post in the channel',
  10003: 'the channel no longer exists',
};

export interface SchedulerDependencies {
  store: Store;
  logger: Logger;
  /** Posts with a nonce Discord enforces (or, in a forum, a thread found again by name on a resend). */
  deliver: Deliver;
  clock?: () => Date;
  graceMs: number;
  /** How often every schedule is checked besides its own timer: catches up after outages, retries failures. */
  sweepMs?: number;
  /** Tells the people who run a schedule that it paused (the server's log channel, else a DM to its maker). */
  tell?: Tell;
  /** Edits posts in place and starts their threads: a change to an event already posted (`in-place.ts`). */
  editing?: PostEditing;
}

export interface Scheduler {
  /** Arms every active schedule and posts what is due now (catch-up after a restart). */
  start(): Promise<void>;
  /** Disarms every timer and waits for the posts under way to be recorded. */
  stop(): Promise<void>;
  /** Re-reads the schedules after one was added, removed, paused or resumed. */
  rearm(): void;
  /** Handles every schedule that is due; one failing never stops the others. */
  checkDue(): Promise<void>;
  /** Posts a schedule's briefing now, outside its slots (`/schedule run`). */
  runNow(scheduleId: string): Promise<string>;
  /** When the last sweep over every schedule finished (for /healthz); undefined before the first. */
  lastSweepAt(): Date | undefined;
}

/**
 * Posts scheduled briefings exactly once per slot. croner only says when; this keeps the state:
 * each schedule's last slot is recorded atomically in the store, a slot missed within the grace
 * window is posted once (marked late), older ones are counted and skipped, and every post carries
 * a nonce derived from schedule and slot with enforce_nonce, so a resend after a timeout or a crash
 * returns the message already posted instead of posting twice.
 */
export function createScheduler({ store, logger, deliver, clock = () => new Date(), graceMs, sweepMs = 60_000, tell, editing }: SchedulerDependencies): Scheduler {
  const jobs = new Map<string, Cron>();
  const running = new Set<string>();
  const underWay = new Set<Promise<void>>();
  let sweep: NodeJS.Timeout | undefined;
  let lastSweep: Date | undefined;

  const find = (id: string) => store.read().schedules.find((schedule) => schedule.id === id);
  const change = (id: string, patch: (schedule: Schedule) => void) =>
    store.update((draft) => {
      const schedule = draft.schedules.find((candidate) => candidate.id === id);
      if (schedule) patch(schedule);
    });

  /** The corrections this channel has not been told about yet, since its last post, about events it could have seen. */
  const pendingCorrections = (schedule: Schedule) => {
    const data = store.read();
    const shown = savedSettings(data, schedule.guildId)?.correctionsShown?.find((entry) => entry.channelId === schedule.channelId);
    if (!shown) return [];
    const through = new Date(shown.through);
    return correctionsOf(data, schedule.storyId, { after: through, shownBy: through });
  };
  const recordCorrectionsShown = (schedule: Schedule, through: string) =>
    store.update((draft) => {
      const settings = settingsFor(draft, schedule.guildId);
      const others = (settings.correctionsShown ?? []).filter((entry) => entry.channelId !== schedule.channelId);
      settings.correctionsShown = [...others, { channelId: schedule.channelId, through }];
    });

  async function post(schedule: Schedule, slot: Date, late: boolean): Promise<'posted' | 'quiet' | 'paused'> {
    const composedAt = clock().toISOString();
    const corrections = pendingCorrections(schedule);
    const message = scheduledPost(store.read(), schedule, slot, late, corrections);
    const slotIso = slot.toISOString();
    const target = targetOf(schedule, slot);
    if (!message) {
      await change(schedule.id, (s) => void (s.lastSlot = slotIso));
      logger.debug({ schedule: schedule.id, slot: slotIso, decision: 'quiet' }, 'schedule decision');
      return 'quiet';
    }
    // A slot already pending was being sent when the process stopped: the post may be in the channel,
    // and after Discord's few minutes its nonce no longer stops a second one, so it is looked for first.
    const mayExist = schedule.pendingSlot === slotIso;
    if (!mayExist) await change(schedule.id, (s) => void (s.pendingSlot = slotIso));
    try {
      const messageId = await deliver(target, message, slotNonce(schedule.id, slot), mayExist ? { mayExistSince: slot } : {});
      await change(schedule.id, (s) => {
        Object.assign(s, { lastSlot: slotIso, lastPostedAt: clock().toISOString(), lastMessageId: messageId, lastLate: late });
        delete s.pendingSlot;
      });
      await recordCorrectionsShown(schedule, corrections.at(-1)?.at && corrections.at(-1)!.at > composedAt ? corrections.at(-1)!.at : composedAt);
      logger.info({ schedule: schedule.id, slot: slotIso, late, messageId }, 'scheduled briefing posted');
      logger.debug({ schedule: schedule.id, slot: slotIso, decision: 'posted', late, resent: mayExist }, 'schedule decision');
      return 'posted';
    } catch (error) {
      const published = error instanceof PublishFailed;
      const code = published ? error.code : (error as { code?: unknown }).code;
      const reason = typeof code === 'number' ? (published ? `the post was made but ${PUBLISH_ERRORS[code] ?? 'could not be published'}` : PAUSING_ERRORS[code]) : undefined;
      if (!reason) throw error;
      if (published) await recordCorrectionsShown(schedule, composedAt);
      await change(schedule.id, (s) => {
        Object.assign(s, { state: 'paused', pausedReason: `${reason} (Discord error ${String(code)})`, lastSlot: slotIso });
        if (published) Object.assign(s, { lastPostedAt: clock().toISOString(), lastMessageId: error.messageId, lastLate: late });
        delete s.pendingSlot;
      });
      logger.warn({ schedule: schedule.id, channelId: schedule.channelId, code }, 'schedule paused');
      logger.debug({ schedule: schedule.id, slot: slotIso, decision: 'paused', code }, 'schedule decision');
      jobs.get(schedule.id)?.stop();
      jobs.delete(schedule.id);
      await announcePause(schedule, `${reason} (Discord error ${String(code)})`);
      return 'paused';
    }
  }

  async function handle(id: string): Promise<void> {
    if (running.has(id)) return;
    running.add(id);
    try {
      const schedule = find(id);
      if (!schedule) return;
      const plan = planRun(schedule, clock(), graceMs);
      if (plan.action === 'wait') return;
      if (plan.skipped > 0 || plan.action === 'skip') {
        logger.warn({ schedule: id, skipped: plan.skipped }, 'missed schedule slots skipped');
      }
      const slot = plan.slot.toISOString();
      if (plan.action === 'skip') logger.debug({ schedule: id, slot, decision: 'skipped', skipped: plan.skipped }, 'schedule decision');
      else logger.debug({ schedule: id, slot, decision: plan.late ? 'late' : 'planned', skipped: plan.skipped, pending: schedule.pendingSlot === slot }, 'schedule decision');
      if (plan.skipped > 0) await change(id, (s) => void (s.skippedSlots += plan.skipped));
      if (plan.action === 'skip') await change(id, (s) => void (s.lastSlot = plan.slot.toISOString()));
      else await post(find(id)!, plan.slot, plan.late);
    } catch (error) {
      // Left for the next sweep: the slot stays unrecorded, and the nonce makes the retry safe.
      logger.error({ err: error, schedule: id }, 'scheduled briefing failed; will retry');
    } finally {
      running.delete(id);
    }
  }

  function rearm() {
    const active = store.read().schedules.filter((schedule) => schedule.state === 'active');
    for (const [id, job] of jobs) {
      if (!active.some((schedule) => schedule.id === id)) {
        job.stop();
        jobs.delete(id);
      }
    }
    for (const schedule of active) {
      jobs.get(schedule.id)?.stop();
      jobs.set(schedule.id, new Cron(schedule.cron, { timezone: schedule.timeZone, mode: '5-part' }, () => void track(schedule.id)));
    }
  }

  const track = (id: string) => {
    const handling = handle(id).finally(() => underWay.delete(handling));
    underWay.add(handling);
    return handling;
  };
  const checkDue = async () => {
    await Promise.all([...store.read().schedules.map((schedule) => track(schedule.id)), trackBreaking()]);
    lastSweep = clock();
  };

  /** A breaking update younger than this is left to the post under way (its Confirm is still sending it). */
  const BREAKING_SETTLE_MS = 60_000;
  let resending: Promise<void> | undefined;
  const trackBreaking = () => {
    if (!resending) {
      resending = resendBreaking()
        .catch((error: unknown) => logger.error({ err: error }, 'resending breaking updates failed; will retry'))
        .finally(() => {
          underWay.delete(resending!);
          resending = undefined;
        });
      underWay.add(resending);
    }
    return resending;
  };

  /**
   * Breaking updates still marked as under way (the process stopped while posting them): each is looked
   * for in its channel and sent only if it is not there, within the grace window; an older one, or one
   * whose channel is no longer subscribed, is dropped and logged.
   */
  async function resendBreaking(): Promise<void> {
    const data = store.read();
    const now = clock().getTime();
    for (const guild of data.guilds) {
      for (const pending of guild.pendingUpdates ?? []) {
        const age = now - Date.parse(pending.since);
        if (age < BREAKING_SETTLE_MS) continue;
        const entry = { guildId: guild.guildId, channelId: pending.channelId };
        const event = data.events.find((candidate) => candidate.id === pending.eventId);
        const [target] = event ? breakingTargets(data, event, entry) : [];
        if (!event || !target || age > graceMs) {
          await store.update((draft) => (pending.note ? clearRevision(draft, guild.guildId, pending) : clearBreakingPending(draft, pending.eventId, [entry])));
          logger.warn({ event: pending.eventId, channelId: pending.channelId, ageMinutes: Math.round(age / 60_000) }, 'breaking update left unsent: too old or no longer subscribed');
          continue;
        }
        if (pending.note) {
          // A post to edit in place and a note for its thread: both safe to redo (the note is looked for first).
          if (!editing) continue;
          try {
            const noted = await revisePost(
              { guildId: guild.guildId, pending },
              { store, editing, resend: true, publish: (where, reply, post) => deliver(where, reply, post.nonce, post.mayExistSince ? { mayExistSince: post.mayExistSince } : {}) },
            );
            logger.info({ event: event.id, channelId: pending.channelId, noted }, 'post updated in place after a restart');
          } catch (error) {
            logger.warn({ err: error, event: event.id, channelId: pending.channelId }, 'updating a post in place failed; will retry');
          }
          continue;
        }
        // Posted already (a mark left behind): the post stands, never a second one.
        if (postOf(data, guild.guildId, event.id, pending.channelId)) {
          await store.update((draft) => clearBreakingPending(draft, pending.eventId, [entry]));
          continue;
        }
        try {
          const nonce = breakingNonce(event.id, target.target.channelId);
          const messageId = await deliver(target.target, breakingPost(data, event, target.language), nonce, {
            mayExistSince: new Date(event.createdAt),
          });
          await store.update((draft) => {
            clearBreakingPending(draft, pending.eventId, [entry]);
            rememberPost(draft, guild.guildId, postRecord(event.id, target.target, nonce, messageId));
          });
          logger.info({ event: event.id, channelId: pending.channelId, messageId }, 'breaking update delivered after a restart');
        } catch (error) {
          if (isFinalPostError(error)) await store.update((draft) => clearBreakingPending(draft, pending.eventId, [entry]));
          logger.warn({ err: error, event: event.id, channelId: pending.channelId }, 'breaking update resend failed');
        }
      }
    }
  }

  /**
   * Tells the people who run a schedule that it paused and why: the server's log channel if one is set,
   * else a DM to the member who made the schedule. Tried once; a failure is logged, never retried.
   */
  async function announcePause(schedule: Schedule, reason: string): Promise<void> {
    if (!tell) return;
    const text = pauseNotice(schedule, reason);
    const logChannelId = savedSettings(store.read(), schedule.guildId)?.logChannelId;
    if (logChannelId) {
      try {
        await tell.channel(logChannelId, text);
        logger.info({ schedule: schedule.id, channelId: logChannelId }, 'schedule pause told in the log channel');
        return;
      } catch (error) {
        logger.warn({ err: error, schedule: schedule.id, channelId: logChannelId }, 'could not tell the log channel that a schedule paused; trying its maker');
      }
    }
    if (!/^\d{17,20}$/.test(schedule.createdBy)) return;
    try {
      await tell.user(schedule.createdBy, text);
      logger.info({ schedule: schedule.id, userId: schedule.createdBy }, 'schedule pause told to its maker by DM');
    } catch (error) {
      logger.warn({ err: error, schedule: schedule.id, userId: schedule.createdBy }, 'could not DM the maker of a paused schedule; not retried');
    }
  }

  return {
    async start() {
      rearm();
      sweep = setInterval(() => void checkDue(), sweepMs);
      sweep.unref();
      await checkDue();
    },
    async stop() {
      if (sweep) clearInterval(sweep);
      for (const job of jobs.values()) job.stop();
      jobs.clear();
      await Promise.allSettled(underWay);
    },
    rearm,
    checkDue,
    lastSweepAt: () => lastSweep,
    async runNow(id) {
      const schedule = find(id);
      if (!schedule) return 'There is no such schedule.';
      const message = scheduledPost(store.read(), schedule, clock(), false) ?? { content: 'No new developments (this schedule is quiet, so a real slot would post nothing).' };
      try {
        const now = clock();
        await deliver({ ...targetOf(schedule, now), threadName: `Briefing · ${formatInTimeZone(now, schedule.timeZone)} (run by hand)` }, message, slotNonce(schedule.id, now));
      } catch (error) {
        const published = error instanceof PublishFailed;
        const code = published ? error.code : (error as { code?: unknown }).code;
        const reason = typeof code === 'number' ? (published ? `posted, but ${PUBLISH_ERRORS[code] ?? 'could not be published'}` : PAUSING_ERRORS[code]) : undefined;
        if (!reason) throw error;
        return `Could not post to <#${schedule.channelId}>: ${reason} (Discord error ${String(code)}).`;
      }
      return `Posted a test briefing to <#${schedule.channelId}>.`;
    },
  };
}
