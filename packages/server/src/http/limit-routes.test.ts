import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Case } from '@civicflow/workflow';
import { describeEachStore } from '../test-support/stores.js';
import { createTestApp, useTestApp, examplePrograms, SETUP_TIMEOUT, TOKENS, type TestApp } from '../test-support/test-app.js';
import { createProgramRegistry } from '../programs/program-registry.js';
import { createTokenAuthenticator } from '../auth/token-authenticator.js';
import { loadProgram } from '@civicflow/core';
import { futureCongress, grant, loadFutureCongress, registration, wirAtDecision, wirGranted, wirWithdrawn } from '../test-support/limits-fixtures.js';

const OFFICE = 'test-token-congress-office-00';

describeEachStore('places with a waiting list over HTTP', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    const programs = [...examplePrograms().filter((p) => p.id !== 'zukunftsbuendnis'), loadFutureCongress(2)];
    t = await createTestApp(kind, {
      programs: createProgramRegistry(programs),
      authenticate: createTokenAuthenticator([{ token: OFFICE, actor: 'office-1', roles: ['zukunftsbuendnis:office'] }]),
    });
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await t.close();
    await kind.cleanup();
  });

  const register = async (name: string) => {
    const res = await t.request('/v1/programs/zukunftsbuendnis/submissions?form=registration', { json: registration(name) });
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    return { caseId, state: (await t.store.getCase(caseId))!.state };
  };
  const places = async (locale = 'en') => (await (await t.request('/v1/programs/zukunftsbuendnis/report', { token: OFFICE, locale })).json()).places;

  it('registers while places are free, then puts guests on the waiting list and offers a freed place to the one waiting longest', async () => {
    const [anna, bert] = [await register('Anna'), await register('Bert')];
    expect([anna.state, bert.state]).toEqual(['registered', 'registered']);
    t.clock.now = new Date('2025-03-01T10:00:00Z');
    const cleo = await register('Cleo');
    t.clock.now = new Date('2025-03-01T11:00:00Z');
    const dana = await register('Dana');
    expect([cleo.state, dana.state]).toEqual(['waiting', 'waiting']);
    expect(await places('de')).toEqual([{ name: 'congress', title: 'Plätze beim Kongress', count: 2, held: 2, free: 0, waiting: 2 }]);

    const cancel = await t.request(`/v1/cases/${anna.caseId}/events`, { json: { type: 'CANCEL' }, token: OFFICE, headers: { 'if-match': '2' } });
    expect(cancel.status).toBe(200);
    const offered = (await t.store.getCase(cleo.caseId))!;
    expect(offered.state).toBe('registered');
    expect(offered.history.at(-1)).toMatchObject({ actor: 'system', event: 'PLACE_FREE', from: 'waiting', to: 'registered' });
    expect((await t.store.getCase(dana.caseId))!.state).toBe('waiting');
    expect(await places()).toEqual([{ name: 'congress', title: 'Congress places', count: 2, held: 2, free: 0, waiting: 1 }]);

    // A guest still waiting withdraws: no place is freed, nobody is offered one.
    const withdraw = await t.request(`/v1/cases/${dana.caseId}/events`, { json: { type: 'CANCEL' }, token: OFFICE, headers: { 'if-match': '2' } });
    expect(withdraw.status).toBe(200);
    expect(await places()).toEqual([{ name: 'congress', title: 'Congress places', count: 2, held: 2, free: 0, waiting: 0 }]);
    const again = await t.request(`/v1/cases/${bert.caseId}/events`, { json: { type: 'CANCEL' }, token: OFFICE, headers: { 'if-match': '2' } });
    expect(again.status).toBe(200);
    expect(await places()).toEqual([{ name: 'congress', title: 'Congress places', count: 2, held: 1, free: 1, waiting: 0 }]);
  });
});

describeEachStore('a budget freed by a withdrawn grant over HTTP (issue 13)', (kind) => {
  const t = useTestApp(kind);

  const seed = async (c: Case) => {
    await t.store.submit({ programId: 'wir-vielfalt', idempotencyKey: c.id, requestHash: 'h', formId: 'application', reference: `W-${c.id.slice(0, 8)}`, case: c, now: t.clock.now });
    return c.id;
  };
  const budget = async () => (await (await t.request('/v1/programs/wir-vielfalt/report', { token: TOKENS.officer, locale: 'en' })).json()).sums;
  const decide = (id: string, amount: number) =>
    t.request(`/v1/cases/${id}/events`, { json: { type: 'DECIDE', data: grant(amount) }, token: TOKENS.officer, locale: 'de', headers: { 'if-match': '4' } });

  it('counts a grant withdrawn after its approval no more, in the budget a decision stays within and in the report', async () => {
    const wir = t.programs.find((p) => p.id === 'wir-vielfalt')!;
    for (let i = 0; i < 9; i++) await seed(wirGranted(wir, randomUUID(), 20000));
    // Approved for 20,000 euros, then withdrawn by the municipality: the money is free again.
    const withdrawn = wirWithdrawn(wir, randomUUID(), 20000);
    expect(withdrawn.state).toBe('withdrawn');
    expect(withdrawn.outcomes.map((o) => o.outcome)).toEqual(['granted']);
    await seed(withdrawn);
    expect(await budget()).toEqual([expect.objectContaining({ name: 'granted', budget: 200000, count: 9, total: 180000 })]);

    // 180,000 of 200,000 are used: 20,000 fit only with the withdrawn grant's money, 20,000.01 do not.
    const [next, after] = [await seed(wirAtDecision(wir, randomUUID())), await seed(wirAtDecision(wir, randomUUID()))];
    const granted = await decide(next, 20000);
    expect(granted.status).toBe(200);
    expect((await t.store.getCase(next))!.state).toBe('approved');
    expect(await budget()).toEqual([expect.objectContaining({ name: 'granted', budget: 200000, count: 10, total: 200000 })]);
    const refused = await decide(after, 0.01);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ refusal: { code: 'BUDGET_EXCEEDED', details: { sum: 'granted', budget: 200000, used: 200000, amount: 0.01 } } });
  });
});

describeEachStore('a step that needs a taken place, as the office sees it', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    // The congress with two places and a step of the office's own: admitting a guest from the waiting list by hand.
    const congress = futureCongress(2) as { workflow: { events: Record<string, unknown>; states: Record<string, { on: Record<string, unknown> }> }; texts: Record<string, Record<string, string>> };
    congress.workflow.events['ADMIT'] = { roles: ['office'] };
    congress.workflow.states['waiting']!.on['ADMIT'] = { target: 'registered', takesPlace: 'congress' };
    congress.texts['de']!['workflow.events.ADMIT.title'] = 'Von der Warteliste zulassen';
    congress.texts['en']!['workflow.events.ADMIT.title'] = 'Admit from the waiting list';
    const programs = [...examplePrograms().filter((p) => p.id !== 'zukunftsbuendnis'), loadProgram(congress)];
    t = await createTestApp(kind, {
      programs: createProgramRegistry(programs),
      authenticate: createTokenAuthenticator([{ token: OFFICE, actor: 'office-1', roles: ['zukunftsbuendnis:office'] }]),
    });
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await t.close();
    await kind.cleanup();
  });

  it('offers it with the reason it cannot succeed while every place is held, in German or English', async () => {
    const submit = async (name: string) => {
      const res = await t.request('/v1/programs/zukunftsbuendnis/submissions?form=registration', { json: registration(name) });
      return ((await res.json()) as { caseId: string }).caseId;
    };
    const [held, , waiting] = [await submit('Anna'), await submit('Bert'), await submit('Cleo')];
    const steps = async (locale: string) => {
      const res = await t.request(`/v1/cases/${waiting}`, { token: OFFICE, locale });
      expect(res.status).toBe(200);
      return ((await res.json()) as { availableEvents: { event: string; unavailable?: { code: string; message: string } }[] }).availableEvents;
    };
    expect((await steps('de')).map((e) => [e.event, e.unavailable])).toEqual([
      ['CANCEL', undefined],
      ['ADMIT', { code: 'NO_PLACE_FREE', message: 'Alle 2 Plätze von „Plätze beim Kongress“ sind vergeben; „Von der Warteliste zulassen“ ist daher jetzt nicht möglich.' }],
    ]);
    expect((await steps('en')).find((e) => e.event === 'ADMIT')?.unavailable?.message).toBe('All 2 places of "Congress places" are taken, so "Admit from the waiting list" is not possible now.');
    // Sent anyway, it is refused with the same words.
    const refused = await t.request(`/v1/cases/${waiting}/events`, { json: { type: 'ADMIT' }, token: OFFICE, headers: { 'if-match': '2' }, locale: 'en' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { refusal: { code: string } }).refusal.code).toBe('NO_PLACE_FREE');
    // Anna's own case holds the place: her steps count the other cases only, so nothing of hers is marked.
    const own = (await (await t.request(`/v1/cases/${held}`, { token: OFFICE })).json()) as { availableEvents: { unavailable?: unknown }[] };
    expect(own.availableEvents.every((e) => e.unavailable === undefined)).toBe(true);
  });
});
