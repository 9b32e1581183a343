// The CSV export of a program's cases (GET /v1/programs/zweite-chance/cases.csv) from `civicflow-server` in its own
// process, stored in PostgreSQL: first with 10,000 cases, then with 100,000 (BENCH_EXPORT_CASES), each exported whole
// while the server's resident memory is sampled from /proc every 20 ms. PostgreSQL, not PGlite: PGlite runs in the
// server's process, and its buffer cache (which fills up to its configured size as a large table is read, whatever
// reads it) would count as the export's memory. Without a database (CIVICFLOW_TEST_PG_URL, CIVICFLOW_BENCH_PG_URL, or
// Debian's cluster that scripts/postgres-test-db.mjs starts) the module is left out with a message. The export streams a batch of cases at a time,
// so the peak above the idle server must not grow with the number of cases: the module fails when the larger export
// needs more than 1.5 times the smaller one's extra memory plus 32 MB.
//
// The cases are copies of one real intake (sent over HTTP), each with its own reference and family name, written
// with SQL while the server is stopped: the export is measured, not the submissions.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { postgresUrl, root, startServer } from './server-process.mjs';

const MANY = Number(process.env.BENCH_EXPORT_CASES ?? 100_000);
const FEW = Math.min(10_000, MANY);
const COACH = `bench-coach-${randomBytes(12).toString('hex')}`;

/** Resident memory of a process in MB, from /proc. */
function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Adds copies of the case `baseId` until the program has `total` cases. */
async function fillTo(target, baseId, total) {
  const db = new pg.Client({ connectionString: target.url });
  await db.connect();
  await db.query(`SET search_path TO ${target.schema}`);
  const [{ n }] = (await db.query("SELECT count(*)::int AS n FROM cf_cases WHERE program_id = 'zweite-chance'")).rows;
  await db.query(
    `INSERT INTO cf_cases (id, reference, program_id, program_version, state, version, data, timers, outcomes, created_at, updated_at, data_changed_at)
     SELECT gen_random_uuid()::text, 'CF-B' || lpad(g::text, 7, '0'), program_id, program_version, state, version,
       jsonb_set(data, '{person,familyName}', to_jsonb('Muster' || g)), '[]'::jsonb, outcomes,
       created_at + g * interval '1 second', updated_at, data_changed_at
     FROM cf_cases, generate_series($2::int, $3::int) AS g WHERE id = $1`,
    [baseId, n, total - 1],
  );
  await db.end();
}

/** Exports every case once, reading the stream as it comes; the server's peak memory above idle is sampled meanwhile. */
async function exportAll(server, expected) {
  // Let the idle server settle after its start, then ask for the program once so that it is loaded and compiled.
  await fetch(`${server.url}/v1/programs/zweite-chance/cases?limit=1`, { headers: { authorization: `Bearer ${COACH}` } });
  await new Promise((r) => setTimeout(r, 500));
  const idle = rssMb(server.pid);
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 20);
  const started = process.hrtime.bigint();
  const res = await fetch(`${server.url}/v1/programs/zweite-chance/cases.csv`, { headers: { authorization: `Bearer ${COACH}`, 'accept-language': 'de' } });
  if (!res.ok) throw new Error(`export answered ${res.status}`);
  let lines = 0;
  let bytes = 0;
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    bytes += chunk.byteLength;
    lines += decoder.decode(chunk, { stream: true }).split('\r\n').length - 1;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  if (lines !== expected + 1) throw new Error(`the export had ${lines} lines, expected ${expected + 1}`);
  return { seconds, bytes, idle, extra: peak - idle };
}

export async function run() {
  const url = await postgresUrl('the export rows need PostgreSQL, left out');
  if (!url) return [];
  const work = await mkdtemp(path.join(tmpdir(), 'cf-bench-export-'));
  const dir = { url, schema: `cf_bench_export_${randomBytes(6).toString('hex')}` };
  const tokens = path.join(work, 'tokens.json');
  await writeFile(tokens, JSON.stringify({ tokens: [{ token: COACH, actor: 'bench-coach', name: 'Bench Coach', roles: ['zweite-chance:coach'] }] }));
  const rows = [];
  try {
    let server = await startServer(tokens, ['--postgres', dir.url, '--schema', dir.schema]);
    const intake = JSON.parse(await readFile(path.join(root, 'examples/zweite-chance/cases/valid-fixed-address.json'), 'utf8')).data;
    const sent = await fetch(`${server.url}/v1/programs/zweite-chance/submissions?form=intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${randomUUID()}` },
      body: JSON.stringify(intake),
    });
    if (sent.status !== 201) throw new Error(`the intake answered ${sent.status}`);
    const { caseId } = await sent.json();
    const results = [];
    for (const total of [FEW, MANY]) {
      await server.stop();
      await fillTo(dir, caseId, total);
      server = await startServer(tokens, ['--postgres', dir.url, '--schema', dir.schema]);
      const r = await exportAll(server, total);
      results.push(r);
      rows.push({
        name: `export CSV, ${total.toLocaleString('en')} cases (PostgreSQL): ${Math.round(r.bytes / 1e6)} MB in ${r.seconds.toFixed(1)} s, server memory +${r.extra.toFixed(0)} MB over ${r.idle.toFixed(0)} MB idle`,
        opsPerSec: total / r.seconds,
        rme: 0,
        extraRssMb: Math.round(r.extra),
        idleRssMb: Math.round(r.idle),
        megabytes: Math.round(r.bytes / 1e6),
      });
    }
    await server.stop();
    const [few, many] = results;
    if (MANY > FEW && many.extra > few.extra * 1.5 + 32) {
      throw new Error(`the export of ${MANY} cases needed ${many.extra.toFixed(0)} MB more than idle, that of ${FEW} ${few.extra.toFixed(0)} MB: memory grows with the cases`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query(`DROP SCHEMA IF EXISTS ${dir.schema} CASCADE`);
    await db.end();
  }
  return rows;
}
