// Shared by the *.bench.mjs modules: tinybench measurements that hold up on a busy machine.
import { Bench } from 'tinybench';

// The process's CPU time rather than the wall clock: on a shared machine, time spent waiting for a core
// would otherwise count as work, and two tasks measured a minute apart would see different neighbours.
// (It includes V8's helper threads, such as concurrent garbage collection, which are work done for us.)
const cpuClock = {
  name: 'process CPU time',
  fn: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  },
  fromMs: (ms) => ms,
  toMs: (value) => Number(value),
};

/** How the measurements are timed, for the report. */
export const clockName = process.env.BENCH_CLOCK === 'wall' ? 'wall clock' : cpuClock.name;

/** How many calls make one sample of about `sampleMs`, so the clock's microsecond steps do not matter. */
function batchSize(fn, sampleMs) {
  const started = performance.now();
  let calls = 0;
  while (performance.now() - started < 20) {
    fn();
    calls++;
  }
  return Math.max(1, Math.round((sampleMs * calls) / (performance.now() - started)));
}

/**
 * Measures each task in several rounds, rotating their order between rounds, and keeps each task's median
 * round. Tasks that are compared with each other are so measured under the same conditions. A sample is a
 * batch of calls lasting about half a millisecond, timed by the process's CPU time (`BENCH_CLOCK=wall` for
 * the wall clock).
 *
 * `BENCH_TIME` (milliseconds per task and round, default 1000) and `BENCH_ROUNDS` (default 3) trade
 * precision for time.
 *
 * @param {Record<string, () => unknown>} tasks functions to measure, by row name
 * @returns {Promise<Record<string, { opsPerSec: number, rme: number }>>} calls per second, and in percent
 *   the larger of the median round's relative margin of error and half the spread between rounds
 */
export async function measure(tasks, { time = Number(process.env.BENCH_TIME ?? 1000), rounds = Number(process.env.BENCH_ROUNDS ?? 3) } = {}) {
  const names = Object.keys(tasks);
  const batches = Object.fromEntries(names.map((n) => [n, batchSize(tasks[n], 0.5)]));
  /** @type {Record<string, { opsPerSec: number, rme: number }[]>} */
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({
      time,
      warmupTime: Math.min(250, time),
      throws: true,
      ...(clockName === cpuClock.name ? { timestampProvider: cpuClock } : {}),
    });
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length];
      const fn = tasks[name];
      const batch = batches[name];
      bench.add(name, () => {
        for (let k = 0; k < batch; k++) fn();
      });
    }
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`benchmark "${task.name}" did not complete: ${result.state}${result.error ? ` (${result.error.message})` : ''}`);
      samples[task.name].push({ opsPerSec: (1000 * batches[task.name]) / result.period, rme: result.latency.rme });
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const sorted = samples[name].sort((a, b) => a.opsPerSec - b.opsPerSec);
      const median = sorted[Math.floor((sorted.length - 1) / 2)];
      // Within a round the error is small; between rounds the machine may change. Report the larger.
      const spread = (50 * (sorted[sorted.length - 1].opsPerSec - sorted[0].opsPerSec)) / median.opsPerSec;
      return [name, { opsPerSec: median.opsPerSec, rme: Math.max(median.rme, spread) }];
    }),
  );
}
