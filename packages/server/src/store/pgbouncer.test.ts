// The PostgreSQL store behind a real PgBouncer in transaction mode (Debian's, 1.18: it keeps no prepared statements).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import type { LogEntry } from '../logger.js';
import { createPostgresDatabase } from './postgres-database.js';
import { dropSchema, freshSchema, postgresUrl, warnIfNoPostgres } from '../test-support/stores.js';

warnIfNoPostgres();

const PGBOUNCER = '/usr/sbin/pgbouncer';
const reason = !postgresUrl ? 'no PostgreSQL for tests' : !existsSync(PGBOUNCER) ? `no PgBouncer at ${PGBOUNCER}` : undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function listening(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`PgBouncer ended with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection(port, '127.0.0.1');
      socket.once('connect', () => (socket.end(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('PgBouncer did not start listening');
}

/** A PgBouncer in transaction mode with one server connection, in front of the tests' PostgreSQL; `connectQuery` as its database entry's. */
async function startBouncer(connectQuery?: string): Promise<{ url: string; stop: () => void }> {
  const target = new URL(postgresUrl!);
  const dir = mkdtempSync(path.join(tmpdir(), 'cf-pgbouncer-'));
  const port = await freePort();
  const user = decodeURIComponent(target.username);
  // One server connection for all clients, so that a statement one client prepared is met by the next. PgBouncer
  // 1.18 refuses start-up options (the store's `search_path`): ignored here, the schema is set by the connection's
  // first query instead, as docs/operating.md tells operators.
  writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `cf = host=${target.hostname} port=${target.port || 5432} dbname=${target.pathname.slice(1)}${connectQuery ? ` connect_query='${connectQuery}'` : ''}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      'default_pool_size = 1',
      'max_client_conn = 50',
      'ignore_startup_parameters = options,extra_float_digits',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'users.txt'), `"${user}" "${decodeURIComponent(target.password)}"\n`);
  // PgBouncer does not run as root: it then takes the given user's rights, who must read its files.
  const root = process.getuid?.() === 0;
  if (root) for (const f of [dir, path.join(dir, 'pgbouncer.ini'), path.join(dir, 'users.txt')]) chmodSync(f, f === dir ? 0o755 : 0o644);
  const bouncer = spawn(PGBOUNCER, [...(root ? ['-u', 'nobody'] : []), path.join(dir, 'pgbouncer.ini')], { stdio: 'ignore' });
  try {
    await listening(port, bouncer);
  } catch (err) {
    bouncer.kill();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/cf`,
    stop: () => {
      bouncer.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.skipIf(reason !== undefined)(`PostgreSQL behind PgBouncer in transaction mode${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const schema = freshSchema();
  let bouncer: { url: string; stop: () => void } | undefined;
  let url: string;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    bouncer = await startBouncer(`SET search_path = ${schema}`);
    url = bouncer.url;
  });

  afterAll(async () => {
    bouncer?.stop();
    await dropSchema(schema);
  });

  async function open(logs: LogEntry[], preparedStatements?: boolean): Promise<Database> {
    return createPostgresDatabase({ connectionString: url, schema, maxConnections: 4, logger: { log: (e) => logs.push(e) }, ...(preparedStatements === undefined ? {} : { preparedStatements }) });
  }
  const insert = (table: string) => `INSERT INTO ${table} (n) VALUES ($1) RETURNING n * 2 AS twice`;
  const count = async (db: Database, table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  it('runs a statement the pooler lost once more, unprepared, and prepares none from then on: every row stored once', async () => {
    const logs: LogEntry[] = [];
    const db = await open(logs);
    try {
      await db.exec('CREATE TABLE alone (n int)');
      // Two clients at once: the second meets the statement the first prepared on the one server connection.
      const first = await Promise.all([1, 2, 3, 4].map((n) => db.query(insert('alone'), [n], 'cf_insert')));
      expect(first).toEqual([1, 2, 3, 4].map((n) => [{ twice: 2 * n }]));
      const later = await Promise.all([5, 6, 7, 8].map((n) => db.query(insert('alone'), [n], 'cf_insert')));
      expect(later).toEqual([5, 6, 7, 8].map((n) => [{ twice: 2 * n }]));
      expect(await count(db, 'alone')).toBe(8);
      expect(logs.map((e) => e.level)).toEqual(['warn']);
      expect(String(logs[0]!['msg'])).toMatch(/--no-prepared-statements/);
    } finally {
      await db.close();
    }
  });

  it('runs a transaction whose statement the pooler lost once more as a whole', async () => {
    const logs: LogEntry[] = [];
    const db = await open(logs);
    try {
      await db.exec('CREATE TABLE together (n int)');
      const results = await Promise.all(
        [1, 2, 3, 4].map((n) =>
          db.transaction(async (tx) => {
            await tx.query('INSERT INTO together (n) VALUES ($1)', [100 + n]);
            return tx.query(insert('together'), [n], 'cf_insert');
          }),
        ),
      );
      expect(results).toEqual([1, 2, 3, 4].map((n) => [{ twice: 2 * n }]));
      // Nothing of a transaction that failed was kept: each inserted its two rows exactly once.
      expect(await count(db, 'together')).toBe(8);
      expect(logs).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it('with prepared statements off from the start, names none and says nothing', async () => {
    const logs: LogEntry[] = [];
    const db = await open(logs, false);
    try {
      await db.exec('CREATE TABLE plain (n int)');
      expect(await Promise.all([1, 2, 3].map((n) => db.query(insert('plain'), [n], 'cf_insert')))).toEqual([1, 2, 3].map((n) => [{ twice: 2 * n }]));
      expect(await count(db, 'plain')).toBe(3);
      expect(logs).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('refuses to start when the pooler drops the search path, before it makes or reads any table', async () => {
    const bare = await startBouncer();
    try {
      const opened = createPostgresDatabase({ connectionString: bare.url, schema, maxConnections: 2 });
      await expect(opened).rejects.toMatchObject({ code: 'OPTION_INVALID', params: { option: 'schema' } });
      await expect(opened).rejects.toThrow(new RegExp(`use the schema public, not ${schema}\\..*ALTER ROLE … SET search_path = ${schema}`));
    } finally {
      bare.stop();
    }
  });
});
