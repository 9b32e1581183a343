// Loads program.json and checks every file in cases/ against its `expect`.
// Run from the repository root: node examples/zweite-chance/check-cases.mjs
// Exits with 1 when the program does not load or a case behaves differently than it says.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { loadProgram, validate } from '@civicflow/core';

const here = dirname(fileURLToPath(import.meta.url));
const program = loadProgram(readFileSync(join(here, 'program.json'), 'utf8'));

/** A copy of `data` without the values at the given JSON pointers. */
function without(data, pointers) {
  const copy = structuredClone(data);
  for (const pointer of pointers) {
    const tokens = pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = tokens.pop();
    let node = copy;
    for (const t of tokens) node = node?.[t];
    if (node === undefined || !Object.prototype.hasOwnProperty.call(node, last)) return { missing: pointer };
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  }
  return { data: copy };
}

const key = (e) => `${e.pointer} ${e.code}`;
let failures = 0;
for (const file of readdirSync(join(here, 'cases')).filter((f) => f.endsWith('.json')).sort()) {
  const c = JSON.parse(readFileSync(join(here, 'cases', file), 'utf8'));
  if (typeof c.form !== 'string') continue; // workflow walks (workflow-*.json) are run by @civicflow/workflow's tests
  const r = validate(program, c.form, c.data, { locale: c.locale });
  const problems = [];
  if (r.valid !== c.expect.valid) problems.push(`valid is ${r.valid}, expected ${c.expect.valid}`);
  const want = (c.expect.errors ?? []).map(key).sort();
  const got = r.errors.map(key).sort();
  if (!isDeepStrictEqual(want, got)) problems.push(`errors ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  const stripped = without(c.data, c.expect.dropped ?? []);
  if (stripped.missing) problems.push(`dropped pointer ${stripped.missing} is not in the case's data`);
  else if (!isDeepStrictEqual(r.data, stripped.data)) problems.push(`data after validation is ${JSON.stringify(r.data)}`);
  for (const e of r.errors) if (!e.message) problems.push(`no message for ${key(e)}`);
  if (problems.length > 0) failures++;
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${file}${problems.map((p) => `\n     ${p}`).join('')}`);
  for (const e of r.errors) console.log(`       ${e.pointer} ${e.code}: ${e.message}`);
}
console.log(failures ? `${failures} case(s) failed` : 'all cases behave as stated');
process.exit(failures ? 1 : 0);
