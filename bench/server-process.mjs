// What the server benches share: `civicflow-server serve` from dist/ in its own process (as an office runs it),
// and the PostgreSQL database they measure on.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * The database for PostgreSQL rows: CIVICFLOW_BENCH_PG_URL or CIVICFLOW_TEST_PG_URL, else Debian's cluster
 * started by scripts/postgres-test-db.mjs; undefined (with `leftOut` on stderr) when there is none.
 */
export async function postgresUrl(leftOut) {
  const given = process.env.CIVICFLOW_BENCH_PG_URL || process.env.CIVICFLOW_TEST_PG_URL;
  if (given) return given;
  try {
    const { ensureTestDatabase } = await import('../scripts/postgres-test-db.mjs');
    return ensureTestDatabase();
  } catch (err) {
    process.stderr.write(`bench: ${leftOut} (${err.message})\n`);
    return undefined;
  }
}

/**
 * Starts the server with the Zweite Chance example, the given tokens file and further arguments, and resolves once
 * it listens: `url`, `pid`, and `stop()` (SIGTERM, resolved on exit).
 */
export async function startServer(tokens, args) {
  // BENCH_SERVER_NODE_ARGS, such as `--cpu-prof --cpu-prof-dir=/tmp/prof`, profiles the server processes.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'packages/server/bin/civicflow-server.js'), 'serve', '--port', '0', '--quiet', '--no-rate-limit', '--no-scheduler', '--tokens', tokens, '--programs', path.join(root, 'examples/zweite-chance'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`civicflow-server exited with ${code}: ${err}`)));
  });
  return {
    url,
    pid: child.pid,
    stop: () => new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}
