import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromValidatorsModule, validate, validateWith, type ValidatorsModule } from '@civicflow/core';
import { createTestApp, SETUP_TIMEOUT, type TestApp } from './test-support/test-app.js';
import { exampleCases } from './test-support/fixtures.js';
import { createMemoryStore } from './test-support/stores.js';

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

  it('describes in OpenAPI 3.1 exactly the routes it answers', async () => {
    const doc = await (await t.request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const described = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const served = t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    expect(new Set(served)).toEqual(new Set(described));
  });

  it('sets security headers on every answer', async () => {
    for (const path of ['/v1/programs', '/nowhere']) {
      const res = await t.request(path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
      expect(res.headers.get('x-powered-by')).toBeNull();
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
