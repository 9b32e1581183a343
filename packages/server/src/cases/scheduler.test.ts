import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createCase } from '@civicflow/workflow';
import type { CaseStore } from '../store/case-store.js';
import { describeEachStore } from '../test-support/stores.js';
import { caseworkIntake, loadCasework } from '../test-support/fixtures.js';
import { createProgramRegistry } from '../programs/program-registry.js';
import { createScheduler } from './scheduler.js';
import { SETUP_TIMEOUT } from '../test-support/test-app.js';

const program = loadCasework();
const programs = createProgramRegistry([program]);
const t0 = new Date('2025-03-01T09:00:00Z');
const days = (n: number) => new Date(t0.getTime() + n * 86_400_000);

async function openCases(store: CaseStore, n: number, at = t0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = createCase(program, randomUUID(), { id: 'a', roles: ['applicant'] }, at, caseworkIntake());
    if (!r.ok) throw new Error(r.message);
    await store.submit({ programId: program.id, idempotencyKey: r.case.id, requestHash: 'h', formId: 'intake', reference: `R-${r.case.id}`, case: r.case, now: at });
    ids.push(r.case.id);
  }
  return ids;
}

describeEachStore('scheduler', (kind) => {
  let store: CaseStore;
  beforeEach(async () => {
    store = await kind.create();
  }, SETUP_TIMEOUT);
  afterEach(() => store.close());
  afterAll(() => kind.cleanup());

  it('fires every due timer once, in batches, and nothing that is not due', async () => {
    const due = await openCases(store, 7, t0);
    const later = await openCases(store, 2, days(10));
    const scheduler = createScheduler({ store, programs, batchSize: 3, clock: () => days(15) });
    expect(await scheduler.runOnce()).toBe(7);
    expect(await scheduler.runOnce()).toBe(0);
    for (const id of due) expect(await store.getCase(id)).toMatchObject({ state: 'overdue', version: 2, timers: [] });
    for (const id of later) expect(await store.getCase(id)).toMatchObject({ state: 'received', version: 1 });
  });

  it('runs on its own until stopped', async () => {
    const [id] = await openCases(store, 1);
    const scheduler = createScheduler({ store, programs, intervalMs: 20, clock: () => days(20) });
    scheduler.start();
    for (let i = 0; i < 200 && (await store.getCase(id!))!.version === 1; i++) await new Promise((r) => setTimeout(r, 25));
    await scheduler.stop();
    expect(await store.getCase(id!)).toMatchObject({ state: 'overdue', version: 2 });
  });

  it('leaves timers of programs it does not serve alone', async () => {
    const [id] = await openCases(store, 1);
    const other = createScheduler({ store, programs: createProgramRegistry([]), clock: () => days(20) });
    expect(await other.runOnce()).toBe(0);
    expect((await store.getCase(id!))!.version).toBe(1);
  });

  // Issue 22, break 6: with 60 due cases of a version no longer loaded, the claims took them batch after batch,
  // fired nothing, and the run stopped before any timer of the loaded version.
  it('fires the timers of the versions it runs, however many due cases of an unloaded version come first', async () => {
    const stale = await openCases(store, 60, t0);
    const current = loadCasework();
    const next = createProgramRegistry([{ ...current, version: '9.9.9', ref: `${current.id}@9.9.9` }]);
    const fresh: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = createCase(next.byRef(`${current.id}@9.9.9`)!, randomUUID(), { id: 'a', roles: ['applicant'] }, days(1), caseworkIntake());
      if (!r.ok) throw new Error(r.message);
      await store.submit({ programId: current.id, idempotencyKey: r.case.id, requestHash: 'h', formId: 'intake', reference: `R-${r.case.id}`, case: r.case, now: days(1) });
      fresh.push(r.case.id);
    }
    const scheduler = createScheduler({ store, programs: next, batchSize: 10, clock: () => days(20) });
    expect(await scheduler.runOnce()).toBe(5);
    for (const id of fresh) expect(await store.getCase(id)).toMatchObject({ state: 'overdue', version: 2 });
    for (const id of stale.slice(0, 3)) expect((await store.getCase(id))!.version).toBe(1);
  });

  if (kind.name === 'postgres') {
    it('fires each timer once when two processes\' schedulers run at the same time on one database', async () => {
      const schema = `cf_test_sched_${randomUUID().slice(0, 8)}`;
      const a = await kind.create(schema);
      const b = await kind.create(schema);
      try {
        const ids = await openCases(a, 40);
        const clock = () => days(15);
        const [firedA, firedB] = await Promise.all([
          createScheduler({ store: a, programs, batchSize: 4, clock }).runOnce(),
          createScheduler({ store: b, programs, batchSize: 4, clock }).runOnce(),
        ]);
        expect(firedA + firedB).toBe(40);
        for (const id of ids) {
          const c = await a.getCase(id);
          expect(c!.history.filter((h) => h.event === 'REMIND')).toHaveLength(1);
        }
      } finally {
        await a.close();
        await b.close();
      }
    });
  }
});
