import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stateOnDisk, tempDir } from '../fixtures/temp-store.js';
import { chatInputInteraction, PERMISSIONS } from '../discord/interactions.js';
import { startDiscordStandIn, type DiscordStandIn } from '../discord/stand-in.js';

/**
 * `npm start` stopped as docker stop, systemd or a process manager stops it: one SIGTERM to the top
 * process (`npm`) only. Every process of the tree must be gone within 10 s, after the write in flight,
 * with the data file's lock released so that the next start succeeds. (With `tsx src/main.ts` under
 * `sh -c`, the signal killed npm and sh and left tsx, its node child and esbuild running, holding the lock.)
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.abc.stop-test-secret`;
const STOP_LIMIT_MS = 10_000;

let standIn: DiscordStandIn;
const started: ChildProcess[] = [];
beforeAll(async () => {
  standIn = await startDiscordStandIn();
});
afterEach(() => {
  // A failed test must not leave a bot running: end the process groups this file started.
  for (const child of started.splice(0)) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
afterAll(async () => {
  await standIn?.close();
});

function env(dataFile: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: standIn.apiUrl,
    SITREP_DATA_FILE: dataFile,
    LOG_LEVEL: 'info',
  };
}

/** Starts a command in its own process group and resolves once the bot logs that it is online. */
async function startBot(command: string, args: string[], dataFile: string) {
  const child = spawn(command, args, { cwd: root, env: env(dataFile), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Sitrep is online')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(({ code }) => reject(new Error(`exited with ${code} before coming online:\n${output}`)));
  });
  return { child, exited, output: () => output };
}

/** The pid and every descendant's pid, from `ps`. */
function processTree(pid: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of rows) if (parent === tree[i]) tree.push(child);
  return tree;
}

/** Alive and not a zombie (a zombie holds no lock and no socket; its parent reaps it). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function waitUntilGone(pids: number[], limitMs: number): Promise<number> {
  const since = Date.now();
  while (pids.some(isRunning) && Date.now() - since < limitMs) await new Promise((resolve) => setTimeout(resolve, 50));
  return Date.now() - since;
}

describe('stopping the bot as a service manager does', () => {
  it('SIGTERM to `npm start` alone ends every process of the tree within 10 s, after the write in flight, and frees the lock', async () => {
    const dataFile = join(await tempDir(), 'sitrep.json');
    // `npm start` builds (prestart) and then runs the compiled bot: the very path a self-hoster runs.
    const bot = await startBot('npm', ['start'], dataFile);
    const tree = processTree(bot.child.pid!);
    expect(tree.length, 'npm and the bot it runs').toBeGreaterThanOrEqual(2);

    // A moderator's write is in flight: it is on disk and its reply is on its way when the signal comes.
    let signalled = false;
    standIn.addFault({
      method: 'POST',
      path: /\/callback$/,
      onMatch: () => {
        signalled = true;
        process.kill(bot.child.pid!, 'SIGTERM');
      },
      respond: { delayMs: 1_000 },
    });
    const interaction = chatInputInteraction({
      applicationId: standIn.applicationId,
      name: 'story',
      subcommand: 'use',
      options: { story: 'iran-pakistan-2024' },
      memberPermissions: PERMISSIONS.manageServer,
    });
    const callback = standIn.interact(interaction, STOP_LIMIT_MS);
    await standIn.waitForRequest((request) => request.path.endsWith('/callback'), STOP_LIMIT_MS);
    expect(signalled).toBe(true);

    const tookMs = await waitUntilGone(tree, STOP_LIMIT_MS);
    expect(tree.filter(isRunning), `still running ${tookMs} ms after SIGTERM`).toEqual([]);
    expect(tookMs).toBeLessThan(STOP_LIMIT_MS);
    expect((await callback).body.data.content).toContain('default story is now');
    expect((await stateOnDisk(dataFile)).guilds[0]?.storyId).toBe('iran-pakistan-2024');
    expect(existsSync(`${dataFile}.lock`), 'the lock is released').toBe(false);
    expect(bot.output()).toContain('Sitrep stopped');

    // The next start is not refused, and SIGINT (Ctrl-C) to the compiled bot stops it the same way.
    const again = await startBot(process.execPath, ['dist/main.js'], dataFile);
    const againTree = processTree(again.child.pid!);
    process.kill(again.child.pid!, 'SIGINT');
    expect(await waitUntilGone(againTree, STOP_LIMIT_MS)).toBeLessThan(STOP_LIMIT_MS);
    expect(await again.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(`${dataFile}.lock`)).toBe(false);
  }, 90_000);

  it('exits within 10 s even when the work in flight does not finish (its reply hangs), releasing the lock', async () => {
    const dataFile = join(await tempDir(), 'sitrep.json');
    const bot = await startBot('npm', ['start'], dataFile);
    const tree = processTree(bot.child.pid!);
    // Discord does not answer this reply in time: the bot gives up waiting for it at its stop deadline.
    const signalledAt = new Promise<number>((resolve) =>
      standIn.addFault({
        method: 'POST',
        path: /\/callback$/,
        onMatch: () => {
          process.kill(bot.child.pid!, 'SIGTERM');
          resolve(Date.now());
        },
        respond: { delayMs: 60_000 },
      }),
    );
    const interaction = chatInputInteraction({
      applicationId: standIn.applicationId,
      name: 'story',
      subcommand: 'use',
      options: { story: 'iran-pakistan-2024' },
      memberPermissions: PERMISSIONS.manageServer,
    });
    standIn.dispatch('INTERACTION_CREATE', interaction);
    const since = await signalledAt;

    await waitUntilGone(tree, STOP_LIMIT_MS);
    const tookMs = Date.now() - since;
    expect(tree.filter(isRunning), `still running ${tookMs} ms after SIGTERM`).toEqual([]);
    expect(tookMs).toBeLessThan(STOP_LIMIT_MS);
    expect(existsSync(`${dataFile}.lock`), 'the lock is released').toBe(false);
    expect(bot.output()).toContain('stopping took too long');
    expect((await stateOnDisk(dataFile)).guilds[0]?.storyId).toBe('iran-pakistan-2024');
  }, 90_000);
});
