// validate under fuzzing: every form of every example program gets random JSON and its own data with a few
// things changed, and must answer (never throw) with sane errors, a bounded number of them, in bounded time.
// `node scripts/fuzz.mjs` runs the same properties for longer.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Program } from '../model/program.js';
import type { ValidationResult } from '../runtime/validation-error.js';
import { validate } from './validate.js';
import { countValues, createFuzzCounter, exampleNames, fuzzParameters, hostileBody, loadExample, longFuzzRun, mutatedFromSchema, taintedFromSchema, type FuzzDataOptions } from '@civicflow/test-support';

// Lists with errors as long as the input guard's limit on values: the error list is capped (issue 22, break 1).
const LONGEST_LIST_WITH_ERRORS = 100_000;

const dataOptions: FuzzDataOptions = { maxListItems: LONGEST_LIST_WITH_ERRORS, unstorableText: true };

/** Not a speed test: a bound far above any sane call, which a hang or a blow-up still fails. */
const MAX_MS = 5_000;

/** vitest's limit per test: its default in `npm test`, none in a long run of scripts/fuzz.mjs. */
const timeout = longFuzzRun ? 0 : undefined;

const programs = exampleNames().map(loadExample);
const PROPERTIES = programs.length * 2;
const counter = createFuzzCounter('validate');
afterAll(() => counter.report());

type Schema = Record<string, unknown>;

/** The most properties any object of the schema requires. */
function mostRequired(schema: unknown): number {
  if (schema === null || typeof schema !== 'object') return 0;
  const own = Array.isArray((schema as Schema)['required']) ? ((schema as Schema)['required'] as unknown[]).length : 0;
  return Math.max(own, ...Object.values(schema).map(mostRequired));
}

/**
 * The most errors data may get: each value can fail a few keywords of its own and miss every property its object
 * requires. Linear in the data, whatever it holds.
 */
function errorBound(program: Program, formId: string, data: unknown): number {
  return (countValues(data) + 1) * (mostRequired(program.definition.forms[formId]!.schema) + 10);
}

function check(program: Program, formId: string, data: unknown, locale: string): void {
  const started = performance.now();
  const r: ValidationResult = validate(program, formId, data, { locale });
  const ms = performance.now() - started;
  counter.count(r.valid ? 'valid' : r.errors[0]!.code, ms);
  expect(ms, 'milliseconds for one call').toBeLessThan(MAX_MS);
  expect(typeof r.valid).toBe('boolean');
  expect(r.valid).toBe(r.errors.length === 0);
  expect(r.errors.length).toBeLessThanOrEqual(errorBound(program, formId, data));
  for (const e of r.errors) {
    expect(typeof e.pointer).toBe('string');
    expect(e.pointer === '' || e.pointer.startsWith('/'), e.pointer).toBe(true);
    expect(typeof e.code).toBe('string');
    expect(e.code.length).toBeGreaterThan(0);
    expect(typeof e.message).toBe('string');
    expect(e.message.length).toBeGreaterThan(0);
    expect(typeof e.params).toBe('object');
  }
  if (r.valid) expect(r.data).toBeDefined();
}

describe('validate under fuzzing', () => {
  for (const program of programs) {
    const forms = Object.keys(program.definition.forms);
    const locale = fc.constantFrom(...program.locales, 'fr');
    const schemaOf = (formId: string) => program.definition.forms[formId]!.schema as Schema;
    /** A form of the program with data made for it. */
    const bodies = (make: (formId: string) => fc.Arbitrary<unknown>) => fc.constantFrom(...forms).chain((formId) => make(formId).map((data) => [formId, data] as const));

    it(`${program.id}: answers random JSON for every form without throwing, with sane and bounded errors`, () => {
      fc.assert(
        fc.property(bodies((formId) => hostileBody(schemaOf(formId), dataOptions)), locale, ([formId, data], l) => check(program, formId, data, l)),
        fuzzParameters(40, PROPERTIES),
      );
    }, timeout);

    it(`${program.id}: answers each form's own data with a few things changed without throwing, with sane and bounded errors`, () => {
      fc.assert(
        fc.property(bodies((formId) => fc.oneof(mutatedFromSchema(schemaOf(formId), dataOptions), taintedFromSchema(schemaOf(formId), dataOptions))), locale, ([formId, data], l) => check(program, formId, data, l)),
        fuzzParameters(40, PROPERTIES),
      );
    }, timeout);
  }
});
