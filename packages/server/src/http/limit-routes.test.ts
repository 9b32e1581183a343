import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../test-support/stores.js';
import { createTestApp, examplePrograms, SETUP_TIMEOUT, type TestApp } from '../test-support/test-app.js';
import { createProgramRegistry } from '../programs/program-registry.js';
import { createTokenAuthenticator } from '../auth/token-authenticator.js';
import { loadFutureCongress, registration } from '../test-support/limits-fixtures.js';

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
