// Several civicflow-server processes on one PostgreSQL database, as docs/operating.md describes them: 1, 2 and 3
// processes (the same schema), each set loaded by wrk with BENCH_SERVER_CONNECTIONS clients in all (default
// 10, shared out among the processes), opening Zweite Chance cases (POST …/submissions, the first-contact form, as a
// coach). Beside each set, in the same run, pgbench runs the server's own submission statement (the one SQL
// statement a submission without limits stores its case with) with the same number of clients: what the database
// alone does with that statement. pgbench sends it as the servers do: prepared once on each connection (`-M
// prepared`; the servers keep it prepared unless started with `--no-prepared-statements`, see docs/operating.md). The
// statement's parameters are the values of a case the servers stored (new ids, keys and references each time, made by
// PostgreSQL). Beside one process, a floor: the same statement with the same values behind Node's own HTTP server
// and the same driver, with nothing else done (floor-server.mjs), under the same load: what a server in Node can
// reach at best on this machine.
//
// Rows: submissions/s (2xx answers per wall-clock second) with p50/p99 in the name; the p99 of several processes is
// the largest of their load generators'. pgbench's p99 comes from its per-transaction log. Any non-2xx answer fails
// the module; afterwards the stored cases are counted. On this machine (2 cores for the servers, PostgreSQL and the
// load generators together) more processes cannot be faster: the rows say what sharing one database costs, not how
// far it scales (see docs/operating.md), and only the one process's row has a target (≥ 0.5× pgbench).
import { execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { ensureSystemPackages } from '../scripts/system-deps.mjs';
import { postgresUrl, root, startServer } from './server-process.mjs';

const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_SERVER_CONNECTIONS ?? 10);
const PROCESSES = (process.env.BENCH_SERVER_PROCESSES ?? '1,2,3').split(',').map(Number);
const COACH = `bench-coach-${randomBytes(12).toString('hex')}`;
const FIRST_CONTACT = JSON.stringify({ firstContact: { date: '2025-03-01', channel: 'outreach', place: 'Bahnhof Offenbach', alias: 'Jo' } });
const PGBENCH = ['/usr/lib/postgresql/15/bin/pgbench', '/usr/lib/postgresql/16/bin/pgbench', '/usr/bin/pgbench'].find((p) => existsSync(p));

const headers = (extra = {}) => ({ 'content-type': 'application/json', authorization: `Bearer ${COACH}`, ...extra });
const submission = () => ({ method: 'POST', path: '/v1/programs/zweite-chance/submissions?form=firstContact', headers: headers({ 'idempotency-key': `bench-${randomUUID()}` }), body: FIRST_CONTACT });

/** `total` clients shared out among `n` processes as evenly as can be. */
const share = (total, n) => Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));

/**
 * wrk's script: each request the same first contact with a new idempotency key (the run's prefix, the thread's number
 * and a counter); at the end one line of JSON with the count, the duration, the errors and the latency percentiles.
 */
const wrkScript = (body) => `
wrk.method = "POST"
wrk.body = [==[${body}]==]
local threads, counter, prefix = 0, 0, ""
function setup(thread) threads = threads + 1; thread:set("n", threads) end
function init(args) prefix = "bench-" .. args[1] .. "-" .. n .. "-" end
function request()
  counter = counter + 1
  wrk.headers["idempotency-key"] = prefix .. counter
  return wrk.format(nil, nil, nil, nil)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests":%d,"us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50":%d,"p99":%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, latency:percentile(50), latency:percentile(99)))
end
`;

/**
 * wrk against every server at once, `clients[i]` connections to the i-th, one thread each; throws on any answer that
 * is not 2xx or 3xx, any socket error or timeout (the stored cases are counted afterwards, so a 3xx cannot pass
 * either). wrk is written in C, as pgbench is: on this machine the load generator shares two cores with the servers
 * and PostgreSQL, and autocannon, in Node, took about 0.1 ms of CPU for each request (0.15-0.17 of a core beside one
 * server), wrk takes 0.04 ms.
 */
async function load(servers, clients, { seconds }) {
  const work = await mkdtemp(path.join(tmpdir(), 'civicflow-wrk-'));
  try {
    const script = path.join(work, 'submit.lua');
    const { path: at, headers: h, body } = submission();
    await writeFile(script, wrkScript(body));
    const results = await Promise.all(
      servers.map(async (s, i) => {
        const args = ['-t', '1', '-c', String(clients[i]), '-d', `${seconds}s`, '--timeout', '30s', '-s', script, '-H', `content-type: ${h['content-type']}`, '-H', `authorization: ${h.authorization}`];
        const { stdout } = await promisify(execFile)('wrk', [...args, `${s.url}${at}`, '--', randomBytes(6).toString('hex')]);
        const line = stdout.split('\n').find((l) => l.startsWith('WRK '));
        if (!line) throw new Error(`wrk: ${stdout}`);
        return JSON.parse(line.slice(4));
      }),
    );
    for (const r of results) {
      const bad = r.connect + r.read + r.write + r.status + r.timeout;
      if (bad > 0) throw new Error(`submissions: ${r.status} answers not 2xx, ${r.connect + r.read + r.write} socket errors, ${r.timeout} timeouts`);
    }
    const ok = results.reduce((n, r) => n + r.requests, 0);
    const duration = Math.max(...results.map((r) => r.us)) / 1e6;
    return { opsPerSec: ok / duration, ok, p50: Math.max(...results.map((r) => r.p50)) / 1000, p99: Math.max(...results.map((r) => r.p99)) / 1000 };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The submission statement as pgbench runs it: a stored case's values as pgbench variables (`:p1`, …, given with `-D`),
 * which pgbench's prepared mode sends as parameters of a statement prepared once per connection, as the servers send
 * theirs; the case id, the idempotency key and the reference new each time (gen_random_uuid), the time now().
 */
async function pgbenchScript(client) {
  const { SUBMIT_STATEMENT, PUBLISHED_MARK } = await import(path.join(root, 'packages/server/dist/index.js'));
  const [{ mark }] = (await client.query(`SELECT ${PUBLISHED_MARK} AS mark FROM cf_program_versions`)).rows;
  const { rows } = await client.query(`SELECT s.request_hash, s.form_id, c.program_id, c.program_version, c.state, c.version, c.data::text, c.timers::text, c.outcomes::text,
      (SELECT jsonb_agg(e.entry ORDER BY e.seq) FROM cf_case_events e WHERE e.case_id = c.id)::text AS history
    FROM cf_cases c JOIN cf_submissions s ON s.case_id = c.id WHERE c.program_id = 'zweite-chance' LIMIT 1`);
  const c = rows[0];
  const fresh = {
    2: "('pgbench-' || gen_random_uuid())",
    5: 'gen_random_uuid()::text',
    6: 'now()',
    7: "('PGB-' || gen_random_uuid())",
  };
  const values = {
    1: c.program_id,
    3: c.request_hash,
    4: c.form_id,
    8: c.program_version,
    9: c.state,
    10: String(c.version),
    11: c.data,
    12: c.timers,
    13: c.outcomes,
    14: c.history,
    15: 'de',
    // no notice; the webhook event of a new case, which finds no subscription (none in the servers' run either)
    16: '[]',
    17: JSON.stringify([{ program_id: c.program_id, case_id: null, topic: 'case.submitted', body: '{}', body_with_data: '{}' }]),
    // the mark of the published versions, as the servers give it: the statement checks it as theirs does
    18: mark,
  };
  const sql = SUBMIT_STATEMENT.replace(/\$(\d+)/g, (_, n) => fresh[n] ?? `:p${n}`);
  return { sql: `${sql};\n`, variables: Object.entries(values).flatMap(([n, v]) => ['-D', `p${n}=${v}`]), values };
}

/** pgbench with the script for `seconds` and `clients` clients; rate from its summary, p50/p99 from its log. */
async function pgbench(url, schema, script, clients, seconds) {
  const work = await mkdtemp(path.join(tmpdir(), 'civicflow-pgbench-'));
  try {
    await writeFile(path.join(work, 'submit.sql'), script.sql);
    const u = new URL(url);
    const env = { ...process.env, PGHOST: u.hostname, PGPORT: u.port || '5432', PGUSER: decodeURIComponent(u.username), PGPASSWORD: decodeURIComponent(u.password), PGDATABASE: u.pathname.slice(1), PGOPTIONS: `-c search_path=${schema}` };
    const { stdout } = await promisify(execFile)(PGBENCH, ['-n', '-M', 'prepared', ...script.variables, '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', 'submit.sql', '-l', '--log-prefix', 'tx'], { cwd: work, env });
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
    const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
    if (!(tps > 0) || failed > 0) throw new Error(`pgbench: ${stdout}`);
    const latencies = [];
    for (const f of (await readdir(work)).filter((f) => f.startsWith('tx.'))) {
      for (const line of (await readFile(path.join(work, f), 'utf8')).split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (line && us >= 0) latencies.push(us / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    return { opsPerSec: tps, p50: at(0.5), p99: at(0.99), count: latencies.length };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Throws unless a measured run stored as many cases as it acknowledged: wrk stops at the deadline with up to one
 * request per connection in flight, stored but not counted.
 */
function checkStored(who, ok, stored) {
  if (stored < ok || stored > ok + CONNECTIONS) throw new Error(`${who}: ${ok} submissions acknowledged, ${stored} stored`);
}

/**
 * The floor (floor-server.mjs) under the same load as the servers, warmed up as they are: submissions/s and p50/p99.
 * `client` reads the schema, to count what the floor stored.
 */
async function floor(url, schema, values, client) {
  const child = spawn(process.execPath, [path.join(root, 'bench/floor-server.mjs')], {
    cwd: root,
    env: { ...process.env, CIVICFLOW_FLOOR: JSON.stringify({ url, schema, values }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const at = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`the floor server exited with ${code}`)));
    });
    await load([{ url: at }], [CONNECTIONS], { seconds: 3 });
    const stored = async () => (await client.query("SELECT count(*)::int AS count FROM cf_cases WHERE reference LIKE 'FLR-%'")).rows[0].count;
    const before = await stored();
    const measured = await load([{ url: at }], [CONNECTIONS], { seconds: SECONDS });
    checkStored('the floor', measured.ok, (await stored()) - before);
    return measured;
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const ms = (x) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
const row = (name, m, baseline, target) => ({ name: `${name} (p50 ${ms(m.p50)}, p99 ${ms(m.p99)})`, opsPerSec: m.opsPerSec, p50Ms: m.p50, p99Ms: m.p99, ...(baseline ? { baseline: baseline.name } : {}), ...(target ? { target } : {}) });

export async function run() {
  const url = await postgresUrl('several servers on one PostgreSQL left out');
  if (!url) return [];
  if (!PGBENCH) {
    process.stderr.write('bench: several servers on one PostgreSQL left out (no pgbench; apt-get install postgresql-client)\n');
    return [];
  }
  // wrk, as root on Debian installed with apt-get (see scripts/system-deps.mjs).
  if (!ensureSystemPackages({ wrk: true })) {
    process.stderr.write('bench: several servers on one PostgreSQL left out (no wrk)\n');
    return [];
  }
  const work = await mkdtemp(path.join(tmpdir(), 'civicflow-servers-bench-'));
  const tokens = path.join(work, 'tokens.json');
  await writeFile(tokens, JSON.stringify({ tokens: [{ token: COACH, actor: 'bench-coach', roles: ['zweite-chance:coach'] }] }));
  const schema = `cf_bench_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const rows = [];
  try {
    let script;
    for (const n of PROCESSES) {
      const servers = await Promise.all(Array.from({ length: n }, () => startServer(tokens, ['--postgres', url, '--schema', schema])));
      // Each process builds the program's validators module and its forms' page modules in the background at start:
      // not measured.
      await Promise.all(servers.map((s) => s.built()));
      try {
        const clients = share(CONNECTIONS, n);
        // Warm up each process's JIT and pool, so the measured run does not pay for them: V8 optimises the submission's
        // functions over the first few thousand requests (measured: 1,306/s after 400 requests of warm-up, 1,652/s
        // over a 12-second run).
        await load(servers, clients, { seconds: 3 });
        script ??= await pgbenchScript(client);
        const [{ count: before }] = (await client.query('SELECT count(*)::int AS count FROM cf_cases')).rows;
        await Promise.all(servers.map((s) => s.window()));
        const measured = await load(servers, clients, { seconds: SECONDS });
        await Promise.all(servers.map((s) => s.window()));
        const [{ count: after }] = (await client.query('SELECT count(*)::int AS count FROM cf_cases')).rows;
        checkStored(`${n} process${n > 1 ? 'es' : ''}`, measured.ok, after - before);
        const base = row(`servers: pgbench, the submission statement, ${CONNECTIONS} clients (beside ${n} process${n > 1 ? 'es' : ''})`, await pgbench(url, schema, script, CONNECTIONS, SECONDS));
        rows.push(base);
        // Beside one process, the floor of a server in Node: the statement alone behind node:http (floor-server.mjs).
        if (n === 1) rows.push(row(`servers: floor, node:http and pg running the submission statement alone, ${CONNECTIONS} clients`, await floor(url, schema, script.values, client), base));
        // The target is one process's: on this machine's two cores, more processes share the CPU one already fills.
        rows.push(row(`servers: ${n} process${n > 1 ? 'es' : ''} on one PostgreSQL, submissions over HTTP, ${CONNECTIONS} clients`, measured, base, n === 1 ? { minRatio: 0.5 } : undefined));
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
      }
    }
    const [{ count: pgbenchCases }] = (await client.query("SELECT count(*)::int AS count FROM cf_cases WHERE reference LIKE 'PGB-%'")).rows;
    if (pgbenchCases === 0) throw new Error('pgbench stored no case');
    return rows;
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    await rm(work, { recursive: true, force: true });
  }
}
