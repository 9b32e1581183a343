import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { Database } from '../store/database.js';
import type { CaseStore } from '../store/case-store.js';
import type { AppEnv } from './http-context.js';
import { createPgliteDatabase } from '../store/pglite-database.js';
import { createPostgresDatabase } from '../store/postgres-database.js';
import { createSqlCaseStore } from '../store/sql-case-store.js';
import { migrations } from '../store/migrations.js';
import { enqueueMessages } from '../outbox/outbox-store.js';
import { createApp } from './create-app.js';
import { createOpsApp } from './health-routes.js';
import { createServerMetrics, type ServerMetrics } from './metrics.js';
import { createProgramRegistry } from '../programs/program-registry.js';
import { loadCasework, caseworkIntake } from '../test-support/fixtures.js';
import { dropSchema, freshSchema, postgresUrl, warnIfNoPostgres } from '../test-support/stores.js';
import { SETUP_TIMEOUT } from '../test-support/test-app.js';

const NEWEST = Math.max(...migrations.map((m) => m.version));

interface Kind {
  name: string;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

const pglite: Kind = { name: 'PGlite', open: () => createPgliteDatabase(), cleanup: async () => {} };
const schema = freshSchema();
const postgres: Kind = {
  name: 'PostgreSQL',
  open: () => createPostgresDatabase({ connectionString: postgresUrl!, schema, maxConnections: 3 }),
  cleanup: () => dropSchema(schema),
};

/** The value of one sample line (`name{labels} value`) in a Prometheus text answer, or undefined. */
function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

warnIfNoPostgres();
for (const kind of [pglite, postgres]) {
  describe.skipIf(kind === postgres && !postgresUrl)(`health, readiness and metrics (${kind.name})`, () => {
    let db: Database;
    let store: CaseStore;
    let app: Hono<AppEnv>;
    let ops: Hono<AppEnv>;
    let metrics: ServerMetrics;
    let stopping = false;
    let closed = false;
    const clock = { now: new Date('2025-03-01T09:00:00Z') };

    beforeAll(async () => {
      db = await kind.open();
      store = await createSqlCaseStore(db);
      metrics = createServerMetrics({ store: store.health, clock: () => clock.now });
      app = await createApp({ store, programs: createProgramRegistry([loadCasework()]), rateLimit: false, logger: { log: () => {} }, clock: () => clock.now, metrics, stopping: () => stopping });
      ops = createOpsApp({ store: store.health, metrics, stopping: () => stopping });
    }, SETUP_TIMEOUT);
    afterAll(async () => {
      if (!closed) await store?.close();
      await kind.cleanup();
    });

    it('answers liveness and readiness on the API address, without caching', async () => {
      const live = await app.request('/healthz');
      expect(live.status).toBe(200);
      expect(live.headers.get('cache-control')).toBe('no-store');
      expect(await live.json()).toEqual({ status: 'ok' });
      const ready = await app.request('/readyz');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', schemaVersion: NEWEST });
    });

    it('never serves /metrics on the API address', async () => {
      expect((await app.request('/metrics')).status).toBe(404);
    });

    it('counts requests by route pattern and status, and their latency', async () => {
      const submitted = await app.request('/v1/programs/casework/submissions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(caseworkIntake()) });
      expect(submitted.status).toBe(201);
      const { caseId } = (await submitted.json()) as { caseId: string };
      expect((await app.request(`/v1/cases/${caseId}`)).status).toBe(401);
      expect((await app.request(`/v1/cases/${caseId}`)).status).toBe(401);
      const res = await ops.request('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      expect(sample(text, 'civicflow_http_requests_total{method="POST",route="/v1/programs/:programId/submissions",status="201"}')).toBe(1);
      // The path carried the case id; the label is the pattern.
      expect(sample(text, 'civicflow_http_requests_total{method="GET",route="/v1/cases/:caseId",status="401"}')).toBe(2);
      expect(text).not.toContain(caseId);
      expect(sample(text, 'civicflow_http_request_duration_seconds_count{method="GET",route="/v1/cases/:caseId"}')).toBe(2);
      expect(sample(text, 'civicflow_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/v1/cases/:caseId"}')).toBe(2);
      // Node's own metrics come along.
      expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    });

    it('shows the outbox backlog and the deadlines due, read from the store at each scrape', async () => {
      const before = await (await ops.request('/metrics')).text();
      expect(sample(before, 'civicflow_store_up')).toBe(1);
      expect(sample(before, 'civicflow_outbox_messages{state="pending"}')).toBe(0);
      expect(sample(before, 'civicflow_outbox_messages{state="dead"}')).toBe(0);
      // The casework case above waits for a reminder in 14 days.
      expect(sample(before, 'civicflow_timers_due')).toBe(0);

      const now = new Date('2025-03-01T09:00:00Z');
      await enqueueMessages(db, [1, 2, 3].map((i) => ({ kind: 'email', programId: 'casework', topic: `t${i}`, payload: {} })), now);
      const [claimed] = await store.outbox.claim(now, 1, 60_000, ['email']);
      expect(await store.outbox.failed(claimed!, 'refused for good', now, true)).toBe(true);
      clock.now = new Date('2025-04-15T09:00:00Z');
      await new Promise((r) => setTimeout(r, 600)); // past the scrape's shared reading
      const after = await (await ops.request('/metrics')).text();
      expect(sample(after, 'civicflow_outbox_messages{state="pending"}')).toBe(2);
      expect(sample(after, 'civicflow_outbox_messages{state="dead"}')).toBe(1);
      expect(sample(after, 'civicflow_timers_due')).toBeGreaterThanOrEqual(1);
      if (kind === postgres) {
        expect(sample(after, 'civicflow_db_pool_connections{state="max"}')).toBe(3);
        expect(sample(after, 'civicflow_db_pool_connections{state="in_use"}')).toBeGreaterThanOrEqual(0);
        expect(sample(after, 'civicflow_db_pool_waiting')).toBeGreaterThanOrEqual(0);
      } else {
        expect(after).not.toContain('civicflow_db_pool_connections');
      }
    });

    it('is not ready while the schema lacks a migration this code needs', async () => {
      await db.query('DELETE FROM cf_migrations WHERE version = $1', [NEWEST]);
      try {
        const res = await ops.request('/readyz', { headers: { 'accept-language': 'en' } });
        expect(res.status).toBe(503);
        expect(await res.json()).toMatchObject({ code: 'NOT_READY', details: { reason: 'schema' }, message: expect.stringContaining('not ready') });
        expect((await ops.request('/healthz')).status).toBe(200);
      } finally {
        await db.query("INSERT INTO cf_migrations (version, name) VALUES ($1, 'again')", [NEWEST]);
      }
      expect((await ops.request('/readyz')).status).toBe(200);
    });

    it('is not ready once the process is stopping, and says so in German', async () => {
      stopping = true;
      try {
        const res = await app.request('/readyz', { headers: { 'accept-language': 'de' } });
        expect(res.status).toBe(503);
        expect(await res.json()).toMatchObject({ code: 'NOT_READY', details: { reason: 'stopping' }, message: expect.stringContaining('nimmt gerade keine Anfragen an') });
        // Still alive: it finishes what it has.
        expect((await app.request('/healthz')).status).toBe(200);
      } finally {
        stopping = false;
      }
    });

    it('is not ready, and metrics show the store down, when the database is gone', async () => {
      await store.close();
      closed = true;
      const res = await ops.request('/readyz');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: 'NOT_READY', details: { reason: 'database' } });
      await new Promise((r) => setTimeout(r, 600));
      const text = await (await ops.request('/metrics')).text();
      expect(sample(text, 'civicflow_store_up')).toBe(0);
      expect(text).not.toContain('civicflow_outbox_messages{');
    });
  });
}
