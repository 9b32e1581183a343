// What the tests need from the operating system, and how a fresh Debian machine gets it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasAptGet = existsSync('/usr/bin/apt-get');
let updated = false;

function aptInstall(packages) {
  if (!isRoot || !hasAptGet) return false;
  if (!updated) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    updated = true;
  }
  console.log(`Installing ${packages.join(' ')} with apt-get ...`);
  return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

/** Where Debian puts PgBouncer. */
const pgbouncerPath = '/usr/sbin/pgbouncer';

/**
 * Makes sure Chromium (for browser tests), PostgreSQL and PgBouncer (for server tests) and wrk (the load generator of
 * the servers bench) are there, installing them with apt-get when running as root on Debian; otherwise says exactly
 * what is missing. Returns whether all is there.
 */
export function ensureSystemPackages({ chromium = false, postgresql = false, pgbouncer = false, wrk = false } = {}) {
  let ok = true;
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (chromium && !existsSync(chromiumPath) && !aptInstall(['chromium'])) {
    console.error(`Missing: Chromium at ${chromiumPath}. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`);
    ok = false;
  }
  if (postgresql && !existsSync('/usr/lib/postgresql') && !aptInstall(['postgresql'])) {
    console.error('Missing: PostgreSQL server. Install it (Debian: sudo apt-get install -y postgresql) or set CIVICFLOW_TEST_PG_URL.');
    ok = false;
  }
  if (pgbouncer && !existsSync(pgbouncerPath) && !aptInstall(['pgbouncer'])) {
    console.error('Missing: PgBouncer (its tests are skipped). Install it (Debian: sudo apt-get install -y pgbouncer).');
    ok = false;
  }
  if (wrk && !existsSync('/usr/bin/wrk') && !aptInstall(['wrk'])) {
    console.error('Missing: wrk, the HTTP load generator. Install it (Debian: sudo apt-get install -y wrk).');
    ok = false;
  }
  return ok;
}
