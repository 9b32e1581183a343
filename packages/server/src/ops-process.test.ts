// The server as operators run it: stopped with SIGTERM while a request is in flight, and started three times at once
// on one empty PostgreSQL schema.
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@civicflow/test-support';
import { migrations } from './store/migrations.js';
import { caseworkIntake } from './test-support/fixtures.js';
import { removeServerEntry, startServerProcess, type ServerProcess } from './test-support/server-process.js';
import { dropSchema, freshSchema, postgresUrl, warnIfNoPostgres } from './test-support/stores.js';

const CASEWORK = path.join(repoRoot, 'packages/server/src/test-support/casework-program.json');
const NEWEST = Math.max(...migrations.map((m) => m.version));
const TIMEOUT = 120_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(() => removeServerEntry());

/** A request sent by hand over TCP, its body cut in two: the server has its head and waits for the rest. */
async function halfSentRequest(url: string, body: Buffer): Promise<{ socket: Socket; finish(): void; answer: Promise<string> }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  let received = '';
  socket.on('data', (d) => (received += d.toString('utf8')));
  const answer = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  socket.write(
    `POST /v1/programs/casework/validate HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  socket.write(body.subarray(0, 20));
  return { socket, finish: () => socket.write(body.subarray(20)), answer };
}

/**
 * Resolves once a new connection to `url` is refused. A connection the kernel accepted just before the listening
 * socket closed is reset instead (it was never served); the loop goes on until one is refused.
 */
async function refused(url: string): Promise<unknown> {
  for (let i = 0; i < 200; i++) {
    const cause = await fetch(`${url}/healthz`).then(
      () => undefined,
      (err: Error) => err.cause,
    );
    if (cause && (cause as { code?: string }).code !== 'ECONNRESET') return cause;
    await sleep(25);
  }
  throw new Error('new connections were still accepted');
}

describe('stopping with SIGTERM', () => {
  it('refuses new connections, lets the request in flight finish, and exits 0', async () => {
    const server = await startServerProcess(['--memory', '--programs', CASEWORK, '--no-scheduler', '--shutdown-grace', '30000']);
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    const body = Buffer.from(JSON.stringify(caseworkIntake('Zoë Müller')));
    const inFlight = await halfSentRequest(server.url, body);
    await sleep(300); // the server has read the request's head
    const signalled = performance.now();
    server.child.kill('SIGTERM');
    expect(await refused(server.url)).toMatchObject({ code: 'ECONNREFUSED' });
    // Still running, waiting for the rest of the body.
    await sleep(300);
    expect(server.child.exitCode).toBeNull();
    inFlight.finish();
    const answer = await inFlight.answer;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('"valid":true');
    expect(await exited).toBe(0);
    // It ended once its last request was answered, long before the grace of 30 s.
    expect(performance.now() - signalled).toBeLessThan(10_000);
    const log = server.stderr();
    expect(log).toContain('"msg":"stopping","signal":"SIGTERM"');
    expect(log).toContain('"msg":"stopped"');
    expect(log).not.toContain('"level":"error"');
  }, TIMEOUT);

  it('cuts a request that does not finish within the grace, and still exits 0', async () => {
    const server = await startServerProcess(['--memory', '--programs', CASEWORK, '--no-scheduler', '--shutdown-grace', '1000']);
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    const stuck = await halfSentRequest(server.url, Buffer.from(JSON.stringify(caseworkIntake())));
    await sleep(300);
    const signalled = performance.now();
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const took = performance.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(8_000);
    expect(await stuck.answer).toBe('');
  }, TIMEOUT);
});

warnIfNoPostgres();
describe.skipIf(!postgresUrl)('three servers started at once on one empty PostgreSQL schema', () => {
  const schema = freshSchema();
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await dropSchema(schema);
  });

  it('migrate once, all become ready, and none logs an error', async () => {
    const started = await Promise.allSettled(
      // The third as behind a PgBouncer that keeps no prepared statements.
      [1, 2, 3].map((n) =>
        startServerProcess(['--postgres', postgresUrl!, '--schema', schema, '--programs', CASEWORK, '--pool-size', '3', '--metrics-port', '0', ...(n === 3 ? ['--no-prepared-statements'] : [])]),
      ),
    );
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual(['started', 'started', 'started']);
    for (const s of servers) {
      // As an orchestrator does, asked again while not ready: on a busy machine the database may take longer than the
      // check's 2 s to give one of three connections. The body says why, should it never be ready.
      let ready: { status: number; body: unknown } | undefined;
      for (let i = 0; i < 15 && ready?.status !== 200; i++) {
        if (i > 0) await sleep(1000);
        const res = await fetch(`${s.url}/readyz`);
        ready = { status: res.status, body: await res.json() };
      }
      expect(ready).toEqual({ status: 200, body: { status: 'ready', schemaVersion: NEWEST } });
      // The metrics address is the second one the process prints.
      const metricsUrl = /metrics on (http:\/\/\S+)/.exec(s.stdout())?.[1];
      expect(metricsUrl).toBeDefined();
      const metrics = await (await fetch(metricsUrl!)).text();
      expect(metrics).toMatch(/^civicflow_db_pool_connections\{state="max"\} 3$/m);
      expect(metrics).toMatch(/^civicflow_store_up 1$/m);
    }
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT version, count(*)::int AS n FROM ${schema}.cf_migrations GROUP BY version ORDER BY version`);
      expect(rows).toEqual(migrations.map((m) => ({ version: m.version, n: 1 })));
      const versions = await client.query(`SELECT count(*)::int AS n FROM ${schema}.cf_program_versions`);
      expect(versions.rows).toEqual([{ n: 1 }]);
    } finally {
      await client.end();
    }
    // One submission through each, all seen by the others.
    for (const s of servers) {
      const res = await fetch(`${s.url}/v1/programs/casework/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(caseworkIntake()) });
      expect(res.status).toBe(201);
    }
    for (const s of servers) expect(s.stderr()).not.toContain('"level":"error"');
  }, TIMEOUT);
});
