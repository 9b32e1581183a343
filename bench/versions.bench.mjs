// What it costs that every server process serves a version published through another: before a request that reads
// programs or cases, the server asks the store whether anything was published since it last looked (one small
// query). Measured on the request it costs most, one that otherwise does not touch the database (POST …/validate
// of Zweite Chance's first contact), with the look on every request beside the same server that looks at most once
// a minute, in the same run, on PGlite and (when a database is at hand) PostgreSQL. The server runs in this process
// (from dist/, as npm run bench builds it), loaded by autocannon over 127.0.0.1.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { postgresUrl, root } from './server-process.mjs';
import { createApp, createPgliteCaseStore, createPostgresCaseStore, createProgramRegistry, loadPrograms, startServer } from '@civicflow/server';

const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 5);
const BODY = JSON.stringify({ firstContact: { date: '2025-03-01', channel: 'outreach', place: 'Bahnhof Offenbach', alias: 'Jo' } });

/** Requests per second of validations against a server over `store` that looks for new versions every `checkMs`. */
async function validationsPerSecond(store, checkMs, seconds) {
  const programs = createProgramRegistry(loadPrograms([path.join(root, 'examples/zweite-chance')]));
  const app = await createApp({ store, programs, rateLimit: false, logger: { log: () => {} }, programCheckMs: checkMs });
  const server = await startServer(app);
  try {
    const result = await autocannon({
      url: `${server.url}/v1/programs/zweite-chance/validate?form=firstContact`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BODY,
      connections: 10,
      duration: seconds,
    });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`validate: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    return { opsPerSec: result['2xx'] / result.duration, p50: result.latency.p50, p99: result.latency.p99 };
  } finally {
    await server.close();
  }
}

const row = (name, r, baseline) => ({ name: `${name} (p50 ${r.p50} ms, p99 ${r.p99} ms)`, opsPerSec: r.opsPerSec, p50Ms: r.p50, p99Ms: r.p99, ...(baseline ? { baseline: baseline.name } : {}) });

async function pair(engine, store) {
  // Warm up, then alternate: the row and its baseline see the same machine.
  await validationsPerSecond(store, 0, 1);
  const rarely = await validationsPerSecond(store, 60_000, SECONDS);
  const always = await validationsPerSecond(store, 0, SECONDS);
  const base = row(`versions: validate over HTTP, ${engine}, new versions looked for once a minute`, rarely);
  return [base, row(`versions: validate over HTTP, ${engine}, new versions looked for on every request`, always, base)];
}

export async function run() {
  const rows = [];
  const lite = await createPgliteCaseStore();
  try {
    rows.push(...(await pair('PGlite', lite)));
  } finally {
    await lite.close();
  }
  const url = await postgresUrl('version-check rows on PostgreSQL left out');
  if (url) {
    const schema = `cf_bench_${randomBytes(6).toString('hex')}`;
    const store = await createPostgresCaseStore({ connectionString: url, schema });
    try {
      rows.push(...(await pair('PostgreSQL', store)));
    } finally {
      await store.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
  if (url) rows.push(...(await migrationRows(url)));
  return rows;
}

// Migrating open cases: 10,000 cases of casework 1.0.0 on PostgreSQL moved to 1.1.0 (a field renamed, the state timer
// recomputed) by one worker, each case in its own transaction with its audit entry and its record, beside plain SQL
// UPDATEs of the same rows in the same run: one UPDATE per case in its own transaction (what the migration's
// per-case transactions cost at the least), and one UPDATE for all of them (no audit, no checks, for scale).
const MIGRATED = Number(process.env.BENCH_MIGRATE_CASES ?? 10_000);

/** Casework 1.1.0: `phone` is `telephone`, received cases are reminded after 7 days, and the migration says so. */
function caseworkNext(a) {
  const d = JSON.parse(a);
  d.version = '1.1.0';
  d.forms.intake.schema.properties.telephone = d.forms.intake.schema.properties.phone;
  delete d.forms.intake.schema.properties.phone;
  d.forms.intake.ui.pages[0].fields = d.forms.intake.ui.pages[0].fields.map((f) => (f === 'phone' ? 'telephone' : f));
  d.workflow.states.received.after[0].duration = 'P7D';
  for (const texts of Object.values(d.texts)) {
    texts['forms.intake.fields.telephone.label'] = texts['forms.intake.fields.phone.label'];
    delete texts['forms.intake.fields.phone.label'];
  }
  d.versions = { migrations: [{ from: '1.0.0', data: [{ op: 'move', from: 'phone', path: 'telephone' }], timers: 'recompute' }] };
  return d;
}

const SEED = `
INSERT INTO cf_cases (id, reference, program_id, program_version, state, version, data, timers, outcomes, created_at, updated_at, data_changed_at)
SELECT 'bench-' || lpad(g::text, 6, '0'), 'CF-' || lpad(g::text, 9, '0'), 'casework', '1.0.0', 'received', 1,
  jsonb_build_object('name', 'Person ' || g, 'phone', '0151 234567', 'housing', 'flat'),
  '[{"id":"after:received:0","event":"REMIND","due":"2030-01-15T09:00:00.000Z","startedAt":"2030-01-01T09:00:00.000Z","state":"received"}]'::jsonb,
  '[]'::jsonb, '2030-01-01T09:00:00Z', '2030-01-01T09:00:00Z', '2030-01-01T09:00:00Z'
FROM generate_series(1, $1) g;
INSERT INTO cf_case_events (case_id, seq, at, actor, event, from_state, to_state, entry)
SELECT id, 1, created_at, 'applicant:' || id, NULL, NULL, 'received',
  jsonb_build_object('seq', 1, 'at', '2030-01-01T09:00:00.000Z', 'actor', 'applicant:' || id, 'roles', '["applicant"]'::jsonb, 'event', NULL, 'from', NULL, 'to', 'received', 'changed', '["/name","/phone","/housing"]'::jsonb)
FROM cf_cases WHERE id LIKE 'bench-%';
INSERT INTO cf_timers (case_id, timer_id, event, program_id, due_at) SELECT id, 'after:received:0', 'REMIND', 'casework', '2030-01-15T09:00:00Z' FROM cf_cases WHERE id LIKE 'bench-%';
`;

async function migrationRows(url) {
  const { readFileSync } = await import('node:fs');
  const { loadProgram } = await import('@civicflow/core');
  const { startMigration, workRun } = await import('@civicflow/server');
  const text = readFileSync(path.join(root, 'packages/server/src/test-support/casework-program.json'), 'utf8');
  const a = loadProgram(text);
  const b = loadProgram(caseworkNext(text));
  const programs = createProgramRegistry([a, b]);
  const schema = `cf_bench_${randomBytes(6).toString('hex')}`;
  const store = await createPostgresCaseStore({ connectionString: url, schema });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET search_path TO ${schema}`);
    const [first, ...rest] = SEED.split(';').map((s) => s.trim()).filter((s) => s !== '');
    await client.query(first, [MIGRATED]);
    for (const statement of rest) await client.query(statement);
    const ids = (await client.query(`SELECT id FROM cf_cases WHERE program_version = '1.0.0' ORDER BY id`)).rows.map((r) => r.id);

    // The same change as plain SQL, one UPDATE per case in its own transaction, then undone.
    let started = performance.now();
    for (const id of ids) {
      await client.query('BEGIN');
      await client.query(`UPDATE cf_cases SET program_version = '1.1.0', data = (data - 'phone') || jsonb_build_object('telephone', data->'phone'), version = version + 1 WHERE id = $1`, [id]);
      await client.query('COMMIT');
    }
    const perRow = ids.length / ((performance.now() - started) / 1000);
    await client.query(`UPDATE cf_cases SET program_version = '1.0.0', data = (data - 'telephone') || jsonb_build_object('phone', data->'telephone'), version = 1 WHERE id LIKE 'bench-%'`);
    // And as one statement.
    started = performance.now();
    await client.query(`UPDATE cf_cases SET program_version = '1.1.0', data = (data - 'phone') || jsonb_build_object('telephone', data->'phone'), version = version + 1 WHERE program_id = 'casework' AND program_version = '1.0.0'`);
    const oneStatement = ids.length / ((performance.now() - started) / 1000);
    await client.query(`UPDATE cf_cases SET program_version = '1.0.0', data = (data - 'telephone') || jsonb_build_object('phone', data->'telephone'), version = 1 WHERE id LIKE 'bench-%'`);
    await client.query('VACUUM ANALYZE cf_cases');

    const { run } = await startMigration(store, { from: a, to: b }, 'bench', new Date());
    started = performance.now();
    const done = await workRun(run, { store, programs });
    const migrated = done.migrated / ((performance.now() - started) / 1000);
    const left = (await client.query(`SELECT count(*)::int AS n FROM cf_cases WHERE program_version = '1.0.0'`)).rows[0].n;
    if (done.migrated !== ids.length || done.failed !== 0 || left !== 0) throw new Error(`migration: ${done.migrated} moved, ${done.failed} failed, ${left} left of ${ids.length}`);
    const events = (await client.query(`SELECT count(*)::int AS n FROM cf_case_events WHERE event = 'civicflow:migration'`)).rows[0].n;
    if (events !== ids.length) throw new Error(`migration: ${events} audit entries for ${ids.length} cases`);

    const n = ids.length.toLocaleString('en');
    const base = { name: `versions: ${n} cases, plain SQL UPDATE per case in its own transaction, PostgreSQL (cases/s, more is better)`, opsPerSec: perRow };
    return [
      base,
      { name: `versions: ${n} cases, plain SQL, one UPDATE for all, PostgreSQL (cases/s, more is better)`, opsPerSec: oneStatement, baseline: base.name },
      {
        name: `versions: migrating ${n} open cases 1.0.0 → 1.1.0 (checked, audit entry, record, timers recomputed), one worker, PostgreSQL (cases/s, more is better)`,
        opsPerSec: migrated,
        baseline: base.name,
        target: { minRatio: 0.25 },
      },
    ];
  } finally {
    await client.end();
    await store.close();
    const drop = new pg.Client({ connectionString: url });
    await drop.connect();
    await drop.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await drop.end();
  }
}
