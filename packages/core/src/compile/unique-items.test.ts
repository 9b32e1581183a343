import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createAjv } from './create-ajv.js';
import { repeatedItem } from './unique-items.js';

// Ajv's own keyword, to hold ours against.
const stock = new Ajv2020({ allErrors: true, strict: false, messages: false });
const ours = createAjv({ strict: false });

describe('uniqueItems', () => {
  const schemas = [
    { type: 'array', uniqueItems: true },
    { type: 'array', uniqueItems: true, items: { enum: ['a', 'b', 1, { x: 1 }] } },
    { type: 'array', maxItems: 3, uniqueItems: true, items: { type: 'object' }, contains: { const: 'q' } },
    { type: 'array', uniqueItems: true, items: { type: 'string' } },
  ];
  const item = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom('a', 'b', '', 'x"y', 'z', 't', 'n1', '"a"'),
      fc.constantFrom(0, -0, 1, 1.5, 2),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('value'), { maxKeys: 3 }).map((o) => ({ ...o })),
    ),
  })).value;

  it('reports the same errors, params and order as Ajv’s own keyword for any JSON list', () => {
    const pairs = schemas.map((s) => [stock.compile(s), ours.compile(s)] as const);
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), (data) => {
        for (const [theirs, mine] of pairs) {
          expect(mine(data)).toBe(theirs(data));
          expect(mine.errors ?? null).toEqual(theirs.errors ?? null);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('leaves lists with values that are not plain JSON to Ajv’s pairwise check', () => {
    const schema = { type: 'array', uniqueItems: true };
    const data = [new Date(0), new Date(0)];
    const mine = ours.compile(schema);
    const theirs = stock.compile(schema);
    expect(mine(data)).toBe(theirs(data));
    expect(mine.errors).toEqual(theirs.errors);
    expect(repeatedItem(data)).toBeUndefined();
    expect(() => ours.compile(schema)([{ a: 1 }, JSON.parse('{"valueOf": 1}')])).toThrow();
  });

  // Issue 22, break 1: 90,000 distinct strings under an enum kept Ajv busy for half a minute.
  it('keys each item once, so a long list of distinct objects costs one pass', () => {
    let reads = 0;
    const items = Array.from({ length: 50_000 }, (_, i) => {
      const o = {} as Record<string, number>;
      Object.defineProperty(o, 'n', { enumerable: true, get: () => (reads++, i) });
      return o;
    });
    expect(repeatedItem(items)).toBeNull();
    expect(reads).toBe(items.length);
    expect(repeatedItem([...items.slice(0, 3), { n: 1 }])).toEqual([3, 1]);
  });
});
