import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createMemoryStore } from '../test-support/stores.js';
import { SETUP_TIMEOUT, TOKENS } from '../test-support/test-app.js';
import { loadCasework } from '../test-support/fixtures.js';
import { createTokenAuthenticator } from '../auth/token-authenticator.js';
import { createProgramRegistry } from '../programs/program-registry.js';
import { silentLogger } from '../logger.js';
import type { CaseStore } from '../store/case-store.js';
import type { AppEnv } from './http-context.js';
import { createApp } from './create-app.js';
import { CIVICFLOW_CLIENT, createTestBrowser, startTestProvider, type TestProvider } from '../test-support/oidc-test-provider.js';

const DESIGNER = 'test-token-designer-page-0000000';
const bundle = path.join(mkdtempSync(path.join(tmpdir(), 'cf-designer-')), 'bundle.js');
writeFileSync(bundle, 'customElements.define("x-test", class extends HTMLElement {});\n');

describe('the designer served at /designer/{programId}', () => {
  let store: CaseStore;
  let app: Hono<AppEnv>;
  beforeAll(async () => {
    store = await createMemoryStore();
    app = await createApp({
      store,
      programs: createProgramRegistry([loadCasework()]),
      designerBundle: bundle,
      authenticate: createTokenAuthenticator([
        { token: DESIGNER, actor: 'designer-1', roles: ['casework:design'] },
        { token: TOKENS.coach, actor: 'coach-1', roles: ['casework:coach'] },
      ]),
      rateLimit: false,
      logger: silentLogger,
    });
  }, SETUP_TIMEOUT);
  afterAll(() => store.close());
  const t = {
    request: (url: string, init: { token?: string; locale?: string } = {}) =>
      Promise.resolve(
        app.request(url, { headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.locale ? { 'accept-language': init.locale } : {}) } }),
      ),
  };

  it('leaves the widget its files: a definition per language answers beside the designer\'s routes', async () => {
    const answer = await t.request('/v1/programs/casework/browser/definition.de.json');
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { definition: { id: string } }).definition.id).toBe('casework');
    expect((await t.request('/v1/programs/casework/browser/definition.xx.json')).status).toBe(404);
  });

  it('answers the page to designers of the program only, with the designer\'s policy on its page alone', async () => {
    // A person, not a program, opens this address: the refusals are pages in their language, without codes.
    const away = await t.request('/designer/casework', { locale: 'de' });
    expect(away.status).toBe(401);
    expect(away.headers.get('content-type')).toMatch(/^text\/html/);
    const awayPage = await away.text();
    expect(awayPage).toContain('<html lang="de">');
    expect(awayPage).toContain('<h1>Anmeldung nötig</h1>');
    expect(awayPage).toContain('melden Sie sich bitte an');
    const awayEn = await (await t.request('/designer/casework', { locale: 'en' })).text();
    expect(awayEn).toContain('<h1>Sign-in needed</h1>');
    const coach = await t.request('/designer/casework', { token: TOKENS.coach, locale: 'de' });
    expect(coach.status).toBe(403);
    const coachPage = await coach.text();
    expect(coachPage).toContain('<h1>Kein Zugang zum Designer</h1>');
    expect(coachPage).toContain('dürfen „Fallarbeit (Test)“ aber nicht gestalten');
    expect(await (await t.request('/designer/casework', { token: TOKENS.coach, locale: 'en' })).text()).toContain('you may not design “Casework (test)”');
    for (const html of [awayPage, awayEn, coachPage]) expect(html).not.toMatch(/FORBIDDEN|UNAUTHENTICATED|casework:|"code"/);
    expect((await t.request('/designer/nowhere', { token: DESIGNER })).status).toBe(403);

    const page = await t.request('/designer/casework', { token: DESIGNER, locale: 'de' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<h1>Programm gestalten: Fallarbeit (Test)</h1>');
    expect(html).toContain('<cf-draft-panel program="casework" for="designer" locale="de">');
    expect(html).toContain('<cf-program-designer id="designer" locale="de">');
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("script-src 'self' 'unsafe-eval'");
    expect(policy).toContain("frame-ancestors 'none'");

    const code = await t.request('/designer/cf-program-designer.js');
    expect(code.status).toBe(200);
    expect(code.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await code.text()).toContain('x-test');

    // Every other answer keeps the API's policy: nothing is evaluated, nothing loaded.
    const api = await t.request('/v1/programs');
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe('the designer behind OpenID Connect sign-in', () => {
  const APP = 'http://127.0.0.1:9';
  let store: CaseStore;
  let app: Hono<AppEnv>;
  let provider: TestProvider;
  beforeAll(async () => {
    provider = await startTestProvider({ accounts: { dora: { name: 'Dora Design', groups: ['designers'] } }, redirectUri: `${APP}/auth/callback`, postLogoutRedirectUri: `${APP}/` });
    store = await createMemoryStore();
    app = await createApp({
      store,
      programs: createProgramRegistry([loadCasework()]),
      designerBundle: bundle,
      oidc: {
        issuer: provider.issuer,
        clientId: CIVICFLOW_CLIENT.id,
        clientSecret: CIVICFLOW_CLIENT.secret,
        redirectUri: `${APP}/auth/callback`,
        scopes: ['openid', 'profile', 'groups'],
        roles: [{ claim: 'groups', value: 'designers', roles: ['casework:design'] }],
      },
      rateLimit: false,
      logger: silentLogger,
    });
  }, 2 * SETUP_TIMEOUT);
  afterAll(async () => {
    await store?.close();
    await provider?.close();
  });

  it('sends a person who is not signed in to the sign-in, and back to the designer afterwards', async () => {
    const away = await app.request('/designer/casework?lang=de');
    expect(away.status).toBe(302);
    expect(away.headers.get('location')).toBe('/auth/login?returnTo=%2Fdesigner%2Fcasework%3Flang%3Dde');
    provider.user = 'dora';
    const browser = createTestBrowser(APP, app);
    const { response, visited } = await browser.navigate(`${APP}/designer/casework`);
    expect(visited[1]).toBe(`${APP}/auth/login?returnTo=%2Fdesigner%2Fcasework`);
    expect(visited[2]!.startsWith(provider.issuer)).toBe(true);
    expect(visited.at(-1)).toBe(`${APP}/designer/casework`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<cf-program-designer id="designer"');
  }, SETUP_TIMEOUT);
});
