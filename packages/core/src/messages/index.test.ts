import { describe, expect, it } from 'vitest';
import { builtInMessages, fillMessage } from './index.js';

describe('fillMessage', () => {
  it('fills placeholders from the params, lists joined by commas', () => {
    expect(fillMessage('{count} of {names}', { count: 2, names: ['a', 'b'] })).toBe('2 of a, b');
  });

  it('leaves placeholders without a value as they are and never reads inherited properties', () => {
    expect(fillMessage('Hello {name}', {})).toBe('Hello {name}');
    expect(fillMessage('Hello {name}', Object.create({ name: 'x' }) as Record<string, unknown>)).toBe('Hello {name}');
    expect(fillMessage('{constructor}', {})).toBe('{constructor}');
  });
});

describe('builtInMessages', () => {
  it('picks the catalogue of the tag or its language, else English', () => {
    expect(builtInMessages('de-CH')).toBe(builtInMessages('de'));
    expect(builtInMessages('DE')).toBe(builtInMessages('de'));
    expect(builtInMessages('fr')).toBe(builtInMessages('en'));
  });
});
