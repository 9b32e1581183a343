import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { createCase, type Actor, type Case } from '@civicflow/workflow';
import type { CaseStore } from './case-store.js';
import { applyCaseEvent, fireDueTimers } from '../cases/apply-case-event.js';
import { VersionConflictError } from '../errors.js';
import { describeEachStore } from '../test-support/stores.js';
import { caseworkIntake, loadCasework } from '../test-support/fixtures.js';

const program = loadCasework();
const applicant: Actor = { id: 'applicant', roles: ['applicant'] };
const coach: Actor = { id: 'coach-1', roles: ['coach'] };
const t0 = new Date('2025-03-01T09:00:00Z');
const days = (n: number) => new Date(t0.getTime() + n * 86_400_000);

function openCase(now = t0, name?: string): Case {
  const r = createCase(program, randomUUID(), applicant, now, caseworkIntake(name));
  if (!r.ok) throw new Error(r.message);
  return r.case;
}

async function submitNew(store: CaseStore, key: string = randomUUID(), now = t0) {
  const c = openCase(now);
  return store.submit({ programId: program.id, idempotencyKey: key, requestHash: 'h', formId: 'intake', reference: `REF-${c.id.slice(0, 8)}`, case: c, now });
}

const fireAll = (now: Date) => ({ now, limit: 10, programs: [program.ref] });
const fire = (now: Date) => (c: Case) => fireDueTimers(program, c, now);
const send = (type: string, actor: Actor, now: Date, data?: unknown) => (c: Case) => applyCaseEvent(program, c, { type, data }, actor, now, 'en');

describeEachStore('CaseStore', (kind) => {
  let store: CaseStore;
  beforeEach(async () => {
    store = await kind.create();
  });
  afterEach(async () => {
    await store.close();
  });
  afterAll(() => kind.cleanup());

  it('stores a submitted case with its history, timers and reference', async () => {
    const receipt = await submitNew(store);
    expect(receipt.created).toBe(true);
    const stored = await store.getCase(receipt.caseId);
    expect(stored).toMatchObject({ id: receipt.caseId, reference: receipt.reference, program: 'casework@1.0.0', state: 'received', version: 1 });
    expect(stored!.data).toEqual(caseworkIntake());
    expect(stored!.history).toHaveLength(1);
    expect(stored!.timers.map((t) => t.event)).toEqual(['REMIND']);
    expect(stored!.createdAt).toBe(t0.toISOString());
  });

  it('stores nothing new for a repeated idempotency key and answers with the first receipt', async () => {
    const first = await submitNew(store, 'key-1');
    const again = await submitNew(store, 'key-1');
    expect(again).toEqual({ ...first, created: false });
    expect((await store.listCases({ programId: program.id, limit: 10 })).items).toHaveLength(1);
    expect(await store.findSubmission(program.id, 'key-1')).toEqual({ ...first, created: false });
    expect(await store.findSubmission(program.id, 'key-2')).toBeUndefined();
  });

  it('stores one case when the same key arrives concurrently', async () => {
    const receipts = await Promise.all(Array.from({ length: 6 }, () => submitNew(store, 'same-key')));
    expect(receipts.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(receipts.map((r) => r.caseId)).size).toBe(1);
    expect((await store.listCases({ programId: program.id, limit: 10 })).items).toHaveLength(1);
  });

  it('applies an event at the expected version and appends it to the history', async () => {
    const { caseId } = await submitNew(store);
    const r = await store.updateCase(caseId, 1, days(1), send('ACCEPT', coach, days(1), { goal: 'job' }));
    expect(r?.refusal).toBeUndefined();
    expect(r?.applied.map((a) => a.audit.event)).toEqual(['ACCEPT']);
    const stored = await store.getCase(caseId);
    expect(stored).toMatchObject({ state: 'coaching', version: 2, data: { goal: 'job' } });
    expect(stored!.history.map((h) => h.event)).toEqual([null, 'ACCEPT']);
    expect(stored!.timers.map((t) => t.id)).toEqual(['deadline:followUp']);
    expect(stored!.dataChangedAt).toBe(days(1).toISOString());
  });

  it('writes nothing when the workflow refuses', async () => {
    const { caseId } = await submitNew(store);
    const r = await store.updateCase(caseId, 1, days(1), send('CLOSE', coach, days(1)));
    expect(r).toMatchObject({ applied: [], refusal: { ok: false, code: 'EVENT_NOT_ALLOWED' } });
    expect((await store.getCase(caseId))!.version).toBe(1);
  });

  it('refuses a stale version with VersionConflictError', async () => {
    const { caseId } = await submitNew(store);
    await expect(store.updateCase(caseId, 7, t0, () => { throw new Error('must not run'); })).rejects.toBeInstanceOf(VersionConflictError);
    expect(await store.updateCase('no-such-case', 1, t0, () => { throw new Error('must not run'); })).toBeUndefined();
  });

  // Issue 22: a case id from the request's path with NUL in it reached PostgreSQL, which refused it (a 500).
  it('finds no case, rather than failing, for an id PostgreSQL cannot hold', async () => {
    await submitNew(store);
    expect(await store.getCase('a\u0000b')).toBeUndefined();
    expect(await store.updateCase('\u0000', 1, t0, () => { throw new Error('must not run'); })).toBeUndefined();
  });

  it('lets exactly one of two concurrent events on one case win', async () => {
    const { caseId } = await submitNew(store);
    const race = (type: string, actor: Actor, data?: unknown) =>
      store.updateCase(caseId, 1, days(1), send(type, actor, days(1), data)).then(
        (r) => (r && !r.refusal ? 'won' : 'refused'),
        (e) => (e instanceof VersionConflictError ? 'conflict' : Promise.reject(e)),
      );
    const outcomes = await Promise.all([race('ACCEPT', coach, { goal: 'job' }), race('WITHDRAW', applicant)]);
    expect(outcomes.sort()).toEqual(['conflict', 'won']);
    const stored = await store.getCase(caseId);
    expect(stored!.version).toBe(2);
    expect(stored!.history).toHaveLength(2);
  });

  it('fires due timers before a person\'s event and keeps them when the event is then refused', async () => {
    const { caseId } = await submitNew(store);
    await store.updateCase(caseId, 1, days(1), send('ACCEPT', coach, days(1), { goal: 'job' }));
    const r = await store.updateCase(caseId, 2, days(40), send('PLACE', coach, days(40)));
    expect(r?.applied.map((a) => a.audit.event)).toEqual(['EXPIRE']);
    expect(r?.refusal?.code).toBe('CASE_FINAL');
    expect(await store.getCase(caseId)).toMatchObject({ state: 'closed', version: 3, outcomes: [] });
  });

  it('fires a due timer once and keeps a timer that is not due', async () => {
    const { caseId } = await submitNew(store);
    expect(await store.fireDueTimers(fireAll(days(13)), fire(days(13)))).toBe(0);
    expect(await store.fireDueTimers(fireAll(days(15)), fire(days(15)))).toBe(1);
    expect(await store.fireDueTimers(fireAll(days(16)), fire(days(16)))).toBe(0);
    const stored = await store.getCase(caseId);
    expect(stored).toMatchObject({ state: 'overdue', version: 2, timers: [] });
    expect(stored!.history[1]).toMatchObject({ actor: 'system', event: 'REMIND', timer: 'after:received:0' });
  });

  it('pages through a program\'s cases by state, oldest first when asked', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await submitNew(store, `k${i}`, days(i))).caseId);
    await store.updateCase(ids[2]!, 1, days(9), send('WITHDRAW', applicant, days(9)));
    const first = await store.listCases({ programId: program.id, state: 'received', limit: 3, sort: 'oldest' });
    expect(first.items.map((i) => i.id)).toEqual([ids[0], ids[1], ids[3]]);
    expect(first.items[0]).toMatchObject({ version: 1, nextDue: days(14).toISOString() });
    expect(first.items[0]).not.toHaveProperty('data');
    const second = await store.listCases({ programId: program.id, state: 'received', limit: 3, sort: 'oldest', cursor: first.next! });
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[4] })], next: null });
    // Newest first unless asked otherwise; a cursor of one order does not continue another.
    expect((await store.listCases({ programId: program.id, state: 'received', limit: 4 })).items.map((i) => i.id)).toEqual([ids[4], ids[3], ids[1], ids[0]]);
    await expect(store.listCases({ programId: program.id, limit: 3, cursor: first.next! })).rejects.toMatchObject({ code: 'PARAMETER_INVALID' });
    expect((await store.listCases({ programId: 'other', limit: 3 })).items).toEqual([]);
    await expect(store.listCases({ programId: program.id, limit: 3, cursor: 'garbage' })).rejects.toMatchObject({ code: 'PARAMETER_INVALID' });
  });

  // Issue 22, break 4: a crafted cursor whose date Date.parse accepts but PostgreSQL does not gave a 500.
  it('refuses a crafted cursor as the client\'s mistake, never as a database error', async () => {
    await submitNew(store, 'k0', days(0));
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const crafted = [
      ['oldest', '2019-02-30T00:00:00.000Z', 'a'], // Date.parse rolls it over to March; PostgreSQL refuses it
      ['oldest', '0000-01-01T00:00:00.000Z', 'a'], // no year 0 in PostgreSQL
      ['oldest', 'Sat, 02 Mar 2019 00:00:00 GMT', 'a'], // a date, but not as this server writes it
      ['oldest', '2019-03-02T00:00:00.000Z', 'a\u0000b'], // text PostgreSQL cannot hold
      ['oldest', '2019-03-02T00:00:00.000Z', ''],
      ['oldest', '2019-03-02T00:00:00.000Z', 7],
      ['oldest', 'infinity', 'a'], // only the order by deadline has cases after every time
      ['2019-03-02T00:00:00.000Z', 'a'], // a cursor of before there were orders
    ];
    for (const value of crafted) {
      await expect(store.listCases({ programId: program.id, limit: 3, sort: 'oldest', cursor: cursor(value) }), JSON.stringify(value)).rejects.toMatchObject({ code: 'PARAMETER_INVALID' });
    }
    const fine = await store.listCases({ programId: program.id, limit: 3, sort: 'oldest', cursor: cursor(['oldest', '2019-03-02T00:00:00.000Z', 'a']) });
    expect(fine.items.length).toBe(1);
    const due = await store.listCases({ programId: program.id, limit: 3, sort: 'due', cursor: cursor(['due', 'infinity', '']) }).catch((e: unknown) => e);
    expect(due).toMatchObject({ code: 'PARAMETER_INVALID' });
    // The case has a deadline, so it sorts before every case without one: after "infinity" nothing is left.
    expect((await store.listCases({ programId: program.id, limit: 3, sort: 'due', cursor: cursor(['due', 'infinity', 'a']) })).items.length).toBe(0);
    expect((await store.listCases({ programId: program.id, limit: 3, sort: 'due', cursor: cursor(['due', '2019-03-02T00:00:00.000Z', 'a']) })).items.length).toBe(1);
  });

  it('reports cases per state, outcomes per month and deadlines', async () => {
    const a = (await submitNew(store, 'a')).caseId;
    await submitNew(store, 'b');
    await store.updateCase(a, 1, days(1), send('ACCEPT', coach, days(1), { goal: 'job' }));
    await store.updateCase(a, 2, days(30), send('PLACE', coach, days(30)));
    const report = await store.report(program.id, days(10));
    expect(report.casesPerState).toEqual([{ state: 'coaching', count: 1 }, { state: 'received', count: 1 }]);
    expect(report.outcomesPerMonth).toEqual([{ month: '2025-03', outcome: 'placed', count: 1 }]);
    expect(report.openedPerMonth).toEqual([{ month: days(0).toISOString().slice(0, 7), count: 2 }]);
    expect(report.deadlines).toEqual([{ event: 'REMIND', overdue: 0, within7Days: 1, within30Days: 0, later: 0 }]);
  });

  it('adds up a number of the case data for the cases that recorded an outcome, once per case, by month of first recording', async () => {
    const [a, b, c, d] = [(await submitNew(store, 'a')).caseId, (await submitNew(store, 'b')).caseId, (await submitNew(store, 'c')).caseId, (await submitNew(store, 'd')).caseId];
    await store.updateCase(a, 1, days(1), send('ACCEPT', coach, days(1), { goal: 'job', hours: 12 }));
    await store.updateCase(a, 2, days(2), send('PLACE', coach, days(2)));
    await store.updateCase(a, 3, days(20), send('PLACE', coach, days(20)));
    await store.updateCase(b, 1, days(10), send('ACCEPT', coach, days(10), { goal: 'job', hours: 30 }));
    await store.updateCase(b, 2, days(32), send('PLACE', coach, days(32)));
    await store.updateCase(c, 1, days(1), send('ACCEPT', coach, days(1), { goal: 'course' }));
    await store.updateCase(c, 2, days(3), send('PLACE', coach, days(3)));
    await store.updateCase(d, 1, days(1), send('ACCEPT', coach, days(1), { goal: 'job', hours: 500 }));
    const query = [{ name: 'hours', outcome: 'placed', field: 'hours' }, { name: 'goal', outcome: 'placed', field: 'goal' }];
    const report = await store.report(program.id, days(50), query);
    expect(report.sums).toEqual([
      { name: 'hours', perMonth: [{ month: '2025-03', count: 2, amount: 12 }, { month: '2025-04', count: 1, amount: 30 }] },
      { name: 'goal', perMonth: [{ month: '2025-03', count: 2, amount: 0 }, { month: '2025-04', count: 1, amount: 0 }] },
    ]);
    expect((await store.report('other', days(50), query)).sums).toEqual([{ name: 'hours', perMonth: [] }, { name: 'goal', perMonth: [] }]);
    expect((await store.report(program.id, days(50))).sums).toEqual([]);
  });

  it('keeps one secret per name', async () => {
    const s = await store.secret('test');
    expect(s).toMatch(/^[\w-]{40,}$/);
    expect(await store.secret('test')).toBe(s);
    expect(await store.secret('other')).not.toBe(s);
  });
});
