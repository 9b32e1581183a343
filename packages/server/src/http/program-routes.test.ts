import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromValidatorsModule, validate, validateWith, type ValidatorsModule } from '@civicflow/core';
import { createTestApp, SETUP_TIMEOUT, type TestApp } from '../test-support/test-app.js';
import { exampleCases } from '@civicflow/test-support';
import { createMemoryStore } from '../test-support/stores.js';

describe('program routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ name: 'pglite', create: createMemoryStore, cleanup: async () => {} });
  }, SETUP_TIMEOUT);
  afterAll(() => t.close());

  it('lists every program with links to its versioned resources', async () => {
    const res = await t.request('/v1/programs');
    const body = await res.json();
    expect(body.items.map((p: { ref: string }) => p.ref)).toEqual(expect.arrayContaining(['casework@1.0.0', 'zweite-chance@' + t.programs[1]!.version]));
    expect(body.items[0].links.validators).toBe('/v1/programs/casework/versions/1.0.0/validators.js');
    expect(body.items[0].links.browser).toBe('/v1/programs/casework/versions/1.0.0/browser/validators.js');
  });

  it('serves the newest definition with its hash as ETag and revalidation', async () => {
    const program = t.programs[0]!;
    const res = await t.request('/v1/programs/casework');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${program.hash}"`);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect((await res.json()).definition).toEqual(program.definition);
  });

  it('serves a version as immutable and answers 304 to its ETag', async () => {
    const program = t.programs[0]!;
    const res = await t.request('/v1/programs/casework/versions/1.0.0');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const again = await t.request('/v1/programs/casework/versions/1.0.0', { headers: { 'if-none-match': `"${program.hash}"` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await t.request('/v1/programs/casework/versions/1.0.0', { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });

  it('answers 404 with a JSON body for an unknown program or version', async () => {
    for (const path of ['/v1/programs/nope', '/v1/programs/casework/versions/9.9.9', '/v1/programs/casework/versions/9.9.9/validators.js']) {
      const res = await t.request(path, { locale: 'en' });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'NOT_FOUND', message: 'Not found.' });
    }
  });

  it('serves precompiled validators that judge data exactly as the server does', async () => {
    const res = await t.request('/v1/programs/zweite-chance/validators.js');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('etag')).toBe(`"${t.programs[1]!.hash}"`);
    const source = await res.text();
    expect(source).not.toMatch(/\bimport\b.*\bfrom\b/);
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)) as ValidatorsModule;
    const compiled = fromValidatorsModule(mod);
    const cases = exampleCases('zweite-chance');
    expect(cases.length).toBeGreaterThan(5);
    for (const c of cases) {
      expect(validateWith(compiled, c.form, c.data, { locale: c.locale }), c.file).toEqual(validate(t.programs[1]!, c.form, c.data, { locale: c.locale }));
    }
  });

  describe('browser files', () => {
    const zc = () => t.programs[1]!;
    const versioned = () => `/v1/programs/zweite-chance/versions/${zc().version}/browser`;
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'cf-browser-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    /** Imports a module's source as a file, as a browser imports it from a URL. */
    async function importModule(source: string, name: string): Promise<ValidatorsModule> {
      const file = path.join(dir, `${name}.mjs`);
      await writeFile(file, source);
      return (await import(pathToFileURL(file).href)) as ValidatorsModule;
    }

    it('serves compact validators that fetch the words of one locale from the versioned URL and judge as the server does', async () => {
      const res = await t.request('/v1/programs/zweite-chance/browser/validators.js?forms=intake');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, no-cache');
      const source = await res.text();
      expect(source).not.toMatch(/\bimport\b.*\bfrom\b/);
      const mod = await importModule(source, 'latest-intake');
      expect(mod.definition).toBeUndefined();
      expect(Object.keys(mod.validators)).toEqual(['intake']);
      expect(mod.locales).toEqual(zc().locales);
      for (const locale of zc().locales) {
        const url = new URL(mod.definitionUrls![locale]!);
        expect(url.pathname + url.search).toBe(`${versioned()}/definition.${locale}.json?forms=intake`);
      }
      // The versioned URL serves the same module, kept forever.
      const same = await t.request(`${versioned()}/validators.js?forms=intake`);
      expect(same.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await same.text()).toBe(source);

      const url = new URL(mod.definitionUrls!['de']!);
      const docRes = await t.request(url.pathname + url.search);
      expect(docRes.status).toBe(200);
      expect(docRes.headers.get('content-type')).toMatch(/^application\/json/);
      const doc = await docRes.json();
      expect(doc.hash).toBe(zc().hash);
      expect(Object.keys(doc.definition.forms)).toEqual(['intake']);
      expect(doc.definition.locales).toEqual(['de']);
      const compiled = fromValidatorsModule(mod, { definition: doc });
      const cases = exampleCases('zweite-chance').filter((c) => c.form === 'intake');
      expect(cases.filter((c) => c.expect.valid).length).toBeGreaterThan(0);
      for (const data of [{}, ...cases.map((c) => c.data)]) {
        const expected = validate(zc(), 'intake', data, { locale: 'de' });
        expect(validateWith(compiled, 'intake', data, { locale: 'de' })).toEqual(expected);
      }
      const valid = cases.find((c) => c.file === 'valid-minimal.json')!;
      expect(validateWith(compiled, 'intake', valid.data, { locale: 'de' }).valid).toBe(true);
      expect(validateWith(compiled, 'intake', {}, { locale: 'de' }).errors[0]?.message).toBe(validate(zc(), 'intake', {}, { locale: 'de' }).errors[0]?.message);
    });

    it('gives each forms and locale variant its own ETag and answers 304 to it', async () => {
      const module = await t.request(`${versioned()}/validators.js?forms=intake`);
      const de = await t.request(`${versioned()}/definition.de.json?forms=intake`);
      const en = await t.request(`${versioned()}/definition.en.json?forms=intake`);
      const all = await t.request(`${versioned()}/definition.de.json`);
      const tags = [module, de, en, all, await t.request(`${versioned()}/validators.js`)].map((r) => r.headers.get('etag'));
      expect(tags.every((e) => e?.startsWith(`"${zc().hash}`))).toBe(true);
      expect(new Set(tags).size).toBe(tags.length);
      expect(de.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await en.json()).definition.locales).toEqual(['en']);
      expect(Object.keys((await all.json()).definition.forms)).toEqual(Object.keys(zc().definition.forms));
      // A repeated form is the same variant.
      const repeated = await t.request(`${versioned()}/definition.de.json?forms=intake,intake`);
      expect(repeated.headers.get('etag')).toBe(de.headers.get('etag'));

      for (const [res, path] of [[module, 'validators.js'], [de, 'definition.de.json']] as const) {
        const again = await t.request(`${versioned()}/${path}?forms=intake`, { headers: { 'if-none-match': res.headers.get('etag')! } });
        expect(again.status).toBe(304);
        expect(await again.text()).toBe('');
        const other = await t.request(`${versioned()}/${path}?forms=intake`, { headers: { 'if-none-match': `"${zc().hash}"` } });
        expect(other.status).toBe(200);
      }
      const latest = await t.request('/v1/programs/zweite-chance/browser/definition.de.json?forms=intake', { headers: { 'if-none-match': de.headers.get('etag')! } });
      expect(latest.status).toBe(304);
      expect(latest.headers.get('cache-control')).toBe('public, no-cache');
    });

    it('refuses an unknown locale and an unknown form in the language of the request', async () => {
      const locale = await t.request(`${versioned()}/definition.fr.json?forms=intake`, { locale: 'en' });
      expect(locale.status).toBe(404);
      expect(await locale.json()).toMatchObject({ code: 'NOT_FOUND', message: 'Not found.', details: { locale: 'fr', locales: zc().locales } });
      // One form or all of them: any other list is refused (each variant is a build; their number stays bounded).
      for (const path of [`${versioned()}/validators.js?forms=intake,nope`, `${versioned()}/definition.de.json?forms=nope`, '/v1/programs/zweite-chance/browser/validators.js?forms=', `${versioned()}/validators.js?forms=intake,firstContact`]) {
        const res = await t.request(path, { locale: 'de' });
        expect(res.status, path).toBe(400);
        const body = await res.json();
        expect(body).toMatchObject({ code: 'PARAMETER_INVALID', message: 'Der Parameter „forms“ ist ungültig.', details: { parameter: 'forms' } });
        expect(body.details.forms).toContain('intake');
      }
      expect((await t.request('/v1/programs/zweite-chance/versions/9.9.9/browser/validators.js')).status).toBe(404);
    });
  });

  it('describes in OpenAPI 3.1 exactly the routes it answers', async () => {
    const doc = await (await t.request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const described = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    // A page's files share one route (`…/browser/:file`): the validators and the definition in each locale.
    const served = t.app.routes
      .filter((r) => r.method !== 'ALL')
      .flatMap((r) => (r.path.endsWith('/browser/:file') ? ['validators.js', 'definition.:locale.json'].map((f) => r.path.replace(':file', f)) : [r.path]).map((p) => `${r.method} ${p}`));
    expect(new Set(served)).toEqual(new Set(described));
  });

  // Issue 22, deliverable 6: every answer, on every route, whatever its status: never framed, no Referer, no sniffing.
  it('sets security headers on every answer of every route', async () => {
    const values: Record<string, string> = { programId: 'casework', version: '1.0.0', caseId: '00000000-0000-0000-0000-000000000000', locale: 'de.json', file: 'definition.de.json' };
    const routes = t.app.routes.filter((r) => r.method !== 'ALL').map((r) => [r.method, r.path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => values[name] ?? name)]);
    expect(routes.length).toBeGreaterThan(10);
    for (const [method, path] of [...routes, ['GET', '/nowhere'], ['POST', '/v1/programs/casework/submissions']]) {
      const res = await t.request(path!, { method, ...(method === 'POST' ? { body: '{', headers: { 'content-type': 'application/json' } } : {}) });
      const what = `${method} ${path} ${res.status}`;
      expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(res.headers.get('content-security-policy'), what).toContain("default-src 'none'");
      expect(res.headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'");
      expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), what).toBe('DENY');
      expect(res.headers.get('strict-transport-security'), what).toContain('max-age=');
      expect(res.headers.get('x-powered-by'), what).toBeNull();
    }
  });

  it('answers CORS preflights for the headers the widget sends', async () => {
    const res = await t.request('/v1/programs/casework/submissions', {
      method: 'OPTIONS',
      headers: { origin: 'https://stadt.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, idempotency-key' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
  });
});
