// `civicflow-server --oidc`: the command line reads the sign-in settings, and a caseworker signs in at a real provider
// and works through the server process over HTTP.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@civicflow/test-support';
import { removeServerEntry, runServerCommand, startServerProcess, type ServerProcess } from '../test-support/server-process.js';
import { CIVICFLOW_CLIENT, createTestBrowser, startTestProvider, type TestProvider } from '../test-support/oidc-test-provider.js';

const CASEWORK = path.join(repoRoot, 'packages/server/src/test-support/casework-program.json');
/** The origin the provider knows civicflow by; the test's browser sends its requests to the process instead. */
const PUBLIC = 'http://127.0.0.1:9';
const TIMEOUT = 180_000;
const work = mkdtempSync(path.join(tmpdir(), 'cf-oidc-'));

describe('civicflow-server --oidc', () => {
  let provider: TestProvider;
  let server: ServerProcess | undefined;
  const file = path.join(work, 'oidc.json');

  beforeAll(async () => {
    provider = await startTestProvider({ accounts: { anna: { name: 'Anna Becker', groups: ['coaches'] } }, redirectUri: `${PUBLIC}/auth/callback`, postLogoutRedirectUri: `${PUBLIC}/` });
    writeFileSync(file, JSON.stringify({ issuer: provider.issuer, clientId: CIVICFLOW_CLIENT.id, redirectUri: `${PUBLIC}/auth/callback`, scopes: ['openid', 'profile', 'groups'], roles: [{ claim: 'groups', value: 'coaches', roles: ['casework:coach'] }] }));
  }, TIMEOUT);
  afterAll(async () => {
    await server?.stop();
    await provider?.close();
    await removeServerEntry();
    rmSync(work, { recursive: true, force: true });
  });

  it('signs a caseworker in, with the client secret from the environment', async () => {
    server = await startServerProcess(['--memory', '--programs', CASEWORK, '--oidc', file], { CIVICFLOW_OIDC_CLIENT_SECRET: CIVICFLOW_CLIENT.secret });
    const at = server.url;
    const browser = createTestBrowser(PUBLIC, { fetch: (req) => fetch(new Request(req.url.replace(PUBLIC, at), { method: req.method, headers: req.headers, redirect: 'manual' })) });
    const { visited } = await browser.navigate(`${PUBLIC}/auth/login?returnTo=/caseworker/`);
    expect(visited[1]!.startsWith(provider.issuer)).toBe(true);
    expect(visited.at(-1)).toBe(`${PUBLIC}/caseworker/`);
    const list = await browser.send(`${PUBLIC}/v1/programs/casework/cases`);
    expect(list.status, await list.clone().text()).toBe(200);
    const out = await browser.send(`${PUBLIC}/auth/logout`, { method: 'POST', headers: { origin: PUBLIC } });
    expect(out.status).toBe(303);
    expect((await browser.send(`${PUBLIC}/auth/session`)).status).toBe(401);
  }, TIMEOUT);

  it('refuses demo tokens beside a provider, and stops when the provider cannot be reached', async () => {
    const tokens = path.join(work, 'tokens.json');
    writeFileSync(tokens, JSON.stringify({ tokens: [{ token: 'process-test-coach-token', actor: 'coach-p', roles: ['casework:coach'] }] }));
    const both = await runServerCommand(['serve', '--memory', '--programs', CASEWORK, '--oidc', file, '--tokens', tokens, '--port', '0']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--tokens .* and --oidc .* do not go together/);
    const away = path.join(work, 'away.json');
    writeFileSync(away, JSON.stringify({ issuer: 'http://127.0.0.1:9', clientId: 'civicflow', redirectUri: `${PUBLIC}/auth/callback`, roles: [] }));
    const unreachable = await runServerCommand(['serve', '--memory', '--programs', CASEWORK, '--oidc', away, '--port', '0']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('[SIGN_IN_UNAVAILABLE]');
    const wrong = path.join(work, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ issuer: 'http://login.example.org', clientId: 'civicflow', redirectUri: `${PUBLIC}/auth/callback`, roles: [] }));
    const refused = await runServerCommand(['serve', '--memory', '--programs', CASEWORK, '--oidc', wrong, '--port', '0']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/wrong\.json: issuer: must be an https URL.*\[OIDC_CONFIG_INVALID\]/);
  }, TIMEOUT);
});
