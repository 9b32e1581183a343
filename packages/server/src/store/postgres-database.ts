import pg from 'pg';
import type { Database, SqlExecutor } from './database.js';
import { ServerError } from '../errors.js';
import { MIGRATION_LOCK } from './migrations.js';

export interface PostgresDatabaseOptions {
  /** A `postgres://user:password@host:port/database` URL. */
  connectionString: string;
  /**
   * The schema that holds civicflow's tables (created if missing). Default `public`. Several servers sharing
   * one database must use the same schema; tests use a fresh one each.
   */
  schema?: string;
  /** Most connections this process opens. Default 10. */
  maxConnections?: number;
  /**
   * Whether statements the stores name (the submission's) are kept prepared on each connection, so PostgreSQL parses
   * and plans them once per connection instead of for every request. Default true. False for a PgBouncer in
   * transaction mode that does not keep prepared statements (before 1.21, or without `max_prepared_statements`).
   */
  preparedStatements?: boolean;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Connects to a PostgreSQL server through a `pg` pool. Several processes may share one database. */
export async function createPostgresDatabase(options: PostgresDatabaseOptions): Promise<Database> {
  const schema = options.schema ?? 'public';
  if (!IDENTIFIER.test(schema)) throw new ServerError('OPTION_INVALID', `Not a plain schema name: ${schema}`, 500, { option: 'schema' });
  const max = options.maxConnections ?? 10;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max,
    options: `-c search_path=${schema}`,
  });
  // An idle client that loses its connection emits 'error' on the pool; without a listener Node would exit.
  pool.on('error', () => {});
  const prepared = options.preparedStatements ?? true;
  const toRows = async (client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[], name?: string) =>
    (name !== undefined && prepared ? await client.query({ name, text: sql, values: params ? [...params] : [] }) : await client.query(sql, params ? [...params] : undefined)).rows;
  try {
    // Under the migrations' lock: two processes creating the same schema at once would otherwise collide
    // (CREATE SCHEMA IF NOT EXISTS is not safe against a concurrent one). The lock is the transaction's.
    if (schema !== 'public') {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    }
  } catch (err) {
    await pool.end();
    throw err;
  }
  return {
    engine: 'postgres',
    query: (sql, params, name) => toRows(pool, sql, params, name) as never,
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const tx: SqlExecutor = {
          query: (sql, params, name) => toRows(client, sql, params, name) as never,
          async exec(sql) {
            await client.query(sql);
          },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
    close: () => pool.end(),
  };
}
