import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoTime } from './iso-time.js';

describe('isoTime', () => {
  it('writes every date as toISOString does, in the years written with four digits and outside them', () => {
    const far = 8.64e15;
    fc.assert(fc.property(fc.integer({ min: -far, max: far }), (t) => {
      expect(isoTime(new Date(t))).toBe(new Date(t).toISOString());
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (t) => {
      expect(isoTime(new Date(t))).toBe(new Date(t).toISOString());
    }), { numRuns: 2000 });
    for (const t of [0, -1, Date.UTC(999, 11, 31, 23, 59, 59, 999), Date.UTC(1000, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), Date.UTC(2024, 1, 29, 0, 0, 0, 7)]) {
      expect(isoTime(new Date(t))).toBe(new Date(t).toISOString());
    }
  });

  it('throws for an invalid date, as toISOString does', () => {
    expect(() => isoTime(new Date(NaN))).toThrow(RangeError);
  });
});
