import { expect, it } from 'vitest';
import { validate } from '@civicflow/core';
import { describeEachStore } from '../test-support/stores.js';
import { useTestApp, TOKENS } from '../test-support/test-app.js';
import { exampleCases, readCaseFile } from '@civicflow/test-support';
import { caseworkIntake, loadCasework } from '../test-support/fixtures.js';
import { validateSubmission } from '../cases/validate-submission.js';
import { applyRetention } from '../cases/apply-retention.js';
import { createProgramRegistry } from '../programs/program-registry.js';

const casework = loadCasework();
/** The steps of a workflow walk in examples/<name>/cases/, as far as these tests read them. */
type WalkFile = { steps: { at: string; send?: string; data: Record<string, unknown>; expect?: string }[] };
let counter = 0;
const key = () => `test-key-${Date.now()}-${++counter}`;

describeEachStore('submissions', (kind) => {
  const t = useTestApp(kind);

  const count = async (programId = 'casework') => {
    const token = { casework: TOKENS.coach, 'wir-vielfalt': TOKENS.officer }[programId] ?? TOKENS.zcCoach;
    const report = await (await t.request(`/v1/programs/${programId}/report`, { token })).json();
    return (report.casesPerState as { count: number }[]).reduce((n, r) => n + r.count, 0);
  };

  it('stores a valid submission, opens a case and answers 201 with reference, case id, token and the state it is in', async () => {
    const res = await t.request('/v1/programs/casework/submissions', { json: caseworkIntake(), headers: { 'idempotency-key': key() } });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({ reference: expect.stringMatching(/^CF-[0-9A-Z]{4}-[0-9A-Z]{4}$/), caseId: expect.any(String), token: expect.stringMatching(/^cfa1\./), state: 'received' });
    expect(res.headers.get('location')).toBe(`/v1/cases/${body.caseId}`);
    const stored = await t.store.getCase(body.caseId);
    expect(stored).toMatchObject({ reference: body.reference, state: 'received', version: 1, data: caseworkIntake() });
    expect(stored!.history[0]).toMatchObject({ actor: `applicant:${body.caseId}`, roles: ['applicant'] });
  });

  it('answers a repeated Idempotency-Key with the same answer and stores nothing new', async () => {
    const before = await count();
    const k = key();
    const first = await t.request('/v1/programs/casework/submissions', { json: caseworkIntake('Kim Wiederholt'), headers: { 'idempotency-key': k } });
    const again = await t.request('/v1/programs/casework/submissions', { json: caseworkIntake('Kim Wiederholt'), headers: { 'idempotency-key': k } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await count()).toBe(before + 1);
  });

  it('stores one case when the same key arrives several times at once', async () => {
    const before = await count();
    const k = key();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => t.request('/v1/programs/casework/submissions', { json: caseworkIntake('Sam Gleichzeitig'), headers: { 'idempotency-key': k } })),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(await Promise.all(answers.map((r) => r.text()))).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('refuses a reused Idempotency-Key with another body and stores nothing', async () => {
    const k = key();
    await t.request('/v1/programs/casework/submissions', { json: caseworkIntake('Erste Person'), headers: { 'idempotency-key': k } });
    const before = await count();
    const res = await t.request('/v1/programs/casework/submissions', { json: caseworkIntake('Andere Person'), headers: { 'idempotency-key': k }, locale: 'de' });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('Idempotency-Key') });
    expect(await count()).toBe(before);
  });

  it('answers 422 with exactly the errors of core (and the widget), in the language asked for', async () => {
    const before = await count();
    const data = { name: 'A', housing: 'none', extra: 1 };
    for (const locale of ['de', 'en']) {
      const res = await t.request('/v1/programs/casework/submissions', { json: data, locale });
      expect(res.status).toBe(422);
      const body = await res.json();
      expect(body.code).toBe('SUBMISSION_INVALID');
      expect(body.errors).toEqual(validate(casework, 'intake', data, { locale }).errors);
      expect(body.errors).toEqual(validateSubmission(casework, 'intake', data, { locale }).errors);
      expect(body.errors.length).toBeGreaterThan(1);
    }
    const de = await (await t.request('/v1/programs/casework/submissions', { json: data, locale: 'de-DE,de;q=0.9' })).json();
    const en = await (await t.request('/v1/programs/casework/submissions', { json: data, locale: 'en-GB, de;q=0.5' })).json();
    expect(de.message).not.toBe(en.message);
    expect(de.errors[0].message).not.toBe(en.errors[0].message);
    expect(await count()).toBe(before);
  });

  it('takes every valid Zweite Chance example and refuses every invalid one as core does', async () => {
    const zc = t.programs.find((p) => p.id === 'zweite-chance')!;
    // A coach opens a case with the first contact; the intake form is then sent as an event by the participant.
    const open = await t.request('/v1/programs/zweite-chance/submissions?form=firstContact', {
      json: { firstContact: { date: '2025-03-01', channel: 'outreach', alias: 'Jo' } },
      token: TOKENS.zcCoach,
    });
    expect(open.status).toBe(201);
    const { caseId, token } = await open.json();
    expect(await t.store.getCase(caseId)).toMatchObject({ state: 'firstContact', version: 2, data: { firstContact: { alias: 'Jo' } } });
    const started = await t.request(`/v1/cases/${caseId}/events`, { json: { type: 'START_INTAKE' }, token: TOKENS.zcCoach, headers: { 'if-match': '2' } });
    expect(started.status).toBe(200);
    const cases = exampleCases('zweite-chance').filter((c) => c.form === 'intake');
    expect(cases.length).toBeGreaterThan(10);
    for (const c of cases) {
      const res = await t.request(`/v1/programs/zweite-chance/validate?form=intake`, { json: c.data, locale: c.locale });
      expect(await res.json(), c.file).toEqual(validate(zc, 'intake', c.data, { locale: c.locale }));
    }
    const valid = cases.find((c) => c.expect.valid)!;
    const sent = await t.request(`/v1/cases/${caseId}/events`, { json: { type: 'SUBMIT_INTAKE', data: valid.data }, token, headers: { 'if-match': '3' } });
    expect(sent.status).toBe(200);
    expect((await sent.json()).case.state).toBe('profiling');
  });

  it('lets a person register for Zweite Chance without an account, with the intake form', async () => {
    const valid = exampleCases('zweite-chance').find((c) => c.file === 'valid-minimal.json')!;
    const res = await t.request('/v1/programs/zweite-chance/submissions?form=intake', { json: valid.data, headers: { 'idempotency-key': key() } });
    expect(res.status).toBe(201);
    const { caseId, reference, token } = await res.json();
    expect(reference).toMatch(/^CF-/);
    const stored = await t.store.getCase(caseId);
    expect(stored).toMatchObject({ state: 'profiling', version: 2, data: valid.data });
    expect(stored!.history.map((h) => [h.event, h.to, h.roles])).toEqual([[null, 'opened', ['participant']], ['SUBMIT_INTAKE', 'profiling', ['participant']]]);
    const status = await (await t.request('/v1/status', { token, locale: 'en' })).json();
    expect(status).toMatchObject({ state: 'profiling', stateTitle: 'Profiling', reference });
  });

  it('takes the intake form when a person sends to Zweite Chance without ?form=, as docs/embedding.md shows (issue 13)', async () => {
    const valid = exampleCases('zweite-chance').find((c) => c.file === 'valid-minimal.json')!;
    const res = await t.request('/v1/programs/zweite-chance/versions/1.0.0/submissions', { json: valid.data, headers: { 'idempotency-key': key() } });
    expect(res.status).toBe(201);
    const stored = await t.store.getCase((await res.json()).caseId);
    expect(stored!.history.map((h) => h.event)).toEqual([null, 'SUBMIT_INTAKE']);
  });

  it('answers a localised 400 with the forms to choose from when the form a submission carries is not clear', async () => {
    const res = await t.request('/v1/programs/zukunftsbuendnis/submissions', { json: {}, locale: 'de' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'PARAMETER_INVALID', message: 'Der Parameter „form“ ist ungültig.', details: { parameter: 'form', forms: ['registration', 'sponsorship'] } });
  });

  it('asks for credentials when a form may be submitted only by caseworkers', async () => {
    const res = await t.request('/v1/programs/zweite-chance/submissions?form=firstContact', { json: { firstContact: { date: '2025-03-01', channel: 'outreach' } }, locale: 'en' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toMatchObject({ code: 'EVENT_REFUSED', refusal: { code: 'ROLE_FORBIDDEN' } });
  });

  it('opens an empty case and sends the first event in one step, for the form the request names', async () => {
    // Zukunftsbündnis opens cases empty; REGISTER and REQUEST_SPONSORSHIP each carry a form.
    const walk = readCaseFile<WalkFile>('zukunftsbuendnis', 'workflow-sponsorship.json');
    const step = walk.steps.find((s) => s.send === 'REQUEST_SPONSORSHIP')!;
    const saved = t.clock.now;
    try {
      t.clock.now = new Date(step.at);
      const ambiguous = await t.request('/v1/programs/zukunftsbuendnis/submissions', { json: step.data, locale: 'en' });
      expect(ambiguous.status).toBe(400);
      expect(await ambiguous.json()).toMatchObject({ code: 'PARAMETER_INVALID', details: { parameter: 'form', forms: ['registration', 'sponsorship'] } });
      const res = await t.request('/v1/programs/zukunftsbuendnis/submissions?form=sponsorship', { json: step.data });
      expect(res.status).toBe(201);
      const stored = await t.store.getCase((await res.json()).caseId);
      expect(stored).toMatchObject({ state: step.expect, version: 2 });
      expect(stored!.history.map((h) => h.event)).toEqual([null, 'REQUEST_SPONSORSHIP']);
      const invalid = await t.request('/v1/programs/zukunftsbuendnis/submissions?form=sponsorship', { json: { ...step.data, municipality: '' } });
      expect(invalid.status).toBe(422);
      const zb = t.programs.find((p) => p.id === 'zukunftsbuendnis')!;
      expect((await invalid.json()).errors).toEqual(validate(zb, 'sponsorship', { ...step.data, municipality: '' }, { locale: 'de' }).errors);
    } finally {
      t.clock.now = saved;
    }
    expect((await t.request('/v1/programs/casework/submissions?form=plan', { json: { goal: 'job' }, token: TOKENS.coach })).status).toBe(400);
  });

  it('takes a WIR application from an applicant without an account, and refuses it after the call has closed', async () => {
    const walk = readCaseFile<WalkFile>('wir-vielfalt', 'workflow-happy-path.json');
    const submit = walk.steps.find((s) => s.send === 'SUBMIT')!;
    const saved = t.clock.now;
    try {
      t.clock.now = new Date(submit.at);
      const res = await t.request('/v1/programs/wir-vielfalt/submissions', { json: submit.data, locale: 'de' });
      expect(res.status).toBe(201);
      const { caseId, token } = await res.json();
      expect(await t.store.getCase(caseId)).toMatchObject({ state: 'submitted', version: 2 });
      const status = await (await t.request('/v1/status', { token })).json();
      expect(status.state).toBe(submit.expect);
      // After the call nothing is opened: the refusal names the call, its end and what to do instead.
      t.clock.now = new Date('2026-01-01T00:00:00Z');
      const before = await count('wir-vielfalt');
      const late = await t.request('/v1/programs/wir-vielfalt/submissions', { json: submit.data, locale: 'en' });
      expect(late.status).toBe(409);
      const answer = await late.json();
      expect([answer.code, answer.refusal.code, answer.refusal.details.period]).toEqual(['EVENT_REFUSED', 'PERIOD_ENDED', 'call2019']);
      expect(answer.message).toMatch(/^"The WIR call for applications 2019" ended on November 30, 2019 at 11:59 PM: nothing can be sent any more\. The Regional Council/);
      expect(await count('wir-vielfalt')).toBe(before);
      // Before the call opens, the same.
      t.clock.now = new Date('2019-08-01T10:00:00Z');
      const early = await t.request('/v1/programs/wir-vielfalt/submissions', { json: submit.data, locale: 'de' });
      expect([early.status, (await early.json()).refusal.code]).toEqual([409, 'PERIOD_NOT_STARTED']);
      expect(await count('wir-vielfalt')).toBe(before);
    } finally {
      t.clock.now = saved;
    }
  });

  it('tells in the receipt the state the case is in now, and the due date that state tells the applicant, also when the key is repeated later', async () => {
    const walk = readCaseFile<WalkFile>('wir-vielfalt', 'workflow-happy-path.json');
    const [submit, start, check] = ['SUBMIT', 'START_CHECK', 'RECORD_CHECK'].map((e) => walk.steps.find((s) => s.send === e)!);
    const saved = t.clock.now;
    const k = key();
    try {
      t.clock.now = new Date(submit!.at);
      const send = () => t.request('/v1/programs/wir-vielfalt/submissions', { json: submit!.data, headers: { 'idempotency-key': k } });
      const first = await (await send()).json();
      // No timer of the state "submitted" gives the applicant a date.
      expect([first.state, first.due]).toEqual(['submitted', undefined]);
      for (const [step, version] of [[start!, 2], [check!, 3]] as const) {
        t.clock.now = new Date(step.at);
        const res = await t.request(`/v1/cases/${first.caseId}/events`, { json: step.data ? { type: step.send, data: step.data } : { type: step.send }, token: TOKENS.officer, headers: { 'if-match': String(version) } });
        expect(res.status, await res.clone().text()).toBe(200);
      }
      // Documents are missing now, and the four weeks' deadline for them runs from the check.
      const again = await send();
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toEqual({ ...first, state: 'missingDocuments', due: new Date(Date.parse(check!.at) + 28 * 86_400_000).toISOString() });
    } finally {
      t.clock.now = saved;
    }
  });

  it('validates without storing on /validate', async () => {
    const before = await count();
    const ok = await t.request('/v1/programs/casework/versions/1.0.0/validate', { json: caseworkIntake() });
    expect(await ok.json()).toEqual(validate(casework, 'intake', caseworkIntake()));
    expect(await count()).toBe(before);
  });

  it('never writes submitted data to the log', async () => {
    const name = 'Ungewöhnlicher Testname Xq7';
    await t.request('/v1/programs/casework/submissions', { json: { ...caseworkIntake(name), phone: '0170 999111' } });
    await t.request('/v1/programs/casework/submissions', { json: { name, housing: 'nowhere' } });
    expect(t.logs.length).toBeGreaterThan(0);
    expect(t.logs.join('\n')).not.toMatch(/Xq7|999111|nowhere/);
    expect(JSON.parse(t.logs[t.logs.length - 1]!)).toMatchObject({ msg: 'request', route: '/v1/programs/:programId/submissions', status: 422, code: 'SUBMISSION_INVALID' });
  });
});

// Issue 22, break 7: retention cleared the body's hash with the personal data, and a key without a hash then replayed
// for any body: another body, or another sender, got the case's applicant token.
describeEachStore('idempotency keys after retention', (kind) => {
  const t = useTestApp(kind);

  it('still refuses another body or another sender, and replays the same request without personal data', async () => {
    const k = key();
    const send = (json: unknown, token?: string) => t.request('/v1/programs/casework/submissions', { json, headers: { 'idempotency-key': k }, ...(token ? { token } : {}) });
    const first = await send(caseworkIntake('Rita Aufbewahrt'));
    expect(first.status).toBe(201);
    const receipt = await first.json();
    // The name has a year, the phone number three.
    const summary = await applyRetention({ store: t.store, programs: createProgramRegistry(t.programs), now: new Date('2026-03-02T09:00:00Z') });
    expect(summary.anonymised).toBeGreaterThanOrEqual(1);
    expect((await t.store.getCase(receipt.caseId))!.data).not.toHaveProperty('name');

    const other = await send(caseworkIntake('Jemand Anderes'));
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const otherSender = await send(caseworkIntake('Rita Aufbewahrt'), TOKENS.coach);
    expect(otherSender.status).toBe(422);
    expect(await otherSender.json()).not.toHaveProperty('token');

    const same = await send(caseworkIntake('Rita Aufbewahrt'));
    expect(same.status).toBe(201);
    expect(same.headers.get('idempotent-replayed')).toBe('true');
    expect(await same.json()).toEqual(receipt);
  });

  it('refuses a sender other than the first before retention too', async () => {
    const k = key();
    const first = await t.request('/v1/programs/casework/submissions', { json: caseworkIntake('Ola Zweimal'), headers: { 'idempotency-key': k } });
    expect(first.status).toBe(201);
    const again = await t.request('/v1/programs/casework/submissions', { json: caseworkIntake('Ola Zweimal'), headers: { 'idempotency-key': k }, token: TOKENS.coach });
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });
});
