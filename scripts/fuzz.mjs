// `node scripts/fuzz.mjs [--calls 100000] [--seed N] [--only validate|http]`: the fuzz tests of `npm test`, run
// longer. It prints the seed first, runs packages/core/src/compile/validate.fuzz.test.ts (validate on every form of
// every example) and packages/server/src/http/api.fuzz.test.ts (the HTTP API on PGlite, and on PostgreSQL when
// there is one) with --calls calls each, then prints what they got. A failure prints fast-check's counterexample;
// the same seed and calls run the same data again.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureTestDatabase } from './postgres-test-db.mjs';

const files = {
  validate: 'packages/core/src/compile/validate.fuzz.test.ts',
  http: 'packages/server/src/http/api.fuzz.test.ts',
};

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '100000' },
    seed: { type: 'string' },
    only: { type: 'string' },
  },
});
const calls = Number(values.calls);
if (!Number.isInteger(calls) || calls < 1) throw new Error(`--calls must be a whole number above 0, not ${values.calls}`);
if (values.only !== undefined && !(values.only in files)) throw new Error(`--only takes ${Object.keys(files).join(' or ')}, not ${values.only}`);
// fast-check takes a 32-bit integer as its seed.
const seed = values.seed === undefined ? (Math.random() * 2 ** 32) | 0 : Number(values.seed);
if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, not ${values.seed}`);

console.log(`fuzz seed: ${seed}`);
console.log(`  again:   node scripts/fuzz.mjs --calls ${calls} --seed ${seed}${values.only ? ` --only ${values.only}` : ''}`);

const env = { ...process.env, FORCE_COLOR: '0' };
if (!env.CIVICFLOW_TEST_PG_URL && values.only !== 'validate') {
  try {
    env.CIVICFLOW_TEST_PG_URL = ensureTestDatabase();
  } catch (e) {
    console.log(`PostgreSQL is not available, so the HTTP API is fuzzed on PGlite only: ${e.message}`);
  }
}

mkdirSync('.cache', { recursive: true });
const report = path.resolve('.cache', `fuzz-${process.pid}.jsonl`);
rmSync(report, { force: true });
const chosen = values.only ? [files[values.only]] : Object.values(files);
const started = Date.now();
const run = spawnSync('npx', ['vitest', 'run', ...chosen], {
  stdio: 'inherit',
  env: { ...env, CIVICFLOW_FUZZ_CALLS: String(calls), CIVICFLOW_FUZZ_SEED: String(seed), CIVICFLOW_FUZZ_REPORT: report },
});

// Each test file appends one line of counts when it ends; files run in parallel, so lines of one target are added up.
const totals = new Map();
for (const line of existsSync(report) ? readFileSync(report, 'utf8').split('\n').filter(Boolean) : []) {
  const r = JSON.parse(line);
  const t = totals.get(r.target) ?? { calls: 0, answers: {}, slowestMs: 0 };
  t.calls += r.calls;
  t.slowestMs = Math.max(t.slowestMs, r.slowestMs);
  for (const [answer, n] of Object.entries(r.answers)) t.answers[answer] = (t.answers[answer] ?? 0) + n;
  totals.set(r.target, t);
}
rmSync(report, { force: true });

console.log(`\nfuzz seed ${seed}, ${Math.round((Date.now() - started) / 1000)} s`);
for (const [target, t] of totals) {
  console.log(`${target}: ${t.calls} calls, the slowest ${t.slowestMs} ms`);
  for (const [answer, n] of Object.entries(t.answers).sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(8)}  ${answer}`);
}
if (totals.size === 0) console.log('No counts: the test files did not finish (see above).');
process.exit(run.status ?? 1);
