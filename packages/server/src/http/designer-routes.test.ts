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

  it('answers the page to designers of the program only, with the designer\'s policy on its page alone', async () => {
    expect((await t.request('/designer/casework')).status).toBe(401);
    const coach = await t.request('/designer/casework', { token: TOKENS.coach });
    expect(coach.status).toBe(403);
    expect(await coach.json()).toMatchObject({ code: 'FORBIDDEN', details: { role: 'casework:design' } });
    expect((await t.request('/designer/nowhere', { token: DESIGNER })).status).toBe(403);

    const page = await t.request('/designer/casework', { token: DESIGNER, locale: 'de' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="de">');
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
