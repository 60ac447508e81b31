import { stat } from 'node:fs/promises';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Deliver } from '../bot/deliver.js';
import type { InteractionRecord } from '../bot/router.js';
import type { Store } from '../data/store.js';

export interface Metrics {
  /** This bot's own registry (never prom-client's global one), so several bots can run in one process. */
  registry: Registry;
  /** The router's `observe`: one count and one latency per interaction. */
  observeInteraction(record: InteractionRecord): void;
  /** Counts each post a Deliver makes or fails to make. */
  countingPosts(deliver: Deliver): Deliver;
}

/** The size of a file, 0 when it does not exist (an empty journal may be absent). */
async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/**
 * Sitrep's metrics in Prometheus' text format: interactions by kind, name and outcome with their
 * latency, posts sent and failed, schedules by state, the data file's and journal's sizes (both read
 * at scrape time), and prom-client's default process metrics (event-loop lag, memory, CPU, GC).
 */
export function createMetrics(store: Store): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const interactions = new Counter({
    name: 'sitrep_interactions_total',
    help: 'Interactions handled, by kind (command, autocomplete, button, select, modal), registered name and outcome (ok, refused, bug, unanswered)',
    labelNames: ['kind', 'name', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'sitrep_interaction_duration_seconds',
    help: 'From receiving an interaction to its answer being accepted by Discord, by kind',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [registry],
  });
  const posts = new Counter({
    name: 'sitrep_posts_total',
    help: 'Channel posts (scheduled briefings and breaking updates): sent, or failed (the post or its publishing to followers)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  for (const outcome of ['sent', 'failed'] as const) posts.inc({ outcome }, 0);
  new Gauge({
    name: 'sitrep_schedules',
    help: 'Scheduled briefings by state (active, paused); read from the store at scrape time',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const schedules = store.read().schedules;
      for (const state of ['active', 'paused'] as const) this.set({ state }, schedules.filter((schedule) => schedule.state === state).length);
    },
  });
  new Gauge({
    name: 'sitrep_store_file_bytes',
    help: 'Size of the data file and of its journal, in bytes',
    labelNames: ['file'] as const,
    registers: [registry],
    async collect() {
      const [data, journal] = await Promise.all([sizeOf(store.path), sizeOf(`${store.path}.journal`)]);
      this.set({ file: 'data' }, data);
      this.set({ file: 'journal' }, journal);
    },
  });

  return {
    registry,
    observeInteraction(record) {
      interactions.inc({ kind: record.kind, name: record.name, outcome: record.outcome });
      latency.observe({ kind: record.kind }, record.ms / 1000);
    },
    countingPosts(deliver) {
      return async (...args) => {
        try {
          const id = await deliver(...args);
          posts.inc({ outcome: 'sent' });
          return id;
        } catch (error) {
          posts.inc({ outcome: 'failed' });
          throw error;
        }
      };
    },
  };
}
