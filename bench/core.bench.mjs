// Validations per second of the Zweite Chance intake through core's validate(), through the precompiled
// module (validateWith) and through raw Ajv on the same schema, measured in the same run; and of the worst
// bodies a server accepts, through validate and raw Ajv.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { checkInput, loadProgram, maxErrors, validate } from '@civicflow/core';
import { buildValidatorsModule } from '@civicflow/build';
import { formPlan } from '@civicflow/core/compile';
import { fromValidatorsModule, validateWith } from '@civicflow/core/runtime';
import { measure } from './measure.mjs';
import { worstBodies } from './worst-bodies.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const example = path.join(root, 'examples/zweite-chance');
// Ajv 8 as core resolves it, so raw Ajv is the same code core runs on.
const requireFromCore = createRequire(path.join(root, 'packages/core/package.json'));
const { Ajv2020 } = requireFromCore('ajv/dist/2020.js');
const addFormats = requireFromCore('ajv-formats');

// The richest valid case and an invalid one with errors in a list, a required field and an enum.
const VALID_CASE = 'valid-homeless-contact-point.json';
const INVALID_CASE = 'invalid-household-member.json';

async function readCase(name) {
  return JSON.parse(await readFile(path.join(example, 'cases', name), 'utf8'));
}

/** Imports the precompiled validators module the way `civicflow build` writes it. */
async function importBuiltModule(program) {
  const dir = await mkdtemp(path.join(tmpdir(), 'civicflow-bench-'));
  try {
    const file = path.join(dir, `${program.id}.validators.js`);
    await writeFile(file, await buildValidatorsModule(program));
    return await import(pathToFileURL(file).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Throws unless each way of validating gives the outcome the case states: a benchmark of wrong answers is worthless. */
function checkOutcome(label, result, expected) {
  const key = (e) => `${e.pointer} ${e.code}`;
  const got = { valid: result.valid, errors: result.errors.map(key).sort() };
  const want = { valid: expected.valid, errors: (expected.errors ?? []).map(key).sort() };
  if (!isDeepStrictEqual(got, want)) throw new Error(`${label} gives ${JSON.stringify(got)}, the case says ${JSON.stringify(want)}`);
}

/**
 * The tasks, by row name, and what they work on, built without calling any task (but for working out the derived
 * form's values), so that a process measuring some of them (see `measure`) starts them cold. `check()` calls every way
 * of validating once and throws unless each gives the outcome the case states.
 */
async function setup() {
  const program = loadProgram(await readFile(path.join(example, 'program.json'), 'utf8'));
  const compiled = fromValidatorsModule(await importBuiltModule(program));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const ajvValidate = ajv.compile(program.definition.forms.intake.schema);
  const cases = { valid: await readCase(VALID_CASE), invalid: await readCase(INVALID_CASE) };
  const checks = [];

  const tasks = {};
  for (const kind of ['valid', 'invalid']) {
    const c = cases[kind];
    const data = c.data;
    checks.push(() => {
      if (c.form !== 'intake' || c.expect.valid !== (kind === 'valid')) throw new Error(`${kind} case is not a ${kind} intake`);
      checkOutcome(`validate (${kind})`, validate(program, 'intake', data, { locale: 'de' }), c.expect);
      checkOutcome(`validateWith (${kind})`, validateWith(compiled, 'intake', data, { locale: 'de' }), c.expect);
      if (ajvValidate(data) !== c.expect.valid) throw new Error(`raw Ajv says valid=${!c.expect.valid} for the ${kind} case`);
    });
    tasks[`validate, ${kind} intake`] = () => validate(program, 'intake', data, { locale: 'de' });
    tasks[`validateWith (precompiled), ${kind} intake`] = () => validateWith(compiled, 'intake', data, { locale: 'de' });
    tasks[`raw Ajv, ${kind} intake`] = () => ajvValidate(data);
  }
  // The same intake made not closed, as forms found in the wild are: its strings with a pattern lose their maxLength, so
  // data the schema accepts may still hold what the input guard refuses. Through validate, and through the precompiled
  // module with the browser's guard (the default) and with the whole guard (a server's), beside raw Ajv on that schema.
  const open = openIntake(JSON.parse(await readFile(path.join(example, 'program.json'), 'utf8')));
  const openProgram = loadProgram(open);
  const openModule = await importBuiltModule(openProgram);
  const openBrowser = fromValidatorsModule(openModule);
  const openServer = fromValidatorsModule(openModule, { inputGuard: checkInput });
  const openAjv = ajv.compile(openProgram.definition.forms.intake.schema);
  checks.push(() => {
    if (formPlan(openProgram, 'intake').closed) throw new Error('the intake left without maxLength is still closed');
  });
  for (const [kind, c] of Object.entries(cases)) {
    const data = c.data;
    checks.push(() => {
      checkOutcome(`validate, not closed (${kind})`, validate(openProgram, 'intake', data, { locale: 'de' }), c.expect);
      checkOutcome(`validateWith, not closed (${kind})`, validateWith(openBrowser, 'intake', data, { locale: 'de' }), c.expect);
      if (openAjv(data) !== c.expect.valid) throw new Error(`raw Ajv says valid=${!c.expect.valid} for the ${kind} case, not closed`);
    });
    tasks[`validate, ${kind} intake, not closed`] = () => validate(openProgram, 'intake', data, { locale: 'de' });
    tasks[`raw Ajv, ${kind} intake, not closed`] = () => openAjv(data);
  }
  const validData = cases.valid.data;
  tasks['validateWith (precompiled, the browser’s guard), valid intake, not closed'] = () => validateWith(openBrowser, 'intake', validData, { locale: 'de' });
  tasks['validateWith (precompiled, the whole guard), valid intake, not closed'] = () => validateWith(openServer, 'intake', validData, { locale: 'de' });
  // The worst bodies a server lets through (10,000 values, each wrong): one error per item, and a list of unique
  // items whose strings are all distinct. Raw Ajv collects every error; validate lists maxErrors and counts the rest.
  const worst = worstBodies();
  for (const [name, data] of Object.entries(worst)) {
    checks.push(() => {
      const r = validate(program, 'intake', data, { locale: 'de' });
      if (r.errors.length !== maxErrors || !(r.moreErrors > 0)) throw new Error(`validate of the ${name} lists ${r.errors.length} errors and ${r.moreErrors} more`);
      if (ajvValidate(data)) throw new Error(`raw Ajv accepts the ${name}`);
    });
    tasks[`validate, ${name}`] = () => validate(program, 'intake', data, { locale: 'de' });
    tasks[`raw Ajv, ${name}`] = () => ajvValidate(data);
  }
  // A form with 20 derived values and 20 rules across fields through validate, beside raw Ajv (compiled once, like the
  // rows above) on the same schema without `x-derived` and without the `$data` limits, with the values already in the data.
  const calc = derivedForm();
  const calcProgram = loadProgram(calc.definition);
  const calcAjv = ajv.compile(calc.plain);
  const calcData = validate(calcProgram, 'calc', calc.data).data;
  checks.push(() => {
    if (!validate(calcProgram, 'calc', calcData).valid || !calcAjv(calcData)) throw new Error('the derived form’s data is not valid');
    if (validate(calcProgram, 'calc', { ...calcData, x0: 1e6 }).errors.map((e) => e.pointer).join() !== '/x0') throw new Error('a rule of the derived form does not hold');
  });
  tasks['validate, 20 derived values and 20 rules'] = () => validate(calcProgram, 'calc', calcData, { locale: 'de' });
  tasks['raw Ajv compiled once, the same schema without derived values and rules'] = () => calcAjv(calcData);

  return { tasks, worst: Object.keys(worst), check: () => checks.forEach((c) => c()) };
}

/** The tasks, by row name, for a process that measures some of them (see `measure`). */
export async function tasks() {
  return (await setup()).tasks;
}

export async function run() {
  const { tasks: all, worst, check } = await setup();
  check();
  // Each row with the rows it is compared with, in a process of its own: rows of valid and of refused data run the
  // same code of core, and each would otherwise be measured on code V8 optimised for the other's data.
  const groups = [
    ...['valid', 'invalid'].map((kind) => [`validate, ${kind} intake`, `validateWith (precompiled), ${kind} intake`, `raw Ajv, ${kind} intake`]),
    [
      'validate, valid intake, not closed',
      'validateWith (precompiled, the browser’s guard), valid intake, not closed',
      'validateWith (precompiled, the whole guard), valid intake, not closed',
      'raw Ajv, valid intake, not closed',
    ],
    ['validate, invalid intake, not closed', 'raw Ajv, invalid intake, not closed'],
    ['validate, 20 derived values and 20 rules', 'raw Ajv compiled once, the same schema without derived values and rules'],
  ];
  const worstGroups = worst.map((name) => [`validate, ${name}`, `raw Ajv, ${name}`]);
  const grouped = new Set([...groups, ...worstGroups].flat());
  const left = Object.keys(all).filter((name) => !grouped.has(name));
  if (left.length > 0 || grouped.size !== Object.keys(all).length) throw new Error(`tasks in no group or unknown: ${left.join(', ')}`);
  // A call on a worst body leaves some 10,000 error objects alive until it returns, Ajv's or ours alike. V8 then
  // decides, per process and at random, whether to allocate them straight in its old generation (allocation-site
  // pretenuring), and a function it decided that for runs 10 to 20 times slower for the rest of the process, whether
  // it is raw Ajv or validate. The rows compare code, not that coin: their processes run without the decision.
  const measured = {
    ...(await measure(import.meta.url, groups)),
    ...(await measure(import.meta.url, worstGroups, { execArgv: ['--no-allocation-site-pretenuring'] })),
  };

  const targets = { valid: 0.8, invalid: 0.5 };
  const openTargets = { valid: 0.8, invalid: 0.6 };
  // Higher is better in every row. Beside raw Ajv on the same worst body, validate does more (conditions, its
  // guards, the mapping of the first errors) but must stay within a constant factor: before the fix it fell with the
  // square of the errors. On distinct strings raw Ajv compares every pair of items, and validate is far ahead.
  const worstTargets = { 'worst body, 9,997 wrong list items': 0.2, 'worst body, 9,992 distinct strings in a list of unique items': 1 };
  return [
    ...['valid', 'invalid'].flatMap((kind) => {
      const baseline = `raw Ajv, ${kind} intake`;
      return [
        { name: `validate, ${kind} intake`, ...measured[`validate, ${kind} intake`], baseline, target: { minRatio: targets[kind] } },
        { name: `validateWith (precompiled), ${kind} intake`, ...measured[`validateWith (precompiled), ${kind} intake`], baseline },
        { name: baseline, ...measured[baseline] },
      ];
    }),
    ...['valid', 'invalid'].flatMap((kind) => {
      const baseline = `raw Ajv, ${kind} intake, not closed`;
      const row = `validate, ${kind} intake, not closed`;
      const more =
        kind === 'valid'
          ? ['validateWith (precompiled, the browser’s guard), valid intake, not closed', 'validateWith (precompiled, the whole guard), valid intake, not closed'].map((name) => ({ name, ...measured[name], baseline }))
          : [];
      return [{ name: row, ...measured[row], baseline, target: { minRatio: openTargets[kind] } }, ...more, { name: baseline, ...measured[baseline] }];
    }),
    {
      name: 'validate, 20 derived values and 20 rules',
      ...measured['validate, 20 derived values and 20 rules'],
      baseline: 'raw Ajv compiled once, the same schema without derived values and rules',
      target: { minRatio: 0.7 },
    },
    { name: 'raw Ajv compiled once, the same schema without derived values and rules', ...measured['raw Ajv compiled once, the same schema without derived values and rules'] },
    ...worst.flatMap((name) => [
      { name: `validate, ${name}`, ...measured[`validate, ${name}`], baseline: `raw Ajv, ${name}`, target: { minRatio: worstTargets[name] } },
      { name: `raw Ajv, ${name}`, ...measured[`raw Ajv, ${name}`] },
    ]),
  ];
}

/** The intake's definition with its strings that have a pattern left without `maxLength`: a form that is not closed. */
function openIntake(definition) {
  let opened = 0;
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    if (node.type === 'string' && typeof node.pattern === 'string' && 'maxLength' in node) {
      delete node.maxLength;
      opened++;
    }
    Object.values(node).forEach(visit);
  };
  visit(definition.forms.intake.schema);
  if (opened === 0) throw new Error('the intake has no string with a pattern to leave without maxLength');
  return definition;
}

/**
 * A form of 20 numbers, a list of costs and a date of birth, with 20 derived values (sums over the list, rounded
 * shares, an age) and 20 rules that keep each number within the next one's derived value (`"maximum": { "$data": "1/v<i+1>" }`);
 * `plain` is its schema without derived values and rules, `data` what a person types (the values are worked out).
 */
export function derivedForm() {
  const properties = {};
  const plain = {};
  for (let i = 0; i < 20; i++) {
    properties[`x${i}`] = { type: 'number', minimum: 0, maximum: { $data: `1/v${(i + 1) % 20}` } };
    plain[`x${i}`] = { type: 'number', minimum: 0 };
  }
  const items = { type: 'array', maxItems: 20, items: { type: 'object', additionalProperties: false, required: ['amount'], properties: { amount: { type: 'number', minimum: 0 } } } };
  const birth = { type: 'string', format: 'date', maxLength: 10 };
  for (let i = 0; i < 20; i++) {
    const expression = i === 19 ? `x${i} + ageAt(birth, '2026-06-30')` : i % 2 === 0 ? `x${i} + sum(items.amount)` : `round(x${i} * 1.5, 2) + count(items)`;
    properties[`v${i}`] = { type: 'number', 'x-derived': expression };
    plain[`v${i}`] = { type: 'number' };
  }
  const schema = (props) => ({ type: 'object', additionalProperties: false, properties: { ...props, items, birth }, required: ['x0', 'birth'] });
  const texts = { 'forms.calc.title': 'Rechnung' };
  for (const name of [...Object.keys(properties), 'items', 'items.amount', 'birth']) texts[`forms.calc.fields.${name}.label`] = name;
  const data = { items: [{ amount: 120.5 }, { amount: 80 }, { amount: 300 }], birth: '1990-05-17' };
  for (let i = 0; i < 20; i++) data[`x${i}`] = i * 10.25;
  return {
    definition: { id: 'calc', version: '1.0.0', locales: ['de'], title: { de: 'Rechnung' }, forms: { calc: { schema: schema(properties) } }, texts: { de: texts } },
    plain: schema(plain),
    data,
  };
}
