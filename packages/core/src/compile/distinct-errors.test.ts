// Mapping Ajv's errors keeps no set of pointers for a code whose errors all come from one schema location, where the
// schema names each place once per location (see `errorsNameDistinctPlaces`); a missing field no condition hides is
// told by its name alone. These tests pin that the answers are exactly those of the full comparison, on every form
// of every example with random and changed data, and that schemas which can name a place twice keep it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Program } from '../model/program.js';
import type { RawError } from '../runtime/validation-error.js';
import { loadProgram } from './load-program.js';
import { runtimeValidators } from './validate.js';
import { createAjv } from './create-ajv.js';
import { createMessageSource, errorsNameDistinctPlaces, mapErrorsWithin } from '../runtime/map-errors.js';
import { visibleData } from '../runtime/visibility.js';
import { createHiddenCheck } from '../runtime/hidden-check.js';
import { layoutOf } from '../runtime/layout.js';
import { withoutMaxLength } from '../test-support/not-closed.js';
import { exampleNames, fuzzParameters, hostileBody, mutatedFromSchema, readExample, taintedFromSchema } from '@civicflow/test-support';

type Schema = Record<string, unknown>;

/** The program, and the same with its strings left without `maxLength` (a form that is not closed). */
function programsOf(name: string): Program[] {
  return [loadProgram(readExample(name)), loadProgram(withoutMaxLength(readExample(name) as { forms: Record<string, { schema: Schema }> }))];
}

/** Ajv's errors for the data through the form's validator (with its guards), or undefined where Ajv throws. */
function rawErrors(program: Program, formId: string, data: unknown): readonly RawError[] | undefined {
  const validator = runtimeValidators(program).validator(formId);
  try {
    return validator(data) ? [] : (validator.errors ?? []);
  } catch {
    return undefined;
  }
}

describe('errors of one schema location, without a set of their pointers', () => {
  it('is taken for the examples’ forms, and not where a schema can name a place twice', () => {
    for (const name of exampleNames()) {
      for (const form of Object.values(loadProgram(readExample(name)).definition.forms)) expect(errorsNameDistinctPlaces(form.schema)).toBe(true);
    }
    expect(errorsNameDistinctPlaces({ type: 'object', properties: { a: { $ref: '#/$defs/a' } }, $defs: { a: { type: 'string' } } })).toBe(false);
    expect(errorsNameDistinctPlaces({ type: 'object', propertyNames: { pattern: '^[a-z]+$' } })).toBe(false);
    expect(errorsNameDistinctPlaces({ type: 'object', dependentRequired: { a: ['c'], b: ['c'] } })).toBe(false);
    expect(errorsNameDistinctPlaces({ type: 'object', required: ['a', 'a'] })).toBe(false);
    expect(errorsNameDistinctPlaces({ type: 'object', required: ['a', 'b'], properties: { a: { type: 'array', items: { type: 'object', required: ['x'] } } } })).toBe(true);
  });

  it('still names a place once where one location fails there several times', () => {
    const schema = { type: 'object', propertyNames: { pattern: '^[a-z]+$' } };
    const validator = createAjv().compile(schema);
    expect(validator({ A: 1, B: 2 })).toBe(false);
    const raw = validator.errors!.filter((e) => e.keyword === 'pattern');
    expect(raw).toHaveLength(2);
    const padded = [...raw, ...Array.from({ length: 20 }, (_, i) => ({ keyword: 'type', instancePath: `/x${i}`, schemaPath: '#/type', params: { type: 'object' } }))];
    const source = createMessageSource('f', undefined, ['en'], 'en');
    const mapped = mapErrorsWithin(padded, source, undefined, 100, errorsNameDistinctPlaces(schema));
    expect(mapped.errors.filter((e) => e.code === 'pattern')).toHaveLength(1);
    expect(mapErrorsWithin(padded, source, undefined, 100, true).errors.filter((e) => e.code === 'pattern')).toHaveLength(2); // what the set prevents
  });

  for (const name of exampleNames()) {
    it(`maps every form of ${name} exactly as with the full comparison, for random and changed data`, () => {
      const [closed] = programsOf(name);
      for (const program of programsOf(name)) {
        for (const formId of Object.keys(program.definition.forms)) {
          // Data made from the closed form (the generators read `maxLength`), validated by both.
          const schema = closed!.definition.forms[formId]!.schema as Schema;
          const layout = layoutOf(program, formId);
          const conditions = runtimeValidators(program).conditions(formId);
          const source = createMessageSource(formId, program.definition.texts, program.locales, program.locales[0] ?? 'en');
          fc.assert(
            fc.property(fc.oneof(hostileBody(schema, { maxListItems: 40 }), mutatedFromSchema(schema), taintedFromSchema(schema)), (data) => {
              const raw = rawErrors(program, formId, data);
              if (raw === undefined || typeof data !== 'object' || data === null) return;
              const visible = visibleData(layout, data, conditions);
              const check = createHiddenCheck(layout, visible, conditions);
              for (const e of raw) {
                if (e.keyword !== 'required') continue;
                const missing = String(e.params['missingProperty']);
                const pointer = `${e.instancePath}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}`;
                expect(check(pointer, missing)).toBe(createHiddenCheck(layout, visible, conditions)(pointer));
              }
              for (const limit of [100, 3]) {
                const byName = createHiddenCheck(layout, visible, conditions);
                const byPointer = createHiddenCheck(layout, visible, conditions);
                expect(mapErrorsWithin(raw, source, byName, limit, true)).toEqual(mapErrorsWithin(raw, source, (pointer) => byPointer(pointer), limit, false));
              }
            }),
            fuzzParameters(25, 1),
          );
        }
      }
    });
  }
});
