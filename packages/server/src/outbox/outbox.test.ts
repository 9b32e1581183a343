import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase, type Actor, type Case } from '@civicflow/workflow';
import type { CaseStore } from '../store/case-store.js';
import type { ClaimedMessage, NewOutboxMessage } from './outbox-store.js';
import { applyCaseEvent } from '../cases/apply-case-event.js';
import { createOutboxWorker, describeFailure } from './outbox-worker.js';
import { describeEachStore } from '../test-support/stores.js';
import { caseworkIntake, loadCasework } from '../test-support/fixtures.js';
import { SETUP_TIMEOUT } from '../test-support/test-app.js';

const program = loadCasework();
const applicant: Actor = { id: 'applicant', roles: ['applicant'] };
const coach: Actor = { id: 'coach-1', roles: ['coach'] };
const t0 = new Date('2025-03-01T09:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

const note = (c: Case, topic = 'welcome'): NewOutboxMessage => ({ kind: 'test', programId: program.id, caseId: c.id, topic, payload: { to: 'someone@example.org', caseId: c.id } });

async function submitWithMessage(store: CaseStore, key: string = randomUUID()) {
  const r = createCase(program, randomUUID(), applicant, t0, caseworkIntake());
  if (!r.ok) throw new Error(r.message);
  return store.submit({ programId: program.id, idempotencyKey: key, requestHash: 'h', formId: 'intake', reference: `REF-${r.case.id.slice(0, 8)}`, case: r.case, now: t0, messages: (c) => [note(c)] });
}

describeEachStore('the outbox', (kind) => {
  let store: CaseStore;
  beforeEach(async () => {
    store = await kind.create();
  }, SETUP_TIMEOUT);
  afterEach(async () => {
    await store.close();
  });
  afterAll(() => kind.cleanup());

  describe('is written in the transaction of the change', () => {
    it('with a new submission, and not again for a repeated key', async () => {
      const first = await submitWithMessage(store, 'key-1');
      await submitWithMessage(store, 'key-1');
      const items = await store.outbox.list({ programId: program.id, limit: 10 });
      expect(items).toEqual([
        { id: expect.any(String), kind: 'test', programId: 'casework', caseId: first.caseId, topic: 'welcome', webhookId: null, state: 'pending', attempts: 0, lastError: null, createdAt: t0.toISOString(), dueAt: t0.toISOString(), sentAt: null },
      ]);
    });

    it('with an event, and not at all when the change fails or is refused', async () => {
      const { caseId } = await submitWithMessage(store);
      const outboxOf = (_before: unknown, applied: readonly { case: Case }[]) => applied.map((a) => note(a.case, 'accepted'));
      // The change throws after deciding: nothing of it is stored, neither the event nor its message.
      await expect(
        store.updateCase(caseId, undefined, later(1000), () => {
          throw new Error('refused by the caller');
        }, undefined, outboxOf),
      ).rejects.toThrow('refused by the caller');
      // A refusal stores nothing either.
      await store.updateCase(caseId, undefined, later(1000), (c) => applyCaseEvent(program, c, { type: 'ACCEPT', data: { goal: 'job' } }, applicant, later(1000), 'en'), undefined, outboxOf);
      expect((await store.outbox.list({ programId: program.id, limit: 10 })).map((m) => m.topic)).toEqual(['welcome']);
      await store.updateCase(caseId, undefined, later(2000), (c) => applyCaseEvent(program, c, { type: 'ACCEPT', data: { goal: 'job' } }, coach, later(2000), 'en'), undefined, outboxOf);
      expect((await store.outbox.list({ programId: program.id, limit: 10 })).map((m) => m.topic)).toEqual(['accepted', 'welcome']);
    });
  });

  describe('worker', () => {
    it('delivers each message once, also with two workers at once, and removes what it sent', async () => {
      for (let i = 0; i < 12; i++) await submitWithMessage(store);
      const seen: string[] = [];
      const deliver = async (m: ClaimedMessage) => {
        seen.push(m.id);
        await new Promise((r) => setTimeout(r, 5));
      };
      const worker = () => createOutboxWorker({ outbox: store.outbox, deliverers: { test: deliver }, batchSize: 3, clock: () => later(1000) });
      const [a, b] = await Promise.all([worker().runOnce(), worker().runOnce()]);
      expect(a.sent + b.sent).toBe(12);
      expect(new Set(seen).size).toBe(12);
      expect(seen).toHaveLength(12);
      const items = await store.outbox.list({ programId: program.id, limit: 20 });
      expect(items.every((m) => m.state === 'sent' && m.attempts === 1 && m.sentAt === later(1000).toISOString())).toBe(true);
      // Nothing is left to claim, and the payload of a sent message is gone.
      expect(await store.outbox.claim(later(10 ** 9), 10, 1000, ['test'])).toEqual([]);
    });

    it('tries again after a growing wait, gives up after the limit, and sends a dead message again on request', async () => {
      await submitWithMessage(store);
      const clock = { now: later(0) };
      let failing = true;
      const delivered: ClaimedMessage[] = [];
      const deliver = async (m: ClaimedMessage) => {
        if (failing) throw new Error('451 4.3.0 mailbox of someone@example.org busy');
        delivered.push(m);
      };
      const worker = createOutboxWorker({ outbox: store.outbox, deliverers: { test: deliver }, maxAttempts: 3, retryBaseMs: 60_000, clock: () => clock.now });
      expect(await worker.runOnce()).toEqual({ sent: 0, retried: 1, dead: 0 });
      let [m] = await store.outbox.list({ programId: program.id, limit: 1 });
      expect(m).toMatchObject({ state: 'pending', attempts: 1, lastError: '451 4.3.0 mailbox of <address> busy', dueAt: later(60_000).toISOString() });
      // Not due yet: nothing happens.
      clock.now = later(59_999);
      expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
      clock.now = later(60_000);
      expect(await worker.runOnce()).toEqual({ sent: 0, retried: 1, dead: 0 });
      [m] = await store.outbox.list({ programId: program.id, limit: 1 });
      expect(m!.dueAt).toBe(later(60_000 + 120_000).toISOString());
      clock.now = later(180_000);
      expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, dead: 1 });
      expect(await store.outbox.list({ programId: program.id, state: 'dead', limit: 5 })).toMatchObject([{ id: m!.id, attempts: 3 }]);
      clock.now = later(10 ** 9);
      expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });

      expect(await store.outbox.resend(program.id, 'no-such-message', clock.now)).toBeUndefined();
      expect(await store.outbox.resend('other-program', m!.id, clock.now)).toBeUndefined();
      expect(await store.outbox.resend(program.id, m!.id, clock.now)).toMatchObject({ id: m!.id, state: 'pending', attempts: 0 });
      expect(await store.outbox.resend(program.id, m!.id, clock.now)).toBeUndefined();
      failing = false;
      expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, dead: 0 });
      expect(delivered.map((d) => [d.id, d.payload['to']])).toEqual([[m!.id, 'someone@example.org']]);
    });

    it('gives up at once on a permanent refusal, and leaves a kind it cannot deliver to a process that can', async () => {
      await submitWithMessage(store);
      const refuse = async () => {
        throw Object.assign(new Error('550 no such user'), { permanent: true });
      };
      const worker = createOutboxWorker({ outbox: store.outbox, deliverers: { test: refuse }, clock: () => later(0) });
      expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, dead: 1 });
      await submitWithMessage(store);
      const none = createOutboxWorker({ outbox: store.outbox, deliverers: { other: refuse }, maxAttempts: 2, retryBaseMs: 1, clock: () => later(10) });
      expect(await none.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
      expect((await store.outbox.list({ programId: program.id, state: 'pending', limit: 5 })).map((m) => m.attempts)).toEqual([0]);
    });

    it('leaves a message a dead process held to the next worker after the lease, and ignores the late report of the first', async () => {
      await submitWithMessage(store);
      // A process claims and dies before it reports.
      const [held] = await store.outbox.claim(later(0), 10, 30_000, ['test']);
      expect(held).toBeDefined();
      const sent: string[] = [];
      const worker = (now: Date) => createOutboxWorker({ outbox: store.outbox, deliverers: { test: async (m) => void sent.push(m.id) }, leaseMs: 30_000, clock: () => now });
      expect(await worker(later(29_999)).runOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
      expect(await worker(later(30_000)).runOnce()).toEqual({ sent: 1, retried: 0, dead: 0 });
      expect(sent).toEqual([held!.id]);
      expect(await store.outbox.sent(held!, later(40_000))).toBe(false);
      expect(await store.outbox.failed(held!, 'late', later(40_000), false)).toBe(false);
      expect(await store.outbox.list({ programId: program.id, limit: 1 })).toMatchObject([{ state: 'sent', attempts: 2 }]);
    });
  });

});

it('keeps addresses out of what it records about a failure', () => {
  expect(describeFailure(new Error('550 5.1.1 <petra@musterstadt.example>: Recipient address rejected'))).toBe('550 5.1.1 <<address>>: Recipient address rejected');
});
