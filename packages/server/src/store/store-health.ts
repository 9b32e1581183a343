import type { Database } from './database.js';
import { migrations } from './migrations.js';

/** The connections a process holds to its database. */
export interface PoolUse {
  /** Connections open now. */
  total: number;
  /** Open and free. */
  idle: number;
  /** Queries waiting for a free connection. */
  waiting: number;
  /** Most connections the pool opens. */
  max: number;
}

/** What waits in the store, as of one moment. */
export interface Backlog {
  outboxPending: number;
  outboxDead: number;
  /** Timers whose time has come and that no scheduler has fired yet. */
  timersDue: number;
}

/** What readiness checks and metrics read from the store. Each call is one short query. */
export interface StoreHealth {
  /** The newest schema version applied, and the one this code needs; the store is ready when they are equal. */
  schema(): Promise<{ applied: number; needed: number }>;
  backlog(now: Date): Promise<Backlog>;
  /** The pool's connections (PostgreSQL); undefined for the embedded store, which is one connection in the process. */
  pool(): PoolUse | undefined;
}

const NEEDED = Math.max(...migrations.map((m) => m.version));

const SQL = {
  schema: 'SELECT coalesce(max(version), 0)::int AS applied FROM cf_migrations',
  backlog: `SELECT
      (SELECT count(*) FROM cf_outbox WHERE state = 'pending')::int AS pending,
      (SELECT count(*) FROM cf_outbox WHERE state = 'dead')::int AS dead,
      (SELECT count(*) FROM cf_timers WHERE due_at <= $1)::int AS due`,
};

export function createStoreHealth(db: Database): StoreHealth {
  return {
    async schema() {
      const [row] = await db.query<{ applied: number }>(SQL.schema);
      return { applied: row?.applied ?? 0, needed: NEEDED };
    },
    async backlog(now) {
      const [row] = await db.query<{ pending: number; dead: number; due: number }>(SQL.backlog, [now]);
      return { outboxPending: row!.pending, outboxDead: row!.dead, timersDue: row!.due };
    },
    pool: () => db.pool?.(),
  };
}
