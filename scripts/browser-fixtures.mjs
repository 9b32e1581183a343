// Builds the precompiled validators that browser tests load: one module per example program, plus core's
// small test program, plus the programs imported from FIM files: the project's own fixtures always, and the
// real files of ../shared/fim (read there, never copied into the repository) when that folder is there.
// `fim-programs.json` names the FIM programs built and those skipped, with the reason, for the browser test.
// Runs on the built packages (npm run build first).
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProgram } from '@civicflow/core';
import { buildBrowserFiles, buildValidatorsModule } from '@civicflow/build';
import { importFim } from '@civicflow/fim';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, '.cache/browser');
mkdirSync(out, { recursive: true });

const sources = { mini: path.join(root, 'packages/test-support/src/mini-program.json') };
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

// Zweite Chance's intake as a page gets it: compact validators, and the definition per locale beside them.
const beside = path.join(out, 'beside');
mkdirSync(beside, { recursive: true });
const zweite = loadProgram(readFileSync(sources['zweite-chance'], 'utf8'));
for (const [name, text] of Object.entries(await buildBrowserFiles(zweite, { forms: ['intake'], name: 'zweite-chance-intake' }))) writeFileSync(path.join(beside, name), text);

// FIM schemas, imported as a program designer would (with the genericode lists that lie beside them, if any).
// Besides the validators, `<name>.fim.json` holds the import report's counts and every property of each form's
// schema (path, label, kind, and whether its widget is hidden), so that the browser test knows what it must
// find without trusting the widget's view.
const ownFim = path.join(root, 'packages/fim/src/test-support/fixtures');
const sharedFim = path.resolve(root, '../shared/fim');
const fimSources = {
  'fim-vereinszuschuss': path.join(ownFim, 'vereinszuschuss/vereinszuschuss.xml'),
  'fim-vereinsfest': path.join(ownFim, 'vereinsfest/vereinsfest.xml'),
  'fim-hundesteuer': path.join(ownFim, 'hundesteuer/hundesteuer.xml'),
  'fim-blaue-karte': path.join(sharedFim, 'BlaueKarte.xml'),
  'fim-simple': path.join(sharedFim, 'xdatenfelder-ts-v3/simple.xml'),
};
const fimBuilt = [];
const fimSkipped = [];
for (const [name, xmlPath] of Object.entries(fimSources)) {
  if (!existsSync(xmlPath)) {
    if (!xmlPath.startsWith(sharedFim + path.sep)) throw new Error(`the FIM fixture ${path.relative(root, xmlPath)} is missing`);
    fimSkipped.push({ name, reason: '../shared/fim is not beside the repository' });
    continue;
  }
  const dir = path.dirname(xmlPath);
  const codelists = readdirSync(dir)
    .filter((f) => f.endsWith('.xml') && path.join(dir, f) !== xmlPath)
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .filter((xml) => xml.includes('http://docs.oasis-open.org/codelist/ns/genericode/'));
  const { program: definition, report } = importFim(readFileSync(xmlPath), { codelists });
  const program = loadProgram(JSON.stringify(definition));
  writeFileSync(path.join(out, `${name}.validators.js`), await buildValidatorsModule(program));
  const forms = {};
  for (const [formId, form] of Object.entries(definition.forms)) {
    forms[formId] = schemaFields(form.schema, formId, definition.texts.de, hiddenPaths(form.ui?.pages ?? []));
  }
  const file = xmlPath.startsWith(sharedFim + path.sep) ? path.relative(sharedFim, xmlPath) : path.relative(root, xmlPath);
  writeFileSync(path.join(out, `${name}.fim.json`), JSON.stringify({ file, fields: report.fields, groups: report.groups, forms }));
  fimBuilt.push(name);
}
writeFileSync(path.join(out, 'fim-programs.json'), JSON.stringify({ built: fimBuilt, skipped: fimSkipped }));

/** The dotted paths of the layout's fields whose widget is `hidden`. */
function hiddenPaths(entries, prefix = '', out = new Set()) {
  for (const entry of entries) {
    if (entry.fields && !entry.field) {
      hiddenPaths(entry.fields, prefix, out);
      continue;
    }
    const p = prefix ? `${prefix}.${entry.field}` : entry.field;
    if (entry.widget === 'hidden') out.add(p);
    if (entry.fields) hiddenPaths(entry.fields, p, out);
  }
  return out;
}

/**
 * Every property of a form schema, depth first: its dotted path, German label, kind (field, group or list),
 * and `hidden` when the layout hides its widget.
 */
function schemaFields(schema, formId, texts, hidden, prefix = '') {
  const out = [];
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const p = prefix ? `${prefix}.${key}` : key;
    const inner = prop.type === 'array' && prop.items?.type === 'object' ? prop.items : prop;
    const kind = inner.type === 'object' ? (inner === prop ? 'group' : 'list') : 'field';
    out.push({ path: p, label: texts[`forms.${formId}.fields.${p}.label`] ?? key, kind, ...(hidden.has(p) ? { hidden: true } : {}) });
    if (inner.type === 'object') out.push(...schemaFields(inner, formId, texts, hidden, p));
  }
  return out;
}

console.log(`browser fixtures: ${[...Object.keys(sources), ...fimBuilt].join(', ')}`);
for (const { name, reason } of fimSkipped) console.log(`browser fixtures: ${name} skipped, ${reason}`);
