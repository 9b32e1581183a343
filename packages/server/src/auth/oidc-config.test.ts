import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOidcConfig, readOidcConfig, rolesFromClaims } from './oidc-config.js';

const base = {
  issuer: 'https://login.example.org/realms/office',
  clientId: 'civicflow',
  redirectUri: 'https://civicflow.example.org/auth/callback',
  roles: [{ claim: 'groups', value: 'jobcenter-hagen', roles: ['zweite-chance:jobcenter'] }],
};

describe('parseOidcConfig', () => {
  it('fills in the defaults', () => {
    expect(parseOidcConfig(base)).toEqual({ ...base, scopes: ['openid', 'profile'], nameClaim: 'name', sessionHours: 8, afterSignOut: 'https://civicflow.example.org/', origins: [] });
  });

  it('names the setting at fault', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, issuer: 'http://login.example.org' }, 'issuer'],
      [{ ...base, issuer: 'not a url' }, 'issuer'],
      [{ ...base, clientId: '' }, 'clientId'],
      [{ ...base, redirectUri: 'https://civicflow.example.org/auth/callback?x=1' }, 'redirectUri'],
      [{ ...base, scopes: ['profile'] }, 'scopes'],
      [{ ...base, roles: [{ claim: 'groups', value: 'x', roles: ['jobcenter'] }] }, 'roles[0]'],
      [{ ...base, roles: [{ claim: 'groups', value: '', roles: ['p:r'] }] }, 'roles[0]'],
      [{ ...base, roles: undefined }, 'roles'],
      [{ ...base, sessionHours: 0 }, 'sessionHours'],
      [{ ...base, sessionHours: 1.5 }, 'sessionHours'],
      [{ ...base, origins: ['https://office.example.org/path'] }, 'origins[0]'],
      [{ ...base, redirectUrl: 'https://x' }, 'redirectUrl'],
    ];
    for (const [config, field] of cases) {
      let thrown: unknown;
      try {
        parseOidcConfig(config, 'oidc.json');
      } catch (err) {
        thrown = err;
      }
      expect(thrown, field).toMatchObject({ code: 'OIDC_CONFIG_INVALID', params: { field } });
      expect((thrown as Error).message).toContain(`oidc.json: ${field}:`);
    }
  });

  it('takes plain http only on this machine', () => {
    expect(parseOidcConfig({ ...base, issuer: 'http://127.0.0.1:8081', redirectUri: 'http://localhost:8080/auth/callback' }).redirectUri).toBe('http://localhost:8080/auth/callback');
  });
});

describe('readOidcConfig', () => {
  it('takes the client secret from the environment before the file', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cf-oidc-')), 'oidc.json');
    writeFileSync(file, JSON.stringify({ ...base, clientSecret: 'from-the-file' }));
    expect(readOidcConfig(file, {}).clientSecret).toBe('from-the-file');
    expect(readOidcConfig(file, { CIVICFLOW_OIDC_CLIENT_SECRET: 'from-the-env' }).clientSecret).toBe('from-the-env');
    writeFileSync(file, '{ not json');
    expect(() => readOidcConfig(file, {})).toThrow(/oidc\.json: \(file\): cannot be read as JSON/);
  });
});

describe('rolesFromClaims', () => {
  const rules = [
    { claim: 'groups', value: 'jobcenter-hagen', roles: ['zweite-chance:jobcenter'] },
    { claim: 'groups', value: 'coaches', roles: ['zweite-chance:coach', 'casework:coach'] },
    { claim: 'realm_access.roles', value: 'dpo', roles: ['casework:dataProtection'] },
    { claim: 'department', value: 'Sozialamt', roles: ['gemeinsam-fuer-hagen:advisor'] },
  ];
  it('grants the roles of every rule whose value the claim holds, each once and sorted', () => {
    expect(rolesFromClaims({ groups: ['coaches', 'jobcenter-hagen', 'coaches'] }, rules)).toEqual(['casework:coach', 'zweite-chance:coach', 'zweite-chance:jobcenter']);
    expect(rolesFromClaims({ department: 'Sozialamt' }, rules)).toEqual(['gemeinsam-fuer-hagen:advisor']);
    expect(rolesFromClaims({ realm_access: { roles: ['dpo'] } }, rules)).toEqual(['casework:dataProtection']);
  });
  it('grants nothing for near misses', () => {
    expect(rolesFromClaims({ groups: ['Coaches', '/coaches', 'coaches-x'] }, rules)).toEqual([]);
    expect(rolesFromClaims({ groups: 'jobcenter-hagen-nord' }, rules)).toEqual([]);
    expect(rolesFromClaims({ groups: [{ name: 'coaches' }], department: ['Sozialamt '] }, rules)).toEqual([]);
    expect(rolesFromClaims({ 'realm_access.roles': undefined, realm_access: 'dpo' }, rules)).toEqual([]);
    expect(rolesFromClaims({}, rules)).toEqual([]);
  });
});
