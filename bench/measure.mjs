// Shared by the *.bench.mjs modules: tinybench measurements that hold up on a busy machine.
import { Bench } from 'tinybench';

/**
 * Measures each task in several rounds, rotating their order between rounds, and keeps each task's median
 * round. Tasks that are compared with each other are so measured under the same conditions: a neighbour
 * that starts a build halfway through the run slows every task in one round instead of one task in all.
 *
 * `BENCH_TIME` (milliseconds per task and round, default 1000) and `BENCH_ROUNDS` (default 3) trade
 * precision for time.
 *
 * @param {Record<string, () => unknown>} tasks functions to measure, by row name
 * @returns {Promise<Record<string, { opsPerSec: number, rme: number }>>} operations per second (total
 *   operations over total time) and the relative margin of error of the mean, in percent
 */
export async function measure(tasks, { time = Number(process.env.BENCH_TIME ?? 1000), rounds = Number(process.env.BENCH_ROUNDS ?? 3) } = {}) {
  const names = Object.keys(tasks);
  /** @type {Record<string, { opsPerSec: number, rme: number }[]>} */
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time, warmupTime: Math.min(250, time), throws: true });
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) bench.add(name, tasks[name]);
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`benchmark "${task.name}" did not complete: ${result.state}${result.error ? ` (${result.error.message})` : ''}`);
      samples[task.name].push({ opsPerSec: 1000 / result.period, rme: result.latency.rme });
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const sorted = samples[name].sort((a, b) => a.opsPerSec - b.opsPerSec);
      return [name, sorted[Math.floor((sorted.length - 1) / 2)]];
    }),
  );
}
