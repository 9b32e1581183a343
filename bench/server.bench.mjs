// Zweite Chance over HTTP on 127.0.0.1: the server in its own process (as `civicflow-server` runs), load from
// autocannon in this one. Each stored row has the same server answering without storing (POST …/validate with the
// same body: the same body limits, parsing and validation, no database) as its baseline, measured in the same run.
//
//   opening a case: POST /v1/programs/zweite-chance/submissions?form=firstContact (as a coach: the case opens and
//                   takes RECORD_FIRST_CONTACT in one step)
//   the intake:     POST /v1/cases/<id>/events SUBMIT_INTAKE with the richest valid intake of the examples
//
// Rows carry p50/p99 latency in their names (and as p50Ms/p99Ms). Throughput is 2xx answers per wall-clock second;
// any non-2xx answer or socket error fails the module, and afterwards the stored cases are counted.
// PostgreSQL rows need CIVICFLOW_TEST_PG_URL (or CIVICFLOW_BENCH_PG_URL), or a machine where
// scripts/postgres-test-db.mjs can start Debian's cluster; otherwise they are left out with a message.
import { randomBytes, randomUUID } from 'node:crypto';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { postgresUrl, root, startServer } from './server-process.mjs';
import { worstBodies } from './worst-bodies.mjs';

const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_SERVER_CONNECTIONS ?? 10);
const INTAKES = Number(process.env.BENCH_SERVER_INTAKES ?? 1500);
const COACH = `bench-coach-${randomBytes(12).toString('hex')}`;
const FIRST_CONTACT = JSON.stringify({ firstContact: { date: '2025-03-01', channel: 'outreach', place: 'Bahnhof Offenbach', alias: 'Jo' } });

async function intakeBody() {
  const c = JSON.parse(await readFile(path.join(root, 'examples/zweite-chance/cases/valid-homeless-contact-point.json'), 'utf8'));
  if (c.form !== 'intake' || !c.expect.valid) throw new Error('valid-homeless-contact-point.json is not a valid intake');
  return { type: 'SUBMIT_INTAKE', data: c.data };
}

/** The server, once the modules it builds in the background at start are ready (so they are not measured). */
async function startServerWarm(tokens, args) {
  const server = await startServer(tokens, args);
  await server.built();
  return server;
}

const headers = (extra = {}) => ({ 'content-type': 'application/json', authorization: `Bearer ${COACH}`, 'accept-language': 'de', ...extra });

/** One autocannon run; `request(i)` gives the i-th request. Throws on any non-2xx answer or error. */
async function load(url, { request, amount, seconds }) {
  let i = 0;
  const first = request(0);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    ...(amount ? { amount } : { duration: seconds }),
    requests: [{ ...first, setupRequest: (req) => ({ ...req, ...request(i++) }) }],
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${first.method} ${first.path}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { opsPerSec: result['2xx'] / result.duration, ok: result['2xx'], p50: result.latency.p50, p99: result.latency.p99 };
}

const submission = (i) => ({ method: 'POST', path: '/v1/programs/zweite-chance/submissions?form=firstContact', headers: headers({ 'idempotency-key': `bench-${i}-${randomUUID()}` }), body: FIRST_CONTACT });
const validation = (form, body) => () => ({ method: 'POST', path: `/v1/programs/zweite-chance/validate?form=${form}`, headers: headers(), body });

async function json(url, pathname, init = {}) {
  const res = await fetch(`${url}${pathname}`, { ...init, headers: headers(init.headers) });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${pathname}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function storedCases(url) {
  const report = await json(url, '/v1/programs/zweite-chance/report');
  return report.casesPerState.reduce((n, r) => n + r.count, 0);
}

/** Cases in the state `intake`, ready for SUBMIT_INTAKE, opened and moved over HTTP with a few requests at a time. */
async function prepareIntakeCases(url, n) {
  const ids = [];
  const worker = async () => {
    while (ids.length < n) {
      const { caseId } = await json(url, '/v1/programs/zweite-chance/submissions?form=firstContact', { method: 'POST', body: FIRST_CONTACT });
      ids.push(caseId);
      await json(url, `/v1/cases/${caseId}/events`, { method: 'POST', body: JSON.stringify({ type: 'START_INTAKE' }), headers: { 'if-match': '2' } });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return ids.slice(0, n);
}

/**
 * The worst bodies (worst-bodies.mjs) as they are sent. A server whose work grew with the square of the errors held
 * every other request for half a minute with one of them.
 */
const worstBodyTexts = () => Object.values(worstBodies()).map((body) => JSON.stringify(body));

/**
 * Sends the worst bodies one after the other, anonymously, to validate and submit, until stopped. It runs in a thread
 * of its own: in the thread of the load generator, making and reading megabyte bodies would hold up the small requests
 * it measures, and the row would time this process rather than the server.
 */
function sendWorstBodies(url) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { worstBodiesTo: url } });
  const done = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the sender of the worst bodies stopped (${code})`)));
  });
  // A failure before the stop is reported when the stop awaits it, not as an unhandled rejection meanwhile.
  done.catch(() => undefined);
  return async () => {
    worker.postMessage('stop');
    const sent = await done;
    await worker.terminate();
    return sent;
  };
}

/** The worker's loop (see `sendWorstBodies`): answers the number of bodies sent once told to stop. */
async function worstBodiesLoop(url) {
  const bodies = worstBodyTexts();
  let running = true;
  parentPort.once('message', () => (running = false));
  let sent = 0;
  for (let i = 0; running; i++) {
    const where = i % 2 === 0 ? 'validate' : 'submissions';
    const res = await fetch(`${url}/v1/programs/zweite-chance/${where}?form=intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'de' },
      body: bodies[Math.floor(i / 2) % bodies.length],
    });
    await res.arrayBuffer();
    // Refused as invalid, not as too large: the body is within the limits and was checked in full.
    if (res.status !== 422 && res.status !== 200) throw new Error(`worst body to ${where}: ${res.status}`);
    sent++;
  }
  parentPort.postMessage(sent);
}

if (!isMainThread && workerData?.worstBodiesTo) await worstBodiesLoop(workerData.worstBodiesTo);

const ms = (x) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
const row = (name, m, baseline) => ({ name: `${name} (p50 ${ms(m.p50)}, p99 ${ms(m.p99)})`, opsPerSec: m.opsPerSec, p50Ms: m.p50, p99Ms: m.p99, ...(baseline ? { baseline: baseline.name } : {}) });

/** Measures one store: opening cases, then intakes, and checks that each acknowledged one is stored. */
async function measureStore(server, intake) {
  const before = await storedCases(server.url);
  const opened = await load(server.url, { request: submission, seconds: SECONDS });
  const afterOpen = await storedCases(server.url);
  // autocannon stops at the deadline with up to one request per connection still in flight: stored, not counted.
  const stored = afterOpen - before;
  if (stored < opened.ok || stored > opened.ok + CONNECTIONS) throw new Error(`${opened.ok} submissions acknowledged, ${stored} stored`);
  const ids = await prepareIntakeCases(server.url, INTAKES);
  const body = JSON.stringify(intake);
  const intakes = await load(server.url, {
    amount: ids.length,
    request: (i) => ({ method: 'POST', path: `/v1/cases/${ids[i % ids.length]}/events`, headers: headers({ 'if-match': '3' }), body }),
  });
  const report = await json(server.url, '/v1/programs/zweite-chance/report');
  const profiling = report.casesPerState.find((r) => r.state === 'profiling')?.count ?? 0;
  if (profiling !== ids.length) throw new Error(`${ids.length} intakes acknowledged, ${profiling} cases in profiling`);
  return { opened, intakes };
}

export async function run() {
  const work = await mkdtemp(path.join(tmpdir(), 'civicflow-server-bench-'));
  const tokens = path.join(work, 'tokens.json');
  await writeFile(tokens, JSON.stringify({ tokens: [{ token: COACH, actor: 'bench-coach', roles: ['zweite-chance:coach'] }] }));
  const intake = await intakeBody();
  const rows = [];
  try {
    const lite = await startServerWarm(tokens, ['--data', path.join(work, 'pglite')]);
    let liteResult;
    let baselines;
    let besideRow;
    try {
      // Warm both paths up, so the first measured run does not pay for the JIT.
      await load(lite.url, { request: validation('intake', JSON.stringify(intake.data)), amount: 500 });
      await load(lite.url, { request: submission, amount: 200 });
      const validateOpen = await load(lite.url, { request: validation('firstContact', FIRST_CONTACT), seconds: SECONDS });
      const validateIntake = await load(lite.url, { request: validation('intake', JSON.stringify(intake.data)), seconds: SECONDS });
      baselines = {
        open: row('server: validate first contact over HTTP, nothing stored', validateOpen),
        intake: row('server: validate intake over HTTP, nothing stored', validateIntake),
      };
      // The same small requests while one client keeps sending the worst bodies the limits let through.
      const stopHeavy = sendWorstBodies(lite.url);
      let beside;
      let heavy;
      try {
        beside = await load(lite.url, { request: validation('firstContact', FIRST_CONTACT), seconds: SECONDS });
      } finally {
        heavy = await stopHeavy();
      }
      if (heavy < 2) throw new Error(`only ${heavy} worst bodies were handled beside the small requests`);
      besideRow = {
        ...row(`server: validate first contact beside ${heavy} worst-case bodies`, beside, baselines.open),
        target: { minRatio: 0.25 },
      };
      liteResult = await measureStore(lite, intake);
    } finally {
      await lite.stop();
    }
    rows.push(baselines.open, besideRow, row('server: open a case (first contact) stored in PGlite', liteResult.opened, baselines.open));
    const url = await postgresUrl('server rows on PostgreSQL left out');
    let pgResult;
    if (url) {
      const schema = `cf_bench_${randomBytes(6).toString('hex')}`;
      const server = await startServerWarm(tokens, ['--postgres', url, '--schema', schema]);
      try {
        await load(server.url, { request: submission, amount: 200 });
        pgResult = await measureStore(server, intake);
      } finally {
        await server.stop();
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
      rows.push(row('server: open a case (first contact) stored in PostgreSQL', pgResult.opened, baselines.open));
    }
    rows.push(baselines.intake, row('server: intake (SUBMIT_INTAKE) stored in PGlite', liteResult.intakes, baselines.intake));
    if (pgResult) rows.push(row('server: intake (SUBMIT_INTAKE) stored in PostgreSQL', pgResult.intakes, baselines.intake));
    return rows;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
