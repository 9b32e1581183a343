import { describe, expect, it } from 'vitest';
import { newReference } from './new-reference.js';

describe('newReference', () => {
  it('gives references in Crockford base 32, all different, also across refills of its random bytes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const ref = newReference();
      expect(ref).toMatch(/^CF-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      seen.add(ref);
    }
    // 40 random bits: a repeat among 1,000 is about as likely as 1 in 2 million.
    expect(seen.size).toBe(1000);
  });
});
