import { expect, it } from 'vitest';
import { loadProgram, type Program } from '@civicflow/core';
import { MIGRATION_EVENT, migrateCase } from '@civicflow/workflow';
import { describeEachStore } from '../test-support/stores.js';
import { useTestApp, TOKENS } from '../test-support/test-app.js';
import { caseworkIntake } from '../test-support/fixtures.js';
import { caseworkNextDefinition } from '../test-support/casework-next.js';
import { createProgramRegistry } from '../programs/program-registry.js';
import { createScheduler } from '../cases/scheduler.js';
import { createMigrationWorker, startMigration, workRun } from './run-migrations.js';

const PUBLISH = TOKENS.publisher;

describeEachStore('migrations of open cases', (kind) => {
  const t = useTestApp(kind);
  const ids = {} as { overdue: string; received: string; coaching: string; noHours: string; closed: string };
  let b: Program;

  const submit = async () => {
    const res = await t.request('/v1/programs/casework/versions/1.0.0/submissions', { json: caseworkIntake() });
    expect(res.status).toBe(201);
    return ((await res.json()) as { caseId: string }).caseId;
  };
  const event = async (caseId: string, type: string, data?: unknown) => {
    const c = (await t.store.getCase(caseId))!;
    const res = await t.request(`/v1/cases/${caseId}/events`, { json: data === undefined ? { type } : { type, data }, token: TOKENS.coach, headers: { 'if-match': String(c.version) } });
    return res;
  };
  const registry = () => createProgramRegistry([...t.programs, b]);

  it('publishes B while A has open cases in several states', async () => {
    t.clock.now = new Date('2025-02-01T09:00:00Z');
    ids.overdue = await submit();
    t.clock.now = new Date('2025-03-01T09:00:00Z');
    await createScheduler({ store: t.store, programs: createProgramRegistry(t.programs), clock: () => t.clock.now }).runOnce();
    expect((await t.store.getCase(ids.overdue))!.state).toBe('overdue');
    ids.received = await submit();
    ids.coaching = await submit();
    expect((await event(ids.coaching, 'ACCEPT', { goal: 'job', hours: 10 })).status).toBe(200);
    ids.noHours = await submit();
    expect((await event(ids.noHours, 'ACCEPT', { goal: 'course' })).status).toBe(200);
    ids.closed = await submit();
    expect((await event(ids.closed, 'ACCEPT', { goal: 'job', hours: 5 })).status).toBe(200);
    expect((await event(ids.closed, 'CLOSE')).status).toBe(200);
    t.clock.now = new Date('2025-03-02T09:00:00Z');
    const published = await t.request('/v1/programs/casework/versions', { json: caseworkNextDefinition('recompute'), token: PUBLISH });
    expect(published.status).toBe(201);
    b = loadProgram(caseworkNextDefinition('recompute'));
    // A submission under A after B is live: refused, as the program says (no acceptPreviousFor: at once).
    const late = await t.request('/v1/programs/casework/versions/1.0.0/submissions', { json: caseworkIntake() });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ code: 'VERSION_SUPERSEDED', details: { current: '1.1.0' } });
  });

  it('asks for the publish role, a known older version and a migration that fits it', async () => {
    const ask = (body: unknown, token = PUBLISH, locale = 'en') => t.request('/v1/programs/casework/migrations/dry-run', { json: body, token, locale });
    expect((await ask({ from: '1.0.0' }, TOKENS.coach)).status).toBe(403);
    expect((await t.request('/v1/programs/casework/migrations', { token: PUBLISH })).status).toBe(200);
    expect(await (await ask({ from: '0.9.0' })).json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(await (await ask({ from: '1.1.0', to: '1.1.0' })).json()).toMatchObject({ code: 'PARAMETER_INVALID' });
    expect((await ask({ from: 'one' })).status).toBe(400);
    expect((await ask({ from: '1.0.0', extra: 1 })).status).toBe(400);
    // 1.2.0 forgot that 1.0.0 had the state overdue, and keeps timers whose events it lacks.
    const broken = caseworkNextDefinition('keep', '1.2.0');
    broken.versions.migrations[0].states = {};
    delete broken.workflow.events.REMIND;
    broken.workflow.states.received.after = [];
    delete broken.workflow.states.received.on.REMIND;
    delete broken.workflow.states.late;
    for (const texts of Object.values(broken.texts) as Record<string, string>[]) delete texts['workflow.states.late.title'];
    expect((await t.request('/v1/programs/casework/versions', { json: broken, token: PUBLISH })).status).toBe(201);
    const refused = await ask({ from: '1.0.0', to: '1.2.0' }, PUBLISH, 'de');
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body).toMatchObject({ code: 'MIGRATION_INVALID', details: { from: '1.0.0', to: '1.2.0' } });
    expect(body.message).toContain('Übernahme');
    expect(body.problems.map((p: { code: string; pointer: string }) => [p.code, p.pointer])).toEqual([
      ['MIGRATION_STATE_UNMAPPED', '/versions/migrations/0/states'],
      ['MIGRATION_TIMER_EVENT_UNKNOWN', '/versions/migrations/0/timers'],
    ]);
    expect(body.problems[0].message).toContain('„overdue“');
  });

  it('dry-runs: says case by case and in sum where each open case of A would go and which fail B\'s forms, changing nothing', async () => {
    const res = await t.request('/v1/programs/casework/migrations/dry-run', { json: { from: '1.0.0', to: '1.1.0' }, token: PUBLISH });
    expect(res.status).toBe(200);
    const run = await res.json();
    expect(run).toMatchObject({ from: 'casework@1.0.0', to: 'casework@1.1.0', total: 4, migrating: 3, failing: 1, more: 0 });
    expect(run.states).toEqual(expect.arrayContaining([
      { from: 'overdue', to: 'late', cases: 1 },
      { from: 'received', to: 'received', cases: 1 },
      { from: 'coaching', to: 'coaching', cases: 2 },
    ]));
    expect(run.cases[0]).toMatchObject({ caseId: ids.noHours, ok: false, fromState: 'coaching', toState: 'coaching', problems: [{ form: 'plan', pointer: '/hours', code: 'required' }] });
    expect(run.cases.slice(1).every((c: { ok: boolean }) => c.ok)).toBe(true);
    expect(run.cases.map((c: { caseId: string }) => c.caseId)).not.toContain(ids.closed);
    for (const id of Object.values(ids)) expect((await t.store.getCase(id))!.program).toBe('casework@1.0.0');
  });

  it('applies: every open case once on B with an audit entry, or listed as failed on A; timers recomputed from B', async () => {
    const started = await t.request('/v1/programs/casework/migrations', { json: { from: '1.0.0', to: '1.1.0' }, token: PUBLISH });
    expect(started.status).toBe(202);
    const { run } = await started.json();
    expect(run).toMatchObject({ from: '1.0.0', to: '1.1.0', total: 4, migrated: 0, failed: 0, remaining: 4, finishedAt: null, startedBy: 'designer-1' });
    const again = await t.request('/v1/programs/casework/migrations', { json: { from: '1.0.0', to: '1.1.0' }, token: PUBLISH });
    expect(again.status).toBe(200);
    expect((await again.json()).run.id).toBe(run.id);
    const a = t.programs.find((p) => p.ref === 'casework@1.0.0')!;
    const elsewhere = startMigration(t.store, { from: a, to: loadProgram(caseworkNextDefinition('recompute', '1.3.0')) }, 'designer-1', t.clock.now);
    await expect(elsewhere).rejects.toMatchObject({ code: 'MIGRATION_RUNNING', params: { to: '1.1.0', run: run.id } });

    const worker = createMigrationWorker({ store: t.store, programs: registry(), clock: () => t.clock.now, batchSize: 2 });
    expect(await worker.runOnce()).toEqual({ migrated: 3, failed: 1 });
    expect(await worker.runOnce()).toEqual({ migrated: 0, failed: 0 });

    const status = await (await t.request(run.links.self, { token: PUBLISH })).json();
    expect(status).toMatchObject({ migrated: 3, failed: 1, remaining: 0, finishedAt: t.clock.now.toISOString() });
    expect(status.failures).toEqual([expect.objectContaining({ caseId: ids.noHours, problems: [expect.objectContaining({ form: 'plan', pointer: '/hours', code: 'required' })] })]);

    const received = (await t.store.getCase(ids.received))!;
    expect(received).toMatchObject({ program: 'casework@1.1.0', state: 'received', version: 2 });
    expect(received.data).toEqual({ name: 'Alex Beispiel', telephone: '0151 234567', housing: 'none', contactPoint: 'Tagesaufenthalt Mitte' });
    // B reminds after 7 days, counted from when the case entered the state.
    expect(received.timers).toEqual([expect.objectContaining({ id: 'after:received:0', due: '2025-03-08T09:00:00.000Z', startedAt: '2025-03-01T09:00:00.000Z' })]);
    expect(received.history.at(-1)).toMatchObject({ event: MIGRATION_EVENT, from: 'received', to: 'received', actor: 'designer-1', changed: ['/phone', '/telephone'], migration: { from: 'casework@1.0.0', to: 'casework@1.1.0', timers: 'recompute' } });
    expect(received.dataChangedAt).toBe('2025-03-01T09:00:00.000Z');
    const overdue = (await t.store.getCase(ids.overdue))!;
    expect(overdue).toMatchObject({ program: 'casework@1.1.0', state: 'late', timers: [] });
    const coaching = (await t.store.getCase(ids.coaching))!;
    expect(coaching.timers).toEqual([expect.objectContaining({ id: 'deadline:followUp', due: '2025-03-31T09:00:00.000Z' })]);
    expect((await t.store.getCase(ids.noHours))!).toMatchObject({ program: 'casework@1.0.0', state: 'coaching', version: 2 });
    expect((await t.store.getCase(ids.closed))!).toMatchObject({ program: 'casework@1.0.0', state: 'closed' });
    // The old data stays readable beside the history.
    const records = await t.store.caseMigrations.ofCase(ids.received);
    expect(records).toEqual([expect.objectContaining({ outcome: 'migrated', from: 'casework@1.0.0', to: 'casework@1.1.0', before: expect.objectContaining({ state: 'received', data: expect.objectContaining({ phone: '0151 234567' }) }) })]);

    // Events now follow B's forms: the plan needs the hours.
    const refused = await event(ids.received, 'ACCEPT', { goal: 'job' });
    expect(refused.status).toBe(422);
    expect((await event(ids.received, 'ACCEPT', { goal: 'job', hours: 3 })).status).toBe(200);

    const overview = await (await t.request('/v1/programs/casework/migrations', { token: PUBLISH })).json();
    expect(overview.versions).toEqual([
      { version: '1.2.0', current: true, openCases: 0, cases: 0 },
      { version: '1.1.0', current: false, openCases: 3, cases: 3 },
      { version: '1.0.0', current: false, openCases: 1, cases: 2 },
    ]);
    expect(overview.runs).toEqual([expect.objectContaining({ id: run.id, migrated: 3, failed: 1 })]);
    const audit = await t.store.officeAudit('casework', 100);
    expect(audit.filter((a) => a.action === 'migrate')).toEqual([expect.objectContaining({ actor: 'designer-1', detail: { run: run.id, from: '1.0.0', to: '1.1.0', cases: 4 } })]);

    // A second run tries only what is still on A.
    const second = await (await t.request('/v1/programs/casework/migrations', { json: { from: '1.0.0', to: '1.1.0' }, token: PUBLISH })).json();
    expect(second).toMatchObject({ created: true, run: { total: 1 } });
    expect(await worker.runOnce()).toEqual({ migrated: 0, failed: 1 });
    expect((await t.store.getCase(ids.received))!.history.filter((h) => h.event === MIGRATION_EVENT)).toHaveLength(1);

    // An erasure on request takes the copy from before the migration with the case's data.
    const erased = await t.request(`/v1/cases/${ids.received}/erasure`, { json: { reason: 'DSGVO-17/2025' }, token: TOKENS.dpo });
    expect(erased.status).toBe(200);
    expect(await t.store.caseMigrations.ofCase(ids.received)).toEqual([expect.objectContaining({ outcome: 'migrated', before: null })]);
    expect((await t.store.caseMigrations.ofCase(ids.coaching))[0]!.before).not.toBeNull();
  });

  it('keeps or drops timers as the migration says', async () => {
    const a = t.programs.find((p) => p.ref === 'casework@1.0.0')!;
    const c = (await t.store.getCase(ids.noHours))!;
    const kept = migrateCase(a, loadProgram(caseworkNextDefinition('keep')), { ...c, data: { ...c.data, hours: 1 } }, { id: 'x', roles: [] }, t.clock.now);
    expect(kept.ok && kept.case.timers).toEqual(c.timers);
    const received = { ...c, state: 'received', timers: [{ id: 'after:received:0', event: 'REMIND', due: '2025-03-15T09:00:00.000Z', startedAt: '2025-03-01T09:00:00.000Z', state: 'received' }] };
    const overdueKept = migrateCase(a, loadProgram(caseworkNextDefinition('keep')), { ...received, state: 'overdue', timers: [{ ...received.timers[0]!, id: 'after:overdue:0', state: 'overdue' }], data: { name: 'Al', housing: 'flat' } }, { id: 'x', roles: [] }, t.clock.now);
    expect(overdueKept.ok && overdueKept.case.timers).toEqual([expect.objectContaining({ id: 'after:late:0', state: 'late', due: '2025-03-15T09:00:00.000Z' })]);
    const dropped = migrateCase(a, loadProgram(caseworkNextDefinition('drop')), { ...received, data: { name: 'Al', housing: 'flat' } }, { id: 'x', roles: [] }, t.clock.now);
    expect(dropped.ok && dropped.case.timers).toEqual([]);
  });

});

describeEachStore('a migration run by several workers at once', (kind) => {
  const t = useTestApp(kind);

  it('moves every case exactly once', async () => {
    const many: string[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await t.request('/v1/programs/casework/submissions', { json: caseworkIntake(`Person ${i}`) });
      many.push(((await res.json()) as { caseId: string }).caseId);
    }
    expect((await t.request('/v1/programs/casework/versions', { json: caseworkNextDefinition('recompute'), token: PUBLISH })).status).toBe(201);
    const started = await (await t.request('/v1/programs/casework/migrations', { json: { from: '1.0.0' }, token: PUBLISH })).json();
    const programs = createProgramRegistry([...t.programs, loadProgram(caseworkNextDefinition('recompute'))]);
    const run = (await t.store.caseMigrations.get(started.run.id))!;
    const done = await Promise.all([1, 2, 3].map(() => workRun(run, { store: t.store, programs, batchSize: 4 })));
    expect(done.reduce((n, d) => n + d.migrated, 0)).toBe(30);
    expect(done.reduce((n, d) => n + d.failed, 0)).toBe(0);
    for (const id of many) {
      const c = (await t.store.getCase(id))!;
      expect(c.program).toBe('casework@1.1.0');
      expect(c.history.filter((h) => h.event === MIGRATION_EVENT)).toHaveLength(1);
      expect(await t.store.caseMigrations.ofCase(id)).toHaveLength(1);
    }
    expect((await t.store.caseMigrations.get(run.id))!.finishedAt).not.toBeNull();
  });
});
