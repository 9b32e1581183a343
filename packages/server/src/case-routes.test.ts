import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from './test-support/stores.js';
import { createTestApp, SETUP_TIMEOUT, TOKENS, type TestApp } from './test-support/test-app.js';
import { caseworkIntake } from './test-support/fixtures.js';

describeEachStore('case routes', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await t.close();
    await kind.cleanup();
  });

  async function submit(name = 'Alex Beispiel'): Promise<{ caseId: string; token: string; reference: string }> {
    const res = await t.request('/v1/programs/casework/submissions', { json: caseworkIntake(name) });
    expect(res.status).toBe(201);
    return res.json();
  }
  const send = (caseId: string, body: unknown, version: number | string | undefined, token = TOKENS.coach, locale = 'en') =>
    t.request(`/v1/cases/${caseId}/events`, { json: body, token, locale, headers: version === undefined ? {} : { 'if-match': String(version) } });

  it('shows a caseworker the case with its data, history, ETag and the events they may send', async () => {
    const { caseId, reference } = await submit();
    const res = await t.request(`/v1/cases/${caseId}`, { token: TOKENS.coach, locale: 'de' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body).toMatchObject({ id: caseId, reference, state: 'received', stateTitle: 'Eingegangen', version: 1, data: caseworkIntake() });
    expect(body.history).toHaveLength(1);
    expect(body.availableEvents.map((e: { event: string }) => e.event)).toEqual(['ACCEPT']);
  });

  it('applies an event at the If-Match version and answers with the new version', async () => {
    const { caseId } = await submit();
    const res = await send(caseId, { type: 'ACCEPT', data: { goal: 'course' } }, '"1"');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    const body = await res.json();
    expect(body.case).toMatchObject({ state: 'coaching', version: 2, data: { goal: 'course' } });
    expect(body.applied).toEqual([expect.objectContaining({ seq: 2, event: 'ACCEPT', actor: 'coach-1' })]);
    expect((await t.store.getCase(caseId))!.version).toBe(2);
  });

  it('answers 428 without If-Match and 409 for a stale version, changing nothing', async () => {
    const { caseId } = await submit();
    const missing = await send(caseId, { type: 'ACCEPT', data: { goal: 'job' } }, undefined);
    expect(missing.status).toBe(428);
    expect((await missing.json()).code).toBe('PRECONDITION_REQUIRED');
    const stale = await send(caseId, { type: 'ACCEPT', data: { goal: 'job' } }, 4);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', details: { expected: 4, actual: 1 } });
    expect((await send(caseId, { type: 'ACCEPT' }, 'abc')).status).toBe(400);
    expect((await t.store.getCase(caseId))!.version).toBe(1);
  });

  it('lets exactly one of two concurrent events at the same version win', async () => {
    const { caseId, token } = await submit();
    const [a, b] = await Promise.all([send(caseId, { type: 'ACCEPT', data: { goal: 'job' } }, 1), send(caseId, { type: 'WITHDRAW' }, 1, token)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect((await loser.json()).code).toBe('VERSION_CONFLICT');
    const stored = await t.store.getCase(caseId);
    expect(stored!.version).toBe(2);
    expect(stored!.history).toHaveLength(2);
  });

  it('answers workflow refusals with their code and reason: 403 role, 422 data, 409 state', async () => {
    const { caseId, token } = await submit();
    const role = await send(caseId, { type: 'WITHDRAW' }, 1);
    expect(role.status).toBe(403);
    expect(await role.json()).toMatchObject({ code: 'EVENT_REFUSED', refusal: { code: 'ROLE_FORBIDDEN', details: { allowed: ['applicant'] } } });
    const data = await send(caseId, { type: 'ACCEPT', data: { goal: 'astronaut' } }, 1, TOKENS.coach, 'de');
    expect(data.status).toBe(422);
    const dataBody = await data.json();
    expect(dataBody.refusal.code).toBe('DATA_INVALID');
    expect(dataBody.refusal.details.errors[0]).toMatchObject({ pointer: '/goal', code: 'enum' });
    expect(dataBody.message).toMatch(/Annehmen/);
    const state = await send(caseId, { type: 'CLOSE' }, 1);
    expect(state.status).toBe(409);
    expect((await state.json()).refusal.code).toBe('EVENT_NOT_ALLOWED');
    const unknown = await send(caseId, { type: 'FLY' }, 1);
    expect(unknown.status).toBe(422);
    expect((await send(caseId, { type: 'WITHDRAW' }, 1, token)).status).toBe(200);
    const final = await send(caseId, { type: 'ACCEPT', data: { goal: 'job' } }, 2);
    expect(final.status).toBe(409);
    expect((await final.json()).refusal.code).toBe('CASE_FINAL');
    expect((await t.store.getCase(caseId))!.version).toBe(2);
  });

  it('fires a deadline that is due before a caseworker\'s event, and refuses the event in the new state', async () => {
    const { caseId } = await submit();
    await send(caseId, { type: 'ACCEPT', data: { goal: 'job' } }, 1);
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 40 * 86_400_000);
    try {
      const res = await send(caseId, { type: 'PLACE' }, 2);
      expect(res.status).toBe(409);
      expect(res.headers.get('etag')).toBe('"3"');
      expect(await res.json()).toMatchObject({ refusal: { code: 'CASE_FINAL' }, version: 3 });
    } finally {
      t.clock.now = saved;
    }
    expect(await t.store.getCase(caseId)).toMatchObject({ state: 'closed', version: 3 });
  });

  it('shows applicants their own case only, without data or caseworker ids', async () => {
    const mine = await submit('Mina Eigen');
    const other = await submit('Otto Anders');
    await send(mine.caseId, { type: 'ACCEPT', data: { goal: 'job' } }, 1);
    const status = await t.request('/v1/status', { token: mine.token, locale: 'en' });
    expect(status.status).toBe(200);
    const body = await status.json();
    expect(body).toMatchObject({ reference: mine.reference, state: 'coaching', stateTitle: 'Coaching', version: 2 });
    expect(body.history.map((h: { title: string | null }) => h.title)).toEqual([null, 'Accept']);
    expect(JSON.stringify(body)).not.toMatch(/Mina|coach-1|0151/);
    expect((await t.request(`/v1/cases/${mine.caseId}`, { token: mine.token })).status).toBe(200);
    expect((await t.request(`/v1/cases/${other.caseId}`, { token: mine.token })).status).toBe(404);
    expect((await send(other.caseId, { type: 'WITHDRAW' }, 1, mine.token)).status).toBe(404);
    expect((await t.request('/v1/programs/casework/cases', { token: mine.token })).status).toBe(403);
    const forged = `${mine.token.slice(0, -4)}AAAA`;
    expect((await t.request('/v1/status', { token: forged })).status).toBe(401);
    expect((await t.request(`/v1/cases/${mine.caseId}`, { token: `cfa1.${other.caseId}.${mine.token.split('.')[2]}` })).status).toBe(401);
    expect((await t.request('/v1/status', { token: TOKENS.coach })).status).toBe(403);
    expect((await t.request('/v1/status')).status).toBe(401);
  });

  it('lets caseworkers see only the programs their roles allow', async () => {
    const { caseId } = await submit();
    expect((await t.request(`/v1/cases/${caseId}`, { token: TOKENS.officer })).status).toBe(404);
    expect((await t.request('/v1/programs/casework/cases', { token: TOKENS.officer })).status).toBe(403);
    expect((await t.request('/v1/programs/casework/report', { token: TOKENS.officer })).status).toBe(403);
    expect((await send(caseId, { type: 'ACCEPT', data: { goal: 'job' } }, 1, TOKENS.officer)).status).toBe(404);
    expect((await t.request(`/v1/cases/${caseId}`)).status).toBe(401);
    expect((await t.request(`/v1/cases/${caseId}`, { token: 'not-a-known-token-at-all' })).status).toBe(401);
    expect((await t.request('/v1/programs/casework/cases', { token: TOKENS.coach })).status).toBe(200);
  });

  it('pages through cases by state without their data', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await submit(`Person ${i}`)).caseId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await t.request(`/v1/programs/casework/cases?state=received&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: TOKENS.coach });
      const page = await res.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(JSON.stringify(page)).not.toMatch(/Person|0151/);
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(new Set(seen).size).toBe(seen.length);
    for (const bad of ['limit=0', 'limit=501', 'limit=x', 'cursor=zzz', 'state=no%20such']) {
      const res = await t.request(`/v1/programs/casework/cases?${bad}`, { token: TOKENS.coach });
      expect(res.status, bad).toBe(400);
      expect((await res.json()).code).toBe('PARAMETER_INVALID');
    }
  });

  it('reports counts per state, outcomes per month and deadlines, with no personal data', async () => {
    const { caseId } = await submit('Rita Report');
    await send(caseId, { type: 'ACCEPT', data: { goal: 'job' } }, 1);
    await send(caseId, { type: 'PLACE' }, 2);
    const res = await t.request('/v1/programs/casework/report', { token: TOKENS.coach, locale: 'de' });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.casesPerState).toEqual(expect.arrayContaining([expect.objectContaining({ state: 'coaching', title: 'Coaching' })]));
    expect(report.outcomesPerMonth).toEqual([{ month: '2025-03', outcome: 'placed', title: 'Vermittelt', count: 1 }]);
    const sum = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
    expect(report.openedPerMonth.every((r: { month: string }) => /^\d{4}-\d{2}$/.test(r.month))).toBe(true);
    expect(sum(report.openedPerMonth)).toBe(sum(report.casesPerState));
    expect(report.deadlines).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'REMIND', title: 'Erinnern' })]));
    expect(JSON.stringify(report)).not.toMatch(/Rita|0151|Tagesaufenthalt|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it("reports the workflow's sums with their title, budget, count and total", async () => {
    const before = (await (await t.request('/v1/programs/casework/report', { token: TOKENS.coach })).json()).sums[0];
    const { caseId } = await submit('Sam Summe');
    await send(caseId, { type: 'ACCEPT', data: { goal: 'job', hours: 17 } }, 1);
    await send(caseId, { type: 'PLACE' }, 2);
    const res = await t.request('/v1/programs/casework/report', { token: TOKENS.coach, locale: 'de' });
    const report = await res.json();
    expect(report.sums).toHaveLength(1);
    const [sum] = report.sums;
    expect(sum).toMatchObject({ name: 'placedHours', outcome: 'placed', title: 'Vermittelt', budget: 100, count: before.count + 1, total: before.total + 17 });
    expect(sum).not.toHaveProperty('currency');
    expect(sum.perMonth.reduce((n: number, r: { amount: number }) => n + r.amount, 0)).toBe(sum.total);
    expect(sum.perMonth.every((r: { month: string }) => /^\d{4}-\d{2}$/.test(r.month))).toBe(true);
    expect(JSON.stringify(report)).not.toMatch(/Sam|0151|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
