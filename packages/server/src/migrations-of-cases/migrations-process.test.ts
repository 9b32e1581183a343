// A migration of open cases across real server processes: the process carrying it out is killed with SIGKILL in the
// middle of the run, a new one is started on the same store, and every case ends up migrated exactly once or listed
// as failed on the older version.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATION_EVENT } from '@civicflow/workflow';
import type { CaseStore } from '../store/case-store.js';
import { createPgliteCaseStore } from '../store/pglite-case-store.js';
import { createPostgresCaseStore } from '../store/postgres-case-store.js';
import { caseworkIntake } from '../test-support/fixtures.js';
import { CASEWORK_FILE, caseworkNextDefinition } from '../test-support/casework-next.js';
import { removeServerEntry, startServerProcess } from '../test-support/server-process.js';
import { dropSchema, freshSchema, postgresUrl, warnIfNoPostgres } from '../test-support/stores.js';

const work = mkdtempSync(path.join(tmpdir(), 'cf-migrate-'));
const tokens = path.join(work, 'tokens.json');
const PUBLISH = 'process-test-publish-token';
const COACH = 'process-test-coach-token';
writeFileSync(tokens, JSON.stringify({ tokens: [{ token: PUBLISH, actor: 'designer-p', roles: ['casework:publish'] }, { token: COACH, actor: 'coach-p', roles: ['casework:coach'] }] }));
const TIMEOUT = 300_000;
const CASES = 240;
const FAILING = 12;

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await removeServerEntry();
});

const api = async (url: string, route: string, body?: unknown, token = PUBLISH, headers: Record<string, string> = {}) => {
  const res = await fetch(`${url}${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'accept-language': 'en', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
};

async function killInTheMiddle(storeArgs: string[], openStore: () => Promise<CaseStore>) {
  const args = ['--programs', CASEWORK_FILE, '--no-scheduler', '--tokens', tokens, ...storeArgs];
  // Small batches, each logged: the process is killed at the first line that says a batch was moved.
  const first = await startServerProcess([...args, '--migration-interval', '50', '--migration-batch', '10']);
  const ids: string[] = [];
  try {
    for (let i = 0; i < CASES; i++) {
      const opened = await api(first.url, '/v1/programs/casework/submissions', caseworkIntake(`Person ${i}`), '');
      expect(opened.status).toBe(201);
      ids.push(opened.body.caseId);
    }
    // Some cases get a plan without hours, which the newer version requires: they must fail and stay.
    for (const id of ids.slice(0, FAILING)) {
      expect((await api(first.url, `/v1/cases/${id}/events`, { type: 'ACCEPT', data: { goal: 'course' } }, COACH, { 'if-match': '1' })).status).toBe(200);
    }
    expect((await api(first.url, '/v1/programs/casework/versions', caseworkNextDefinition('recompute'))).status).toBe(201);
    const dry = await api(first.url, '/v1/programs/casework/migrations/dry-run', { from: '1.0.0' });
    expect(dry.body).toMatchObject({ total: CASES, migrating: CASES - FAILING, failing: FAILING });
    const started = await api(first.url, '/v1/programs/casework/migrations', { from: '1.0.0' });
    expect(started.status).toBe(202);
    // Killed as soon as the run has moved its first batch, long before it is through.
    for (const end = Date.now() + 60_000; !first.stderr().includes('"msg":"migration batch"'); ) {
      if (Date.now() > end) throw new Error('the run did not start');
      await new Promise((r) => setTimeout(r, 2));
    }
  } finally {
    await first.kill();
  }
  const between = await openStore();
  const half = await between.caseMigrations.counts((await between.caseMigrations.list('casework', 1))[0]!.id);
  await between.close();
  expect(half.migrated + half.failed).toBeGreaterThan(0);
  expect(half.migrated + half.failed).toBeLessThan(CASES);

  const second = await startServerProcess([...args, '--quiet', '--migration-interval', '100']);
  try {
    const runs = await api(second.url, '/v1/programs/casework/migrations');
    const self = runs.body.runs[0].links.self as string;
    let run = (await api(second.url, self)).body;
    for (const end = Date.now() + 120_000; !run.finishedAt; run = (await api(second.url, self)).body) {
      if (Date.now() > end) throw new Error(`the run did not finish: ${JSON.stringify(run)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(run).toMatchObject({ total: CASES, migrated: CASES - FAILING, failed: FAILING, remaining: 0 });
    expect(run.failures.map((f: { caseId: string }) => f.caseId).sort()).toEqual(ids.slice(0, FAILING).sort());
  } finally {
    await second.stop();
  }

  const store = await openStore();
  try {
    for (const [i, id] of ids.entries()) {
      const c = (await store.getCase(id))!;
      const records = await store.caseMigrations.ofCase(id);
      expect(records).toHaveLength(1);
      const migrations = c.history.filter((h) => h.event === MIGRATION_EVENT);
      if (i < FAILING) {
        expect(c.program).toBe('casework@1.0.0');
        expect(migrations).toHaveLength(0);
        expect(records[0]).toMatchObject({ outcome: 'failed' });
      } else {
        expect(c.program).toBe('casework@1.1.0');
        expect(migrations).toHaveLength(1);
        expect(c.version).toBe(2);
        expect(c.data['telephone']).toBe('0151 234567');
        // Recomputed from the newer version: its reminder comes 7 days after the case entered its state.
        const entered = new Date(c.history[0]!.at).getTime();
        expect(c.timers.map((t) => [t.id, new Date(t.due).getTime() - entered])).toEqual([['after:received:0', 7 * 86_400_000]]);
        expect(records[0]).toMatchObject({ outcome: 'migrated', before: { state: 'received' } });
      }
    }
  } finally {
    await store.close();
  }
}

describe('a migration across a SIGKILL', () => {
  it('on PGlite: every case is migrated exactly once or listed as failed', async () => {
    const dir = path.join(work, 'pglite');
    await killInTheMiddle(['--data', dir], () => createPgliteCaseStore({ dir }));
  }, TIMEOUT);

  warnIfNoPostgres();
  it.skipIf(!postgresUrl)('on PostgreSQL: every case is migrated exactly once or listed as failed', async () => {
    const schema = freshSchema();
    try {
      await killInTheMiddle(['--postgres', postgresUrl!, '--schema', schema], () => createPostgresCaseStore({ connectionString: postgresUrl!, schema }));
    } finally {
      await dropSchema(schema);
    }
  }, TIMEOUT);
});
