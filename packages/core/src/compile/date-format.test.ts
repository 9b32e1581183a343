import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import formatsModule from 'ajv-formats/dist/formats.js';
import { isFullDate } from './date-format.js';
import { createAjv } from './create-ajv.js';

const ajvFormatsDate = (formatsModule as unknown as { fullFormats: { date: { validate: (s: string) => boolean } } }).fullFormats.date.validate;

describe('isFullDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['0000-02-29', true],
    ['0000-01-01', true],
    ['9999-12-31', true],
    ['2026-04-30', true],
    ['2026-04-31', false],
    ['2026-00-10', false],
    ['2026-13-01', false],
    ['2026-01-00', false],
    ['2026-01-32', false],
    ['2026-1-01', false],
    ['2026-01-01 ', false],
    ['2026-01-01\n', false],
    [' 2026-01-01', false],
    ['2026/01/01', false],
    ['2026-01-0a', false],
    ['２０２６-01-01', false],
    ['-026-01-01', false],
    ['', false],
  ])('%j is a full date: %s, as ajv-formats says', (text, expected) => {
    expect(isFullDate(text)).toBe(expected);
    expect(ajvFormatsDate(text)).toBe(expected);
  });

  it('accepts exactly the texts ajv-formats’ date accepts', () => {
    // Texts shaped like dates (digits, dashes, a few others) where a difference would hide, and any text at all.
    const near = fc
      .array(fc.constantFrom('0', '1', '2', '3', '9', '-', '/', ' ', 'a', '٣', '\n'), { minLength: 8, maxLength: 12 })
      .map((chars) => chars.join(''));
    const dates = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.oneof(near, dates, fc.string()), (text) => isFullDate(text) === ajvFormatsDate(text)),
      { numRuns: 20_000 },
    );
  });

  it('is the date format of civicflow’s Ajv, and dates still compare (formatMinimum)', () => {
    const validate = createAjv().compile({ type: 'string', format: 'date', formatMinimum: '2024-01-01' });
    expect(validate('2024-02-29')).toBe(true);
    expect(validate('2023-02-29')).toBe(false);
    expect(validate('2023-12-31')).toBe(false);
    expect(validate.errors?.[0]?.keyword).toBe('formatMinimum');
  });
});
