// Sign-in with OpenID Connect against a real provider (oidc-provider, started here), on every store: the
// authorization code flow with PKCE driven as a browser would, the session cookie on the case routes, sign-out,
// refused cookies and callbacks, and access tokens of an API client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { describeEachStore } from '../test-support/stores.js';
import { createTestApp, SETUP_TIMEOUT, type TestApp } from '../test-support/test-app.js';
import { caseworkIntake } from '../test-support/fixtures.js';
import { API_AUDIENCE, CIVICFLOW_CLIENT, createTestBrowser, SERVICE_CLIENT, startTestProvider, type TestProvider } from '../test-support/oidc-test-provider.js';
import { Hono } from 'hono';
import type { AppEnv } from '../http/http-context.js';
import type { OidcConfig } from './oidc-config.js';
import { createOidcSignIn, safeReturnTo } from './oidc-sign-in.js';

const APP = 'http://127.0.0.1:9';
const accounts = {
  anna: { name: 'Anna Becker', groups: ['casework-coaches', 'staff'] },
  bob: { name: 'Bob Brandt', groups: ['staff'] },
};

function configFor(issuer: string, extra: Partial<OidcConfig> = {}): OidcConfig {
  return {
    issuer,
    clientId: CIVICFLOW_CLIENT.id,
    clientSecret: CIVICFLOW_CLIENT.secret,
    redirectUri: `${APP}/auth/callback`,
    scopes: ['openid', 'profile', 'groups'],
    roles: [{ claim: 'groups', value: 'casework-coaches', roles: ['casework:coach'] }],
    audience: API_AUDIENCE,
    ...extra,
  };
}

async function serviceToken(issuer: string): Promise<string> {
  const config = await client.discovery(new URL(issuer), SERVICE_CLIENT.id, undefined, client.ClientSecretBasic(SERVICE_CLIENT.secret), { execute: [client.allowInsecureRequests] });
  return (await client.clientCredentialsGrant(config, { resource: API_AUDIENCE })).access_token;
}

describeEachStore('sign-in with OpenID Connect (issue 18)', (kind) => {
  let provider: TestProvider;
  let other: TestProvider;
  let t: TestApp;
  let caseId: string;

  beforeAll(async () => {
    const common = { accounts, redirectUri: `${APP}/auth/callback`, postLogoutRedirectUri: `${APP}/`, serviceGroups: ['casework-coaches'] };
    provider = await startTestProvider(common);
    other = await startTestProvider(common);
    t = await createTestApp(kind, { oidc: configFor(provider.issuer) });
    // Tokens are checked against the real time, so the app's clock is it too.
    t.clock.now = new Date();
    const res = await t.request('/v1/programs/casework/submissions', { json: caseworkIntake('Jana Kowalski') });
    expect(res.status).toBe(201);
    caseId = ((await res.json()) as { caseId: string }).caseId;
    // Two providers and a store: more than one store's set-up on a busy machine.
  }, 2 * SETUP_TIMEOUT);
  afterAll(async () => {
    await t?.close();
    await provider?.close();
    await other?.close();
    await kind.cleanup();
  });

  /** Signs `user` in through the provider; returns the browser, holding the session cookie, and the URLs it passed. */
  async function signIn(user: string, returnTo = '/caseworker/?lang=en') {
    provider.user = user;
    const browser = createTestBrowser(APP, t.app);
    const { response, visited } = await browser.navigate(`${APP}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
    return { browser, response, visited, session: browser.cookie(APP, 'cf-session') };
  }

  it('signs a caseworker in with the authorization code flow and PKCE, and maps their groups to roles', async () => {
    const { browser, visited, session } = await signIn('anna');
    const authorize = new URL(visited[1]!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(authorize.searchParams.get('scope')).toBe('openid profile groups');
    expect(visited.some((u) => u.startsWith(`${APP}/auth/callback?code=`))).toBe(true);
    expect(visited.at(-1)).toBe(`${APP}/caseworker/?lang=en`);
    expect(session).toMatch(/^[\w-]{43}$/);
    const who = await browser.send(`${APP}/auth/session`);
    expect(who.status).toBe(200);
    expect(await who.json()).toMatchObject({ actor: 'anna', name: 'Anna Becker', roles: ['casework:coach'] });
    const list = await browser.send(`${APP}/v1/programs/casework/cases`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toContain(caseId);
  });

  it('answers 403 to a signed-in person whose claims map to no role in the program', async () => {
    const { browser, session } = await signIn('bob');
    expect(session).toBeDefined();
    expect(await (await browser.send(`${APP}/auth/session`)).json()).toMatchObject({ actor: 'bob', roles: [] });
    const list = await browser.send(`${APP}/v1/programs/casework/cases`, { headers: { 'accept-language': 'de' } });
    expect(list.status).toBe(403);
    expect(await list.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('takes steps sent with the session cookie from its own pages, and refuses them from any other origin', async () => {
    const { browser } = await signIn('anna');
    const step = (headers: Record<string, string>) =>
      browser.send(`${APP}/v1/cases/${caseId}/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'if-match': '"1"', ...headers }, body: JSON.stringify({ type: 'ACCEPT', data: { goal: 'job' } }) });
    const senders: Record<string, string>[] = [{ origin: 'https://evil.example' }, {}, { referer: 'https://evil.example/page' }, { origin: 'null' }];
    for (const headers of senders) {
      const refused = await step({ ...headers, 'accept-language': 'de' });
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      const body = (await refused.json()) as { code: string; message: string };
      expect(body.code).toBe('ORIGIN_REFUSED');
      expect(body.message).toMatch(/anderen Website/);
    }
    expect((await t.store.getCase(caseId))!.version).toBe(1);
    const taken = await step({ origin: APP });
    expect(taken.status, await taken.clone().text()).toBe(200);
    const stored = (await t.store.getCase(caseId))!;
    expect(stored.state).toBe('coaching');
    expect(stored.history.at(-1)!.actor).toBe('anna');
  });

  it('refuses a tampered or unknown session cookie', async () => {
    const { session } = await signIn('anna');
    const tampered = session!.slice(0, -1) + (session!.endsWith('A') ? 'B' : 'A');
    for (const value of [tampered, 'x'.repeat(43), `${session}x`, '']) {
      const res = await t.app.request(`${APP}/v1/programs/casework/cases`, { headers: { cookie: `cf-session=${value}` } });
      expect(res.status, value).toBe(401);
      expect((await t.app.request(`${APP}/auth/session`, { headers: { cookie: `cf-session=${value}` } })).status).toBe(401);
    }
  });

  it('ends the session on sign-out, in the store and at the provider', async () => {
    const { browser, session } = await signIn('anna');
    const out = await browser.send(`${APP}/auth/logout`, { method: 'POST', headers: { origin: APP } });
    expect(out.status).toBe(303);
    const end = new URL(out.headers.get('location')!);
    expect(end.origin).toBe(provider.issuer);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${APP}/`);
    expect(end.searchParams.get('id_token_hint')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(browser.cookie(APP, 'cf-session')).toBeUndefined();
    // The cookie, kept by someone who copied it, opens nothing any more.
    const replay = await t.app.request(`${APP}/v1/programs/casework/cases`, { headers: { cookie: `cf-session=${session}` } });
    expect(replay.status).toBe(401);
    // The provider asks to confirm and then sends the person back to civicflow.
    const confirm = await browser.send(end.href);
    expect(confirm.status).toBe(200);
    const form = await confirm.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1];
    const action = /action="([^"]+)"/.exec(form)?.[1];
    expect(xsrf && action).toBeTruthy();
    const { visited } = await browser.navigate(new URL(action!, provider.issuer).href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString() });
    expect(visited.at(-1)).toBe(`${APP}/`);
  });

  it('ends a session after its hours', async () => {
    const { browser } = await signIn('anna');
    expect((await browser.send(`${APP}/auth/session`)).status).toBe(200);
    const before = t.clock.now;
    t.clock.now = new Date(before.getTime() + 8 * 3_600_000 + 1_000);
    try {
      expect((await browser.send(`${APP}/auth/session`)).status).toBe(401);
    } finally {
      t.clock.now = before;
    }
  });

  it('refuses a callback whose state was changed, and one without a sign-in in progress', async () => {
    provider.user = 'anna';
    const browser = createTestBrowser(APP, t.app);
    let response = await browser.send(`${APP}/auth/login`);
    let at = `${APP}/auth/login`;
    while (!response.headers.get('location')!.startsWith(`${APP}/auth/callback`)) {
      at = new URL(response.headers.get('location')!, at).href;
      response = await browser.send(at);
    }
    const callback = new URL(response.headers.get('location')!);
    callback.searchParams.set('state', 'changed-by-someone-else-0000000000');
    const refused = await browser.send(callback.href, { headers: { 'accept-language': 'en' } });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain('Signing in did not work');
    expect(page).toContain('href="/auth/login"');
    expect(page).not.toMatch(/SIGN_IN_FAILED|state/);
    expect(browser.cookie(APP, 'cf-session')).toBeUndefined();
    // The sign-in's cookie is gone with that: the right state alone does not help now.
    const again = await browser.send(response.headers.get('location')!, { headers: { 'accept-language': 'de' } });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('Die Anmeldung hat nicht geklappt');
    expect(t.logs.some((l) => l.includes('"code":"SIGN_IN_FAILED"'))).toBe(true);
  });

  it('returns only to paths of its own origin after signing in', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const { visited } = await signIn('anna', returnTo);
      expect(visited.at(-1), returnTo).toBe(`${APP}/`);
    }
    expect(safeReturnTo('/reports/casework?lang=en#top', APP)).toBe('/reports/casework?lang=en#top');
    expect(safeReturnTo('/\t/evil.example', APP)).toBe('/');
    expect(safeReturnTo('/ok\r\nSet-Cookie: x=1', APP)).toBe('/');
  });

  it("takes an API client's access token from the provider, and refuses one from another issuer", async () => {
    const token = await serviceToken(provider.issuer);
    const ok = await t.request('/v1/programs/casework/cases', { token });
    expect(ok.status, await ok.clone().text()).toBe(200);
    const foreign = await serviceToken(other.issuer);
    expect((await t.request('/v1/programs/casework/cases', { token: foreign })).status).toBe(401);
    const [head, body, sig] = token.split('.');
    const changed = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...changed, groups: ['casework-coaches', 'more'] })).toString('base64url')}.${sig}`;
    expect((await t.request('/v1/programs/casework/cases', { token: forged })).status).toBe(401);
  });

  it('sets the cookies with the __Host- prefix and Secure behind https', async () => {
    const store = t.store;
    const signIn = await createOidcSignIn({ config: configFor(provider.issuer, { redirectUri: 'https://civicflow.example/auth/callback' }), sessions: store.sessions, flowSecret: 'flow-secret' });
    expect(signIn.cookieName).toBe('__Host-cf-session');
    const app = new Hono<AppEnv>();
    signIn.register(app);
    const res = await app.request('https://civicflow.example/auth/login');
    expect(res.status).toBe(302);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-cf-signin=[\w-]+\.[\w-]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
  });
});

describe('createOidcSignIn without a provider', () => {
  it('stops with SIGN_IN_UNAVAILABLE when the issuer cannot be reached', async () => {
    const sessions = { create: async () => {}, get: async () => undefined, remove: async () => undefined };
    await expect(createOidcSignIn({ config: configFor('http://127.0.0.1:9'), sessions, flowSecret: 'x', timeoutMs: 2000 })).rejects.toMatchObject({ code: 'SIGN_IN_UNAVAILABLE' });
  });
});
