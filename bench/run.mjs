// `npm run bench`: runs every bench/*.bench.mjs, prints one table and checks the targets.
//
// A bench module exports `async function run()` returning rows:
//   { name, opsPerSec, rme?, baseline?: '<name of another row of the module>', target?: { minRatio?, minOpsPerSec? } }
// `ratio` is opsPerSec divided by the baseline row's. Arguments filter the modules by file name
// (`npm run bench -- core`). Exits 1 when a target is missed or a module fails, so CI can gate on it.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import { clockName } from './measure.mjs';

const dir = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = (await readdir(dir))
  .filter((f) => f.endsWith('.bench.mjs') && (filters.length === 0 || filters.some((x) => f.includes(x))))
  .sort();
if (files.length === 0) {
  console.error(`bench: no bench/*.bench.mjs matches ${filters.join(' ')}`);
  process.exit(2);
}

/** Problems with a module's rows, so a typo in a baseline name does not pass as a missing target. */
function rowProblems(rows) {
  if (!Array.isArray(rows)) return ['run() did not return an array of rows'];
  const names = new Set(rows.map((r) => r?.name));
  const problems = [];
  for (const r of rows) {
    if (typeof r?.name !== 'string') problems.push(`a row has no name: ${JSON.stringify(r)}`);
    else if (!(Number.isFinite(r.opsPerSec) && r.opsPerSec > 0)) problems.push(`"${r.name}": opsPerSec is ${r.opsPerSec}`);
    else if (r.baseline !== undefined && !names.has(r.baseline)) problems.push(`"${r.name}": no row is named "${r.baseline}"`);
    else if (r.target?.minRatio !== undefined && r.baseline === undefined) problems.push(`"${r.name}": minRatio needs a baseline`);
  }
  return problems;
}

const fmtOps = (n) => Math.round(n).toLocaleString('en-US');
const fmtRatio = (n) => `${n.toFixed(2)}x`;

console.log(`bench: node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown cpu'} x${os.cpus().length}, load ${os.loadavg()[0].toFixed(2)}, timed by ${clockName}`);
const results = [];
let failed = false;
for (const file of files) {
  process.stderr.write(`bench: running ${file} ...\n`);
  try {
    const mod = await import(pathToFileURL(path.join(dir, file)).href);
    if (typeof mod.run !== 'function') throw new Error('it does not export an async function run()');
    const rows = await mod.run();
    const problems = rowProblems(rows);
    if (problems.length > 0) throw new Error(problems.join('; '));
    const byName = new Map(rows.map((r) => [r.name, r]));
    results.push({ file, rows: rows.map((r) => ({ ...r, ratio: r.baseline ? r.opsPerSec / byName.get(r.baseline).opsPerSec : undefined })) });
  } catch (e) {
    failed = true;
    results.push({ file, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}

// Every figure is a rate: more is better, for ops/s and for the ratio to the baseline alike.
const header = ['name', 'ops/s (more is better)', '±%', 'ratio (more is better)', 'baseline'];
const table = [];
for (const r of results) {
  if (r.error) continue;
  for (const row of r.rows) {
    table.push([
      row.name,
      fmtOps(row.opsPerSec),
      row.rme === undefined ? '' : `±${row.rme.toFixed(2)}%`,
      row.ratio === undefined ? '' : fmtRatio(row.ratio),
      row.baseline ?? '',
    ]);
  }
}
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
console.log('');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const cells of table) console.log(line(cells));

console.log('');
for (const r of results) {
  if (r.error) {
    console.log(`FAIL ${r.file}: ${r.error}`);
    continue;
  }
  for (const row of r.rows) {
    const t = row.target;
    if (!t) continue;
    if (t.minRatio !== undefined) {
      const ok = row.ratio >= t.minRatio;
      failed ||= !ok;
      console.log(`${ok ? 'PASS' : 'FAIL'} ${row.name}: ${fmtRatio(row.ratio)} of ${row.baseline} (target >= ${fmtRatio(t.minRatio)})`);
    }
    if (t.minOpsPerSec !== undefined) {
      const ok = row.opsPerSec >= t.minOpsPerSec;
      failed ||= !ok;
      console.log(`${ok ? 'PASS' : 'FAIL'} ${row.name}: ${fmtOps(row.opsPerSec)} ops/s (target >= ${fmtOps(t.minOpsPerSec)} ops/s)`);
    }
  }
}
process.exitCode = failed ? 1 : 0;
