import { describe, expect, it } from 'vitest';
import type { RawError } from './validation-error.js';
import { createMessageSource, mapErrors, mapErrorsWithin } from './map-errors.js';

const source = () => createMessageSource('intake', undefined, ['en'], 'en');

/** Raw errors whose fields count how often mapping reads them. */
function counted(errors: RawError[]): { raw: RawError[]; reads: () => number } {
  let reads = 0;
  const raw = errors.map((e) => {
    const o = {} as RawError;
    for (const [k, v] of Object.entries(e)) Object.defineProperty(o, k, { enumerable: true, get: () => (reads++, v) });
    return o;
  });
  return { raw, reads: () => reads };
}

describe('mapErrorsWithin', () => {
  it('lists up to the limit, counts the rest once each, and drops what mapErrors drops', () => {
    const raw: RawError[] = [];
    for (let i = 0; i < 1000; i++) {
      raw.push({ keyword: 'type', instancePath: `/list/${i}`, schemaPath: '#/properties/list/items/type', params: { type: 'object' } });
      raw.push({ keyword: 'type', instancePath: `/list/${i}`, schemaPath: '#/properties/list/items/type', params: { type: 'object' } });
      raw.push({ keyword: 'required', instancePath: `/list/${i}`, schemaPath: '#/properties/list/items/anyOf/0/required', params: { missingProperty: 'a' } });
      raw.push({ keyword: 'anyOf', instancePath: `/list/${i}`, schemaPath: '#/properties/list/items/anyOf', params: {} });
      raw.push({ keyword: 'if', instancePath: `/list/${i}`, schemaPath: '#/properties/list/items/if', params: { failingKeyword: 'then' } });
    }
    const { errors, more } = mapErrorsWithin(raw, source(), undefined, 10);
    expect(errors).toHaveLength(10);
    expect(errors.map((e) => e.code).slice(0, 2)).toEqual(['type', 'anyOf']);
    expect(more).toBe(2000 - 10);
    expect(mapErrors(raw, source())).toHaveLength(2000);
  });

  it('reads each raw error a bounded number of times and asks about hidden fields once per missing field', () => {
    const make = (n: number) =>
      counted(
        Array.from({ length: n }, (_, i) =>
          i % 2 === 0
            ? { keyword: 'required', instancePath: `/list/${i}`, schemaPath: '#/properties/list/items/required', params: { missingProperty: 'name' } }
            : { keyword: 'oneOf', instancePath: `/list/${i}`, schemaPath: `#/properties/list/items/oneOf`, params: { passingSchemas: null } },
        ),
      );
    for (const n of [1000, 100_000]) {
      const { raw, reads } = make(n);
      let asked = 0;
      const { errors, more } = mapErrorsWithin(raw, source(), () => (asked++, false), 100);
      expect(errors.length + more).toBe(n);
      expect(asked).toBe(n / 2);
      expect(reads()).toBeLessThanOrEqual(12 * n);
    }
  });
});
