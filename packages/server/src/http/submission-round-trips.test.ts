// What a submission asks of the database: each statement is a round trip to PostgreSQL, and round trips, not the
// server's own work, were most of a submission's time (bench/servers.bench.mjs).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { Database } from '../store/database.js';
import type { CaseStore } from '../store/case-store.js';
import type { AppEnv } from './http-context.js';
import { createPgliteDatabase } from '../store/pglite-database.js';
import { createSqlCaseStore } from '../store/sql-case-store.js';
import { createApp } from './create-app.js';
import { createProgramRegistry } from '../programs/program-registry.js';
import { loadCasework, caseworkIntake } from '../test-support/fixtures.js';
import { createTokenAuthenticator } from '../auth/token-authenticator.js';

const PUBLISHER = 'test-token-publisher-0000000000';
const CASEWORKER = 'test-token-caseworker-000000000';
import { SETUP_TIMEOUT } from '../test-support/test-app.js';

/** The database with every statement and transaction written down. */
function counted(db: Database) {
  const log: string[] = [];
  const wrapped: Database = {
    ...db,
    engine: 'postgres', // as a server sharing its database does: it looks for new program versions before each request
    query: (sql, params) => (log.push(sql.trim().split(/\s+/).slice(0, 4).join(' ')), db.query(sql, params)),
    transaction: (fn) => (log.push('transaction'), db.transaction(fn)),
  };
  return { db: wrapped, log };
}

describe('a submission', () => {
  let store: CaseStore;
  let app: Hono<AppEnv>;
  let log: string[];
  beforeAll(async () => {
    const c = counted(await createPgliteDatabase());
    log = c.log;
    store = await createSqlCaseStore(c.db);
    const authenticate = createTokenAuthenticator([
      { token: PUBLISHER, actor: 'designer-1', roles: ['casework:publish'] },
      { token: CASEWORKER, actor: 'worker-1', name: 'Anna Becker', roles: ['casework:coach'] },
    ]);
    app = await createApp({ store, programs: createProgramRegistry([loadCasework()]), authenticate, rateLimit: false, logger: { log: () => {} } });
  }, SETUP_TIMEOUT);
  afterAll(() => store?.close());

  const submit = (key: string, body: unknown = caseworkIntake(), token?: string) =>
    app.request('/v1/programs/casework/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it('that sends no notice is one statement, outside an explicit transaction, without a look for new versions before', async () => {
    const key = `rt-${randomUUID()}`;
    log.length = 0;
    expect((await submit(key)).status).toBe(201);
    expect(log).toEqual(['WITH m AS (']);
  });

  it('after a version was published through this server is still one statement, under the new version', async () => {
    const next = { ...loadCasework().definition, version: '1.0.1' };
    const published = await app.request('/v1/programs/casework/versions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PUBLISHER}` },
      body: JSON.stringify(next),
    });
    expect(published.status).toBe(201);
    log.length = 0;
    const res = await submit(`rt-${randomUUID()}`);
    expect(res.status).toBe(201);
    expect(log).toEqual(['WITH m AS (']);
    expect((await store.getCase(((await res.json()) as { caseId: string }).caseId))!.program).toBe('casework@1.0.1');
  });

  it('with a key used before stores nothing and answers with the receipt, looking the key up only then', async () => {
    const key = `rt-${randomUUID()}`;
    const first = await submit(key);
    const { caseId } = (await first.json()) as { caseId: string };
    log.length = 0;
    const again = await submit(key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toMatchObject({ caseId });
    expect(log.filter((l) => l.startsWith('SELECT s.case_id'))).toHaveLength(1);
  });

  it('that would be refused still answers a repeat of a stored one with its receipt', async () => {
    const key = `rt-${randomUUID()}`;
    const { caseId } = (await (await submit(key)).json()) as { caseId: string };
    // The same key with a body that is now invalid: the stored receipt's digest differs, so the key was reused.
    const reused = await submit(key, { nonsense: true });
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    // A new key with the invalid body is plainly invalid, and looks up nothing it does not need.
    log.length = 0;
    const invalid = await submit(`rt-${randomUUID()}`, { nonsense: true });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ code: 'SUBMISSION_INVALID' });
    expect(log.filter((l) => l.startsWith('WITH m AS'))).toHaveLength(0);
    expect(caseId).toBeTruthy();
  });
  it('by a named caseworker stores the name once, not again with every submission', async () => {
    log.length = 0;
    expect((await submit(`rt-${randomUUID()}`, caseworkIntake(), CASEWORKER)).status).toBe(201);
    expect(log).toEqual(['INSERT INTO cf_people (actor,', 'WITH m AS (']);
    log.length = 0;
    expect((await submit(`rt-${randomUUID()}`, caseworkIntake(), CASEWORKER)).status).toBe(201);
    expect(log).toEqual(['WITH m AS (']);
    expect(await store.names(['worker-1'])).toEqual({ 'worker-1': 'Anna Becker' });
  });
  it('stores a name again when it or the roles changed, and after a minute in any case', async () => {
    const t = new Date('2026-01-05T09:00:00Z');
    const at = (seconds: number) => new Date(t.getTime() + seconds * 1000);
    const writes = () => log.filter((l) => l.startsWith('INSERT INTO cf_people')).length;
    log.length = 0;
    await store.rememberName('worker-2', 'Jo Weber', at(0), ['casework:coach']);
    await store.rememberName('worker-2', 'Jo Weber', at(30), ['casework:coach']);
    expect(writes()).toBe(1);
    await store.rememberName('worker-2', 'Jo Weber-Klein', at(31), ['casework:coach']);
    expect(writes()).toBe(2);
    expect(await store.names(['worker-2'])).toEqual({ 'worker-2': 'Jo Weber-Klein' });
    await store.rememberName('worker-2', 'Jo Weber-Klein', at(32), ['casework:coach', 'casework:assistant']);
    expect(writes()).toBe(3);
    await store.rememberName('worker-2', 'Jo Weber-Klein', at(93), ['casework:assistant', 'casework:coach']);
    expect(writes()).toBe(4);
  });
});
