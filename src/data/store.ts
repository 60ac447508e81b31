import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { describeIssues } from './bundle.js';
import { DurableJsonFile } from './durable-json-file.js';
import { StoreDataSchema, type StoreData } from './schema.js';

export interface Store {
  /** Absolute path of the data file. */
  readonly path: string;
  /** The last state acknowledged on disk. Treat it as read-only: change it only through `update`. */
  read(): Readonly<StoreData>;
  /**
   * Applies `mutate` to a copy of the current state, validates the result and writes it durably.
   * Updates run one at a time in call order; `mutate` is synchronous, so no read-modify-write
   * spans an await. Resolves with `mutate`'s result once the new state is on disk; if `mutate`
   * throws or the result is invalid, nothing changes and the promise rejects.
   */
  update<R>(mutate: (draft: StoreData) => R): Promise<R>;
  /** Waits for the writes already queued, then refuses new ones. */
  close(): Promise<void>;
}

/** The data file cannot be used as it is; the bot stops and leaves the file untouched. */
export class StoreLoadError extends Error {
  override name = 'StoreLoadError';
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(`The data file ${path} cannot be loaded:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }
}

export interface OpenStoreOptions {
  /** The state to create the data file with when it does not exist yet. */
  initialData: () => StoreData | Promise<StoreData>;
}

export async function openStore(path: string, options: OpenStoreOptions): Promise<Store> {
  const absolutePath = resolve(path);
  const adapter = new DurableJsonFile<StoreData>(absolutePath);

  let raw: StoreData | null;
  try {
    raw = await adapter.read();
  } catch (error) {
    throw new StoreLoadError(absolutePath, [`not valid JSON: ${(error as Error).message}`]);
  }
  const created = raw === null;
  const db = new Low<StoreData>(
    adapter,
    created ? StoreDataSchema.parse(await options.initialData()) : validate(absolutePath, raw),
  );
  if (created) {
    await mkdir(dirname(absolutePath), { recursive: true });
    await db.write();
  }

  let committed: StoreData = db.data;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const apply = async <R>(mutate: (draft: StoreData) => R): Promise<R> => {
    const draft = structuredClone(committed);
    const result = mutate(draft);
    db.data = StoreDataSchema.parse(draft);
    try {
      await db.write();
    } catch (error) {
      db.data = committed;
      throw error;
    }
    committed = db.data;
    return result;
  };

  return {
    path: absolutePath,
    read: () => committed,
    update<R>(mutate: (draft: StoreData) => R): Promise<R> {
      if (closed) return Promise.reject(new Error('the store is closed'));
      const run = () => apply(mutate);
      const pending = queue.then(run, run);
      queue = pending.catch(() => undefined);
      return pending;
    },
    async close() {
      closed = true;
      await queue;
    },
  };
}

function validate(path: string, raw: unknown): StoreData {
  const parsed = StoreDataSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new StoreLoadError(path, describeIssues(parsed.error as z.ZodError));
}
