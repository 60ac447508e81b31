import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { commands } from '../../src/commands/index.js';
import type { Command } from '../../src/commands/types.js';
import { parseConfig } from '../../src/config.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { openStore } from '../../src/data/store.js';
import { scheduleCheck, storeCheck } from '../../src/health/server.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { testSchedule } from '../fixtures/schedule.js';
import { tempDir } from '../fixtures/temp-store.js';
import { chatInputInteraction, PERMISSIONS } from '../discord/interactions.js';
import { DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn } from '../discord/stand-in.js';

/**
 * SITREP_HTTP_PORT serves /healthz (gateway, store, schedule sweep: 200 or 503 with the details) and
 * /metrics (Prometheus text, one registry per bot). Off by default; closed on stop.
 */

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.health.secret`;
const SLOT = new Date('2024-01-19T08:00:00Z');
const GONE_CHANNEL = '900000000000000099';

const boom: Command = {
  data: new SlashCommandBuilder().setName('boom').setDescription('fails').toJSON(),
  execute: () => {
    throw new Error('kaboom');
  },
};

let standIn: DiscordStandIn;
let bot: RunningBot;
let dataFile: string;
let now = new Date(SLOT.getTime() + 20_000);
const applicationId = '111111111111111111';

async function storeWithSchedules(): Promise<string> {
  const file = join(await tempDir(), 'sitrep.json');
  const data = await bundledStoreData();
  // One posts at start; the other's channel is gone (10003), so it fails and pauses.
  data.schedules = [testSchedule(), testSchedule({ id: 'gone', channelId: GONE_CHANNEL })];
  await writeFile(file, JSON.stringify(data));
  return file;
}

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  DISCORD_TOKEN: TOKEN,
  DISCORD_API_URL: standIn.apiUrl,
  SITREP_DATA_FILE: dataFile,
  DISCORD_GUILD_ID: DEFAULT_GUILD_ID,
  ...extra,
});

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  dataFile = await storeWithSchedules();
  bot = await startSitrep(env({ SITREP_HTTP_PORT: '0' }), { logger: captureLogger().logger, clock: () => now, commands: [...commands, boom] });
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.close();
});

async function get(path: string) {
  const response = await fetch(`${bot.http!.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** A sample's value in Prometheus text, e.g. `sitrep_posts_total{outcome="sent"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('health and metrics over HTTP', () => {
  it('is off by default', () => {
    expect(parseConfig({}).http).toBeUndefined();
    expect(parseConfig({ SITREP_HTTP_PORT: '9464' }).http).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(parseConfig({ SITREP_HTTP_PORT: '9464', SITREP_HTTP_HOST: '0.0.0.0' }).http).toEqual({ host: '0.0.0.0', port: 9464 });
    expect(() => parseConfig({ SITREP_HTTP_PORT: 'http' })).toThrow(/^SITREP_HTTP_PORT .*set it to a port number/);
  });

  it('listens on 127.0.0.1 when SITREP_HTTP_PORT is set', () => {
    expect(bot.http?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('/healthz: 200 with the gateway connected, the store writable and the last sweep’s age', async () => {
    const answer = await get('/healthz');
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^application\/json/);
    expect(JSON.parse(answer.text)).toEqual({
      status: 'ok',
      checks: {
        gateway: { ok: true, shards: [{ id: 0, status: 'Ready' }] },
        store: { ok: true, dataFile: bot.store.path, dataBytes: expect.any(Number), freeBytes: expect.any(Number) },
        schedule: { ok: true, lastSweepAt: now.toISOString(), ageSeconds: 0 },
      },
    });
  });

  it('/metrics: interactions by name and outcome, latency, posts sent and failed, pauses, file sizes, event-loop lag', async () => {
    await standIn.interact(chatInputInteraction({ applicationId, name: 'sources' }));
    await standIn.interact(chatInputInteraction({ applicationId, name: 'sources' }));
    await standIn.interact(chatInputInteraction({ applicationId, name: 'story', subcommand: 'use', options: { story: 'iran-pakistan-2024' }, memberPermissions: PERMISSIONS.none }));
    await standIn.interact(chatInputInteraction({ applicationId, name: 'boom' }));
    await expect.poll(async () => sample((await get('/metrics')).text, 'sitrep_interactions_total{kind="command",name="boom",outcome="bug"}')).toBe(1);
    const { status, type, text } = await get('/metrics');
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'sitrep_interactions_total{kind="command",name="sources",outcome="ok"}')).toBe(2);
    expect(sample(text, 'sitrep_interactions_total{kind="command",name="story use",outcome="refused"}')).toBe(1);
    expect(sample(text, 'sitrep_interaction_duration_seconds_count{kind="command"}')).toBe(4);
    expect(sample(text, 'sitrep_interaction_duration_seconds_bucket{le="+Inf",kind="command"}')).toBe(4);
    expect(sample(text, 'sitrep_posts_total{outcome="sent"}')).toBe(1);
    expect(sample(text, 'sitrep_posts_total{outcome="failed"}')).toBe(1);
    expect(sample(text, 'sitrep_schedules{state="paused"}')).toBe(1);
    expect(sample(text, 'sitrep_schedules{state="active"}')).toBe(1);
    expect(sample(text, 'sitrep_store_file_bytes{file="data"}')).toBeGreaterThan(10_000);
    expect(sample(text, 'sitrep_store_file_bytes{file="journal"}')).toBeGreaterThan(0);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).not.toContain('health.secret');
  });

  it('/healthz: 503 with the reason when the sweep is stale, and when the gateway is gone', async () => {
    now = new Date(now.getTime() + 10 * 60_000);
    const stale = await get('/healthz');
    expect(stale.status).toBe(503);
    expect(JSON.parse(stale.text)).toMatchObject({ status: 'unhealthy', checks: { gateway: { ok: true }, schedule: { ok: false, ageSeconds: 600 } } });
    await bot.scheduler.checkDue();
    expect((await get('/healthz')).status).toBe(200);
    // 4004 (authentication failed): discord.js does not reconnect.
    standIn.closeGatewayConnections(4004);
    await expect.poll(async () => (await get('/healthz')).status).toBe(503);
    expect(JSON.parse((await get('/healthz')).text).checks.gateway).toMatchObject({ ok: false, shards: [{ id: 0, status: expect.not.stringMatching(/^Ready$/) }] });
  });

  it('answers 404 elsewhere and 405 to anything but GET', async () => {
    expect((await get('/')).status).toBe(404);
    expect((await fetch(`${bot.http!.url}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  it('the store check fails with the path and the error when the data directory cannot be written', async () => {
    const store = { path: join(await tempDir(), 'missing-dir', 'sitrep.json') } as Parameters<typeof storeCheck>[0];
    const check = await storeCheck(store);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual(expect.arrayContaining([expect.stringMatching(/missing-dir: ENOENT$/)]));
    expect(scheduleCheck({ lastSweepAt: () => undefined }, new Date())).toMatchObject({ ok: false });
  });

  it('each bot has its own registry: a second bot in the same process serves its own metrics', async () => {
    const second = await startSitrep(env({ SITREP_HTTP_PORT: '0', SITREP_DATA_FILE: join(await tempDir(), 'second.json') }), { logger: captureLogger().logger });
    try {
      expect(second.http!.url).not.toBe(bot.http!.url);
      const text = await (await fetch(`${second.http!.url}/metrics`)).text();
      expect(sample(text, 'sitrep_posts_total{outcome="sent"}')).toBe(0);
      expect(text).not.toContain('name="boom"');
    } finally {
      await second.stop();
    }
  });

  it('a port in use stops the start with one clear line and releases the data file', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const file = join(await tempDir(), 'busy.json');
    try {
      await expect(startSitrep(env({ SITREP_HTTP_PORT: String(port), SITREP_DATA_FILE: file }), { logger: captureLogger().logger })).rejects.toThrow(
        `cannot serve health and metrics on 127.0.0.1:${port} (SITREP_HTTP_HOST / SITREP_HTTP_PORT): EADDRINUSE`,
      );
      const reopened = await openStore(file, { initialData: bundledStoreData });
      await reopened.close();
    } finally {
      blocker.close();
    }
  });

  it('is closed when the bot stops', async () => {
    const url = bot.http!.url;
    await bot.stop();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    bot = undefined as unknown as RunningBot;
  });
});
