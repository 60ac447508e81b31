import { describe, expect, it } from 'vitest';
import { runCrashTrials } from '../../reliability/crash-trials.js';

describe('crash safety', () => {
  it('a writer killed with SIGKILL at random moments leaves valid files holding every acknowledged write, and no temp file after a restart', async () => {
    const result = await runCrashTrials(Number(process.env.SITREP_CRASH_TRIALS ?? 4));
    expect(result.acknowledged).toBeGreaterThan(0);
    expect(result).toMatchObject({ lost: 0, corrupt: 0, leftoverFiles: 0 });
  }, 120_000);
});
