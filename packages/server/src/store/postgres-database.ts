import pg from 'pg';
import type { Database, SqlExecutor } from './database.js';
import { ServerError } from '../errors.js';

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
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Connects to a PostgreSQL server through a `pg` pool. Several processes may share one database. */
export async function createPostgresDatabase(options: PostgresDatabaseOptions): Promise<Database> {
  const schema = options.schema ?? 'public';
  if (!IDENTIFIER.test(schema)) throw new ServerError('OPTION_INVALID', `Not a plain schema name: ${schema}`, 500, { option: 'schema' });
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: `-c search_path=${schema}`,
  });
  // An idle client that loses its connection emits 'error' on the pool; without a listener Node would exit.
  pool.on('error', () => {});
  const toRows = async (client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) =>
    (await client.query(sql, params ? [...params] : undefined)).rows;
  try {
    if (schema !== 'public') await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return {
    engine: 'postgres',
    query: (sql, params) => toRows(pool, sql, params) as never,
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const tx: SqlExecutor = {
          query: (sql, params) => toRows(client, sql, params) as never,
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
    close: () => pool.end(),
  };
}
