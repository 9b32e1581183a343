import { describe, expect, it } from 'vitest';
import { builtInMessages, fillMessage, shownValue } from './index.js';

describe('fillMessage', () => {
  it('fills placeholders from the params, lists joined by commas', () => {
    expect(fillMessage('{count} of {names}', { count: 2, names: ['a', 'b'] })).toBe('2 of a, b');
  });

  it('leaves placeholders without a value as they are and never reads inherited properties', () => {
    expect(fillMessage('Hello {name}', {})).toBe('Hello {name}');
    expect(fillMessage('Hello {name}', Object.create({ name: 'x' }) as Record<string, unknown>)).toBe('Hello {name}');
    expect(fillMessage('{constructor}', {})).toBe('{constructor}');
  });

  it('shows an object from the data as an ellipsis and never calls its own toString', () => {
    const replaced = JSON.parse('{"toString": 1, "valueOf": 2}') as unknown;
    expect(() => String(replaced)).toThrow(TypeError); // what the ellipsis avoids
    expect(fillMessage('after {limit}', { limit: replaced })).toBe('after …');
    expect(fillMessage('after {limit}', { limit: Object.create(null) })).toBe('after …');
    expect(fillMessage('one of {allowed}', { allowed: ['a', 1, null, replaced, true] })).toBe('one of a, 1, null, …, true');
    expect(shownValue('2026-01-01')).toBe('2026-01-01');
  });
});

describe('builtInMessages', () => {
  it('picks the catalogue of the tag or its language, else English', () => {
    expect(builtInMessages('de-CH')).toBe(builtInMessages('de'));
    expect(builtInMessages('DE')).toBe(builtInMessages('de'));
    expect(builtInMessages('fr')).toBe(builtInMessages('en'));
  });
});
