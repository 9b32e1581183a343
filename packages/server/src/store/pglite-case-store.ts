import type { CaseStore } from './case-store.js';
import { createPgliteDatabase, type PgliteDatabaseOptions } from './pglite-database.js';
import { createSqlCaseStore } from './sql-case-store.js';

/**
 * The embedded store: PGlite in this process, persisted to a folder (or in memory without `dir`). The default for
 * one server process; nothing to install. Throws `ServerError` `DATA_DIR_LOCKED` if another process uses the folder.
 */
export async function createPgliteCaseStore(options: PgliteDatabaseOptions = {}): Promise<CaseStore> {
  const db = await createPgliteDatabase(options);
  try {
    return await createSqlCaseStore(db);
  } catch (err) {
    await db.close();
    throw err;
  }
}
