// Shared by the *.bench.mjs modules: tinybench measurements that hold up on a busy machine.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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
const now = clockName === cpuClock.name ? cpuClock.fn : () => performance.now();

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
 * Runs every task for `ms` milliseconds before anything is timed, in turns of about 25 ms, so that a task and the
 * tasks it is compared with reach V8's optimised code together and alike: none is timed while another is still
 * being compiled, and none has had more calls to warm up than the others (a slow call counts as its whole time).
 */
function warmAlike(tasks, ms) {
  const names = Object.keys(tasks);
  const spent = names.map(() => 0);
  const turn = Math.min(25, ms);
  while (spent.some((s) => s < ms)) {
    names.forEach((name, i) => {
      if (spent[i] >= ms) return;
      const fn = tasks[name];
      const started = now();
      do fn();
      while (now() - started < turn);
      spent[i] += now() - started;
    });
  }
}

/**
 * Measures tasks in this process: warms them alike (`warmAlike`), then measures each in several rounds, rotating
 * their order between rounds, and keeps each task's median round.
 */
export async function measureHere(tasks, { time, rounds, warmup }) {
  const names = Object.keys(tasks);
  warmAlike(tasks, warmup);
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

/** Measures one group of a module's tasks in a process of its own (`measure-child.mjs`). */
function measureInChild(module, group, options, execArgv) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./measure-child.mjs', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [...process.execArgv, ...execArgv] });
    let answered = false;
    child.once('message', (message) => {
      answered = true;
      if (message.error) reject(new Error(`measuring ${group.join(', ')}: ${message.error}`));
      else resolve(message.result);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`measuring ${group.join(', ')}: the process ended with ${code} before it answered`));
    });
    child.send({ module, group, options });
  });
}

/**
 * Measures tasks that are compared with each other under the same conditions: each group (a row and the baselines
 * it is compared with) in a fresh process of its own, one group after the other, so that no task runs on code that
 * V8 optimised for another group's data; within a group the tasks are warmed alike and measured in rotating rounds
 * (`measureHere`), and each task's median round is kept. A sample is a batch of calls lasting about half a
 * millisecond, timed by the process's CPU time (`BENCH_CLOCK=wall` for the wall clock).
 *
 * The child process imports `module` (the bench module's `import.meta.url`) and calls its exported `tasks()`, which
 * must build the same tasks by the same names without calling them (checks belong in `run()`, once).
 *
 * `BENCH_TIME` (milliseconds per task and round, default 1000), `BENCH_ROUNDS` (default 3) and `BENCH_WARMUP`
 * (milliseconds of warm-up per task, default 500) trade precision for time. `execArgv` adds options of Node's to the
 * processes (see the worst bodies in core.bench.mjs).
 *
 * @param {string} module the URL of the bench module whose `tasks()` gives the functions to measure, by row name
 * @param {string[][]} groups the task names measured together; every task of a module in exactly one group
 * @param {{ time?: number, rounds?: number, warmup?: number, execArgv?: string[] }} [options]
 * @returns {Promise<Record<string, { opsPerSec: number, rme: number }>>} calls per second, and in percent
 *   the larger of the median round's relative margin of error and half the spread between rounds
 */
export async function measure(module, groups, { time = Number(process.env.BENCH_TIME ?? 1000), rounds = Number(process.env.BENCH_ROUNDS ?? 3), warmup = Number(process.env.BENCH_WARMUP ?? 500), execArgv = [] } = {}) {
  const seen = new Set();
  for (const name of groups.flat()) {
    if (seen.has(name)) throw new Error(`task "${name}" is in more than one group`);
    seen.add(name);
  }
  const out = {};
  for (const group of groups) Object.assign(out, await measureInChild(module, group, { time, rounds, warmup }, execArgv));
  return out;
}
