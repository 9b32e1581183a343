// `npm test`: installs what a fresh machine lacks, then builds, typechecks, lints, and runs the Node and the
// browser tests. It ends with one line of totals over all test runners, `N passed, M failed`, followed by
// `, K skipped` when tests were skipped; just before that line it names the skipped tests and why.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureSystemPackages } from './system-deps.mjs';
import { ensureTestDatabase } from './postgres-test-db.mjs';

const steps = [];
let passed = 0;
let failed = 0;
let skippedCount = 0;
/** Names of the skipped tests, `file: suite › test`. */
const skipped = [];
/** Names of the failed tests with the first line of their message, printed near the end where a short log tail shows them. */
const failures = [];

// Suites that need something from outside the repository say so in their titles; that is how a skipped
// test's reason is known.
const skipReasons = [
  [/\.\.\/shared\/fim/, '../shared/fim is not beside the repository'],
  [/\(PostgreSQL\)|on PostgreSQL/, 'no PostgreSQL server for tests (CIVICFLOW_TEST_PG_URL is not set)'],
];
const reasonOf = (name) => skipReasons.find(([pattern]) => pattern.test(name))?.[1] ?? 'skipped in the test file';

function run(name, command, args, options = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' }, ...options });
  const ok = r.status === 0;
  steps.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

const firstLine = (text) => {
  const line = String(text ?? '').split('\n').find((l) => l.trim() !== '')?.trim().slice(0, 300);
  // Vitest reports a test that ran out of time with a placeholder error; its real message is in the log above.
  if (line === 'Error: STACK_TRACE_ERROR') return 'timed out (see the log above)';
  return line ?? 'failed outside its tests: in a hook, or while loading (see the log above)';
};

function readCounts(file) {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8'));
}

rmSync('.cache/vitest-results.json', { force: true });
rmSync('.cache/wtr-results.json', { force: true });
mkdirSync('.cache', { recursive: true });

const systemOk = ensureSystemPackages({ chromium: true, postgresql: true });
// Without PgBouncer only its own tests are skipped (and named).
ensureSystemPackages({ pgbouncer: true });

// The server tests run against PGlite and against a real PostgreSQL server; this starts Debian's cluster
// and creates the test database, unless the caller points at one with CIVICFLOW_TEST_PG_URL.
if (!process.env.CIVICFLOW_TEST_PG_URL) {
  try {
    process.env.CIVICFLOW_TEST_PG_URL = ensureTestDatabase();
    console.log(`PostgreSQL for tests: ${process.env.CIVICFLOW_TEST_PG_URL.replace(/:[^:@/]+@/, ':***@')}`);
  } catch (e) {
    console.error(`PostgreSQL is not available, so its tests cannot run: ${e.message}`);
    steps.push({ name: 'PostgreSQL for tests', ok: false, seconds: 0 });
  }
}
const built = run('build and typecheck', 'npm', ['run', 'build', '--silent']) && run('typecheck tests', 'npx', ['tsc', '-p', 'tsconfig.tests.json']);
run('lint', 'npx', ['eslint', '.']);

run('node tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.cache/vitest-results.json']);
const vitest = readCounts('.cache/vitest-results.json');
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skippedCount += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  for (const file of vitest.testResults ?? []) {
    // A file that failed without a failed test (it did not load, or a hook threw) counts once.
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) failed += 1;
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) {
      failures.push(`${path.relative(process.cwd(), file.name)}: ${firstLine(file.message)}`);
    }
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed') {
        failures.push(`${path.relative(process.cwd(), file.name)}: ${[...t.ancestorTitles, t.title].join(' › ')} — ${firstLine(t.failureMessages?.[0])}`);
      }
      if (['skipped', 'pending', 'todo'].includes(t.status)) skipped.push(`${path.relative(process.cwd(), file.name)}: ${[...t.ancestorTitles, t.title].join(' › ')}`);
    }
  }
} else failed += 1;

if (systemOk && built && run('browser fixtures', 'node', ['scripts/browser-fixtures.mjs'])) {
  run('browser tests', 'npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs']);
  const wtr = readCounts('.cache/wtr-results.json');
  if (wtr) {
    passed += wtr.passed;
    failed += wtr.failed;
    skippedCount += wtr.skipped ?? 0;
    skipped.push(...(wtr.skippedTests ?? []));
    failures.push(...(wtr.failedTests ?? []));
  } else failed += 1;
} else {
  console.log('Browser tests not run: see the messages above.');
  failed += 1;
}

console.log('\nSteps:');
for (const s of steps) console.log(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds}s)`);
const stepFailures = steps.filter((s) => !s.ok && !['node tests', 'browser tests'].includes(s.name)).length;
failed += stepFailures;
if (skipped.length > 0) {
  console.log(`\nSkipped tests (${skipped.length}):`);
  const byReason = new Map();
  for (const name of skipped) byReason.set(reasonOf(name), [...(byReason.get(reasonOf(name)) ?? []), name]);
  for (const [reason, names] of byReason) {
    console.log(`  ${reason}:`);
    for (const name of names) console.log(`    ${name}`);
  }
}
if (failures.length > 0) {
  console.log(`\nFailed tests (${failures.length}):`);
  for (const name of failures) console.log(`  ${name}`);
}
console.log(`${passed} passed, ${failed} failed${skippedCount > 0 ? `, ${skippedCount} skipped` : ''}`);
process.exit(failed === 0 && steps.every((s) => s.ok) ? 0 : 1);
