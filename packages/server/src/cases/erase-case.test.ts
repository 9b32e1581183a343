import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createCase, type Actor } from '@civicflow/workflow';
import type { CaseStore } from '../store/case-store.js';
import { ERASURE_EVENT } from '../store/case-store.js';
import { describeEachStore } from '../test-support/stores.js';
import { caseworkIntake, loadCasework } from '../test-support/fixtures.js';
import { loadExample } from '@civicflow/test-support';
import { createProgramRegistry } from '../programs/program-registry.js';
import { applyCaseEvent } from './apply-case-event.js';
import { applyRetention } from './apply-retention.js';
import { eraseCase } from './erase-case.js';
import { SETUP_TIMEOUT } from '../test-support/test-app.js';

const program = loadCasework();
// Gemeinsam für Hagen keeps a participant's names for the ESF Plus audits (x-retention-basis) and nothing else.
const hagen = loadExample('gemeinsam-fuer-hagen');
const programs = createProgramRegistry([program, hagen]);
const t0 = new Date('2025-03-01T09:00:00Z');
const days = (n: number) => new Date(t0.getTime() + n * 86_400_000);
const officer: Actor = { id: 'dpo-1', roles: ['dataProtection'] };
const coach: Actor = { id: 'coach-1', roles: ['coach'] };

async function open(store: CaseStore, key: string = randomUUID()): Promise<string> {
  const r = createCase(program, randomUUID(), { id: 'a', roles: ['applicant'] }, t0, caseworkIntake('Maren Löschmich'));
  if (!r.ok) throw new Error(r.message);
  await store.submit({ programId: program.id, idempotencyKey: key, requestHash: 'digest', formId: 'intake', reference: `R-${r.case.id.slice(0, 8)}`, case: r.case, now: t0 });
  return r.case.id;
}

const erase = (store: CaseStore, caseId: string, now = days(10), actor = officer) => eraseCase({ store, programs, caseId, actor, reason: 'DSB-2025-017', now });

describeEachStore('erasure on request', (kind) => {
  let store: CaseStore;
  beforeEach(async () => {
    store = await kind.create();
  }, SETUP_TIMEOUT);
  afterEach(() => store.close());
  afterAll(() => kind.cleanup());

  it('removes every field marked as personal data, whatever its retention, and keeps the rest, the state and the history', async () => {
    const id = await open(store, 'key-erased-1');
    await store.updateCase(id, 1, days(2), (c) => applyCaseEvent(program, c, { type: 'ACCEPT', data: { goal: 'job', hours: 12 } }, coach, days(2), 'en'));
    const before = (await store.getCase(id))!;
    expect(before.timers.length).toBeGreaterThan(0);

    const result = await erase(store, id);
    const entry = { seq: 3, at: days(10).toISOString(), actor: 'dpo-1', roles: ['dataProtection'], event: ERASURE_EVENT, from: 'coaching', to: 'coaching', changed: ['/name', '/phone'], reason: 'DSB-2025-017' };
    expect(result).toEqual({ caseId: id, reference: before.reference, erasedAt: days(10).toISOString(), entry, erased: true });

    const after = (await store.getCase(id))!;
    expect(after.data).toEqual({ housing: 'none', contactPoint: 'Tagesaufenthalt Mitte', goal: 'job', hours: 12 });
    expect(after).toMatchObject({ state: 'coaching', version: 3, timers: [], erasedAt: days(10).toISOString(), dataChangedAt: before.dataChangedAt, createdAt: before.createdAt });
    expect(after.history.slice(0, 2)).toEqual(before.history);
    expect(after.history[2]).toEqual(entry);
    expect(JSON.stringify(after)).not.toMatch(/Löschmich|0151/);
    // The key stays, so a retry cannot open the case again, but the digest of the erased request goes.
    expect(await store.findSubmission(program.id, 'key-erased-1')).toEqual({ created: false, caseId: id, reference: before.reference, requestHash: null, erased: true });
    // Its deadlines are gone from the scheduler's table too.
    expect(await store.fireDueTimers({ now: days(400), limit: 10, programs: [program.ref] }, () => [])).toBe(0);
  });

  it('answers a repeated erasure with the first one and records it once', async () => {
    const id = await open(store);
    const first = await erase(store, id);
    const again = await erase(store, id, days(20), { id: 'dpo-2', roles: ['dataProtection'] });
    expect(again).toEqual({ ...first, erased: false });
    const stored = (await store.getCase(id))!;
    expect(stored.version).toBe(2);
    expect(stored.history.filter((h) => h.event === ERASURE_EVENT)).toHaveLength(1);
  });

  it('erases once when several requests arrive at the same moment', async () => {
    // A request that waited for another's row lock reads the row as that one left it, but its history from before
    // the wait: it must go by the row, or it erases (and records) a second time.
    for (let round = 0; round < 3; round++) {
      const id = await open(store);
      const results = await Promise.all([erase(store, id), erase(store, id), erase(store, id), erase(store, id)]);
      expect(results.filter((r) => r!.erased)).toHaveLength(1);
      for (const r of results) expect(r!.entry).toEqual(results[0]!.entry);
      expect((await store.getCase(id))!.history.filter((h) => h.event === ERASURE_EVENT)).toHaveLength(1);
    }
  });

  it('leaves nothing for retention and answers undefined for an unknown case', async () => {
    const id = await open(store);
    await erase(store, id);
    expect(await applyRetention({ store, programs, now: days(3000) })).toMatchObject({ anonymised: 0 });
    expect(await erase(store, 'no-such-case')).toBeUndefined();
  });

  it('refuses a reason that is not a reference, and writes nothing', async () => {
    const id = await open(store);
    for (const reason of ['', ' leading space', 'Frau Müller hat angerufen', 'x'.repeat(101), 'a\nb']) {
      await expect(eraseCase({ store, programs, caseId: id, actor: officer, reason, now: days(1) })).rejects.toMatchObject({ code: 'BODY_INVALID' });
    }
    expect((await store.getCase(id))!.version).toBe(1);
  });

  it('finds a case by its reference', async () => {
    const id = await open(store);
    const { reference } = (await store.getCase(id))!;
    expect(await store.caseIdByReference(reference)).toBe(id);
    expect(await store.caseIdByReference('CF-NONE-NONE')).toBeUndefined();
  });

  describe('keeping what the law requires', () => {
    const basis = 'Art. 82 Verordnung (EU) 2021/1060';
    const advisor: Actor = { id: 'alz-berger', roles: ['advisor'] };

    async function openHagen(): Promise<string> {
      const contact = { contactDate: '2025-03-01', house: 'wehringhausen', channel: 'walkIn', givenName: 'Amina', familyName: 'Okafor', phone: '0151 2345678', ageGroup: 'from25to54', concern: ['job'] };
      const r = createCase(hagen, randomUUID(), advisor, t0, contact);
      if (!r.ok) throw new Error(r.message);
      await store.submit({ programId: hagen.id, idempotencyKey: randomUUID(), requestHash: 'digest', formId: 'contact', reference: `H-${r.case.id.slice(0, 8)}`, case: r.case, now: t0 });
      const session = { sessionDate: '2025-03-01', topics: ['jobSearch'], nextSteps: 'Call Amina about the course.' };
      await store.updateCase(r.case.id, 1, t0, (c) => applyCaseEvent(hagen, c, { type: 'START_ADVICE', data: session }, advisor, t0, 'de'));
      return r.case.id;
    }

    it('leaves the fields the law obliges keeping until their retention has passed, names them with their basis, and removes the rest', async () => {
      const id = await openHagen();
      const result = await erase(store, id);
      // The store keeps data as jsonb, which orders keys its own way: compare the removed pointers as a set.
      expect([...result!.entry.changed].sort()).toEqual(['/nextSteps', '/phone']);
      expect(result!.entry).toMatchObject({
        kept: [
          { pointer: '/givenName', basis },
          { pointer: '/familyName', basis },
        ],
      });
      const after = (await store.getCase(id))!;
      expect(after.data).toMatchObject({ givenName: 'Amina', familyName: 'Okafor', house: 'wehringhausen', topics: ['jobSearch'] });
      expect(JSON.stringify(after)).not.toMatch(/0151|Call Amina/);
      expect(JSON.stringify(after.history)).not.toMatch(/Amina|Okafor/);
      expect(await erase(store, id, days(20))).toEqual({ ...result, erased: false });

      // The retention run removes them once their ten years have passed, as for any case.
      expect(await applyRetention({ store, programs, now: days(3650) })).toMatchObject({ anonymised: 0 });
      expect(await applyRetention({ store, programs, now: days(3660) })).toMatchObject({ anonymised: 1, fieldsRemoved: 2 });
      expect((await store.getCase(id))!.data).not.toHaveProperty('givenName');
    });

    it('keeps nothing whose retention has passed before the erasure', async () => {
      const id = await openHagen();
      const result = await erase(store, id, days(3660));
      expect([...result!.entry.changed].sort()).toEqual(['/familyName', '/givenName', '/nextSteps', '/phone']);
      expect(result!.entry).not.toHaveProperty('kept');
      expect(JSON.stringify(await store.getCase(id))).not.toMatch(/Amina|Okafor/);
    });
  });
});
