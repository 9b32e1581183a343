import type { CaseStore } from './case-store.js';
import { createPostgresDatabase, type PostgresDatabaseOptions } from './postgres-database.js';
import { createSqlCaseStore } from './sql-case-store.js';

/**
 * The production store: a PostgreSQL server through a `pg` pool. Several server processes may share one
 * database (and schema); row locks and `SKIP LOCKED` keep their events and timers apart.
 */
export async function createPostgresCaseStore(options: PostgresDatabaseOptions): Promise<CaseStore> {
  const db = await createPostgresDatabase(options);
  try {
    return await createSqlCaseStore(db);
  } catch (err) {
    await db.close();
    throw err;
  }
}
