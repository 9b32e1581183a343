import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exampleNames, fuzzParameters, hostileBody, loadExample, mutatedFromSchema, taintedFromSchema } from '@civicflow/test-support';
import { createAjv } from './create-ajv.js';
import { validatorSchema } from './guarded-schema.js';
import { formLayout } from '../runtime/layout.js';

type Schema = Record<string, unknown>;

/** Twelve declared properties, an object of nine inside, and a list of objects of ten: all past Ajv's eight compared names. */
const wide: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['a0'],
  properties: {
    ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`a${i}`, { type: 'integer' }])),
    group: { type: 'object', additionalProperties: false, properties: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`g${i}`, { type: 'string', maxLength: 5 }])) },
    list: { type: 'array', items: { type: 'object', additionalProperties: false, properties: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`l${i}`, { type: 'boolean' }])) } },
  },
};

const ours = createAjv();
const ajvOwn = createAjv({}, { lookupAdditionalProperties: true });

/**
 * Ajv's errors for the data through both validators: they must be the same, in the same order. (Ajv's equality of
 * `uniqueItems` calls methods on the data, which odd keys shadow: then both throw the same.)
 */
function expectSame(schema: Schema, data: unknown): void {
  const answer = (v: ReturnType<typeof ours.compile>) => {
    try {
      return { valid: v(data), errors: v.errors ?? null };
    } catch (thrown) {
      return { thrown: String(thrown) };
    }
  };
  expect(answer(ours.compile(schema))).toEqual(answer(ajvOwn.compile(schema)));
}

describe('additionalProperties through a Set of the declared names', () => {
  it('is the code that validates objects of more than eight properties, and only those', () => {
    expect(ours.compile(wide).toString()).toContain('.has(key');
    expect(ajvOwn.compile(wide).toString()).not.toContain('.has(key');
    const narrow = { type: 'object', additionalProperties: false, properties: { a: { type: 'string' }, b: { type: 'string' } } };
    expect(ours.compile(narrow).toString()).toBe(ajvOwn.compile(narrow).toString());
  });

  it('reports every key the schema does not declare, as Ajv does', () => {
    const data: unknown = JSON.parse('{"a0": 1, "a11": 2, "x": 1, "__proto__x": 2, "toString": 3, "constructor": 4, "group": {"g0": "a", "g9": "b", "hasOwnProperty": 1}, "list": [{"l0": true, "l10": false}, {"valueOf": 1}]}');
    const validate = ours.compile(wide);
    expect(validate(data)).toBe(false);
    expect(validate.errors!.filter((e) => e.keyword === 'additionalProperties').map((e) => `${e.instancePath} ${String(e.params['additionalProperty'])}`)).toEqual([
      ' x',
      ' __proto__x',
      ' toString',
      ' constructor',
      '/group g9',
      '/group hasOwnProperty',
      '/list/0 l10',
      '/list/1 valueOf',
    ]);
    expectSame(wide, data);
    expectSame(wide, JSON.parse('{"a0": 1, "__proto__": {"a1": 1}}'));
  });

  it('gives the errors of Ajv’s own keyword for random data of a wide schema', () => {
    fc.assert(
      fc.property(fc.oneof(hostileBody(wide), mutatedFromSchema(wide), taintedFromSchema(wide)), (data) => expectSame(wide, data)),
      fuzzParameters(200, 1),
    );
  });

  for (const name of exampleNames()) {
    const program = loadExample(name);
    it(`gives the errors of Ajv’s own keyword for every form of ${program.id}, with random and changed data`, () => {
      for (const form of Object.values(program.definition.forms)) {
        const schema = validatorSchema(formLayout(form), form) as Schema;
        fc.assert(
          fc.property(fc.oneof(hostileBody(form.schema as Schema), mutatedFromSchema(form.schema as Schema), taintedFromSchema(form.schema as Schema)), (data) => expectSame(schema, data)),
          fuzzParameters(30, 1),
        );
      }
    });
  }
});
