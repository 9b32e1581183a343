// Runs one suite against every store: PGlite in memory always, PostgreSQL when CIVICFLOW_TEST_PG_URL names a
// database (scripts/postgres-test-db.mjs prepares one and prints its URL). Each PostgreSQL store gets a fresh schema.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { describe } from 'vitest';
import type { CaseStore } from '../store/case-store.js';
import { createPgliteCaseStore } from '../store/pglite-case-store.js';
import { createPostgresCaseStore } from '../store/postgres-case-store.js';

export const postgresUrl = process.env.CIVICFLOW_TEST_PG_URL || undefined;

let warned = false;
/** Says once, visibly, that the PostgreSQL suites are skipped. */
export function warnIfNoPostgres(): void {
  if (postgresUrl || warned) return;
  warned = true;
  console.warn(
    '\n[civicflow] PostgreSQL suites SKIPPED: CIVICFLOW_TEST_PG_URL is not set.\n' +
      '            Run: export CIVICFLOW_TEST_PG_URL=$(node scripts/postgres-test-db.mjs)\n',
  );
}

/** A fresh schema name, so test runs (and their server processes) never see each other's rows. */
export function freshSchema(): string {
  return `cf_test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export interface StoreKind {
  name: 'pglite' | 'postgres';
  /** A new, empty store. With `schema`, PostgreSQL stores share that schema (for tests of several processes). */
  create(schema?: string): Promise<CaseStore>;
  /** Removes what `create` made. */
  cleanup(): Promise<void>;
}

let template: Promise<Blob> | undefined;
/** An empty PGlite database as a dump: loading it takes a fraction of the seconds initdb takes. */
function emptyDatabase(): Promise<Blob> {
  template ??= (async () => {
    const db = new PGlite();
    await db.waitReady;
    const dump = await db.dumpDataDir('none');
    await db.close();
    return dump;
  })();
  return template;
}

/** A new, empty in-memory PGlite store. */
export async function createMemoryStore(): Promise<CaseStore> {
  return createPgliteCaseStore({ loadDataDir: await emptyDatabase() });
}

function pgliteKind(): StoreKind {
  return { name: 'pglite', create: createMemoryStore, cleanup: async () => {} };
}

function postgresKind(): StoreKind {
  const schemas = new Set<string>();
  return {
    name: 'postgres',
    create(schema = freshSchema()) {
      schemas.add(schema);
      return createPostgresCaseStore({ connectionString: postgresUrl!, schema, maxConnections: 4 });
    },
    async cleanup() {
      for (const s of schemas) await dropSchema(s);
      schemas.clear();
    },
  };
}

/** `describe(title)` once per store; the PostgreSQL one is skipped, with a message, when no database is configured. */
export function describeEachStore(title: string, suite: (kind: StoreKind) => void): void {
  describe(`${title} (PGlite)`, () => suite(pgliteKind()));
  warnIfNoPostgres();
  describe.skipIf(!postgresUrl)(`${title} (PostgreSQL)`, () => suite(postgresKind()));
}
