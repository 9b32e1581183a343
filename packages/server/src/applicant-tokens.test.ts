import { describe, expect, it } from 'vitest';
import { createApplicantTokens } from './applicant-tokens.js';

describe('createApplicantTokens', () => {
  const tokens = createApplicantTokens('secret-one');

  it('issues the same token for a case every time, and verifies it', () => {
    const t = tokens.issue('case-1');
    expect(t).toMatch(/^cfa1\.case-1\.[\w-]{43}$/);
    expect(tokens.issue('case-1')).toBe(t);
    expect(tokens.verify(t)).toBe('case-1');
  });

  it('refuses tokens of another secret, another case, or any other shape', () => {
    const t = tokens.issue('case-1');
    const [, , mac] = t.split('.');
    expect(createApplicantTokens('secret-two').verify(t)).toBeUndefined();
    expect(tokens.verify(`cfa1.case-2.${mac}`)).toBeUndefined();
    expect(tokens.verify(`${t}.x`)).toBeUndefined();
    expect(tokens.verify(`cfa2.case-1.${mac}`)).toBeUndefined();
    expect(tokens.verify(t.slice(0, -2))).toBeUndefined();
    expect(tokens.verify('')).toBeUndefined();
  });
});
