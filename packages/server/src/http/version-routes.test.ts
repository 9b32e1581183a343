import { describe, expect, it } from 'vitest';
import type { ProgramDefinition } from '@civicflow/core';
import { describeEachStore } from '../test-support/stores.js';
import { useTestApp, SETUP_TIMEOUT, TOKENS } from '../test-support/test-app.js';
import { caseworkIntake, loadCasework } from '../test-support/fixtures.js';
import { createTokenAuthenticator } from '../auth/token-authenticator.js';
import { createProgramRegistry } from '../programs/program-registry.js';
import { createApp } from './create-app.js';

const PUBLISHER = 'test-token-publisher-0000000000';
const authenticate = createTokenAuthenticator([
  { token: PUBLISHER, actor: 'designer-1', roles: ['casework:publish', 'casework:coach'] },
  { token: TOKENS.coach, actor: 'coach-1', roles: ['casework:coach'] },
]);

/** Casework as another version: the plan form takes a third goal and needs the hours, and older versions accept for `acceptPreviousFor`. */
function caseworkB(version: string, acceptPreviousFor?: string): ProgramDefinition {
  const def = structuredClone(loadCasework().definition) as ProgramDefinition;
  def.version = version;
  const plan = def.forms['plan']!.schema as { properties: { goal: { enum: string[] } }; required: string[] };
  plan.properties.goal.enum = ['job', 'course', 'training'];
  plan.required = ['goal', 'hours'];
  for (const texts of Object.values(def.texts ?? {})) (texts as Record<string, string>)['forms.plan.fields.goal.options.training'] = 'Training';
  if (acceptPreviousFor) def.versions = { acceptPreviousFor };
  return def;
}

describeEachStore('program versions', (kind) => {
  const t = useTestApp(kind, { authenticate });

  const publish = (definition: unknown, token = PUBLISHER, locale = 'en') => t.request('/v1/programs/casework/versions', { json: definition, token, locale });
  const submitTo = (version: string, body: unknown = caseworkIntake(), key?: string) =>
    t.request(`/v1/programs/casework/versions/${version}/submissions`, { json: body, ...(key ? { headers: { 'idempotency-key': key } } : {}) });
  const send = (caseId: string, version: number, data: unknown) =>
    t.request(`/v1/cases/${caseId}/events`, { json: { type: 'ACCEPT', data }, token: TOKENS.coach, headers: { 'if-match': String(version) } });

  it('publishes only for the program\'s publish role, and refuses a definition with problems, listing them in the caller\'s language', async () => {
    expect((await t.request('/v1/programs/casework/versions', { json: caseworkB('1.1.0') })).status).toBe(401);
    const forbidden = await publish(caseworkB('1.1.0'), TOKENS.coach);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ code: 'FORBIDDEN', details: { role: 'casework:publish' } });

    const broken = caseworkB('1.1.0', 'two weeks');
    const invalid = await publish(broken, PUBLISHER, 'de');
    expect(invalid.status).toBe(422);
    const body = await invalid.json();
    expect(body).toMatchObject({ code: 'PROGRAM_INVALID', details: { count: 1 } });
    expect(body.message).toContain('nichts veröffentlicht');
    expect(body.problems).toEqual([expect.objectContaining({ code: 'VERSIONS_DURATION_INVALID', pointer: '/versions/acceptPreviousFor' })]);
    expect(body.problems[0].message).toContain('ist keine Dauer');

    const other = await t.request('/v1/programs/other/versions', { json: caseworkB('1.1.0'), token: PUBLISHER });
    expect(other.status).toBe(403);
    expect((await t.request('/v1/programs/casework/versions')).status).toBe(200);
    expect((await (await t.request('/v1/programs/casework/versions')).json()).items.map((v: { version: string }) => v.version)).toEqual(['1.0.0']);
  });

  it('publishes B while A has open cases: A\'s cases keep validating their events against A\'s forms, new cases go to B', async () => {
    const a = await (await submitTo('1.0.0')).json();
    const a2 = await (await submitTo('1.0.0')).json();
    t.clock.now = new Date('2025-03-02T09:00:00Z');
    const res = await publish(caseworkB('1.1.0'));
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/v1/programs/casework/versions/1.1.0');
    const published = await res.json();
    expect(published).toMatchObject({ created: true, version: { ref: 'casework@1.1.0', current: true, publishedAt: '2025-03-02T09:00:00.000Z' } });

    // The same definition again changes nothing; another one under the same version is refused.
    const again = await publish(caseworkB('1.1.0'));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: false, version: { hash: published.version.hash } });
    const changed = caseworkB('1.1.0');
    changed.title = { de: 'Anders', en: 'Different' };
    const conflict = await publish(changed, PUBLISHER, 'de');
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ code: 'PROGRAM_VERSION_EXISTS', details: { version: '1.1.0' } });
    // A version the server has from its files is one too, though the store does not hold it.
    const fileVersion = await publish({ ...caseworkB('1.0.0'), title: { de: 'Anders', en: 'Different' } });
    expect(fileVersion.status).toBe(409);

    const list = await (await t.request('/v1/programs/casework/versions')).json();
    expect(list.items.map((v: { version: string; current: boolean }) => [v.version, v.current])).toEqual([['1.1.0', true], ['1.0.0', false]]);
    expect((await (await t.request('/v1/programs/casework')).json()).version).toBe('1.1.0');
    expect((await t.request('/v1/programs/casework/versions/1.1.0/validators.js')).status).toBe(200);

    // A's case: 'training' is not one of A's goals, and A does not need the hours.
    expect((await t.store.getCase(a.caseId))!.program).toBe('casework@1.0.0');
    const refused = await send(a.caseId, 1, { goal: 'training', hours: 4 });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: 'EVENT_REFUSED', refusal: { code: 'DATA_INVALID' } });
    expect((await send(a2.caseId, 1, { goal: 'job' })).status).toBe(200);

    // A new case is opened under B, whose events need the hours and know 'training'.
    const b = await (await t.request('/v1/programs/casework/submissions', { json: caseworkIntake() })).json();
    expect((await t.store.getCase(b.caseId))!.program).toBe('casework@1.1.0');
    expect((await send(b.caseId, 1, { goal: 'job' })).status).toBe(422);
    expect((await send(b.caseId, 1, { goal: 'training', hours: 4 })).status).toBe(200);

    const audit = await t.store.officeAudit('casework', 50);
    expect(audit.filter((e) => e.action === 'publish')).toEqual([
      expect.objectContaining({ actor: 'designer-1', at: '2025-03-02T09:00:00.000Z', detail: { version: '1.1.0', hash: published.version.hash } }),
    ]);
  });

  it('refuses a new submission under an older version once the newest one is live (default P0D), with the link to the newest', async () => {
    const stale = await submitTo('1.0.0', caseworkIntake(), 'stale-key-0001');
    expect(stale.status).toBe(409);
    const body = await stale.json();
    expect(body).toMatchObject({
      code: 'VERSION_SUPERSEDED',
      details: { program: 'casework', version: '1.0.0', current: '1.1.0', links: { submissions: '/v1/programs/casework/versions/1.1.0/submissions' } },
    });
    expect(body.message).toContain('1.1.0');
    // Validating without storing, and the newest version, still work.
    expect((await t.request('/v1/programs/casework/versions/1.0.0/validate', { json: caseworkIntake() })).status).toBe(200);
    expect((await submitTo('1.1.0')).status).toBe(201);
  });

  it('lets older versions accept for the newest one\'s versions.acceptPreviousFor, then refuses; a stored submission repeated later still answers', async () => {
    t.clock.now = new Date('2025-04-01T00:00:00Z');
    expect((await publish(caseworkB('1.2.0', 'P7D'))).status).toBe(201);
    const list = await (await t.request('/v1/programs/casework/versions')).json();
    expect(list.items.find((v: { version: string }) => v.version === '1.1.0').acceptsUntil).toBe('2025-04-08T00:00:00.000Z');
    t.clock.now = new Date('2025-04-07T23:59:00Z');
    const inTime = await submitTo('1.1.0', caseworkIntake(), 'in-time-key-0001');
    expect(inTime.status).toBe(201);
    expect((await t.store.getCase((await inTime.json()).caseId))!.program).toBe('casework@1.1.0');
    // And 1.0.0, superseded long ago, now accepts again for the week: the newest version decides for all older ones.
    expect((await submitTo('1.0.0')).status).toBe(201);
    t.clock.now = new Date('2025-04-08T00:00:00Z');
    expect((await submitTo('1.1.0')).status).toBe(409);
    const repeated = await submitTo('1.1.0', caseworkIntake(), 'in-time-key-0001');
    expect(repeated.status).toBe(201);
    expect(repeated.headers.get('idempotent-replayed')).toBe('true');
  });

  it('serves a version published through another server on the same store from its next request on', async () => {
    const second = await createApp({ store: t.store, programs: createProgramRegistry([loadCasework()]), authenticate, rateLimit: false, logger: { log: () => {} }, clock: () => t.clock.now, programCheckMs: 0 });
    expect((await (await second.request('/v1/programs/casework')).json()).version).toBe('1.2.0');
    expect((await publish(caseworkB('1.3.0'))).status).toBe(201);
    const seen = await (await second.request('/v1/programs/casework/versions')).json();
    expect(seen.items.map((v: { version: string }) => v.version)).toEqual(['1.3.0', '1.2.0', '1.1.0', '1.0.0']);
    expect((await second.request('/v1/programs/casework/versions/1.3.0/browser/definition.en.json')).status).toBe(200);
  });

  it('decides a submission to another server under the versions published since it last looked, though it does not look before a submission', async () => {
    const second = await createApp({ store: t.store, programs: createProgramRegistry([loadCasework()]), authenticate, rateLimit: false, logger: { log: () => {} }, clock: () => t.clock.now, programCheckMs: 0 });
    const submitToSecond = (path: string) =>
      second.request(`/v1/programs/casework${path}/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(caseworkIntake()) });
    // Stored: the statement finds a version it was not decided with, so the case opens under the newest.
    expect((await publish(caseworkB('1.4.0'))).status).toBe(201);
    const opened = await submitToSecond('');
    expect(opened.status).toBe(201);
    expect((await t.store.getCase((await opened.json()).caseId))!.program).toBe('casework@1.4.0');
    // A version the second server did not know of is found before it answers 404.
    expect((await publish(caseworkB('1.5.0'))).status).toBe(201);
    const toNew = await submitToSecond('/versions/1.5.0');
    expect(toNew.status).toBe(201);
    expect((await t.store.getCase((await toNew.json()).caseId))!.program).toBe('casework@1.5.0');
    // The version that was the newest a moment ago no longer accepts, though the second server took it for the newest.
    expect((await publish(caseworkB('1.6.0'))).status).toBe(201);
    const stale = await submitToSecond('/versions/1.5.0');
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: 'VERSION_SUPERSEDED', details: { current: '1.6.0' } });
  });
});

describe('program versions without a store publication', () => {
  it('a registry given two versions from files only lets the older one accept: nothing says when the newer went live', async () => {
    const { createMemoryStore } = await import('../test-support/stores.js');
    const store = await createMemoryStore();
    try {
      const { loadProgram } = await import('@civicflow/core');
      const app = await createApp({ store, programs: createProgramRegistry([loadCasework(), loadProgram(caseworkB('1.1.0'))]), rateLimit: false, logger: { log: () => {} } });
      const res = await app.request('/v1/programs/casework/versions/1.0.0/submissions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(caseworkIntake()) });
      expect(res.status).toBe(201);
    } finally {
      await store.close();
    }
  }, SETUP_TIMEOUT);
});
