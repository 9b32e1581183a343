import pg from 'pg';
import type { Database, SqlExecutor } from './database.js';
import { ServerError } from '../errors.js';
import { MIGRATION_LOCK } from './migrations.js';
import type { Logger } from '../logger.js';

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
   * Should such a pooler be in between all the same, a statement it loses is run again unprepared and the process
   * prepares none from then on, saying so once through `logger`.
   */
  preparedStatements?: boolean;
  /** Where the switch to unprepared statements is told. */
  logger?: Logger;
}

/**
 * Whether an error says that a named statement was not where the driver left it: "does not exist" (26000) once a
 * pooler gave the next transaction another server connection, "already exists" (42P05) on a server connection where
 * another client had prepared it. Neither happens on connections of this process's own.
 */
function lostPreparedStatement(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '26000' || code === '42P05';
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
  let prepared = options.preparedStatements ?? true;
  const stopPreparing = () => {
    if (!prepared) return;
    prepared = false;
    options.logger?.log({
      level: 'warn',
      msg: 'a connection pooler between this server and PostgreSQL keeps no prepared statements: none are prepared from now on (start with --no-prepared-statements)',
    });
  };
  // A statement the pooler lost ran nowhere: alone it runs again unprepared; in a transaction, which the error ended,
  // the whole transaction does (see `transaction`).
  const toRows = async (client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[], name?: string) => {
    const values = params ? [...params] : [];
    if (name === undefined || !prepared) return (await client.query(sql, values)).rows;
    try {
      return (await client.query({ name, text: sql, values })).rows;
    } catch (err) {
      if (!lostPreparedStatement(err)) throw err;
      stopPreparing();
      if (client !== pool) throw err;
      return (await client.query(sql, values)).rows;
    }
  };
  const inTransaction = async <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
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
  };
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
    // A pooler that drops the start-up options (PgBouncer with `ignore_startup_parameters = options`) leaves the
    // search path at the role's, and the tables would be made and read in another schema: refused at start.
    const [row] = (await pool.query<{ current: string | null }>('SELECT current_schema() AS current')).rows;
    if (row?.current !== schema) {
      throw new ServerError(
        'OPTION_INVALID',
        `Connections to PostgreSQL use the schema ${row?.current ?? '(none)'}, not ${schema}. A connection pooler that drops start-up options (PgBouncer's ignore_startup_parameters) needs the search path set for the role (ALTER ROLE … SET search_path = ${schema}) or in its connect_query; see docs/operating.md.`,
        500,
        { option: 'schema' },
      );
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
      try {
        return await inTransaction(fn);
      } catch (err) {
        // Rolled back, so nothing of it was kept: once more, without prepared statements.
        if (!lostPreparedStatement(err) || prepared) throw err;
        return inTransaction(fn);
      }
    },
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
    close: () => pool.end(),
  };
}
