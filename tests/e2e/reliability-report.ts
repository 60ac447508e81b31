import { appendFileSync } from 'node:fs';

export interface ReliabilityLine {
  suite: string;
  fault: string;
  /** How many faults the stand-in injected (answers it faked, gateway connections it closed). */
  injected: number;
  /** Messages (channel posts or interaction answers) that reached Discord more than once. */
  duplicatePosts: number;
  /** Scheduled posts due within their grace window that never reached Discord. */
  lostPosts: number;
}

/**
 * With `SITREP_RELIABILITY_REPORT=<file>`, appends one JSON line per fault test for a reliability
 * script to total. Written before the test's assertions, so a failing run still reports its numbers.
 */
export function reportReliability(line: ReliabilityLine): void {
  const file = process.env.SITREP_RELIABILITY_REPORT;
  if (!file) return;
  const { suite, fault, injected, duplicatePosts, lostPosts } = line;
  appendFileSync(file, `${JSON.stringify({ suite, fault, injected, duplicatePosts, lostPosts })}\n`);
}
