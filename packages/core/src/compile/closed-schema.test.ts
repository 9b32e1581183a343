import { describe, expect, it } from 'vitest';
import { freeTextPaths, storableTextCheck } from './closed-schema.js';
import type { JsonSchema } from '../model/json-schema.js';

const closed = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): JsonSchema =>
  ({ type: 'object', additionalProperties: false, properties, ...extra }) as JsonSchema;

describe('freeTextPaths', () => {
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
    expect(freeTextPaths(schema)).toEqual([['name'], ['address', 'street'], ['members', '*', 'firstName']]);
  });

  it('lists an enum or const only when one of its strings cannot be stored', () => {
    expect(freeTextPaths(closed({ a: { enum: ['x', 'y\u0000'] }, b: { const: 'ok' } }))).toEqual([['a']]);
  });

  it('gives up (every string is looked at) for recursion and for objects closed by unevaluatedProperties', () => {
    expect(freeTextPaths(closed({ tree: { $ref: '#' } }))).toBeUndefined();
    expect(freeTextPaths({ type: 'object', unevaluatedProperties: false, properties: { a: { type: 'string', maxLength: 5 } } } as JsonSchema)).toBeUndefined();
  });
});

describe('storableTextCheck', () => {
  it('looks at the strings at the paths, through every item of a list, and passes over what is missing', () => {
    const storable = storableTextCheck([['name'], ['members', '*', 'firstName'], ['members', '*', 'lastName']]);
    expect(storable({ name: 'Ada', members: [{ firstName: 'B' }, {}], other: '\u0000' })).toBe(true);
    expect(storable({ members: [{ firstName: 'B' }, { firstName: 'C', lastName: 'D\ud800' }] })).toBe(false);
    expect(storable({ name: '\u0000' })).toBe(false);
    expect(storable({ name: 1, members: { firstName: '\u0000' } })).toBe(true);
  });
});
