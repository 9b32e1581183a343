import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileFastCondition, jsonEqual } from './fast-condition.js';
import { createAjv } from './create-ajv.js';
import { exampleNames, loadExample, miniDefinition } from './test-support/load-example.js';
import { loadProgram } from './load-program.js';
import { formLayout } from './layout.js';
import { arbitraryFromSchema } from './test-support/arbitrary-from-schema.js';

const ajv = createAjv();

const handWritten: unknown[] = [
  { properties: { a: { const: 'x' } }, required: ['a'] },
  { properties: { a: { enum: [1, 2, { b: [true] }] } } },
  { properties: { a: { not: { const: null } } } },
  { properties: { list: { contains: { const: 'other' }, minItems: 2 } }, required: ['list'] },
  { anyOf: [{ required: ['a'] }, { properties: { b: { type: 'integer', minimum: 3, exclusiveMaximum: 10 } }, required: ['b'] }] },
  { allOf: [{ properties: { n: { type: 'number', maximum: 1.5, exclusiveMinimum: -1 } } }, { properties: { s: { type: 'string' } } }] },
  { properties: { o: { type: 'object', properties: { p: { type: 'array', maxItems: 1 } } } } },
  { properties: { z: { type: 'null' } }, description: 'ignored' },
  true,
  false,
];

function allConditions(): unknown[] {
  const programs = [loadProgram(miniDefinition()), ...exampleNames().map(loadExample)];
  return programs.flatMap((p) => Object.values(p.definition.forms).flatMap((f) => formLayout(f).conditions.map((c) => c.schema)));
}

const data = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(fc.constantFrom('a', 'b', 'n', 's', 'o', 'list', 'z'), fc.oneof(fc.jsonValue(), fc.constantFrom('x', 'other', 1, 2, 3, 9, 10, 1.5, -1, null, true))),
);

describe('compileFastCondition', () => {
  it('agrees with Ajv on hand-written conditions for any data', () => {
    for (const schema of handWritten) {
      const fast = compileFastCondition(schema)!;
      expect(fast, JSON.stringify(schema)).toBeDefined();
      const slow = ajv.compile(schema as object);
      fc.assert(fc.property(data, (d) => fast(d) === slow(d)), { numRuns: 300 });
    }
  });

  it('agrees with Ajv on every example program’s conditions, for generated and random data', () => {
    for (const example of exampleNames()) {
      const program = loadExample(example);
      for (const form of Object.values(program.definition.forms)) {
        const root = form.schema as Record<string, unknown>;
        for (const site of formLayout(form).conditions) {
          const fast = compileFastCondition(site.schema);
          if (!fast) continue;
          const slow = ajv.compile(site.schema as object);
          fc.assert(fc.property(fc.oneof(arbitraryFromSchema(root), fc.jsonValue()), (d) => fast(d) === slow(d)), { numRuns: 200 });
        }
      }
    }
    expect(allConditions().length).toBeGreaterThan(0);
  });

  it('declines keywords it does not cover, so Ajv evaluates those', () => {
    expect(compileFastCondition({ properties: { a: { pattern: '^x' } } })).toBeUndefined();
    expect(compileFastCondition({ $ref: '#/$defs/a' })).toBeUndefined();
  });

  it('compares JSON values deeply', () => {
    expect(jsonEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
  });
});
