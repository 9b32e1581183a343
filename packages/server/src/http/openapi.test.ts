// The contract between the server and whoever reads its answers (the elements among them): every JSON answer the
// app gives is checked against the schema its OpenAPI document names for that path, method and status. The schemas
// come from schemas/api/answers.schema.json, which the elements' types are generated from too, and their objects are
// closed, so a field the server adds, drops or renames fails here before any client reads it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAjv, escapePointerToken as escapeToken } from '@civicflow/core';
import { exampleCases, repoRoot } from '@civicflow/test-support';
import { describeEachStore } from '../test-support/stores.js';
import { createTestApp, SETUP_TIMEOUT, TOKENS, type TestApp } from '../test-support/test-app.js';
import { caseworkIntake } from '../test-support/fixtures.js';

const DOCUMENT_ID = 'https://civicflow.dev/openapi.json';

interface Walk {
  actors: Record<string, { roles: string[] }>;
  steps: { at: string; as?: string; send?: string; data?: unknown }[];
}

describeEachStore('the answers match the OpenAPI document', (kind) => {
  let t: TestApp;
  const ajv = createAjv({ allErrors: true });
  beforeAll(async () => {
    t = await createTestApp(kind);
    const doc = await (await t.request('/openapi.json')).json();
    // The document's own fields are no JSON Schema: Ajv, strict about unknown keywords, is told to pass them by. The
    // schemas inside are reached by JSON Pointer and checked strictly.
    for (const field of Object.keys(doc)) ajv.addKeyword(field);
    ajv.addSchema({ ...doc, $id: DOCUMENT_ID });
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await t.close();
    await kind.cleanup();
  });

  /** The answer's JSON body, after checking it against the schema described for `template` (as in `paths`), `method` and its status. */
  async function answer<T = Record<string, unknown>>(res: Response, method: 'get' | 'post' | 'put', template: string, status?: number): Promise<T> {
    if (status !== undefined) expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    const pointer = ['paths', template, method, 'responses', String(res.status), 'content', 'application/json', 'schema'].map(escapeToken).join('/');
    const validate = ajv.compile({ $ref: `${DOCUMENT_ID}#/${pointer}` });
    const errors = validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword} ${JSON.stringify(e.params)}`);
    expect(errors, `${method.toUpperCase()} ${template} ${res.status}`).toEqual([]);
    return body as T;
  }

  const send = (caseId: string, body: unknown, version: number | undefined, token: string, locale = 'en') =>
    t.request(`/v1/cases/${caseId}/events`, { json: body, token, locale, headers: version === undefined ? {} : { 'if-match': `"${version}"` } });
  const EVENTS = '/v1/cases/{caseId}/events';

  it('tells the server’s time, by the server’s clock', async () => {
    const clock = await answer<{ now: string }>(await t.request('/v1/clock'), 'get', '/v1/clock', 200);
    expect(clock.now).toBe(t.clock.now.toISOString());
  });

  it('lists the programs and answers each example with its definition, in every locale', async () => {
    const list = await answer<{ items: { id: string; version: string; locales: string[] }[] }>(await t.request('/v1/programs'), 'get', '/v1/programs', 200);
    expect(list.items.length).toBe(t.programs.length);
    for (const p of list.items) {
      await answer(await t.request(`/v1/programs/${p.id}`), 'get', '/v1/programs/{programId}', 200);
      await answer(await t.request(`/v1/programs/${p.id}/versions/${p.version}`), 'get', '/v1/programs/{programId}/versions/{version}', 200);
      for (const locale of p.locales) {
        await answer(await t.request(`/v1/programs/${p.id}/versions/${p.version}/browser/definition.${locale}.json`), 'get', '/v1/programs/{programId}/versions/{version}/browser/definition.{locale}.json', 200);
      }
    }
    await answer(await t.request('/v1/programs/nowhere'), 'get', '/v1/programs/{programId}', 404);
    await answer(await t.request('/v1/programs/zweite-chance/versions/9.9.9'), 'get', '/v1/programs/{programId}/versions/{version}', 404);
    await answer(await t.request('/v1/programs/zweite-chance/browser/definition.xx.json'), 'get', '/v1/programs/{programId}/browser/definition.{locale}.json', 404);
    await answer(await t.request('/v1/programs/zweite-chance/browser/definition.de.json?forms=nope'), 'get', '/v1/programs/{programId}/browser/definition.{locale}.json', 400);
  });

  it("validates and takes the example's data cases, valid and invalid", async () => {
    for (const c of exampleCases('zweite-chance').filter((c) => c.form === 'intake')) {
      const checked = await t.request('/v1/programs/zweite-chance/validate?form=intake', { json: c.data, locale: c.locale });
      await answer(checked, 'post', '/v1/programs/{programId}/validate', 200);
      const submitted = await t.request('/v1/programs/zweite-chance/submissions?form=intake', { json: c.data, locale: c.locale });
      await answer(submitted, 'post', '/v1/programs/{programId}/submissions', c.expect.valid ? 201 : 422);
    }
    // A list of errors cut at the cap (issue 22): moreErrors and maxErrors are part of both answers.
    const many = { household: Array(300).fill(1) };
    const cut = await answer<{ moreErrors: number }>(await t.request('/v1/programs/zweite-chance/validate?form=intake', { json: many }), 'post', '/v1/programs/{programId}/validate', 200);
    expect(cut.moreErrors).toBeGreaterThan(0);
    await answer(await t.request('/v1/programs/zweite-chance/submissions?form=intake', { json: many }), 'post', '/v1/programs/{programId}/submissions', 422);
    const tooMany = await t.request('/v1/programs/zweite-chance/validate?form=intake', { json: { household: Array(20_000).fill(1) } });
    await answer(tooMany, 'post', '/v1/programs/{programId}/validate', 413);
    const malformed = await t.request('/v1/programs/zweite-chance/submissions', { method: 'POST', body: '{"no', headers: { 'content-type': 'application/json' } });
    await answer(malformed, 'post', '/v1/programs/{programId}/submissions', 400);
    const text = await t.request('/v1/programs/zweite-chance/validate?form=intake', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } });
    await answer(text, 'post', '/v1/programs/{programId}/validate', 415);
  });

  it('answers caseworkers and applicants about a case through its workflow, with every kind of refusal', async () => {
    const receipt = await answer<{ caseId: string; token: string }>(
      await t.request('/v1/programs/casework/versions/1.0.0/submissions', { json: caseworkIntake() }),
      'post',
      '/v1/programs/{programId}/versions/{version}/submissions',
      201,
    );
    const { caseId, token } = receipt;
    await answer(await t.request(`/v1/cases/${caseId}`, { token: TOKENS.coach }), 'get', '/v1/cases/{caseId}', 200);
    await answer(await t.request(`/v1/cases/${caseId}`, { token }), 'get', '/v1/cases/{caseId}', 200);
    await answer(await t.request('/v1/status', { token, locale: 'de' }), 'get', '/v1/status', 200);

    await answer(await send(caseId, { type: 'WITHDRAW' }, 1, TOKENS.coach), 'post', EVENTS, 403);
    await answer(await send(caseId, { type: 'ACCEPT', data: { goal: 'astronaut' } }, 1, TOKENS.coach), 'post', EVENTS, 422);
    await answer(await send(caseId, { type: 'CLOSE' }, 1, TOKENS.coach), 'post', EVENTS, 409);
    await answer(await send(caseId, { type: 'ACCEPT', data: { goal: 'job' } }, 4, TOKENS.coach), 'post', EVENTS, 409);
    await answer(await send(caseId, { type: 'ACCEPT' }, undefined, TOKENS.coach), 'post', EVENTS, 428);
    await answer(await send(caseId, { kind: 'ACCEPT' }, 1, TOKENS.coach), 'post', EVENTS, 400);
    const plain = { method: 'POST', body: '{}', token: TOKENS.coach, headers: { 'content-type': 'text/plain', 'if-match': '"1"' } };
    await answer(await t.request(`/v1/cases/${caseId}/events`, plain), 'post', EVENTS, 415);
    await answer(await send(caseId, { type: 'ACCEPT' }, 1, TOKENS.officer), 'post', EVENTS, 404);
    await answer(await send(caseId, { type: 'ACCEPT', data: { goal: 'job', hours: 12 } }, 1, TOKENS.coach), 'post', EVENTS, 200);
    // Forty days on the deadline is due: it fires first (as the system) and the case's new state refuses the event.
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 40 * 86_400_000);
    try {
      await answer(await send(caseId, { type: 'PLACE' }, 2, TOKENS.coach), 'post', EVENTS, 409);
    } finally {
      t.clock.now = saved;
    }
    const closed = await t.request(`/v1/cases/${caseId}`, { token: TOKENS.coach });
    expect((await answer<{ state: string }>(closed, 'get', '/v1/cases/{caseId}', 200)).state).toBe('closed');

    const second = await answer<{ caseId: string; token: string }>(await t.request('/v1/programs/casework/submissions', { json: caseworkIntake('Pia Platz') }), 'post', '/v1/programs/{programId}/submissions', 201);
    await answer(await send(second.caseId, { type: 'ACCEPT', data: { goal: 'job', hours: 20 } }, 1, TOKENS.coach), 'post', EVENTS, 200);
    await answer(await send(second.caseId, { type: 'PLACE' }, 2, TOKENS.coach), 'post', EVENTS, 200);
    await answer(await t.request(`/v1/cases/${second.caseId}`, { token: second.token, locale: 'en' }), 'get', '/v1/cases/{caseId}', 200);
    await answer(await t.request('/v1/status', { token: second.token }), 'get', '/v1/status', 200);
    const third = await answer<{ caseId: string; token: string }>(await t.request('/v1/programs/casework/submissions', { json: caseworkIntake('Tom Zurück') }), 'post', '/v1/programs/{programId}/submissions', 201);
    await answer(await send(third.caseId, { type: 'WITHDRAW' }, 1, third.token), 'post', EVENTS, 200);

    await answer(await t.request(`/v1/cases/${caseId}`), 'get', '/v1/cases/{caseId}', 401);
    await answer(await t.request(`/v1/cases/${caseId}`, { token: TOKENS.officer }), 'get', '/v1/cases/{caseId}', 404);
    await answer(await t.request('/v1/status', { token: TOKENS.coach }), 'get', '/v1/status', 403);
    await answer(await t.request('/v1/status'), 'get', '/v1/status', 401);
  });

  it('erases a case on request, and answers for the erased case', async () => {
    const ERASURE = '/v1/cases/{caseId}/erasure';
    const k = 'openapi-erasure-key-1';
    const { caseId, token } = await answer<{ caseId: string; token: string }>(
      await t.request('/v1/programs/casework/submissions', { json: caseworkIntake('Eva Erased'), headers: { 'idempotency-key': k } }),
      'post',
      '/v1/programs/{programId}/submissions',
      201,
    );
    const erase = (json: unknown, tokenOf?: string) => t.request(`/v1/cases/${caseId}/erasure`, { json, ...(tokenOf ? { token: tokenOf } : {}) });
    await answer(await erase({ reason: 'DSB-1' }), 'post', ERASURE, 401);
    await answer(await erase({ reason: 'DSB-1' }, TOKENS.coach), 'post', ERASURE, 403);
    await answer(await erase({ reason: 'DSB-1' }, TOKENS.officer), 'post', ERASURE, 404);
    await answer(await erase({ why: 'DSB-1' }, TOKENS.dpo), 'post', ERASURE, 400);
    await answer(await erase({ reason: 'DSB-1' }, TOKENS.dpo), 'post', ERASURE, 200);
    await answer(await erase({ reason: 'DSB-1' }, TOKENS.dpo), 'post', ERASURE, 200);
    await answer(await t.request(`/v1/cases/${caseId}`, { token: TOKENS.coach }), 'get', '/v1/cases/{caseId}', 200);
    await answer(await t.request(`/v1/cases/${caseId}`, { token }), 'get', '/v1/cases/{caseId}', 410);
    await answer(await t.request('/v1/status', { token }), 'get', '/v1/status', 410);
    await answer(await send(caseId, { type: 'ACCEPT', data: { goal: 'job' } }, 2, TOKENS.coach), 'post', EVENTS, 410);
    const replay = await t.request('/v1/programs/casework/submissions', { json: caseworkIntake('Eva Erased'), headers: { 'idempotency-key': k } });
    await answer(replay, 'post', '/v1/programs/{programId}/submissions', 410);

    // An erasure that keeps what the law requires names it: the answer and the case's history still match.
    const contact = { contactDate: '2025-03-01', house: 'altenhagen', channel: 'walkIn', givenName: 'Ole', familyName: 'Geprüft', ageGroup: 'from55', concern: ['job'] };
    const kept = await answer<{ caseId: string }>(await t.request('/v1/programs/gemeinsam-fuer-hagen/submissions', { json: contact, token: TOKENS.hagenAdvisor }), 'post', '/v1/programs/{programId}/submissions', 201);
    const erasure = await answer<{ entry: { kept?: unknown[] } }>(await t.request(`/v1/cases/${kept.caseId}/erasure`, { json: { reason: 'DSB-2' }, token: TOKENS.dpo }), 'post', ERASURE, 200);
    expect(erasure.entry.kept).toHaveLength(2);
    await answer(await t.request(`/v1/cases/${kept.caseId}`, { token: TOKENS.hagenAdvisor }), 'get', '/v1/cases/{caseId}', 200);
  });

  it('pages through cases and reports on them', async () => {
    await t.request('/v1/programs/casework/submissions', { json: caseworkIntake('Lia Liste') });
    await t.request('/v1/programs/casework/submissions', { json: caseworkIntake('Ben Liste') });
    const first = await answer<{ next: string | null }>(await t.request('/v1/programs/casework/cases?limit=1', { token: TOKENS.coach }), 'get', '/v1/programs/{programId}/cases', 200);
    expect(first.next).not.toBeNull();
    await answer(await t.request(`/v1/programs/casework/cases?limit=1&cursor=${first.next}`, { token: TOKENS.coach }), 'get', '/v1/programs/{programId}/cases', 200);
    await answer(await t.request('/v1/programs/casework/cases?state=received', { token: TOKENS.coach }), 'get', '/v1/programs/{programId}/cases', 200);
    await answer(await t.request('/v1/programs/casework/cases?limit=0', { token: TOKENS.coach }), 'get', '/v1/programs/{programId}/cases', 400);
    await answer(await t.request('/v1/programs/casework/cases', { token: TOKENS.officer }), 'get', '/v1/programs/{programId}/cases', 403);
    await answer(await t.request('/v1/programs/casework/cases'), 'get', '/v1/programs/{programId}/cases', 401);
    for (const locale of ['de', 'en']) {
      await answer(await t.request('/v1/programs/casework/report', { token: TOKENS.coach, locale }), 'get', '/v1/programs/{programId}/report', 200);
    }
    await answer(await t.request('/v1/programs/zweite-chance/report', { token: TOKENS.zcCoach }), 'get', '/v1/programs/{programId}/report', 200);
    await answer(await t.request('/v1/programs/casework/report', { token: TOKENS.officer }), 'get', '/v1/programs/{programId}/report', 403);
    await answer(await t.request('/v1/programs/casework/report?from=2025-01&to=2025-06', { token: TOKENS.coach }), 'get', '/v1/programs/{programId}/report', 200);
    await answer(await t.request('/v1/programs/casework/report?from=2025-1', { token: TOKENS.coach }), 'get', '/v1/programs/{programId}/report', 400);
  });

  it("answers Hagen's monitoring and its inbox with each participant's completeness", async () => {
    const contact = { contactDate: '2025-03-01', house: 'altenhagen', channel: 'walkIn', givenName: 'Mara', ageGroup: 'from25to54', concern: ['job'] };
    const { caseId } = await answer<{ caseId: string }>(await t.request('/v1/programs/gemeinsam-fuer-hagen/submissions', { json: contact, token: TOKENS.hagenAdvisor }), 'post', '/v1/programs/{programId}/submissions', 201);
    const started = await t.request(`/v1/cases/${caseId}/events`, { json: { type: 'START_ADVICE', data: { sessionDate: '2025-03-01', topics: ['jobSearch'] } }, token: TOKENS.hagenAdvisor, headers: { 'if-match': '1' } });
    expect(started.status).toBe(200);
    const entered = await t.request(`/v1/cases/${caseId}/events`, { json: { type: 'RECORD_ENTRY', data: { entryDate: '2025-03-01', consent: true, familyName: 'Roth', birthDate: '1980-01-01' } }, token: TOKENS.hagenAdvisor, headers: { 'if-match': '2' } });
    expect(entered.status).toBe(200);
    const page = await answer<{ items: { monitoring?: { missing: string[] } }[] }>(await t.request('/v1/programs/gemeinsam-fuer-hagen/cases?countable=no', { token: TOKENS.hagenAdvisor }), 'get', '/v1/programs/{programId}/cases', 200);
    expect(page.items[0]!.monitoring!.missing.length).toBeGreaterThan(0);
    await answer(await t.request('/v1/programs/gemeinsam-fuer-hagen/cases?countable=perhaps', { token: TOKENS.hagenAdvisor }), 'get', '/v1/programs/{programId}/cases', 400);
    for (const locale of ['de', 'en']) {
      await answer(await t.request('/v1/programs/gemeinsam-fuer-hagen/monitoring', { token: TOKENS.hagenAdvisor, locale }), 'get', '/v1/programs/{programId}/monitoring', 200);
    }
    await answer(await t.request('/v1/programs/gemeinsam-fuer-hagen/monitoring?date=2025-02-30', { token: TOKENS.hagenAdvisor }), 'get', '/v1/programs/{programId}/monitoring', 400);
    await answer(await t.request('/v1/programs/zweite-chance/monitoring', { token: TOKENS.zcCoach }), 'get', '/v1/programs/{programId}/monitoring', 404);
    await answer(await t.request('/v1/programs/gemeinsam-fuer-hagen/monitoring/identities.csv', { token: TOKENS.hagenAdvisor }), 'get', '/v1/programs/{programId}/monitoring/identities.csv', 403);
  });

  it("walks WIR's example application from submission to the accepted proof, and reports its grant", async () => {
    const walk = JSON.parse(readFileSync(path.join(repoRoot, 'examples/wir-vielfalt/cases/workflow-happy-path.json'), 'utf8')) as Walk;
    const submitAt = walk.steps.findIndex((s) => s.send === 'SUBMIT');
    const saved = t.clock.now;
    try {
      t.clock.now = new Date(walk.steps[submitAt]!.at);
      const res = await t.request('/v1/programs/wir-vielfalt/submissions', { json: walk.steps[submitAt]!.data, locale: 'de' });
      const { caseId, token } = await answer<{ caseId: string; token: string }>(res, 'post', '/v1/programs/{programId}/submissions', 201);
      for (const step of walk.steps.slice(submitAt + 1)) {
        t.clock.now = new Date(step.at);
        const as = walk.actors[step.as!]!.roles.includes('applicant') ? token : TOKENS.officer;
        const seen = await answer<{ version: number }>(await t.request(`/v1/cases/${caseId}`, { token: as, locale: 'de' }), 'get', '/v1/cases/{caseId}', 200);
        const body = step.data === undefined ? { type: step.send } : { type: step.send, data: step.data };
        await answer(await send(caseId, body, seen.version, as, 'de'), 'post', EVENTS, 200);
      }
      const report = await answer<{ sums: { count: number }[] }>(await t.request('/v1/programs/wir-vielfalt/report', { token: TOKENS.officer }), 'get', '/v1/programs/{programId}/report', 200);
      expect(report.sums[0]!.count).toBe(1);
      await answer(await t.request('/v1/status', { token }), 'get', '/v1/status', 200);
      // The notices the walk caused wait in the outbox (no worker runs here).
      const OUTBOX = '/v1/programs/{programId}/outbox';
      const outbox = await answer<{ items: { id: string }[] }>(await t.request('/v1/programs/wir-vielfalt/outbox', { token: TOKENS.admin }), 'get', OUTBOX, 200);
      expect(outbox.items.length).toBeGreaterThanOrEqual(3);
      await answer(await t.request('/v1/programs/wir-vielfalt/outbox?limit=0', { token: TOKENS.admin }), 'get', OUTBOX, 400);
      await answer(await t.request('/v1/programs/wir-vielfalt/outbox', { token: TOKENS.officer }), 'get', OUTBOX, 403);
      await answer(await t.request('/v1/programs/wir-vielfalt/outbox'), 'get', OUTBOX, 401);
      const RESEND = '/v1/programs/{programId}/outbox/{messageId}/resend';
      await answer(await t.request(`/v1/programs/wir-vielfalt/outbox/${outbox.items[0]!.id}/resend`, { method: 'POST', token: TOKENS.admin }), 'post', RESEND, 409);
      await answer(await t.request('/v1/programs/wir-vielfalt/outbox/none/resend', { method: 'POST', token: TOKENS.admin }), 'post', RESEND, 404);
    } finally {
      t.clock.now = saved;
    }
  });

  it('subscribes a webhook, lists it and its deliveries, refuses what it cannot replay, and removes it', async () => {
    const HOOKS = '/v1/programs/{programId}/webhooks';
    const HOOK = '/v1/programs/{programId}/webhooks/{webhookId}';
    const DELIVERIES = '/v1/programs/{programId}/webhooks/{webhookId}/deliveries';
    const REPLAY = '/v1/programs/{programId}/webhooks/{webhookId}/deliveries/{messageId}/replay';
    const created = await answer<{ id: string; secret: string }>(
      await t.request('/v1/programs/wir-vielfalt/webhooks', { json: { url: 'https://receiver.example.org/hooks', events: ['case.submitted'], description: 'Fachverfahren' }, token: TOKENS.admin }),
      'post',
      HOOKS,
      201,
    );
    await answer(await t.request('/v1/programs/wir-vielfalt/webhooks', { json: { url: 'mailto:x@example.org', events: ['case.submitted'] }, token: TOKENS.admin }), 'post', HOOKS, 400);
    await answer(await t.request('/v1/programs/wir-vielfalt/webhooks', { json: { url: 'https://receiver.example.org', events: ['case.submitted'] }, token: TOKENS.officer }), 'post', HOOKS, 403);
    await answer(await t.request('/v1/programs/wir-vielfalt/webhooks', { token: TOKENS.admin }), 'get', HOOKS, 200);
    await answer(await t.request(`/v1/programs/wir-vielfalt/webhooks/${created.id}`, { token: TOKENS.admin }), 'get', HOOK, 200);
    await answer(await t.request('/v1/programs/wir-vielfalt/webhooks/none', { token: TOKENS.admin }), 'get', HOOK, 404);
    const walk = JSON.parse(readFileSync(path.join(repoRoot, 'examples/wir-vielfalt/cases/workflow-happy-path.json'), 'utf8')) as { steps: { at: string; data?: unknown }[] };
    const saved = t.clock.now;
    t.clock.now = new Date(walk.steps[0]!.at);
    try {
      expect((await t.request('/v1/programs/wir-vielfalt/submissions', { json: walk.steps[0]!.data, locale: 'de' })).status).toBe(201);
    } finally {
      t.clock.now = saved;
    }
    const { items } = await answer<{ items: { id: string }[] }>(await t.request(`/v1/programs/wir-vielfalt/webhooks/${created.id}/deliveries`, { token: TOKENS.admin }), 'get', DELIVERIES, 200);
    expect(items).toHaveLength(1);
    await answer(await t.request(`/v1/programs/wir-vielfalt/webhooks/${created.id}/deliveries?state=gone`, { token: TOKENS.admin }), 'get', DELIVERIES, 400);
    await answer(await t.request(`/v1/programs/wir-vielfalt/webhooks/${created.id}/deliveries/${items[0]!.id}/replay`, { method: 'POST', token: TOKENS.admin }), 'post', REPLAY, 409);
    await answer(await t.request(`/v1/programs/wir-vielfalt/webhooks/${created.id}/deliveries/none/replay`, { method: 'POST', token: TOKENS.admin }), 'post', REPLAY, 404);
    const removed = await t.request(`/v1/programs/wir-vielfalt/webhooks/${created.id}`, { method: 'DELETE', token: TOKENS.admin });
    expect(removed.status).toBe(204);
    expect(await t.store.outbox.list({ programId: 'wir-vielfalt', webhookId: created.id, limit: 5 })).toEqual([]);
  });

  // Last: it makes a newer casework version current, which the walks above do not expect.
  it('lists versions and publishes one, with every refusal', async () => {
    const VERSIONS = '/v1/programs/{programId}/versions';
    const SUBMIT = '/v1/programs/{programId}/versions/{version}/submissions';
    await answer(await t.request('/v1/programs/casework/versions'), 'get', VERSIONS, 200);
    await answer(await t.request('/v1/programs/nowhere/versions'), 'get', VERSIONS, 404);
    const definition = (await (await t.request('/v1/programs/casework')).json()).definition;
    const publish = (body: unknown, token?: string) => t.request('/v1/programs/casework/versions', { json: body, ...(token ? { token } : {}), locale: 'de' });
    await answer(await publish({ ...definition, version: '1.1.0' }), 'post', VERSIONS, 401);
    await answer(await publish({ ...definition, version: '1.1.0' }, TOKENS.coach), 'post', VERSIONS, 403);
    await answer(await publish({ ...definition, version: 'next' }, TOKENS.publisher), 'post', VERSIONS, 422);
    await answer(await publish({ ...definition, id: 'other', version: '1.1.0' }, TOKENS.publisher), 'post', VERSIONS, 400);
    await answer(await publish({ ...definition, version: '1.1.0', versions: { acceptPreviousFor: 'PT1H' } }, TOKENS.publisher), 'post', VERSIONS, 201);
    await answer(await publish({ ...definition, version: '1.1.0', versions: { acceptPreviousFor: 'PT1H' } }, TOKENS.publisher), 'post', VERSIONS, 200);
    await answer(await publish({ ...definition, version: '1.1.0' }, TOKENS.publisher), 'post', VERSIONS, 409);
    const list = await answer<{ items: { acceptsUntil?: string }[] }>(await t.request('/v1/programs/casework/versions'), 'get', VERSIONS, 200);
    expect(list.items[1]!.acceptsUntil).toBeDefined();
    const saved = t.clock.now;
    try {
      t.clock.now = new Date(Date.parse(list.items[1]!.acceptsUntil!));
      await answer(await t.request('/v1/programs/casework/versions/1.0.0/submissions', { json: caseworkIntake() }), 'post', SUBMIT, 409);
    } finally {
      t.clock.now = saved;
    }
  });

  it('shows cases per version, dry-runs and runs a migration, with every refusal', async () => {
    const OVERVIEW = '/v1/programs/{programId}/migrations';
    const DRY = '/v1/programs/{programId}/migrations/dry-run';
    const RUN = '/v1/programs/{programId}/migrations/{runId}';
    const definition = (await (await t.request('/v1/programs/casework/versions/1.0.0')).json()).definition;
    const next = (version: string) => ({ ...definition, version, versions: { migrations: [{ from: '1.0.0', timers: 'keep' }] } });
    expect((await t.request('/v1/programs/casework/versions', { json: next('1.2.0'), token: TOKENS.publisher })).status).toBe(201);
    expect((await t.request('/v1/programs/casework/versions', { json: next('1.3.0'), token: TOKENS.publisher })).status).toBe(201);
    const ask = (route: string, body?: unknown, token: string | null = TOKENS.publisher) =>
      t.request(route, { ...(body === undefined ? {} : { json: body }), ...(token === null ? {} : { token }), locale: 'de' });
    await answer(await ask('/v1/programs/casework/migrations'), 'get', OVERVIEW, 200);
    await answer(await ask('/v1/programs/casework/migrations', undefined, null), 'get', OVERVIEW, 401);
    await answer(await ask('/v1/programs/casework/migrations', undefined, TOKENS.coach), 'get', OVERVIEW, 403);
    const dry = await answer<{ total: number }>(await ask('/v1/programs/casework/migrations/dry-run', { from: '1.0.0', to: '1.2.0' }), 'post', DRY, 200);
    expect(dry.total).toBeGreaterThan(0);
    await answer(await ask('/v1/programs/casework/migrations/dry-run', { from: 'old' }), 'post', DRY, 400);
    await answer(await ask('/v1/programs/casework/migrations/dry-run', { from: '0.1.0' }), 'post', DRY, 404);
    await answer(await ask('/v1/programs/casework/migrations/dry-run', { from: '1.1.0', to: '1.2.0' }), 'post', DRY, 422);
    await answer(await ask('/v1/programs/casework/migrations', { from: '1.1.0', to: '1.2.0' }), 'post', OVERVIEW, 422);
    const started = await answer<{ run: { links: { self: string } } }>(await ask('/v1/programs/casework/migrations', { from: '1.0.0', to: '1.2.0' }), 'post', OVERVIEW, 202);
    await answer(await ask('/v1/programs/casework/migrations', { from: '1.0.0', to: '1.2.0' }), 'post', OVERVIEW, 200);
    await answer(await ask('/v1/programs/casework/migrations', { from: '1.0.0', to: '1.3.0' }), 'post', OVERVIEW, 409);
    await answer(await ask(started.run.links.self), 'get', RUN, 200);
    await answer(await ask('/v1/programs/casework/migrations/no-such-run'), 'get', RUN, 404);
    await answer(await ask('/v1/programs/casework/migrations'), 'get', OVERVIEW, 200);
  });

  it('reads, saves, compares and publishes a draft, with every refusal', async () => {
    const DRAFT = '/v1/programs/{programId}/draft';
    const CHANGES = '/v1/programs/{programId}/draft/changes';
    const PUBLISH = '/v1/programs/{programId}/draft/publish';
    const current = await (await t.request('/v1/programs/casework')).json();
    const live = await t.request('/v1/programs/casework/draft', { token: TOKENS.publisher });
    expect(live.headers.get('content-type')).toMatch(/^application\/json/);
    const definition = await live.json();
    expect(definition.version).toBe(current.version);
    await answer(await t.request('/v1/programs/casework/draft'), 'get', DRAFT, 401);
    await answer(await t.request('/v1/programs/casework/draft', { token: TOKENS.coach }), 'get', DRAFT, 403);
    await answer(await t.request('/v1/programs/nowhere/draft', { token: TOKENS.publisher }), 'get', DRAFT, 403);
    const put = (body: unknown, ifMatch?: string) =>
      t.request('/v1/programs/casework/draft', { method: 'PUT', json: body, token: TOKENS.publisher, locale: 'de', headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });
    const next = { ...definition, version: '9.0.0', versions: { migrations: [{ from: current.version, timers: 'keep' }] } };
    await answer(await put(next), 'put', DRAFT, 428);
    await answer(await put([1], '"0"'), 'put', DRAFT, 400);
    await answer(await put(next, '"0"'), 'put', DRAFT, 200);
    await answer(await put(next, '"0"'), 'put', DRAFT, 412);
    const changes = await answer<{ changes: { other: unknown[] } }>(await t.request('/v1/programs/casework/draft/changes', { token: TOKENS.publisher }), 'get', CHANGES, 200);
    expect(changes.changes.other).toEqual([expect.objectContaining({ part: 'versions' })]);
    await answer(await t.request('/v1/programs/casework/draft/changes', { token: TOKENS.coach }), 'get', CHANGES, 403);
    const publish = (body: unknown, ifMatch: string) => t.request('/v1/programs/casework/draft/publish', { json: body, token: TOKENS.publisher, locale: 'de', headers: { 'if-match': ifMatch } });
    await answer(await publish({}, '"0"'), 'post', PUBLISH, 412);
    await answer(await publish({ publish: true }, '"1"'), 'post', PUBLISH, 400);
    await answer(await publish({ dryRun: true }, '"1"'), 'post', PUBLISH, 200);
    await answer(await publish({ migrate: true }, '"1"'), 'post', PUBLISH, 201);
    await answer(await publish({}, '"1"'), 'post', PUBLISH, 409);
    await answer(await put({ ...next, version: '9.1.0', versions: { acceptPreviousFor: 'soon' } }, '"1"'), 'put', DRAFT, 200);
    await answer(await publish({}, '"2"'), 'post', PUBLISH, 422);
  });
});
