// How long the fuzz tests run. `npm test` runs each property a modest number of times with a fresh seed (fast-check
// prints it when a property fails); scripts/fuzz.mjs runs the same properties for longer with a seed it prints first,
// through the environment: CIVICFLOW_FUZZ_CALLS (calls per fuzz file), CIVICFLOW_FUZZ_SEED, CIVICFLOW_FUZZ_REPORT.
import { appendFileSync } from 'node:fs';

/** Whether scripts/fuzz.mjs runs the fuzz tests (longer, with its seed), rather than `npm test`. */
export const longFuzzRun = process.env['CIVICFLOW_FUZZ_CALLS'] !== undefined;

/**
 * fast-check's parameters for one of `properties` fuzz properties of a file: `runs` in `npm test`, or an equal share
 * of CIVICFLOW_FUZZ_CALLS with CIVICFLOW_FUZZ_SEED in a long run. `salt` is added to that seed, so that a suite run
 * once per store, say, gets other data on each.
 */
export function fuzzParameters(runs: number, properties: number, salt = 0): { numRuns: number; endOnFailure: boolean; seed?: number } {
  const calls = Number(process.env['CIVICFLOW_FUZZ_CALLS']);
  const seed = process.env['CIVICFLOW_FUZZ_SEED'];
  return {
    numRuns: longFuzzRun && calls > 0 ? Math.ceil(calls / properties) : runs,
    // No shrinking: the first failure is reported at once, with the seed and path that make it again. Shrinking a
    // slow call (the failures these tests look for) would repeat it hundreds of times.
    endOnFailure: true,
    ...(seed !== undefined && seed !== '' ? { seed: (Number(seed) + salt) | 0 } : {}),
  };
}

/** Calls made and answers seen by a fuzz file, for scripts/fuzz.mjs's totals. */
export interface FuzzCounts {
  target: string;
  calls: number;
  /** How often each kind of answer came: a status code, or `valid` / an error code for `validate`. */
  answers: Record<string, number>;
  /** The slowest call in milliseconds. */
  slowestMs: number;
}

/** A counter of calls and answers; `report()` appends it to CIVICFLOW_FUZZ_REPORT as one JSON line, when set. */
export function createFuzzCounter(target: string): FuzzCounts & { count(answer: string, ms: number): void; report(): void } {
  const counts: FuzzCounts = { target, calls: 0, answers: {}, slowestMs: 0 };
  return Object.assign(counts, {
    count(answer: string, ms: number) {
      counts.calls++;
      counts.answers[answer] = (counts.answers[answer] ?? 0) + 1;
      counts.slowestMs = Math.max(counts.slowestMs, Math.round(ms));
    },
    report() {
      const file = process.env['CIVICFLOW_FUZZ_REPORT'];
      if (file) appendFileSync(file, JSON.stringify({ target: counts.target, calls: counts.calls, answers: counts.answers, slowestMs: counts.slowestMs }) + '\n');
    },
  });
}
