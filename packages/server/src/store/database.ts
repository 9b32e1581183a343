import type { PoolUse } from './store-health.js';

/** One connection's view of a SQL database: run a statement with `$1`-style parameters, get rows as objects. */
export interface SqlExecutor {
  /**
   * With `name`, a PostgreSQL connection keeps the statement parsed and planned under that name and runs it again
   * from there (one name, one text; for a statement a process runs very often). PGlite, and a PostgreSQL store told
   * to keep no statements, parse it each time as without.
   */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[], name?: string): Promise<T[]>;
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * A PostgreSQL-compatible database (PGlite in-process, or a PostgreSQL server through `pg`). The stores hold
 * all their SQL in one place and run it through this, so both engines execute the same statements.
 */
export interface Database extends SqlExecutor {
  /** `pglite` or `postgres`: for messages and benchmarks, never for choosing SQL. */
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** The connection pool's use now, where there is a pool (PostgreSQL). */
  pool?(): PoolUse;
  close(): Promise<void>;
}
