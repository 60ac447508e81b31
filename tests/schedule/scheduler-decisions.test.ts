import { describe, expect, it } from 'vitest';
import type { Deliver } from '../../src/bot/deliver.js';
import { bundledStoreData } from '../../src/data/seed.js';
import type { Schedule } from '../../src/data/schema.js';
import { createScheduler } from '../../src/schedule/scheduler.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { testSchedule } from '../fixtures/schedule.js';
import { tempStore } from '../fixtures/temp-store.js';

const SLOT = new Date('2024-01-19T08:00:00Z');

async function schedulerWith(schedules: Schedule[], now: { at: Date }) {
  const store = await tempStore(async () => ({ ...(await bundledStoreData()), schedules }));
  const log = captureLogger('debug');
  const sent: string[] = [];
  const deliver: Deliver = async (_target, _reply, nonce) => (sent.push(nonce), `7000000000000000${sent.length}`);
  const scheduler = createScheduler({ store, logger: log.logger, deliver, clock: () => now.at, graceMs: 120 * 60_000 });
  return { scheduler, log, sent };
}

describe('the scheduler logs each decision at debug, without user text', () => {
  it('planned and posted on time; late; skipped past the grace window; the time of the last sweep', async () => {
    const now = { at: new Date(SLOT.getTime() + 10_000) };
    const { scheduler, log } = await schedulerWith(
      [
        testSchedule({ id: 'on-time', label: 'secret label typed by someone' }),
        testSchedule({ id: 'late-one', cron: '30 7 * * *' }),
        testSchedule({ id: 'too-old', cron: '0 4 * * *', lastSlot: '2024-01-18T04:00:00.000Z' }),
      ],
      now,
    );
    expect(scheduler.lastSweepAt()).toBeUndefined();
    await scheduler.checkDue();
    expect(scheduler.lastSweepAt()).toEqual(now.at);
    const decisions = log
      .lines()
      .filter((line) => line.msg === 'schedule decision')
      .map((line) => [line.schedule, line.decision, line.level]);
    expect(decisions).toEqual(
      expect.arrayContaining([
        ['on-time', 'planned', 20],
        ['on-time', 'posted', 20],
        ['late-one', 'late', 20],
        ['late-one', 'posted', 20],
        ['too-old', 'skipped', 20],
      ]),
    );
    expect(log.raw()).not.toContain('secret label');
    expect(log.raw()).not.toContain('Scheduled briefing');
  });
});

describe('a pause is told to the people who run the schedule', () => {
  const refused = Object.assign(new Error('Missing Permissions'), { code: 50013 });

  async function pausedWith(logChannelId: string | undefined, channelWorks: boolean) {
    const schedule = testSchedule({ createdBy: '600000000000000001' });
    const store = await tempStore(async () => {
      const data = await bundledStoreData();
      return { ...data, schedules: [schedule], guilds: logChannelId ? [{ guildId: schedule.guildId, moderatorRoleIds: [], subscriptions: [], logChannelId }] : [] };
    });
    const told: string[] = [];
    const log = captureLogger();
    const scheduler = createScheduler({
      store,
      logger: log.logger,
      deliver: async () => Promise.reject(refused),
      clock: () => new Date(SLOT.getTime() + 1000),
      graceMs: 120 * 60_000,
      tell: {
        channel: async (channelId, text) => (channelWorks ? void told.push(`channel ${channelId}: ${text}`) : Promise.reject(refused)),
        user: async (userId, text) => void told.push(`user ${userId}: ${text}`),
      },
    });
    await scheduler.checkDue();
    await scheduler.checkDue();
    expect(store.read().schedules[0]).toMatchObject({ state: 'paused' });
    return { told, log };
  }

  it('the log channel when set, once, with the reason and how to resume', async () => {
    const { told } = await pausedWith('900000000000000077', true);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/^channel 900000000000000077: ⏸️ Sitrep paused the schedule `morning-briefing` .* \(Discord error 50013\)\. .*`\/schedule resume id:morning-briefing`/);
  });

  it('else, or when the log channel refuses, a DM to the schedule’s maker', async () => {
    expect((await pausedWith(undefined, true)).told).toEqual([expect.stringMatching(/^user 600000000000000001: ⏸️/)]);
    const fallback = await pausedWith('900000000000000077', false);
    expect(fallback.told).toEqual([expect.stringMatching(/^user 600000000000000001: ⏸️/)]);
    expect(fallback.log.lines().filter((line) => line.level === 40).map((line) => line.msg)).toContain('could not tell the log channel that a schedule paused; trying its maker');
  });
});
