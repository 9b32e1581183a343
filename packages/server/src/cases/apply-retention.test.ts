import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createCase } from '@civicflow/workflow';
import type { CaseStore } from '../store/case-store.js';
import { RETENTION_EVENT } from '../store/case-store.js';
import { describeEachStore } from '../test-support/stores.js';
import { caseworkIntake, loadCasework } from '../test-support/fixtures.js';
import { createProgramRegistry } from '../programs/program-registry.js';
import { applyCaseEvent } from './apply-case-event.js';
import { applyRetention } from './apply-retention.js';
import { SETUP_TIMEOUT } from '../test-support/test-app.js';

const program = loadCasework();
const programs = createProgramRegistry([program]);
const t0 = new Date('2024-03-01T09:00:00Z');
const at = (iso: string) => new Date(iso);

async function open(store: CaseStore, when = t0): Promise<string> {
  const r = createCase(program, randomUUID(), { id: 'a', roles: ['applicant'] }, when, caseworkIntake());
  if (!r.ok) throw new Error(r.message);
  await store.submit({ programId: program.id, idempotencyKey: r.case.id, requestHash: 'h', formId: 'intake', reference: `R-${r.case.id}`, case: r.case, now: when });
  return r.case.id;
}

describeEachStore('retention', (kind) => {
  let store: CaseStore;
  beforeEach(async () => {
    store = await kind.create();
  }, SETUP_TIMEOUT);
  afterEach(() => store.close());
  afterAll(() => kind.cleanup());

  it('keeps personal data until its retention has passed', async () => {
    const id = await open(store);
    // Half a year on, the case is not even looked at; a day before its year is up it is, and kept.
    expect(await applyRetention({ store, programs, now: at('2024-09-01T09:00:00Z') })).toEqual({ checked: 0, anonymised: 0, fieldsRemoved: 0 });
    expect(await applyRetention({ store, programs, now: at('2025-02-28T09:00:00Z') })).toEqual({ checked: 1, anonymised: 0, fieldsRemoved: 0 });
    expect((await store.getCase(id))!.data).toEqual(caseworkIntake());
  });

  it('removes each field after its own retention and records it in the audit trail', async () => {
    const id = await open(store);
    const first = await applyRetention({ store, programs, now: at('2025-03-02T00:00:00Z') });
    expect(first).toEqual({ checked: 1, anonymised: 1, fieldsRemoved: 1 });
    const after1 = (await store.getCase(id))!;
    const { name: _name, ...withoutName } = caseworkIntake();
    expect(after1.data).toEqual(withoutName);
    expect(after1.version).toBe(2);
    expect(after1.anonymisedAt).toBe('2025-03-02T00:00:00.000Z');
    expect(after1.history[1]).toEqual({ seq: 2, at: '2025-03-02T00:00:00.000Z', actor: 'system', roles: ['system'], event: RETENTION_EVENT, from: 'received', to: 'received', changed: ['/name'] });
    expect(JSON.stringify(after1.history)).not.toContain('Alex');
    // The phone number has three years, counted from the same collection, not from the first retention run.
    expect(await applyRetention({ store, programs, now: at('2026-03-02T00:00:00Z') })).toMatchObject({ anonymised: 0 });
    expect(await applyRetention({ store, programs, now: at('2027-03-02T00:00:00Z') })).toMatchObject({ anonymised: 1, fieldsRemoved: 1 });
    const after2 = (await store.getCase(id))!;
    expect(after2.data).toEqual({ housing: 'none', contactPoint: 'Tagesaufenthalt Mitte' });
    expect(after2.history.map((h) => h.event)).toEqual([null, RETENTION_EVENT, RETENTION_EVENT]);
    expect(await applyRetention({ store, programs, now: at('2028-03-02T00:00:00Z') })).toMatchObject({ anonymised: 0 });
  });

  it('counts retention from the last change of the data', async () => {
    const id = await open(store);
    await store.updateCase(id, 1, at('2024-12-01T00:00:00Z'), (c) => applyCaseEvent(program, c, { type: 'ACCEPT', data: { goal: 'job' } }, { id: 'c', roles: ['coach'] }, at('2024-03-05T00:00:00Z'), 'en'));
    expect((await store.getCase(id))!.dataChangedAt).toBe('2024-12-01T00:00:00.000Z');
    expect(await applyRetention({ store, programs, now: at('2025-06-01T00:00:00Z') })).toMatchObject({ anonymised: 0 });
    expect(await applyRetention({ store, programs, now: at('2025-12-02T00:00:00Z') })).toMatchObject({ anonymised: 1 });
  });
});
