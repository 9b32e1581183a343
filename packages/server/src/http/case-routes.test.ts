import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import type { CaseStore } from '../store/case-store.js';
import { describeEachStore } from '../test-support/stores.js';
import { createTestApp, useTestApp, examplePrograms, SETUP_TIMEOUT, TOKENS, type TestApp } from '../test-support/test-app.js';
import { caseworkIntake, loadPlainIntake } from '../test-support/fixtures.js';
import { createApp } from './create-app.js';
import { createProgramRegistry } from '../programs/program-registry.js';
import { createScheduler } from '../cases/scheduler.js';

describeEachStore('case routes', (kind) => {
  const t = useTestApp(kind);

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

  it('names the people in the history by the display name the authenticator gave when they acted (issue 14)', async () => {
    const open = await t.request('/v1/programs/zweite-chance/submissions?form=firstContact', {
      json: { firstContact: { date: '2025-03-01', channel: 'outreach', alias: 'Jo' } },
      token: TOKENS.zcCoach,
    });
    const { caseId } = await open.json();
    const started = await t.request(`/v1/cases/${caseId}/events`, { json: { type: 'START_INTAKE' }, token: TOKENS.zcCoach, headers: { 'if-match': '2' } });
    expect((await started.json()).case.people).toEqual({ 'coach-zc': 'Anna Becker' });
    const body = await (await t.request(`/v1/cases/${caseId}`, { token: TOKENS.zcCoach })).json();
    expect(body.history.map((h: { actor: string }) => h.actor)).toEqual(['coach-zc', 'coach-zc', 'coach-zc']);
    expect(body.people).toEqual({ 'coach-zc': 'Anna Becker' });
    // A caseworker whose hook gives no name has none; an applicant is never listed (the screen has a word for them).
    const { caseId: other } = await submit();
    expect((await (await t.request(`/v1/cases/${other}`, { token: TOKENS.coach })).json()).people).toEqual({});
    expect(await t.store.names(['coach-zc', 'coach-1', `applicant:${other}`])).toEqual({ 'coach-zc': 'Anna Becker' });
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
    expect(JSON.stringify(body)).not.toMatch(/Mina|coach-1|0151 234567/);
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

  it("gives applicants a PDF of what they sent, with what the office added left out, and nobody else (issue 14)", async () => {
    const mine = await submit('Mina Übermut');
    await send(mine.caseId, { type: 'ACCEPT', data: { goal: 'job' } }, 1);
    const res = await t.request('/v1/status/submission.pdf', { token: mine.token, locale: 'de' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${mine.reference}.pdf"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const doc = await getDocumentProxy(new Uint8Array(await res.arrayBuffer()));
    const text = (await extractText(doc, { mergePages: true })).text.replace(/\s+/g, ' ');
    expect(text).toContain(`Aktenzeichen ${mine.reference}`);
    expect(text).toContain('Name Mina Übermut');
    expect(text).toContain('Kontaktstelle Tagesaufenthalt Mitte');
    expect(text).not.toContain('Ziel');
    expect((await t.request('/v1/status/submission.pdf', { token: TOKENS.coach })).status).toBe(403);
    expect((await t.request('/v1/status/submission.pdf')).status).toBe(401);
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
      expect(JSON.stringify(page)).not.toMatch(/Person|0151 234567/);
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
    expect(JSON.stringify(report)).not.toMatch(/Rita|0151 234567|Tagesaufenthalt|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('reports the months from `from` to `to` only, and refuses a period that is no months with a message in the reader\'s language', async () => {
    const { caseId } = await submit('Paula Periode');
    await send(caseId, { type: 'ACCEPT', data: { goal: 'job', hours: 5 } }, 1);
    await send(caseId, { type: 'PLACE' }, 2);
    const get = async (query: string, locale = 'en') => t.request(`/v1/programs/casework/report${query}`, { token: TOKENS.coach, locale });
    const all = await (await get('')).json();
    const months = [...new Set([...all.openedPerMonth, ...all.outcomesPerMonth].map((r: { month: string }) => r.month))].sort();
    expect(months.length).toBeGreaterThan(0);
    const month = months[0]!;
    // The month itself: everything of that month, nothing of any other.
    const only = await (await get(`?from=${month}&to=${month}`)).json();
    expect(only.openedPerMonth).toEqual(all.openedPerMonth.filter((r: { month: string }) => r.month === month));
    expect(only.outcomesPerMonth).toEqual(all.outcomesPerMonth.filter((r: { month: string }) => r.month === month));
    expect(only.sums[0].perMonth).toEqual(all.sums[0].perMonth.filter((r: { month: string }) => r.month === month));
    expect(only.sums[0].total).toBe(only.sums[0].perMonth.reduce((n: number, r: { amount: number }) => n + r.amount, 0));
    // States and deadlines stand as they are now, whatever the period.
    expect(only.casesPerState).toEqual(all.casesPerState);
    expect(only.deadlines).toEqual(all.deadlines);
    // Before the first month: nothing counted; an open end keeps the rest.
    const before = await (await get('?to=1999-12')).json();
    expect([before.openedPerMonth, before.outcomesPerMonth, before.sums[0].perMonth]).toEqual([[], [], []]);
    expect(before.sums[0]).toMatchObject({ count: 0, total: 0 });
    expect((await (await get(`?from=${month}`)).json()).openedPerMonth).toEqual(all.openedPerMonth.filter((r: { month: string }) => r.month >= month));
    for (const [query, parameter] of [['?from=2025-13', 'from'], ['?to=2025-3', 'to'], ['?from=2025-03-01', 'from'], ['?from=2025-04&to=2025-03', 'from'], ['?to=x', 'to']] as const) {
      const de = await get(query, 'de');
      expect(de.status, query).toBe(400);
      const body = await de.json();
      expect(body).toMatchObject({ code: 'REPORT_RANGE_INVALID', details: { parameter } });
      expect(body.message).toContain('Zeitraum');
      expect((await (await get(query, 'en')).json()).message).toContain('period');
    }
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
    expect(JSON.stringify(report)).not.toMatch(/Sam|0151 234567|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});

const DAY = 86_400_000;
const T0 = new Date('2025-03-01T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describeEachStore('applicant token lifetime', (kind) => {
  // The default (90 days), at once on closing, and 7 days with a program that has no workflow.
  let standard: TestApp;
  let atOnce: TestApp;
  let week: TestApp;
  beforeAll(async () => {
    standard = await createTestApp(kind);
    atOnce = await createTestApp(kind, { applicantTokenDays: 0 });
    week = await createTestApp(kind, { applicantTokenDays: 7, programs: createProgramRegistry([...examplePrograms(), loadPlainIntake()]) });
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await Promise.all([standard.close(), atOnce.close(), week.close()]);
    await kind.cleanup();
  });

  async function submit(t: TestApp, name = 'Alex Beispiel', program = 'casework', key?: string): Promise<{ caseId: string; token: string; reference: string }> {
    const res = await t.request(`/v1/programs/${program}/submissions`, { json: caseworkIntake(name), ...(key ? { headers: { 'idempotency-key': key } } : {}) });
    expect(res.status).toBe(201);
    return res.json();
  }
  const send = (t: TestApp, caseId: string, type: string, version: number, token = TOKENS.coach, data?: unknown) =>
    t.request(`/v1/cases/${caseId}/events`, { json: data === undefined ? { type } : { type, data }, token, locale: 'en', headers: { 'if-match': String(version) } });
  /** What the applicant's token gets on each route it reaches: status, case, event. */
  const statuses = async (t: TestApp, caseId: string, token: string, version: number) => [
    (await t.request('/v1/status', { token })).status,
    (await t.request(`/v1/cases/${caseId}`, { token })).status,
    (await send(t, caseId, 'WITHDRAW', version, token)).status,
  ];

  it('keeps working while the case is open, however long, and for 90 days after it closed', async () => {
    standard.clock.now = T0;
    const { caseId, token } = await submit(standard, 'Olga Offen');
    expect((await send(standard, caseId, 'ACCEPT', 1, TOKENS.coach, { goal: 'job' })).status).toBe(200);
    expect((await send(standard, caseId, 'PLACE', 2)).status).toBe(200);
    standard.clock.now = at(400 * DAY);
    expect((await standard.request('/v1/status', { token })).status).toBe(200);
    expect((await standard.request(`/v1/cases/${caseId}`, { token })).status).toBe(200);
    expect((await send(standard, caseId, 'CLOSE', 3)).status).toBe(200);
    const closedAt = standard.clock.now.getTime();
    standard.clock.now = new Date(closedAt + 90 * DAY - 1);
    const open = await standard.request('/v1/status', { token, locale: 'en' });
    expect(open.status).toBe(200);
    expect(await open.json()).toMatchObject({ state: 'closed', stateTitle: 'Closed' });
    expect((await standard.request(`/v1/cases/${caseId}`, { token })).status).toBe(200);
    standard.clock.now = new Date(closedAt + 90 * DAY);
    // The event is refused before the workflow sees it: a closed case would otherwise say CASE_FINAL.
    expect(await statuses(standard, caseId, token, 4)).toEqual([410, 410, 410]);
    // Caseworkers still see the case; the store is unchanged.
    expect((await standard.request(`/v1/cases/${caseId}`, { token: TOKENS.coach })).status).toBe(200);
    expect((await standard.store.getCase(caseId))!.version).toBe(4);
  });

  it('answers an expired token with TOKEN_EXPIRED in the language asked for, and nothing about the case', async () => {
    standard.clock.now = T0;
    const mine = await submit(standard, 'Greta Geheim');
    const other = await submit(standard, 'Otto Offen');
    expect((await send(standard, mine.caseId, 'WITHDRAW', 1, mine.token)).status).toBe(200);
    standard.clock.now = at(91 * DAY);
    const answers = [
      await standard.request('/v1/status', { token: mine.token, locale: 'en' }),
      await standard.request(`/v1/cases/${mine.caseId}`, { token: mine.token, locale: 'en' }),
      await send(standard, mine.caseId, 'WITHDRAW', 2, mine.token),
    ];
    for (const res of answers) {
      expect(res.status).toBe(410);
      expect(res.headers.get('etag')).toBeNull();
      expect(res.headers.get('www-authenticate')).toBeNull();
      const body = await res.json();
      expect(body).toEqual({ code: 'TOKEN_EXPIRED', message: 'This link has expired. If you have questions about your application, please contact the office.' });
      expect(JSON.stringify(body)).not.toMatch(new RegExp(`${mine.caseId}|${mine.reference}|Greta|withdrawn|Withdrawn|casework`));
    }
    const de = await standard.request('/v1/status', { token: mine.token, locale: 'de' });
    expect(await de.json()).toEqual({ code: 'TOKEN_EXPIRED', message: 'Dieser Link ist abgelaufen. Bei Fragen zu Ihrem Antrag wenden Sie sich bitte an die zuständige Stelle.' });
    // Another case's answer does not change: a token never learns whether someone else's case closed.
    expect((await standard.request(`/v1/cases/${mine.caseId}`, { token: other.token })).status).toBe(404);
    expect((await standard.request(`/v1/cases/${other.caseId}`, { token: mine.token })).status).toBe(404);
    expect((await standard.request('/v1/status', { token: other.token })).status).toBe(200);
    // A forged token is still unknown, not expired.
    expect((await standard.request('/v1/status', { token: `${mine.token.slice(0, -4)}AAAA` })).status).toBe(401);
  });

  it('stays deterministic: a repeated submission answers with the same token, which expires with its case', async () => {
    standard.clock.now = T0;
    const key = 'lifetime-repeat-0001';
    const first = await submit(standard, 'Rudi Wieder', 'casework', key);
    expect((await send(standard, first.caseId, 'WITHDRAW', 1, first.token)).status).toBe(200);
    standard.clock.now = at(200 * DAY);
    const again = await submit(standard, 'Rudi Wieder', 'casework', key);
    // The same receipt, telling where the case stands now.
    expect(again).toEqual({ ...first, state: 'withdrawn' });
    expect((await standard.request('/v1/status', { token: again.token })).status).toBe(410);
  });

  it('counts from the time a deadline closed the case, as the history records it', async () => {
    standard.clock.now = T0;
    const { caseId, token } = await submit(standard, 'Frida Frist');
    expect((await send(standard, caseId, 'ACCEPT', 1, TOKENS.coach, { goal: 'course' })).status).toBe(200);
    // followUp (P30D) is due on day 30; the scheduler runs on day 45 and closes the case then.
    const fired = at(45 * DAY);
    await createScheduler({ store: standard.store, programs: createProgramRegistry(examplePrograms()), clock: () => fired }).runOnce();
    const stored = (await standard.store.getCase(caseId))!;
    expect(stored).toMatchObject({ state: 'closed' });
    expect(stored.history.at(-1)!.at).toBe(fired.toISOString());
    standard.clock.now = new Date(fired.getTime() + 90 * DAY - 1);
    expect((await standard.request('/v1/status', { token })).status).toBe(200);
    standard.clock.now = new Date(fired.getTime() + 90 * DAY);
    expect((await standard.request('/v1/status', { token })).status).toBe(410);
  });

  it('with 0 days, stops at once when the case closes', async () => {
    atOnce.clock.now = T0;
    const { caseId, token } = await submit(atOnce, 'Nina Null');
    expect((await atOnce.request('/v1/status', { token })).status).toBe(200);
    // The applicant's own step that closes the case is answered; the link ends with it.
    const withdrawn = await send(atOnce, caseId, 'WITHDRAW', 1, token);
    expect(withdrawn.status).toBe(200);
    expect((await withdrawn.json()).case.state).toBe('withdrawn');
    expect(await statuses(atOnce, caseId, token, 2)).toEqual([410, 410, 410]);
  });

  it('honours a custom number of days', async () => {
    week.clock.now = T0;
    const { caseId, token } = await submit(week, 'Sieben Tage');
    expect((await send(week, caseId, 'WITHDRAW', 1, token)).status).toBe(200);
    week.clock.now = at(7 * DAY - 1);
    expect((await week.request('/v1/status', { token })).status).toBe(200);
    week.clock.now = at(7 * DAY);
    expect(await statuses(week, caseId, token, 2)).toEqual([410, 410, 410]);
  });

  it('counts a case of a program without a workflow from its submission', async () => {
    week.clock.now = T0;
    const { caseId, token } = await submit(week, 'Paula Plain', 'casework-plain');
    week.clock.now = at(7 * DAY - 1);
    const open = await week.request('/v1/status', { token });
    expect(open.status).toBe(200);
    expect(await open.json()).toMatchObject({ state: 'submitted' });
    week.clock.now = at(7 * DAY);
    expect((await week.request('/v1/status', { token })).status).toBe(410);
    expect((await week.request(`/v1/cases/${caseId}`, { token })).status).toBe(410);
  });
});

describe('createApp applicantTokenDays', () => {
  it('refuses anything but a whole number of days from 0 to 36,500, before it touches the store', async () => {
    const store = {} as CaseStore;
    const programs = createProgramRegistry([]);
    for (const bad of [-1, 1.5, 36_501, Number.NaN]) {
      await expect(createApp({ store, programs, applicantTokenDays: bad }), String(bad)).rejects.toThrow(/applicantTokenDays must be a whole number of days from 0 to 36500/);
    }
  });
});
