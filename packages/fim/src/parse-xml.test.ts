import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteLength } from './parse-xml.js';

describe('byteLength (the size limit, counted without Node)', () => {
  it('counts what Buffer counts for any text, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => byteLength(s) === Buffer.byteLength(s, 'utf8')));
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), (s) => byteLength(s) === Buffer.byteLength(s, 'utf8')));
    expect(byteLength('Straße 5 😀')).toBe(Buffer.byteLength('Straße 5 😀'));
    expect(byteLength(new Uint8Array(7))).toBe(7);
  });
});
