import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { createAjv } from './create-ajv.js';

type Schema = Record<string, unknown>;

const ours = createAjv();
const ajvOwn = new Ajv2020({ allErrors: true, strict: false, $data: true, messages: false });

/** Limits at 0, 1, 2, 3 and 5 code points, with both keywords on one string, and a limit read from the data. */
const schema: Schema = {
  type: 'object',
  properties: {
    short: { type: 'string', maxLength: 3 },
    name: { type: 'string', minLength: 2, maxLength: 5 },
    empty: { type: 'string', maxLength: 0 },
    some: { type: 'string', minLength: 1 },
    atLeast: { type: 'string', minLength: 3 },
    limit: { type: 'integer' },
    byLimit: { type: 'string', maxLength: { $data: '1/limit' }, minLength: { $data: '1/limit' } },
  },
};

// Strings of the characters that count differently: a pair of surrogates (one code point, two units), lone high
// and low surrogates (one each), a high surrogate at the very end, and plain letters.
const pieces = ['a', 'ß', '😀', '\ud83d', '\ude00', '\u{1F468}\u200D\u{1F469}'];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((parts) => parts.join(''));

function answer(validate: ((data: unknown) => boolean) & { errors?: unknown }, data: unknown) {
  return { valid: validate(data), errors: validate.errors ?? null };
}

describe('maxLength and minLength, counted only when the length in units does not decide', () => {
  const mine = ours.compile(schema);
  const theirs = ajvOwn.compile(schema);

  it('gives Ajv’s own answer and errors for strings of surrogates, pairs and letters', () => {
    fc.assert(
      fc.property(text, text, text, text, text, text, fc.integer({ min: -1, max: 6 }), (short, name, empty, some, atLeast, byLimit, limit) => {
        const data = { short, name, empty, some, atLeast, byLimit, limit };
        expect(answer(mine, data)).toEqual(answer(theirs, data));
      }),
      { numRuns: 2000 },
    );
  });

  it('holds at the edges: a pair of surrogates is one character, a lone surrogate is one too', () => {
    const cases = ['', 'a', '😀', '😀😀😀', '😀😀😀😀', 'abcd', '\ud83d\ud83d\ud83d\ud83d', 'ab\ud83d', '😀😀😀😀😀😀'];
    for (const s of cases) {
      const data = { short: s, name: s, empty: s, some: s, atLeast: s, byLimit: s, limit: 2 };
      expect(answer(mine, data)).toEqual(answer(theirs, data));
    }
    expect(mine({ short: '😀😀😀' })).toBe(true);
    expect(mine({ short: '😀😀😀😀' })).toBe(false);
    expect(mine({ atLeast: '😀😀' })).toBe(false);
    expect(mine({ atLeast: 'abc' })).toBe(true);
  });

  it('counts no character of a string whose length in units is within the limit', () => {
    const code = ours.compile({ type: 'string', maxLength: 100 }).toString();
    expect(code).toMatch(/\.length > 100 && /);
    const forModule = createAjv({ code: { source: true } });
    forModule.addSchema({ type: 'string', minLength: 1, maxLength: 9 }, 'v');
    const precompiled = standaloneCode.default(forModule, { v: 'v' });
    expect(precompiled).toContain('require("ajv/dist/runtime/ucs2length").default');
    expect(precompiled).toMatch(/\.length < 2 \* 1 && /);
  });

  it('keeps Ajv’s order of errors for a string that breaks both limits and its type', () => {
    const order: Schema = { minLength: 4, maxLength: 1, pattern: '^x', format: 'date' };
    const data = 'ab';
    expect(answer(ours.compile(order), data)).toEqual(answer(new Ajv2020({ allErrors: true, messages: false }).addFormat('date', /x/).compile(order), data));
  });
});
