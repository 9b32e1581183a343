import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileDeriver } from './compile-deriver.js';
import { deriveValues, type DerivedField } from '../runtime/derive.js';
import type { BinaryOperator, Expression } from '../runtime/expression.js';

const OPERATORS: BinaryOperator[] = ['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||'];

/** Any expression over the fields a, b, when, toString, costs.amount and the derived value `first`. */
const expression = (reads: string[][]): fc.Arbitrary<Expression> =>
  fc.letrec<{ e: Expression }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ lit: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('2024-02-29', 'x', true, false, null)) }),
      fc.record({ get: fc.constantFrom(...reads) }),
      fc.record({ op: fc.constantFrom(...OPERATORS), a: tie('e'), b: tie('e') }),
      fc.record({ not: tie('e') }),
      fc.record({ neg: tie('e') }),
      fc.record({ if: tie('e'), then: tie('e'), else: tie('e') }),
      fc.record({ call: fc.constant('sum' as const), args: fc.array(tie('e'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ call: fc.constant('sum' as const), args: fc.constant([{ get: ['costs', 'amount'] }]) }),
      fc.record({ call: fc.constantFrom('min' as const, 'max' as const), args: fc.array(tie('e'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ call: fc.constant('count' as const), args: fc.tuple(tie('e')) }),
      fc.record({ call: fc.constant('round' as const), args: fc.oneof(fc.tuple(tie('e')), fc.tuple(tie('e'), fc.oneof(tie('e'), fc.record({ lit: fc.integer({ min: -1, max: 7 }) })))) }),
      fc.record({ call: fc.constantFrom('ageAt' as const, 'daysBetween' as const), args: fc.tuple(tie('e'), tie('e')) }),
    ),
  })).e;

const value = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double(), fc.constantFrom('2024-02-29', '1990-05-17', '2026-13-01', '19x0-05-17', 'x'), fc.boolean(), fc.constant(null));

describe('compileDeriver', () => {
  it('gives what the closures give, for any expressions and any data, also where parts come back', () => {
    const reads = [['a'], ['b'], ['when'], ['toString'], ['costs', 'amount'], ['group', 'inner']];
    const fields = fc.tuple(expression(reads), expression([...reads, ['first']]), expression([...reads, ['first'], ['group', 'second']])).map(
      ([first, second, third]): DerivedField[] => [
        { path: ['first'], expression: first },
        // The same part twice: worked out once by the generated code, and read again from there.
        { path: ['group', 'second'], expression: { op: '+', a: second, b: second } },
        { path: ['third'], expression: third },
      ],
    );
    const data = fc.record(
      {
        a: value,
        b: value,
        when: value,
        first: value,
        third: value,
        costs: fc.array(fc.record({ amount: value }, { requiredKeys: [] }), { maxLength: 3 }),
        group: fc.record({ inner: value, second: value }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fields, data, fc.boolean(), (derived, d, present) => {
        expect(compileDeriver(derived)(d, present)).toEqual(deriveValues(derived, d, { present }));
      }),
      { numRuns: 5000 },
    );
  });

  it('writes a negative number after a minus sign as a number, not as a decrement', () => {
    const derived: DerivedField[] = [{ path: ['n'], expression: { neg: { lit: -2 } } }, { path: ['m'], expression: { op: '-', a: { lit: 1 }, b: { lit: -2 } } }];
    expect(compileDeriver(derived)({}, false)).toEqual({ n: 2, m: 3 });
  });

  it('rounds to fixed places without rounding again, and leaves no value where the rounded number is not finite', () => {
    const derived: DerivedField[] = [
      { path: ['share'], expression: { call: 'round', args: [{ op: '*', a: { get: ['a'] }, b: { lit: 1.5 } }, { lit: 2 }] } },
      { path: ['huge'], expression: { call: 'round', args: [{ get: ['b'] }, { lit: 6 }] } },
    ];
    const data = { a: 12.255, b: 1e305 };
    expect(compileDeriver(derived)(data, false)).toEqual(deriveValues(derived, data));
    expect(compileDeriver(derived)(data, false)).toEqual({ a: 12.255, b: 1e305, share: 18.38 });
  });

  it('reads a date written in ageAt once and gives the age the closures give', () => {
    const on = (lit: string | number | null): DerivedField[] => [{ path: ['age'], expression: { call: 'ageAt', args: [{ get: ['birth'] }, { lit }] } }];
    for (const [birth, lit] of [['1990-05-17', '2026-06-30'], ['2008-02-29', '2026-02-28'], ['2008-02-29', '2026-03-01'], ['1990-05-17', '2026-02-30'], ['x', '2026-06-30'], ['abcd-05-17', '2026-06-30'], ['1990-05-17', '2026-0x-30'], ['1990-05-17', 3], ['1990-05-17', null]] as const) {
      expect(compileDeriver(on(lit))({ birth }, false)).toEqual(deriveValues(on(lit), { birth }));
    }
    expect(compileDeriver(on('2026-06-30'))({ birth: '2008-07-01' }, false)).toEqual({ birth: '2008-07-01', age: 17 });
  });
});
