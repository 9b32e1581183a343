import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMemoryStore, describeEachStore } from '../test-support/stores.js';
import { createTestApp, SETUP_TIMEOUT, TOKENS, type TestApp } from '../test-support/test-app.js';
import { caseworkIntake } from '../test-support/fixtures.js';
import { startServer, type RunningServer } from '../start-server.js';

const ERROR_KEYS = new Set(['code', 'message', 'details', 'errors', 'refusal', 'version', 'requestId']);

describeEachStore('bad input', (kind) => {
  let t: TestApp;
  let server: RunningServer;
  beforeAll(async () => {
    t = await createTestApp(kind);
    server = await startServer(t.app);
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await server.close();
    await t.close();
    await kind.cleanup();
  });

  const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers }, duplex: 'half' } as RequestInit);

  async function snapshot() {
    const cases = await t.store.listCases({ programId: 'casework', limit: 500 });
    return JSON.stringify(cases.items.map((c) => [c.id, c.version]));
  }

  async function expectError(res: Response, status: number, code: string) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body.code).toBe(code);
    expect(typeof body.message).toBe('string');
    expect(body.message.length).toBeGreaterThan(5);
    for (const key of Object.keys(body)) expect(ERROR_KEYS.has(key), key).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/\n\s+at |\.ts:\d|\.js:\d/);
    return body;
  }

  const submissions = '/v1/programs/casework/submissions';

  it('refuses every kind of bad body with a 4xx, a clear message and no change to the store', async () => {
    const before = await snapshot();
    await expectError(await post(submissions, '{"name": "A",'), 400, 'BODY_INVALID');
    await expectError(await post(submissions, ''), 400, 'BODY_INVALID');
    await expectError(await post(submissions, 'name=A', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'CONTENT_TYPE_UNSUPPORTED');
    await expectError(await post(submissions, JSON.stringify(caseworkIntake()), { 'content-type': 'text/plain' }), 415, 'CONTENT_TYPE_UNSUPPORTED');
    await expectError(await post(submissions, new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])), 400, 'BODY_INVALID');
    const deep = await expectError(await post(submissions, '['.repeat(100_000) + ']'.repeat(100_000)), 400, 'BODY_TOO_DEEP');
    expect(deep.details).toEqual({ limit: 40 });
    await expectError(await post(submissions, '{"__proto__": {"polluted": true}, "name": "Al", "housing": "flat"}'), 400, 'BODY_FORBIDDEN_KEY');
    await expectError(await post(submissions, '{"name": "Al", "housing": "flat", "x": [{"constructor": {"prototype": {}}}]}'), 400, 'BODY_FORBIDDEN_KEY');
    // Issue 22, break 2: a key that shadows what every object inherits made validation throw (500).
    await expectError(await post(submissions, '{"name": "Al", "housing": "flat", "needs": [{"a": 1}, {"toString": 1}]}'), 400, 'BODY_FORBIDDEN_KEY');
    await expectError(await post(submissions, '[]'), 422, 'SUBMISSION_INVALID');
    await expectError(await post(submissions, 'null'), 422, 'SUBMISSION_INVALID');
    const long = await expectError(await post(submissions, JSON.stringify({ ...caseworkIntake(), name: 'x'.repeat(200_000) })), 422, 'SUBMISSION_INVALID');
    // core's input guard (tooLong) or the schema's own bound (maxLength), whichever core checks first
    expect(long.errors[0].pointer).toBe('/name');
    expect(['tooLong', 'maxLength']).toContain(long.errors[0].code);
    await expectError(await post(submissions, JSON.stringify(caseworkIntake()), { 'idempotency-key': 'short' }), 400, 'IDEMPOTENCY_KEY_INVALID');
    await expectError(await post(submissions, JSON.stringify(caseworkIntake()), { 'idempotency-key': 'has spaces in it' }), 400, 'IDEMPOTENCY_KEY_INVALID');
    await expectError(await post(`${submissions}?form=nope`, JSON.stringify({ goal: 'job' })), 400, 'PARAMETER_INVALID');
    await expectError(await post(`${submissions}?form=__proto__`, JSON.stringify({})), 400, 'PARAMETER_INVALID');
    await expectError(await post('/v1/programs/__proto__/submissions', JSON.stringify({})), 404, 'NOT_FOUND');
    await expectError(await post('/v1/programs/casework/versions/0.0.0/submissions', JSON.stringify(caseworkIntake())), 404, 'NOT_FOUND');
    expect(await snapshot()).toBe(before);
  });

  it('refuses a body over the size limit, whether it says its length or not', async () => {
    const before = await snapshot();
    const big = JSON.stringify({ ...caseworkIntake(), padding: 'x'.repeat(1_100_000) });
    const declared = await expectError(await post(submissions, big), 413, 'BODY_TOO_LARGE');
    expect(declared.message).toBe(`The request body is larger than ${1024 * 1024} bytes.`);
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ === 0) controller.enqueue(new TextEncoder().encode('{"padding":"'));
        else if (sent < 200) controller.enqueue(chunk);
        else controller.close();
      },
    });
    await expectError(await post(submissions, endless), 413, 'BODY_TOO_LARGE');
    expect(sent).toBeLessThan(200);
    expect(await snapshot()).toBe(before);
  });

  it('refuses bad events and bad parameters without changing the case', async () => {
    const { caseId } = await (await post(submissions, JSON.stringify(caseworkIntake()))).json();
    const before = await snapshot();
    const event = (body: string, headers: Record<string, string> = {}) =>
      post(`/v1/cases/${caseId}/events`, body, { authorization: `Bearer ${TOKENS.coach}`, 'if-match': '1', ...headers });
    await expectError(await event('{"type": "ACCEPT", "data": {"goal": "job"}, "extra": 1}'), 400, 'BODY_INVALID');
    await expectError(await event('{"type": 42}'), 400, 'BODY_INVALID');
    await expectError(await event('{"type": "ACCEPT", "data": [1]}'), 400, 'BODY_INVALID');
    await expectError(await event('{"type": "ACCEPT", "data": {"__proto__": {}}}'), 400, 'BODY_FORBIDDEN_KEY');
    await expectError(await event('{"type": "ACCEPT", "data": {"goal": "job"}}', { 'if-match': 'W/"x"' }), 400, 'PARAMETER_INVALID');
    await expectError(await event('{"type": "ACCEPT", "data": {"goal": "job"}}', { authorization: 'Basic Zm9vOmJhcg==' }), 401, 'UNAUTHENTICATED');
    await expectError(await event('{"type": "ACCEPT", "data": {"goal": "chef"}}'), 422, 'EVENT_REFUSED');
    // A case id with NUL reached PostgreSQL, which refused it: a 500. A NUL anywhere in the URL is now refused
    // before any route runs (and the store finds no case for such an id: see case-store.test.ts).
    const coach = { headers: { authorization: `Bearer ${TOKENS.coach}`, 'accept-language': 'en' } };
    await expectError(await fetch(`${server.url}/v1/cases/${caseId}%00`, coach), 400, 'PARAMETER_INVALID');
    await expectError(await post(`/v1/cases/%00/events`, '{"type": "ACCEPT"}', { authorization: `Bearer ${TOKENS.coach}`, 'if-match': '1' }), 400, 'PARAMETER_INVALID');
    expect(await snapshot()).toBe(before);
  });

  // Issue 22, break 3: JSON carries NUL and lone surrogates, PostgreSQL keeps neither; such text gave a 500.
  it('refuses text PostgreSQL cannot store wherever a request brings it, with a 4xx and a localised message', async () => {
    const before = await snapshot();
    const textErrors = (body: { errors?: { code: string; pointer: string }[] }) => body.errors?.map((e) => `${e.pointer} ${e.code}`);
    for (const name of ['Al\u0000', 'Al\ud800', 'Al\udc00x', '\ud83d\ude00\ude00']) {
      const sent = await expectError(await post(submissions, JSON.stringify(caseworkIntake(name))), 422, 'SUBMISSION_INVALID');
      expect(textErrors(sent)).toEqual(['/name textNotStorable']);
      expect(sent.errors[0].message).toBe('A character in this text cannot be saved.');
      const german = await expectError(await post(submissions, JSON.stringify(caseworkIntake(name)), { 'accept-language': 'de' }), 422, 'SUBMISSION_INVALID');
      expect(german.errors[0]).toMatchObject({ pointer: '/name', code: 'textNotStorable', message: 'Ein Zeichen in diesem Text lässt sich nicht speichern.' });
      const checked = await post('/v1/programs/casework/validate', JSON.stringify(caseworkIntake(name)));
      expect(checked.status).toBe(200);
      expect(textErrors(await checked.json())).toEqual(['/name textNotStorable']);
    }
    await expectError(await post(submissions, JSON.stringify({ ...caseworkIntake(), 'x\u0000': 1 })), 422, 'SUBMISSION_INVALID');
    // In event data: Zweite Chance's first contact opens a case, its intake comes as an event.
    const zc = '/v1/programs/zweite-chance/submissions?form=firstContact';
    const coach = { authorization: `Bearer ${TOKENS.zcCoach}` };
    const alias = await expectError(await post(zc, JSON.stringify({ firstContact: { date: '2025-03-01', channel: 'outreach', alias: 'Jo\u0000' } }), coach), 422, 'SUBMISSION_INVALID');
    expect(textErrors(alias)).toEqual(['/firstContact/alias textNotStorable']);
    const opened = await post(zc, JSON.stringify({ firstContact: { date: '2025-03-01', channel: 'outreach', alias: 'Jo' } }), coach);
    expect(opened.status).toBe(201);
    const { caseId } = await opened.json();
    expect((await post(`/v1/cases/${caseId}/events`, '{"type": "START_INTAKE"}', { ...coach, 'if-match': '2' })).status).toBe(200);
    const stored = JSON.stringify(await t.store.getCase(caseId));
    const intake = { person: { givenName: 'Jo\ud800', familyName: 'B', birthDate: '1990-01-01' } };
    const refused = await expectError(await post(`/v1/cases/${caseId}/events`, JSON.stringify({ type: 'SUBMIT_INTAKE', data: intake }), { ...coach, 'if-match': '3' }), 422, 'EVENT_REFUSED');
    expect(refused.refusal.details.errors).toContainEqual(expect.objectContaining({ pointer: '/person/givenName', code: 'textNotStorable' }));
    expect(JSON.stringify(await t.store.getCase(caseId))).toBe(stored);
    // In the URL: a NUL in a path or query parameter would reach the database.
    const get = (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${TOKENS.coach}`, 'accept-language': 'en' } });
    await expectError(await get('/v1/cases/a%00b'), 400, 'PARAMETER_INVALID');
    await expectError(await get('/v1/programs/casework/cases?state=a%00'), 400, 'PARAMETER_INVALID');
    await expectError(await post('/v1/cases/a%00b/events', '{"type": "ACCEPT"}', { authorization: `Bearer ${TOKENS.coach}`, 'if-match': '1' }), 400, 'PARAMETER_INVALID');
    await expectError(await get('/v1/cases/a%ED%A0%80b'), 404, 'NOT_FOUND');
    expect(await snapshot()).toBe(before);
  });

  it('says it in German when asked', async () => {
    const res = await post(submissions, '{', { 'accept-language': 'de-CH, en;q=0.3' });
    expect((await res.json()).message).toMatch(/^Der Inhalt der Anfrage ist kein gültiges JSON/);
    const fallback = await post(submissions, '{', { 'accept-language': 'fr' });
    expect((await fallback.json()).message).toMatch(/^Der Inhalt/);
  });

  it('answers unknown routes and methods with a JSON 404', async () => {
    await expectError(await fetch(`${server.url}/v1/nothing`), 404, 'NOT_FOUND');
    await expectError(await fetch(`${server.url}/v1/programs`, { method: 'DELETE' }), 404, 'NOT_FOUND');
  });
});

it('answers a failing store with 500 INTERNAL: no stack trace in the body, no personal data in the log', async () => {
  const kind = { name: 'pglite' as const, create: createMemoryStore, cleanup: async () => {} };
  const t = await createTestApp(kind);
  await t.store.close();
  const res = await t.request('/v1/programs/casework/submissions', { json: caseworkIntake('Geheimer Name Zz9'), locale: 'en' });
  expect(res.status).toBe(500);
  const body = await res.json();
  expect(Object.keys(body).sort()).toEqual(['code', 'message', 'requestId']);
  expect(body).toMatchObject({ code: 'INTERNAL', message: 'Something went wrong on our side. Nothing was saved; please try again later.' });
  const log = t.logs.join('\n');
  expect(log).toContain('"msg":"unexpected error"');
  expect(log).toContain(body.requestId);
  expect(log).not.toContain('Zz9');
}, SETUP_TIMEOUT);

it('limits the rate per client and says when to come back', async () => {
  const kind = { name: 'pglite' as const, create: createMemoryStore, cleanup: async () => {} };
  const t = await createTestApp(kind, { rateLimit: { burst: 3, perSecond: 0.1 } });
  const server = await startServer(t.app);
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${server.url}/v1/programs`, { headers: { 'accept-language': 'en' } })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const res = await fetch(`${server.url}/v1/programs`, { headers: { 'accept-language': 'en' } });
    const wait = Number(res.headers.get('retry-after'));
    // One token comes back every ten seconds; some of that time has passed already.
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(10);
    expect(await res.json()).toMatchObject({ code: 'RATE_LIMITED', message: `Too many requests. Please wait ${wait} seconds and try again.` });
  } finally {
    await server.close();
    await t.close();
  }
}, SETUP_TIMEOUT);
