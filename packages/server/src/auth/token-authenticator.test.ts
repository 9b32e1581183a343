import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTokenAuthenticator, readTokenFile } from './token-authenticator.js';
import { examplePath } from '@civicflow/test-support';

const req = (authorization?: string) => new Request('http://x/', authorization ? { headers: { authorization } } : {});

describe('createTokenAuthenticator', () => {
  const authenticate = createTokenAuthenticator([{ token: 'token-for-the-coach-1', actor: 'coach-1', roles: ['p:coach'] }]);

  it('knows its bearer tokens and nothing else', () => {
    expect(authenticate(req('Bearer token-for-the-coach-1'))).toEqual({ actor: 'coach-1', roles: ['p:coach'] });
    expect(authenticate(req('bearer token-for-the-coach-1'))).toEqual({ actor: 'coach-1', roles: ['p:coach'] });
    expect(authenticate(req('Bearer token-for-the-coach-2'))).toBeNull();
    expect(authenticate(req('Basic dG9rZW4='))).toBeNull();
    expect(authenticate(req())).toBeNull();
  });

  it('knows each of many tokens, long ones too, and not a token one character off', () => {
    const long = `eyJ${'a'.repeat(8000)}`;
    const entries = [...Array.from({ length: 20 }, (_, i) => ({ token: `token-for-the-coach-${i}-xyz`, actor: `coach-${i}`, roles: ['p:coach'] })), { token: long, actor: 'long', roles: ['p:lead'] }];
    const many = createTokenAuthenticator(entries);
    for (let i = 0; i < 20; i++) expect(many(req(`Bearer token-for-the-coach-${i}-xyz`))).toEqual({ actor: `coach-${i}`, roles: ['p:coach'] });
    expect(many(req(`Bearer ${long}`))).toEqual({ actor: 'long', roles: ['p:lead'] });
    expect(many(req(`Bearer ${long.slice(0, -1)}b`))).toBeNull();
    expect(many(req('Bearer token-for-the-coach-1-xyZ'))).toBeNull();
  });

  it('gives the display name of an entry that has one', () => {
    const named = createTokenAuthenticator([{ token: 'token-for-the-coach-1', actor: 'coach-1', name: 'Anna Becker', roles: ['p:coach'] }]);
    expect(named(req('Bearer token-for-the-coach-1'))).toEqual({ actor: 'coach-1', name: 'Anna Becker', roles: ['p:coach'] });
  });
});

describe('readTokenFile', () => {
  it('reads the demo tokens, each scoped to programs', () => {
    const entries = readTokenFile(examplePath('demo-tokens.json'));
    expect(entries.length).toBeGreaterThan(3);
    for (const e of entries) expect(e.token).toMatch(/^demo-only-/);
    // The history shows these names; an id there would read like a code.
    for (const e of entries) expect(e.name).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u);
  });

  it('refuses a name that is empty or not text', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cf-tokens-')), 'tokens.json');
    writeFileSync(file, JSON.stringify({ tokens: [{ token: 'long-enough-token-1', actor: 'a', name: ' ', roles: ['p:coach'] }] }));
    expect(() => readTokenFile(file)).toThrow(/tokens\[0\].*"name"/);
    writeFileSync(file, JSON.stringify({ tokens: [{ token: 'long-enough-token-1', actor: 'a', name: 7, roles: ['p:coach'] }] }));
    expect(() => readTokenFile(file)).toThrow(/tokens\[0\]/);
  });

  it('says which entry is wrong', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cf-tokens-')), 'tokens.json');
    writeFileSync(file, JSON.stringify({ tokens: [{ token: 'long-enough-token-1', actor: 'a', roles: ['p:coach'] }, { token: 'short', actor: 'b', roles: ['coach'] }] }));
    expect(() => readTokenFile(file)).toThrow(/tokens\[1\]/);
  });
});
