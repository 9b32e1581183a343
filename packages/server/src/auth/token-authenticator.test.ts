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
});

describe('readTokenFile', () => {
  it('reads the demo tokens, each scoped to programs', () => {
    const entries = readTokenFile(examplePath('demo-tokens.json'));
    expect(entries.length).toBeGreaterThan(3);
    for (const e of entries) expect(e.token).toMatch(/^demo-only-/);
  });

  it('says which entry is wrong', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cf-tokens-')), 'tokens.json');
    writeFileSync(file, JSON.stringify({ tokens: [{ token: 'long-enough-token-1', actor: 'a', roles: ['p:coach'] }, { token: 'short', actor: 'b', roles: ['coach'] }] }));
    expect(() => readTokenFile(file)).toThrow(/tokens\[1\]/);
  });
});
