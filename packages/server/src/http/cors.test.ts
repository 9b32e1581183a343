// The headers a browser on another origin needs, on every kind of answer: a preflight, a read, a stored submission,
// a refusal. Both with the default (any origin) and with a list of origins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../test-support/stores.js';
import { createTestApp, SETUP_TIMEOUT, TOKENS, type TestApp } from '../test-support/test-app.js';

const EXPOSED = 'ETag,Location,Retry-After,Idempotent-Replayed,X-Request-Id';
const FIRST_CONTACT = { firstContact: { date: '2025-03-01', channel: 'outreach', place: 'Bahnhof Offenbach', alias: 'Jo' } };
const memory = { name: 'pglite' as const, create: createMemoryStore, cleanup: async () => {} };

/** The answers a page on `origin` gets: a read, a submission, a refusal and one for a path that does not exist. */
async function answers(t: TestApp, origin: string | undefined): Promise<Response[]> {
  const headers: Record<string, string> = origin ? { origin } : {};
  return [
    await t.request('/v1/programs/zweite-chance', { headers }),
    await t.request('/v1/programs/zweite-chance/submissions?form=firstContact', { json: FIRST_CONTACT, token: TOKENS.zcCoach, headers }),
    await t.request('/v1/programs/zweite-chance/submissions?form=firstContact', { json: { firstContact: {} }, token: TOKENS.zcCoach, headers }),
    await t.request('/v1/no-such-thing', { headers }),
  ];
}

describe('CORS with the default, any origin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(memory);
  }, SETUP_TIMEOUT);
  afterAll(() => t.close());

  it('lets any page read every answer, with the headers it may see, and keeps the answer’s own headers', async () => {
    const [read, stored, refused, missing] = await answers(t, 'https://beratung.example.org');
    expect([read!.status, stored!.status, refused!.status, missing!.status]).toEqual([200, 201, 422, 404]);
    for (const res of [read!, stored!, refused!, missing!]) {
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-expose-headers')).toBe(EXPOSED);
      expect(res.headers.get('vary')).toBeNull();
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
    expect(stored!.headers.get('location')).toMatch(/^\/v1\/cases\//);
    expect(stored!.headers.get('cache-control')).toBe('no-store');
    expect((await stored!.json()).reference).toEqual(expect.any(String));
  });

  it('answers a preflight with the methods, the headers a request may send and how long to keep that', async () => {
    const res = await t.request('/v1/programs/zweite-chance/submissions', {
      method: 'OPTIONS',
      headers: { origin: 'https://beratung.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, idempotency-key' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type,Idempotency-Key,If-Match,If-None-Match,Accept-Language');
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });
});

describe('CORS with a list of origins', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(memory, { corsOrigins: ['https://beratung.example.org', 'https://amt.example.org'] });
  }, SETUP_TIMEOUT);
  afterAll(() => t.close());

  it('names an origin of the list back, and says the answer varies by origin', async () => {
    for (const res of await answers(t, 'https://amt.example.org')) {
      expect(res.headers.get('access-control-allow-origin')).toBe('https://amt.example.org');
      expect(res.headers.get('access-control-expose-headers')).toBe(EXPOSED);
      expect(res.headers.get('vary')).toBe('Origin');
    }
  });

  it('allows no other origin, and none for a request without one', async () => {
    for (const origin of ['https://elsewhere.example.com', undefined]) {
      for (const res of await answers(t, origin)) {
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
        expect(res.headers.get('vary')).toBe('Origin');
      }
    }
  });

  it('answers a preflight from an origin of the list only', async () => {
    const preflight = (origin: string) =>
      t.request('/v1/programs/zweite-chance/submissions', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect((await preflight('https://beratung.example.org')).headers.get('access-control-allow-origin')).toBe('https://beratung.example.org');
    expect((await preflight('https://elsewhere.example.com')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
