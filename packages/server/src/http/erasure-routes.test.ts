import { expect, it } from 'vitest';
import { describeEachStore } from '../test-support/stores.js';
import { useTestApp, TOKENS } from '../test-support/test-app.js';
import { caseworkIntake } from '../test-support/fixtures.js';

let counter = 0;
const key = () => `erasure-key-${Date.now()}-${++counter}`;

describeEachStore('erasure on request over HTTP', (kind) => {
  const t = useTestApp(kind);

  async function submit(name: string, k = key()) {
    const res = await t.request('/v1/programs/casework/submissions', { json: caseworkIntake(name), headers: { 'idempotency-key': k } });
    expect(res.status).toBe(201);
    return (await res.json()) as { caseId: string; reference: string; token: string };
  }
  const erase = (caseId: string, token: string | undefined, json: unknown = { reason: 'DSB-2025-017' }, locale = 'en') =>
    t.request(`/v1/cases/${caseId}/erasure`, { json, locale, ...(token ? { token } : {}) });

  it("removes the case's personal data, keeps the rest and the history, and answers a repeat the same", async () => {
    const { caseId, reference } = await submit('Frieda Vergessen');
    const accepted = await t.request(`/v1/cases/${caseId}/events`, { json: { type: 'ACCEPT', data: { goal: 'course', hours: 8 } }, token: TOKENS.coach, headers: { 'if-match': '1' } });
    expect(accepted.status).toBe(200);

    const res = await erase(caseId, TOKENS.dpo);
    expect(res.status).toBe(200);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    const body = await res.json();
    expect(body).toEqual({
      caseId,
      reference,
      erasedAt: t.clock.now.toISOString(),
      entry: { seq: 3, at: t.clock.now.toISOString(), actor: 'dpo-1', roles: ['dataProtection'], event: 'civicflow:erasure', from: 'coaching', to: 'coaching', changed: ['/name', '/phone'], reason: 'DSB-2025-017' },
    });

    const seen = await (await t.request(`/v1/cases/${caseId}`, { token: TOKENS.coach })).json();
    expect(seen).toMatchObject({ state: 'coaching', version: 3, timers: [], erasedAt: t.clock.now.toISOString(), availableEvents: expect.any(Array) });
    expect(seen.data).toEqual({ housing: 'none', contactPoint: 'Tagesaufenthalt Mitte', goal: 'course', hours: 8 });
    expect(seen.history.map((h: { event: string | null }) => h.event)).toEqual([null, 'ACCEPT', 'civicflow:erasure']);
    expect(JSON.stringify(seen)).not.toMatch(/Frieda|0151/);
    expect(t.logs.join('\n')).not.toMatch(/Frieda|DSB-2025-017/);

    const again = await erase(caseId, TOKENS.dpo, { reason: 'DSB-2025-099' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(body);
    expect((await t.store.getCase(caseId))!.version).toBe(3);
  });

  it('lets only the data protection role erase, and tells no one else whether the case exists', async () => {
    const { caseId, token } = await submit('Gero Geschützt');
    const other = await submit('Hanna Andere');
    const answers = {
      none: await erase(caseId, undefined),
      coach: await erase(caseId, TOKENS.coach),
      ownApplicant: await erase(caseId, token),
      otherApplicant: await erase(caseId, other.token),
      otherProgram: await erase(caseId, TOKENS.officer),
      unknown: await erase('no-such-case', TOKENS.dpo),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([who, r]) => [who, r.status]))).toEqual({
      none: 401,
      coach: 403,
      ownApplicant: 403,
      otherApplicant: 404,
      otherProgram: 404,
      unknown: 404,
    });
    expect(await answers.coach.json()).toMatchObject({ code: 'FORBIDDEN', details: { role: 'casework:dataProtection' } });
    expect(await answers.otherProgram.json()).toEqual(await answers.unknown.json());
    expect((await t.store.getCase(caseId))!.erasedAt).toBeNull();
  });

  it('refuses a request without a reference as its reason, and erases nothing', async () => {
    const { caseId } = await submit('Ida Ohnegrund');
    for (const json of [{}, { reason: '' }, { reason: 'Anruf am 3.4., siehe Akte' }, { reason: 'DSB-1', extra: 1 }, ['DSB-1']]) {
      const res = await erase(caseId, TOKENS.dpo, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect((await res.json()).code).toBe('BODY_INVALID');
    }
    expect((await t.store.getCase(caseId))!.erasedAt).toBeNull();
  });

  it('closes an erased case: no events, no status for its applicant, no replay of its submission', async () => {
    const k = key();
    const { caseId, token } = await submit('Jule Geschlossen', k);
    expect((await erase(caseId, TOKENS.dpo)).status).toBe(200);

    const event = await t.request(`/v1/cases/${caseId}/events`, { json: { type: 'ACCEPT', data: { goal: 'job' } }, token: TOKENS.coach, headers: { 'if-match': '2' }, locale: 'en' });
    expect(event.status).toBe(410);
    expect(await event.json()).toEqual({ code: 'CASE_ERASED', message: expect.stringContaining('erased') });
    const withdraw = await t.request(`/v1/cases/${caseId}/events`, { json: { type: 'WITHDRAW' }, token, headers: { 'if-match': '2' } });
    expect(withdraw.status).toBe(410);

    const status = await t.request('/v1/status', { token, locale: 'de' });
    expect(status.status).toBe(410);
    expect(await status.json()).toEqual({ code: 'CASE_ERASED', message: expect.stringContaining('gelöscht') });
    expect((await t.request(`/v1/cases/${caseId}`, { token })).status).toBe(410);

    // The key stays, so a retry of the first request does not open the case again; it only learns that it was erased.
    for (const name of ['Jule Geschlossen', 'Jemand Anderes']) {
      const replay = await t.request('/v1/programs/casework/submissions', { json: caseworkIntake(name), headers: { 'idempotency-key': k } });
      expect(replay.status).toBe(410);
      expect(await replay.json()).toMatchObject({ code: 'CASE_ERASED' });
    }
  });

  it('keeps what the program must keep by law until its retention has passed, and names it with its basis in the answer', async () => {
    // Gemeinsam für Hagen keeps a participant's names for the ESF Plus audits; the phone number may go.
    const contact = { contactDate: '2025-03-01', house: 'altenhagen', channel: 'referral', givenName: 'Lena', familyName: 'Behalten', phone: '02331 123456', ageGroup: 'under25', concern: ['training'] };
    const opened = await t.request('/v1/programs/gemeinsam-fuer-hagen/submissions', { json: contact, token: TOKENS.hagenAdvisor, headers: { 'idempotency-key': key() } });
    expect(opened.status).toBe(201);
    const { caseId } = (await opened.json()) as { caseId: string };

    const res = await erase(caseId, TOKENS.dpo, { reason: 'DSB-2025-018' });
    expect(res.status).toBe(200);
    const body = await res.json();
    const basis = 'Art. 82 Verordnung (EU) 2021/1060';
    expect(body.entry).toMatchObject({ event: 'civicflow:erasure', changed: ['/phone'], kept: [{ pointer: '/givenName', basis }, { pointer: '/familyName', basis }] });
    expect(JSON.stringify(body)).not.toMatch(/Lena|Behalten|02331/);

    const seen = await (await t.request(`/v1/cases/${caseId}`, { token: TOKENS.hagenAdvisor })).json();
    expect(seen.data).toEqual({ contactDate: '2025-03-01', house: 'altenhagen', channel: 'referral', givenName: 'Lena', familyName: 'Behalten', ageGroup: 'under25', concern: ['training'] });
    expect(seen.history.at(-1)).toEqual(body.entry);
    expect(t.logs.join('\n')).not.toMatch(/Behalten/);
  });
});
