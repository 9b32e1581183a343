import { PGlite } from '@electric-sql/pglite';
import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import type { Database, SqlExecutor } from './database.js';
import { ServerError } from '../errors.js';

export interface PgliteDatabaseOptions {
  /**
   * The folder that holds the database (created if missing). The PostgreSQL files go to `<dir>/pgdata`, and
   * `<dir>/server.lock` keeps a second process from opening the same files. Omit it for a database in memory.
   */
  dir?: string;
  /**
   * Start from a copy of a database made with PGlite's `dumpDataDir()` instead of an empty one (skips initdb,
   * which takes seconds; tests start many databases from one template). Only with a new folder or in memory.
   */
  loadDataDir?: Blob;
}

/**
 * Opens PGlite, PostgreSQL compiled to WebAssembly and run inside this process. Only one process may use a
 * folder at a time: PGlite has no shared-memory coordination between processes, so a second one would corrupt
 * the files. Throws `ServerError` `DATA_DIR_LOCKED` when another live process holds the folder.
 */
export async function createPgliteDatabase(options: PgliteDatabaseOptions = {}): Promise<Database> {
  const release = options.dir ? lockFolder(options.dir) : () => {};
  let db: PGlite;
  try {
    const from = options.loadDataDir ? { loadDataDir: options.loadDataDir } : {};
    db = options.dir ? new PGlite(path.join(options.dir, 'pgdata'), from) : new PGlite(from);
    await db.waitReady;
  } catch (err) {
    release();
    throw err;
  }
  const run: SqlExecutor['query'] = async (sql, params) => (await db.query(sql, params ? [...params] : undefined)).rows as never;
  return {
    engine: 'pglite',
    query: run,
    async exec(sql) {
      await db.exec(sql);
    },
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: async (sql, params) => (await tx.query(sql, params ? [...params] : undefined)).rows as never,
          async exec(sql) {
            await tx.exec(sql);
          },
        }),
      ),
    async close() {
      try {
        if (!db.closed) await db.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * Takes `<dir>/server.lock` for this process. The lock names its holder by process id *and* start time: a process
 * id alone comes back after a crash (a container's server is process 1 every time) or goes to an unrelated
 * process, and a lock left by a process that died (kill -9) must be taken over, not honoured.
 */
function lockFolder(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'server.lock');
  const self: LockHolder = { pid: process.pid, started: startedAt(process.pid) ?? ownStart };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(self));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(file);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder && holds(holder, self)) {
        throw new ServerError('DATA_DIR_LOCKED', `The database folder ${dir} is in use by process ${holder.pid}`, 503, { dir, pid: holder.pid });
      }
      unlinkSync(file);
    }
  }
  throw new ServerError('DATA_DIR_LOCKED', `Could not lock the database folder ${dir}`, 503, { dir });
}

/** Who holds a lock: the process id, and when that process started (milliseconds since 1970). */
interface LockHolder {
  readonly pid: number;
  readonly started: number;
}

/** When this process started, where the system does not say (see `startedAt`). */
const ownStart = Math.round(Date.now() - process.uptime() * 1000);

function readHolder(file: string): LockHolder | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const { pid, started } = (value ?? {}) as Partial<LockHolder>;
    return Number.isInteger(pid) && pid! > 0 && typeof started === 'number' ? { pid: pid!, started } : undefined;
  } catch {
    return undefined; // half written, or not ours: nobody holds it
  }
}

/** Whether the process the lock names is still the one that took it. */
function holds(holder: LockHolder, self: LockHolder): boolean {
  if (holder.pid === self.pid) return holder.started === self.started; // this very process, opening the folder twice
  if (!isAlive(holder.pid)) return false;
  const started = startedAt(holder.pid);
  // Where the system cannot say when a process started, a live process with that id is taken to be the holder.
  return started === undefined || started === holder.started;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let bootTime: number | null | undefined;

/**
 * When a process started, from Linux's /proc (its start in clock ticks after boot, and the boot time); undefined
 * elsewhere. Both this process and a later reader compute it the same way, so equal means the same process.
 */
function startedAt(pid: number): number | undefined {
  try {
    if (bootTime === undefined) {
      const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
      bootTime = btime ? Number(btime[1]) * 1000 : null;
    }
    if (bootTime === null) return undefined;
    // The command name (field 2) may hold spaces and parentheses: the fields after it start past the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isFinite(ticks) ? bootTime + ticks * 10 : undefined; // 100 ticks a second on Linux
  } catch {
    return undefined;
  }
}
