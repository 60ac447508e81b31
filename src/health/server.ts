import { constants } from 'node:fs';
import { access, stat, statfs } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { Status, type Client } from 'discord.js';
import type { Store } from '../data/store.js';
import type { Metrics } from './metrics.js';

/** A sweep older than this means the scheduler has stopped checking its schedules (it sweeps every minute). */
export const SWEEP_STALE_MS = 5 * 60_000;
/** Free space below which the store counts as not writable: room for a compaction's copy, at least 8 MiB. */
const MIN_FREE_BYTES = 8 * 1024 * 1024;

export interface HealthDependencies {
  client: Client;
  store: Store;
  scheduler: { lastSweepAt(): Date | undefined };
  metrics: Metrics;
  clock: () => Date;
}

export interface Check {
  ok: boolean;
  [detail: string]: unknown;
}

export interface Health {
  status: 'ok' | 'unhealthy';
  checks: { gateway: Check; store: Check; schedule: Check };
}

/** Every shard's gateway connection is up (ready or resumed). */
export function gatewayCheck(client: Client): Check {
  const shards = [...client.ws.shards.values()].map((shard) => ({ id: shard.id, status: Status[shard.status] ?? String(shard.status) }));
  return { ok: shards.length > 0 && shards.every((shard) => shard.status === Status[Status.Ready]), shards };
}

/** The data file's directory and files can be written, with room for a compaction's copy. */
export async function storeCheck(store: Store): Promise<Check> {
  const directory = dirname(store.path);
  const problems: string[] = [];
  for (const path of [directory, store.path, `${store.path}.journal`]) {
    try {
      await access(path, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // The journal is absent until the first write after a compaction.
      if (!(code === 'ENOENT' && path !== directory)) problems.push(`${path}: ${code ?? String(error)}`);
    }
  }
  let freeBytes: number | undefined;
  let dataBytes = 0;
  try {
    const fs = await statfs(directory);
    freeBytes = fs.bavail * fs.bsize;
    dataBytes = await stat(store.path).then((file) => file.size, () => 0);
    const needed = Math.max(MIN_FREE_BYTES, dataBytes);
    if (freeBytes < needed) problems.push(`${directory}: ${freeBytes} bytes free, ${needed} needed`);
  } catch (error) {
    problems.push(`${directory}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return { ok: problems.length === 0, dataFile: store.path, dataBytes, freeBytes, ...(problems.length ? { problems } : {}) };
}

/** The scheduler swept its schedules recently. */
export function scheduleCheck(scheduler: HealthDependencies['scheduler'], now: Date): Check {
  const last = scheduler.lastSweepAt();
  if (!last) return { ok: false, lastSweepAt: null, reason: 'the scheduler has not swept yet' };
  const ageSeconds = Math.round((now.getTime() - last.getTime()) / 1000);
  return { ok: ageSeconds * 1000 <= SWEEP_STALE_MS, lastSweepAt: last.toISOString(), ageSeconds };
}

export async function health(deps: HealthDependencies): Promise<Health> {
  const checks = { gateway: gatewayCheck(deps.client), store: await storeCheck(deps.store), schedule: scheduleCheck(deps.scheduler, deps.clock()) };
  return { status: Object.values(checks).every((check) => check.ok) ? 'ok' : 'unhealthy', checks };
}

export interface HealthServer {
  /** `http://host:port`, the port the system gave when 0 was asked for. */
  url: string;
  close(): Promise<void>;
}

/**
 * `GET /healthz` (200 when healthy, else 503; JSON either way) and `GET /metrics` (Prometheus text).
 * Read-only, no secrets; bound to 127.0.0.1 unless told otherwise.
 */
export async function startHealthServer(host: string, port: number, deps: HealthDependencies): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const answer = async (): Promise<[number, string, string]> => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return [405, 'text/plain; charset=utf-8', 'GET only\n'];
      if (path === '/healthz') {
        const result = await health(deps);
        return [result.status === 'ok' ? 200 : 503, 'application/json; charset=utf-8', `${JSON.stringify(result)}\n`];
      }
      if (path === '/metrics') return [200, deps.metrics.registry.contentType, await deps.metrics.registry.metrics()];
      return [404, 'text/plain; charset=utf-8', 'not found: try /healthz or /metrics\n'];
    };
    answer().then(
      ([status, type, body]) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`${error instanceof Error ? error.message : 'failed'}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`cannot serve health and metrics on ${host}:${port} (SITREP_HTTP_HOST / SITREP_HTTP_PORT): ${error.code ?? error.message}`)),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
