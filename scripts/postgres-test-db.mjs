#!/usr/bin/env node
// Prepares the PostgreSQL database the server tests use and prints its URL on stdout (messages go to stderr):
// starts Debian's cluster if it is down, then creates the role `civicflow` and the database `civicflow_test`
// unless they exist. Safe to run again. Needs root (or the postgres user) on a machine with Debian's `postgresql`.
//
//   export CIVICFLOW_TEST_PG_URL=$(node scripts/postgres-test-db.mjs)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROLE = 'civicflow';
const PASSWORD = 'civicflow-test-only';
const DATABASE = 'civicflow_test';

function sh(command, args, input) {
  const r = spawnSync(command, args, { encoding: 'utf8', input });
  return { ok: r.status === 0, out: (r.stdout ?? '').trim(), err: (r.stderr ?? '').trim() || r.error?.message || '' };
}

/** Runs SQL as the postgres superuser (through su when this is root). */
function psql(sql, db = 'postgres') {
  const args = ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', sql];
  const asRoot = process.getuid?.() === 0;
  return asRoot ? sh('su', ['postgres', '-s', '/bin/sh', '-c', ['psql', ...args.map(quote)].join(' ')]) : sh('psql', args);
}

function quote(s) {
  return `'${String(s).replace(/'/g, `'\\''`)}'`;
}

/** The first cluster Debian lists, started if it is down. Returns its port. */
function ensureCluster() {
  const list = sh('pg_lsclusters', ['--no-header']);
  if (!list.ok) throw new Error(`pg_lsclusters failed (is Debian's postgresql installed?): ${list.err}`);
  const [version, cluster, port, status] = list.out.split('\n')[0]?.trim().split(/\s+/) ?? [];
  if (!version) throw new Error('No PostgreSQL cluster found (pg_lsclusters lists none)');
  if (status !== 'online') {
    console.error(`Starting PostgreSQL ${version}/${cluster} on port ${port}`);
    const started = sh('pg_ctlcluster', [version, cluster, 'start']);
    if (!started.ok) throw new Error(`pg_ctlcluster ${version} ${cluster} start failed: ${started.err}`);
  }
  return Number(port);
}

/** Starts PostgreSQL if needed, creates the test role and database if missing, and returns the URL. */
export function ensureTestDatabase() {
  const port = ensureCluster();
  const role = psql(`SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}'`);
  if (!role.ok) throw new Error(`psql failed: ${role.err}`);
  if (role.out !== '1') {
    const made = psql(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}'`);
    if (!made.ok) throw new Error(`Could not create role ${ROLE}: ${made.err}`);
  }
  const db = psql(`SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`);
  if (db.out !== '1') {
    const made = psql(`CREATE DATABASE ${DATABASE} OWNER ${ROLE}`);
    if (!made.ok) throw new Error(`Could not create database ${DATABASE}: ${made.err}`);
  }
  return `postgres://${ROLE}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(ensureTestDatabase());
  } catch (err) {
    console.error(`postgres-test-db: ${err.message}`);
    process.exit(1);
  }
}
