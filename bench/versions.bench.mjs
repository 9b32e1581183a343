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
  return rows;
}
