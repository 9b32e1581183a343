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

/** Takes `<dir>/server.lock` for this process; a lock left by a process that died (kill -9) is taken over. */
function lockFolder(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
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
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new ServerError('DATA_DIR_LOCKED', `The database folder ${dir} is in use by process ${owner}`, 503, { dir, pid: owner });
      }
      unlinkSync(file);
    }
  }
  throw new ServerError('DATA_DIR_LOCKED', `Could not lock the database folder ${dir}`, 503, { dir });
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
