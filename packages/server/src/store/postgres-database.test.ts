import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { createPostgresDatabase } from './postgres-database.js';
import { dropSchema, freshSchema, postgresUrl, warnIfNoPostgres } from '../test-support/stores.js';

warnIfNoPostgres();

describe.skipIf(!postgresUrl)('PostgreSQL database: statements kept prepared', () => {
  const opened: { db: Database; schema: string }[] = [];
  afterEach(async () => {
    for (const { db, schema } of opened.splice(0)) {
      await db.close();
      await dropSchema(schema);
    }
  });
  // One connection, so that the session asked is the one that ran the statements.
  async function open(preparedStatements?: boolean): Promise<Database> {
    const schema = freshSchema();
    const db = await createPostgresDatabase({ connectionString: postgresUrl!, schema, maxConnections: 1, ...(preparedStatements === undefined ? {} : { preparedStatements }) });
    opened.push({ db, schema });
    await db.exec('CREATE TABLE t (n int)');
    return db;
  }
  const kept = async (db: Database) => (await db.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name')).map((r) => r.name);
  const insert = 'INSERT INTO t (n) VALUES ($1) RETURNING n * 2 AS twice';

  it('keeps a named statement on the connection and runs it again with other values, alone and in a transaction', async () => {
    const db = await open();
    expect(await db.query(insert, [1], 'cf_insert')).toEqual([{ twice: 2 }]);
    expect(await db.query(insert, [2], 'cf_insert')).toEqual([{ twice: 4 }]);
    expect(await db.transaction((tx) => tx.query(insert, [3], 'cf_insert'))).toEqual([{ twice: 6 }]);
    // A statement without a name is parsed each time, as before.
    expect(await db.query('SELECT count(*)::int AS n FROM t WHERE n > $1', [0])).toEqual([{ n: 3 }]);
    expect(await kept(db)).toEqual(['cf_insert']);
  });

  it('keeps none when told not to (a PgBouncer that keeps no prepared statements)', async () => {
    const db = await open(false);
    expect(await db.query(insert, [1], 'cf_insert')).toEqual([{ twice: 2 }]);
    expect(await db.query(insert, [2], 'cf_insert')).toEqual([{ twice: 4 }]);
    expect(await kept(db)).toEqual([]);
  });
});
