// Builds the precompiled validators that browser tests load: one module per example program, plus core's
// small test program. Runs on the built packages (npm run build first).
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProgram } from '@civicflow/core';
import { buildValidatorsModule } from '@civicflow/core/build';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, '.cache/browser');
mkdirSync(out, { recursive: true });

const sources = { mini: path.join(root, 'packages/core/src/test-support/mini-program.json') };
// The elements' own fixtures: programs too small to be examples, with controls the examples lack.
const elementsFixtures = path.join(root, 'packages/elements/src/test-support');
if (existsSync(elementsFixtures)) {
  for (const f of readdirSync(elementsFixtures)) if (f.endsWith('.program.json')) sources[f.slice(0, -'.program.json'.length)] = path.join(elementsFixtures, f);
}
for (const name of readdirSync(path.join(root, 'examples'))) {
  const file = path.join(root, 'examples', name, 'program.json');
  if (existsSync(file)) sources[name] = file;
}
for (const [name, file] of Object.entries(sources)) {
  const program = loadProgram(readFileSync(file, 'utf8'));
  writeFileSync(path.join(out, `${name}.validators.js`), await buildValidatorsModule(program));
  const casesDir = path.join(path.dirname(file), 'cases');
  const cases = existsSync(casesDir)
    ? readdirSync(casesDir).filter((f) => f.endsWith('.json')).map((f) => ({ file: f, ...JSON.parse(readFileSync(path.join(casesDir, f), 'utf8')) }))
    : [];
  writeFileSync(path.join(out, `${name}.cases.json`), JSON.stringify(cases));
}
console.log(`browser fixtures: ${Object.keys(sources).join(', ')}`);
