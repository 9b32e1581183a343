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
  // BENCH_SERVER_PROBE, a folder, profiles only the measured window (see server-probe.mjs and `window` below).
  if (process.env.BENCH_SERVER_PROBE) nodeArgs.push('--import', path.join(root, 'bench/server-probe.mjs'));
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'packages/server/bin/civicflow-server.js'), 'serve', '--port', '0', '--quiet', '--no-rate-limit', '--no-scheduler', '--tokens', tokens, '--programs', path.join(root, 'examples/zweite-chance'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  child.stderr.on('data', (d) => (err += d));
  child.stdout.on('data', (d) => (out += d));
  /** Resolves with what `found` finds in the server's output so far, once it finds something. */
  const printed = (found) =>
    new Promise((resolve, reject) => {
      const look = () => {
        const m = found(out);
        if (!m) return;
        child.stdout.off('data', look);
        child.off('exit', exited);
        resolve(m);
      };
      const exited = (code) => reject(new Error(`civicflow-server exited with ${code}: ${err}`));
      child.stdout.on('data', look);
      child.once('exit', exited);
      look();
    });
  const [, url] = await printed((text) => /listening on (http:\/\/\S+)/.exec(text));
  let windows = 0;
  return {
    url,
    pid: child.pid,
    /**
     * Resolves once the modules the server builds in the background at start are built (validators.js, then each
     * submission form's page module, in that order): terser on the event loop must not fall into a measured run.
     */
    async built(programId = 'zweite-chance') {
      const base = `${url}/v1/programs/${programId}`;
      await (await fetch(`${base}/validators.js`)).text();
      const { submissionForms } = await (await fetch(base)).json();
      for (const form of submissionForms) await (await fetch(`${base}/browser/validators.js?forms=${encodeURIComponent(form)}`)).text();
    },
    /** With BENCH_SERVER_PROBE: opens the profiled window, or closes it and waits until its files are written. */
    async window() {
      if (!process.env.BENCH_SERVER_PROBE) return;
      const n = ++windows;
      child.kill('SIGUSR2');
      const line = `probe: window ${n % 2 === 1 ? 'open' : 'written'}\n`;
      await printed((text) => text.split(line).length - 1 >= Math.ceil(n / 2));
    },
    stop: () => new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}
