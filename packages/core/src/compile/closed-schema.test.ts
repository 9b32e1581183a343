import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { guardPlaces, guardPlacesCheck } from './closed-schema.js';
import { createAjv } from './create-ajv.js';
import { checkInput, defaultLimits } from '../runtime/check-input.js';
import { createMessageSource } from '../runtime/map-errors.js';
import type { JsonSchema } from '../model/json-schema.js';

const closed = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): JsonSchema =>
  ({ type: 'object', additionalProperties: false, properties, ...extra }) as JsonSchema;
const paths = (schema: JsonSchema) => guardPlaces(schema, 100_000)?.map((p) => `${p.path.join('/')} ${p.kind}`);

describe('guardPlaces', () => {
  it('lists the free text of a closed schema, through groups, lists and $ref, and nothing else', () => {
    const schema = closed(
      {
        name: { type: 'string', maxLength: 80 },
        born: { type: 'string', format: 'date' },
        kind: { enum: ['a', 'b'] },
        age: { type: 'integer' },
        address: { $ref: '#/$defs/address' },
        members: { type: 'array', items: closed({ firstName: { type: 'string', maxLength: 40 }, email: { type: 'string', format: 'email' } }) },
      },
      { $defs: { address: closed({ street: { type: 'string', maxLength: 100 } }) } },
    );
    expect(paths(schema)).toEqual(['name text', 'address/street text', 'members/*/firstName text']);
  });

  it('lists an enum or const only when one of its strings cannot be stored', () => {
    expect(paths(closed({ a: { enum: ['x', 'y\u0000'] }, b: { const: 'ok' } }))).toEqual(['a text']);
  });

  it('lists strings without a bound within the limit, and open or untyped places, of a schema that is not closed', () => {
    const schema = closed({
      postcode: { type: 'string', pattern: '^[0-9]{5}$' },
      long: { type: 'string', maxLength: 200_000 },
      extra: { type: 'object', properties: { a: { type: 'string', maxLength: 5 } } },
      anything: {},
      either: { type: ['string', 'number'] },
      tuple: { type: 'array', prefixItems: [{ type: 'number' }] },
      list: { type: 'array', items: { type: 'string' } },
    });
    expect(paths(schema)).toEqual(['postcode string', 'long string', 'extra any', 'anything any', 'either any', 'tuple any', 'list/* string']);
    expect(paths({ type: 'object' } as JsonSchema)).toEqual([' any']);
  });

  it('gives up (the whole guard runs) for recursion and for objects closed by unevaluatedProperties', () => {
    expect(guardPlaces(closed({ tree: { $ref: '#' } }), 100_000)).toBeUndefined();
    expect(guardPlaces({ type: 'object', unevaluatedProperties: false, properties: { a: { type: 'string', maxLength: 5 } } } as JsonSchema, 100_000)).toBeUndefined();
  });
});

describe('guardPlacesCheck', () => {
  it('looks at the strings at the places, through every item of a list, and passes over what is missing', () => {
    const fine = guardPlacesCheck(
      [
        { path: ['name'], kind: 'text' },
        { path: ['members', '*', 'firstName'], kind: 'text' },
        { path: ['members', '*', 'lastName'], kind: 'string' },
      ],
      10,
    );
    expect(fine({ name: 'Ada', members: [{ firstName: 'B' }, {}], other: '\u0000' })).toBe(true);
    expect(fine({ members: [{ firstName: 'B' }, { firstName: 'C', lastName: 'D\ud800' }] })).toBe(false);
    expect(fine({ name: '\u0000' })).toBe(false);
    expect(fine({ name: 'x'.repeat(11), members: [{ lastName: 'x'.repeat(10) }] })).toBe(true);
    expect(fine({ members: [{ lastName: 'x'.repeat(11) }] })).toBe(false);
    expect(fine({ name: 1, members: { firstName: '\u0000' } })).toBe(true);
  });

  it('gives an open place the whole guard, at its depth, and a key that holds undefined too', () => {
    const fine = guardPlacesCheck([{ path: ['extra'], kind: 'any' }], 100);
    expect(fine({ extra: { a: [1, 'b'] } })).toBe(true);
    expect(fine({})).toBe(true);
    expect(fine({ extra: undefined })).toBe(false);
    expect(fine({ extra: JSON.parse('{"__proto__": 1}') })).toBe(false);
    expect(fine({ extra: { a: Number.NaN } })).toBe(false);
    let deep: unknown = 1;
    for (let i = 0; i < 31; i++) deep = [deep];
    expect(fine({ extra: deep })).toBe(true); // 32 levels with the root: the limit
    expect(fine({ extra: [deep] })).toBe(false);
  });

  it('finds nothing in data a schema accepted exactly when the input guard finds nothing', () => {
    const schema = closed({
      postcode: { type: 'string', pattern: '^[0-9]*$' },
      name: { type: 'string', maxLength: 8 },
      note: { type: 'string' },
      extra: { type: 'object', properties: { a: { type: 'string', maxLength: 5 } } },
      anything: {},
      list: { type: 'array', items: closed({ v: { type: 'string' }, n: { type: 'number' } }) },
    });
    const accepts = createAjv().compile(schema as object);
    const fine = guardPlacesCheck(guardPlaces(schema, 12)!, 12);
    const source = createMessageSource('f', {}, ['en'], 'en');
    const text = fc.oneof(fc.string({ maxLength: 14 }), fc.constantFrom('12345678901234', '\u0000', 'a\ud800', '\ud83d\ude00', '0'.repeat(13)));
    const value = fc.oneof(text, fc.anything({ maxDepth: 3, withNullPrototype: true, withBoxedValues: true }), fc.jsonValue({ maxDepth: 34 }));
    const data = fc.record(
      {
        postcode: text,
        name: text,
        note: text,
        extra: fc.oneof(value, fc.dictionary(fc.constantFrom('a', 'b', '__proto__', 'constructor', 'x\u0000'), value)),
        anything: value,
        list: fc.array(fc.record({ v: text, n: fc.double() }, { requiredKeys: [] }), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
    let accepted = 0;
    fc.assert(
      fc.property(data, (d) => {
        if (!accepts(d)) return;
        accepted++;
        expect(fine(d)).toBe(checkInput(d, source, { ...defaultLimits, maxStringLength: 12 }).length === 0);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
