import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Case } from '@civicflow/workflow';
import { loadExample, repoRoot } from '@civicflow/test-support';
import type { CaseStore } from './store/case-store.js';
import { createPostgresCaseStore } from './store/postgres-case-store.js';
import { removeServerEntry, startServerProcess, type ServerProcess } from './test-support/server-process.js';
import { dropSchema, freshSchema, postgresUrl, warnIfNoPostgres } from './test-support/stores.js';
import { futureCongress, grant, loadFutureCongress, registeredGuest, registration, wirAtDecision, wirGranted } from './test-support/limits-fixtures.js';

const work = mkdtempSync(path.join(tmpdir(), 'cf-limits-'));
const tokens = path.join(work, 'tokens.json');
const TOKEN = 'limits-race-office-token';
writeFileSync(tokens, JSON.stringify({ tokens: [{ token: TOKEN, actor: 'office-p', roles: ['zukunftsbuendnis:office', 'wir-vielfalt:officer'] }] }));
const congressFile = path.join(work, 'zukunftsbuendnis.json');
writeFileSync(congressFile, JSON.stringify(futureCongress()));
const congress = loadFutureCongress();
const wir = loadExample('wir-vielfalt');
const TIMEOUT = 180_000;

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await removeServerEntry();
});

async function seed(store: CaseStore, c: Case, formId: string): Promise<string> {
  await store.submit({ programId: c.program.split('@')[0]!, idempotencyKey: c.id, requestHash: 'h', formId, reference: `L-${c.id.slice(0, 8)}`, case: c, now: new Date() });
  return c.id;
}

// A connection per request: the seeding between requests can outlast the server's keep-alive, and a reused socket
// closed at that moment fails the request with ECONNRESET.
const FRESH = { connection: 'close' };

const post = (server: ServerProcess, url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${url}`, { method: 'POST', headers: { ...FRESH, 'content-type': 'application/json', 'accept-language': 'de', ...headers }, body: JSON.stringify(body) });

const office = (version: number) => ({ authorization: `Bearer ${TOKEN}`, 'if-match': String(version) });

async function report(server: ServerProcess, program: string) {
  return (await fetch(`${server.url}/v1/programs/${program}/report`, { headers: { ...FRESH, authorization: `Bearer ${TOKEN}`, 'accept-language': 'en' } })).json();
}

/**
 * Runs `send` while this test holds back every write of an audit entry (a SHARE lock on the events table), and lets
 * the writes go once `waiting` transactions wait behind it, directly or behind one that does. Two events sent at once
 * thus both get as far as they can before either commits, however fast the machine: without the servers' lock per
 * limit, both would have counted the same free place.
 */
async function heldTogether<T>(schema: string, waiting: number, send: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  // Who waits is asked on a second connection: within a transaction PostgreSQL answers pg_stat_activity from a
  // snapshot taken at its first use, so the locking connection itself would never see a backend that connected later.
  const observer = new pg.Client({ connectionString: postgresUrl });
  await Promise.all([client.connect(), observer.connect()]);
  try {
    await client.query('BEGIN');
    await client.query(`LOCK TABLE "${schema}".cf_case_events IN SHARE MODE`);
    const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
    const sent = send();
    // Should both answers come without waiting (a busy machine can put the two requests far apart), there is nothing
    // left to hold together: the test's assertions on the answers still decide.
    let settled = false;
    void Promise.resolve(sent).then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let i = 0; !settled; i++) {
      const { rows } = await observer.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity a WHERE $1 = ANY(pg_blocking_pids(a.pid))
           OR EXISTS (SELECT 1 FROM pg_stat_activity b WHERE $1 = ANY(pg_blocking_pids(b.pid)) AND b.pid = ANY(pg_blocking_pids(a.pid)))`,
        [pid],
      );
      if (rows[0]!.n >= waiting) break;
      // After a minute, let go and let the answers decide: the refusal is checked either way, only not held together.
      if (i > 1200) {
        console.warn(`limits-race: only ${rows[0]!.n} of ${waiting} transactions seen waiting after a minute; letting go`);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await client.query('COMMIT');
    return await sent;
  } finally {
    await Promise.all([client.end(), observer.end()]);
  }
}

warnIfNoPostgres();
describe.skipIf(!postgresUrl)('places and budgets with two server processes on one PostgreSQL', () => {
  let schema: string;
  let store: CaseStore;
  let servers: ServerProcess[] = [];

  async function start() {
    schema = freshSchema();
    store = await createPostgresCaseStore({ connectionString: postgresUrl!, schema });
    const args = ['--programs', congressFile, '--programs', path.join(repoRoot, 'examples/wir-vielfalt/program.json'), '--tokens', tokens, '--quiet', '--no-scheduler'];
    servers = await Promise.all([startServerProcess([...args, '--postgres', postgresUrl!, '--schema', schema]), startServerProcess([...args, '--postgres', postgresUrl!, '--schema', schema])]);
    // The first request of a process compiles the program's validators, which can take seconds on a busy machine:
    // done before a race, so that the two racing requests arrive together and well within the request timeout.
    for (const server of servers) {
      await post(server, '/v1/programs/zukunftsbuendnis/validate?form=registration', registration('Probe'));
      await post(server, '/v1/programs/wir-vielfalt/validate?form=decision', grant(1));
    }
  }
  async function stop() {
    await Promise.all(servers.map((s) => s.stop()));
    await store.close();
    await dropSchema(schema);
  }

  it('gives the last congress place to one of two guests registering at once and puts the other on the waiting list; freed places go to the waiting once each', async () => {
    await start();
    try {
      const held: string[] = [];
      for (let i = 0; i < 119; i++) held.push(await seed(store, registeredGuest(congress, randomUUID(), new Date()), 'registration'));
      const [a, b] = await Promise.all(
        servers.map((s, i) => post(s, '/v1/programs/zukunftsbuendnis/submissions?form=registration', registration(i === 0 ? 'Anna' : 'Bert'))),
      );
      expect([a!.status, b!.status]).toEqual([201, 201]);
      const states = await Promise.all([a!, b!].map(async (r) => (await store.getCase(((await r.json()) as { caseId: string }).caseId))!.state));
      expect(states.sort()).toEqual(['registered', 'waiting']);
      const third = await post(servers[0]!, '/v1/programs/zukunftsbuendnis/submissions?form=registration', registration('Cleo'));
      expect((await store.getCase(((await third.json()) as { caseId: string }).caseId))!.state).toBe('waiting');
      expect((await report(servers[1]!, 'zukunftsbuendnis')).places).toEqual([{ name: 'congress', title: 'Congress places', count: 120, held: 120, free: 0, waiting: 2 }]);

      // Two guests cancel at the same moment on the two processes: each waiting guest gets one of the places, once.
      const cancels = await Promise.all([0, 1].map((i) => post(servers[i]!, `/v1/cases/${held[i]}/events`, { type: 'CANCEL' }, office(2))));
      expect(cancels.map((r) => r.status)).toEqual([200, 200]);
      const page = await store.listCases({ programId: 'zukunftsbuendnis', state: 'registered', limit: 500 });
      expect(page.items).toHaveLength(120);
      const offered = await Promise.all(page.items.map(async (i) => (await store.getCase(i.id))!.history.filter((h) => h.event === 'PLACE_FREE')));
      expect(offered.filter((h) => h.length > 0).map((h) => h.map((e) => e.actor))).toEqual([['system'], ['system']]);
      expect((await report(servers[0]!, 'zukunftsbuendnis')).places).toEqual([{ name: 'congress', title: 'Congress places', count: 120, held: 120, free: 0, waiting: 0 }]);
    } finally {
      await stop();
    }
  }, TIMEOUT);

  it('grants the last part of the call budget to one of two decisions sent at once, and refuses the other with what is left', async () => {
    await start();
    try {
      for (let i = 0; i < 9; i++) await seed(store, wirGranted(wir, randomUUID(), 20000), 'application');
      const waiting = [await seed(store, wirAtDecision(wir, randomUUID()), 'application'), await seed(store, wirAtDecision(wir, randomUUID()), 'application')];
      const answers = await heldTogether(schema, 2, () =>
        Promise.all(waiting.map((id, i) => post(servers[i]!, `/v1/cases/${id}/events`, { type: 'DECIDE', data: grant(20000) }, office(4)))),
      );
      const byStatus = Object.fromEntries(await Promise.all(answers.map(async (r) => [r.status, await r.json()] as const)));
      expect(Object.keys(byStatus).sort()).toEqual(['200', '409']);
      expect(byStatus['409']).toMatchObject({
        code: 'EVENT_REFUSED',
        refusal: {
          code: 'BUDGET_EXCEEDED',
          message: '„Bescheid erlassen“ bräuchte 20.000,00\u00a0€ aus dem Budget „Förderung bewilligt“, es sind aber nur noch 0,00\u00a0€ übrig.',
          details: { sum: 'granted', budget: 200000, used: 200000, amount: 20000 },
        },
      });
      const sums = (await report(servers[1]!, 'wir-vielfalt')).sums;
      expect(sums).toEqual([expect.objectContaining({ name: 'granted', budget: 200000, count: 10, total: 200000 })]);
    } finally {
      await stop();
    }
  }, TIMEOUT);
});
