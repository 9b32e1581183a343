// Loaded into a server process with `node --import` when BENCH_SERVER_PROBE names a folder (see server-process.mjs):
// it measures only a window the bench chooses, after warm-up, not the start (program checks, Ajv, terser).
// SIGUSR2 opens the window, the next SIGUSR2 closes it and writes into the folder:
//   <pid>.cpuprofile  a CPU profile of the window (V8's sampling profiler, 250 µs)
//   <pid>.json        per request: the time to the first statement, the wait for a pool connection and the
//                     statement's round trip (from handing it to the driver until its rows), the time after the last
//                     statement until the answer was written; each as p50/p90/p99 over the window's requests.
import { AsyncLocalStorage } from 'node:async_hooks';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import pg from 'pg';

const dir = process.env.BENCH_SERVER_PROBE;
const request = new AsyncLocalStorage();
let window; // { requests: [], session } while open

// Every request runs in its own record, which the driver's calls below find again.
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, res) {
  if (event !== 'request' || !window) return emit.apply(this, arguments);
  const r = { start: performance.now(), statements: [] };
  window.requests.push(r);
  res.once('finish', () => (r.end = performance.now()));
  return request.run(r, () => emit.apply(this, arguments));
};

const poolQuery = pg.Pool.prototype.query;
pg.Pool.prototype.query = function (...args) {
  const r = request.getStore();
  if (r) r.pending = performance.now();
  return poolQuery.apply(this, args);
};
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  const r = request.getStore();
  if (!r) return clientQuery.apply(this, args);
  const s = { sql: String(args[0]?.text ?? args[0]).replace(/\s+/g, ' ').slice(0, 60), asked: r.pending ?? performance.now(), sent: performance.now() };
  r.pending = undefined;
  r.statements.push(s);
  // The pool passes a callback; a client of a transaction is awaited.
  const callback = args.at(-1);
  if (typeof callback === 'function') {
    args[args.length - 1] = function (...results) {
      s.done = performance.now();
      return callback.apply(this, results);
    };
    return clientQuery.apply(this, args);
  }
  return clientQuery.apply(this, args).then((v) => ((s.done = performance.now()), v));
};

const quantiles = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] * 100) / 100;
  return s.length === 0 ? null : { n: s.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), mean: Math.round((s.reduce((a, b) => a + b, 0) / s.length) * 100) / 100 };
};

function summary(requests, cpuMicros) {
  const done = requests.filter((r) => r.end !== undefined && r.statements.every((s) => s.done !== undefined));
  const bySql = new Map();
  for (const r of done) for (const s of r.statements) (bySql.get(s.sql) ?? bySql.set(s.sql, []).get(s.sql)).push(s);
  return {
    requests: done.length,
    cpuMsPerRequest: Math.round((cpuMicros / 1000 / requests.length) * 1000) / 1000,
    totalMs: quantiles(done.map((r) => r.end - r.start)),
    toFirstStatementMs: quantiles(done.filter((r) => r.statements.length).map((r) => r.statements[0].asked - r.start)),
    afterLastStatementMs: quantiles(done.filter((r) => r.statements.length).map((r) => r.end - r.statements.at(-1).done)),
    statements: [...bySql].map(([sql, xs]) => ({ sql, poolWaitMs: quantiles(xs.map((s) => s.sent - s.asked)), roundTripMs: quantiles(xs.map((s) => s.done - s.sent)) })),
  };
}

process.on('SIGUSR2', async () => {
  if (!window) {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 250 });
    await session.post('Profiler.start');
    window = { requests: [], session, cpu: process.cpuUsage() };
    process.stdout.write('probe: window open\n');
    return;
  }
  const { requests, session, cpu } = window;
  const used = process.cpuUsage(cpu);
  window = undefined;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(profile));
  writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(summary(requests, used.user + used.system), null, 2));
  process.stdout.write('probe: window written\n');
});
