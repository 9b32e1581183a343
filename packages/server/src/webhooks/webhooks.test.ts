// Webhooks end to end: subscriptions through the API, events written with the change that causes them, the outbox
// worker, and a real HTTP receiver that verifies each Standard Webhooks signature and drops repeated ids.
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { createTestApp, SETUP_TIMEOUT, TOKENS, type TestApp } from '../test-support/test-app.js';
import { describeEachStore } from '../test-support/stores.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';
import { caseworkIntake } from '../test-support/fixtures.js';
import { createOutboxWorker, type OutboxWorker } from '../outbox/outbox-worker.js';
import { createWebhookSender } from './webhook-sender.js';
import { WEBHOOK } from '../outbox/outbox-store.js';
import { createScheduler } from '../cases/scheduler.js';
import { noticesOnChange } from '../outbox/notices.js';
import { createProgramRegistry } from '../programs/program-registry.js';

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

/** The signature of a received message under a secret: `v1,` and base64 HMAC-SHA256 over id, timestamp and body. */
const sign = (secret: string, m: { id: string; timestamp: number; body: string }) => new Webhook(secret).sign(m.id, new Date(m.timestamp * 1000), m.body);

/** A test that starts a case and waits for HTTP round trips, on a busy machine. */
const SLOW = 120_000;

const ALL = ['case.submitted', 'case.state_changed', 'case.deadline_fired', 'case.closed'];
const NAME = 'Alex Beispiel';

describeEachStore('webhooks', (kind) => {
  const t = {} as TestApp;
  // One app for the block; the set-up (PGlite's initdb, five programs) gets time on a busy machine.
  beforeAll(async () => {
    Object.assign(t, await createTestApp(kind));
  }, 5 * SETUP_TIMEOUT);
  afterAll(async () => {
    await t.close?.();
    await kind.cleanup();
  });
  let worker: OutboxWorker;
  let start = new Date('2025-03-01T09:00:00Z');
  beforeEach(() => {
    // Each test starts a day after the last one's latest step.
    start = new Date(Math.max(start.getTime(), t.clock.now.getTime()) + 24 * 60 * 60 * 1000);
    t.clock.now = start;
    // The worker's clock is the test's; the signature's timestamp is the real time, which the receiver checks.
    worker = createOutboxWorker({ outbox: t.store.outbox, deliverers: { [WEBHOOK]: createWebhookSender({ webhooks: t.store.webhooks }) }, maxAttempts: 3, retryBaseMs: 60_000, clock: () => t.clock.now });
    receiver.received.length = 0;
    receiver.requests = 0;
    receiver.unverified = 0;
    receiver.answer = 204;
    receiver.secrets.length = 0;
  });
  // The subscriptions go after each test, and with them what still waited for them.
  afterEach(async () => {
    for (const hook of await t.store.webhooks.list('casework')) await t.store.webhooks.remove('casework', hook.id);
  });

  async function subscribe(body: Record<string, unknown> = { url: receiver.url, events: ALL }) {
    const res = await t.request('/v1/programs/casework/webhooks', { json: body, token: TOKENS.admin });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; secret: string };
    receiver.secrets.push(created.secret);
    return created;
  }

  async function submit() {
    const res = await t.request('/v1/programs/casework/submissions', { json: caseworkIntake(NAME), locale: 'en' });
    expect(res.status).toBe(201);
    return (await res.json()) as { caseId: string; reference: string };
  }

  const send = (caseId: string, type: string, version: number, data?: unknown) =>
    t.request(`/v1/cases/${caseId}/events`, { json: data === undefined ? { type } : { type, data }, token: TOKENS.coach, headers: { 'if-match': String(version) } });

  const deliveries = async (id: string, query = '') => {
    const res = await t.request(`/v1/programs/casework/webhooks/${id}/deliveries${query}`, { token: TOKENS.admin });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: { id: string; state: string; attempts: number; lastError: string | null; dueAt: string; topic: string; webhookId: string }[] }).items;
  };

  it('is created by a program admin with a secret shown once, refused with a clear code when wrong, and removed', async () => {
    const created = await subscribe({ url: receiver.url, events: ['case.closed'], description: 'Fachverfahren' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{44}$/);
    expect(created).toMatchObject({ url: receiver.url, events: ['case.closed'], includeData: false, description: 'Fachverfahren', createdBy: 'admin-1' });
    const list = await t.request('/v1/programs/casework/webhooks', { token: TOKENS.admin });
    const listed = ((await list.json()) as { items: Record<string, unknown>[] }).items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('secret');
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const one = await t.request(`/v1/programs/casework/webhooks/${created.id}`, { token: TOKENS.admin });
    expect(await one.json()).toEqual(listed[0]);

    // Only an admin of the program.
    expect((await t.request('/v1/programs/casework/webhooks', { token: TOKENS.coach })).status).toBe(403);
    expect((await t.request('/v1/programs/zweite-chance/webhooks', { json: { url: receiver.url, events: ALL }, token: TOKENS.admin })).status).toBe(403);
    for (const [body, field] of [
      [{ url: 'ftp://example.org/x', events: ALL }, 'url'],
      [{ url: 'https://user:pw@example.org/x', events: ALL }, 'url'],
      [{ url: 'not a url', events: ALL }, 'url'],
      [{ url: receiver.url, events: [] }, 'events'],
      [{ url: receiver.url, events: ['case.opened'] }, 'events'],
      [{ url: receiver.url, events: ALL, includeData: 'yes' }, 'includeData'],
      [{ url: receiver.url, events: ALL, secret: 'whsec_mine' }, 'secret'],
    ] as const) {
      const res = await t.request('/v1/programs/casework/webhooks', { json: body, token: TOKENS.admin, locale: 'de' });
      expect(res.status).toBe(400);
      const err = (await res.json()) as { code: string; message: string; details: { field: string } };
      expect([err.code, err.details.field]).toEqual(['WEBHOOK_INVALID', field]);
      expect(err.message).toContain(`„${field}“`);
    }

    expect((await t.request(`/v1/programs/casework/webhooks/${created.id}`, { method: 'DELETE', token: TOKENS.admin })).status).toBe(204);
    expect((await t.request(`/v1/programs/casework/webhooks/${created.id}`, { method: 'DELETE', token: TOKENS.admin })).status).toBe(404);
    await submit();
    expect((await t.store.outbox.list({ programId: 'casework', limit: 500 })).filter((m) => m.kind === WEBHOOK && m.createdAt === t.clock.now.toISOString())).toEqual([]);
  }, SLOW);

  it('sends each step of a case, signed, without personal data, in the transaction of the step, once per id', async () => {
    const hook = await subscribe();
    const other = await subscribe({ url: receiver.url, events: ['case.closed'] });
    const { caseId, reference } = await submit();
    // Written with the submission: one message for the subscription that asked for it, none for the other.
    const pending = (await t.store.outbox.list({ programId: 'casework', limit: 10 })).filter((m) => m.caseId === caseId);
    expect(pending.map((m) => [m.kind, m.topic, m.webhookId, m.state])).toEqual([[WEBHOOK, 'case.submitted', hook.id, 'pending']]);

    const closedAt = new Date(start.getTime() + 2 * 60 * 60 * 1000);
    t.clock.now = new Date(start.getTime() + 60 * 60 * 1000);
    expect((await send(caseId, 'ACCEPT', 1, { goal: 'job' })).status).toBe(200);
    t.clock.now = closedAt;
    expect((await send(caseId, 'CLOSE', 2)).status).toBe(200);
    expect(await worker.runOnce()).toEqual({ sent: 5, retried: 0, dead: 0 });
    expect(receiver.unverified).toBe(0);
    const all = await receiver.waitFor(5);
    // Each subscription's messages are signed with its own secret.
    const ids = (await deliveries(hook.id)).map((d) => d.id);
    const got = all.filter((m) => ids.includes(m.id));
    const types = got.map((m) => m.parsed.type).sort();
    expect(types).toEqual(['case.closed', 'case.state_changed', 'case.state_changed', 'case.submitted']);
    for (const m of got) expect(() => new Webhook(other.secret).verify(m.body, { 'webhook-id': m.id, 'webhook-timestamp': String(m.timestamp), 'webhook-signature': sign(hook.secret, m) })).toThrow();
    const closed = got.find((m) => m.parsed.type === 'case.closed')!;
    expect(closed.parsed).toEqual({
      type: 'case.closed',
      timestamp: closedAt.toISOString(),
      data: { program: 'casework', version: '1.0.0', caseId, reference, state: 'closed', previousState: 'coaching', event: 'CLOSE', seq: 3 },
    });
    const first = got.find((m) => m.parsed.type === 'case.submitted')!;
    expect(first.parsed.data).toMatchObject({ caseId, reference, state: 'received', previousState: null, event: null, seq: 1 });
    for (const m of all) expect(m.body).not.toContain(NAME);
    expect(receiver.requests).toBe(5);
    const [toOther] = await deliveries(other.id);
    expect([toOther!.topic, toOther!.state]).toEqual(['case.closed', 'sent']);
    expect(all.find((m) => m.id === toOther!.id)!.parsed).toEqual(closed.parsed);
  }, SLOW);

  it('carries the case data only to a subscription that asked for it', async () => {
    await subscribe({ url: receiver.url, events: ['case.submitted'], includeData: true });
    await submit();
    await worker.runOnce();
    const [m] = await receiver.waitFor(1);
    expect(m!.parsed.data['data']).toMatchObject({ name: NAME });
    // Sent with personal data: its body is gone, so it cannot be sent again.
    const [sent] = (await t.store.outbox.list({ programId: 'casework', limit: 10 })).filter((o) => o.id === m!.id);
    const res = await t.request(`/v1/programs/casework/webhooks/${sent!.webhookId}/deliveries/${sent!.id}/replay`, { method: 'POST', token: TOKENS.admin });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe('WEBHOOK_MESSAGE_NOT_REPLAYABLE');
  }, SLOW);

  it('tells a fired deadline and the state it led to', async () => {
    await subscribe({ url: receiver.url, events: ['case.deadline_fired', 'case.state_changed'] });
    const { caseId } = await submit();
    // The reminder is due 14 days after the submission; the cases of the tests before fire too.
    t.clock.now = new Date(start.getTime() + 15 * 24 * 60 * 60 * 1000);
    const scheduler = createScheduler({ store: t.store, programs: createProgramRegistry(t.programs), clock: () => t.clock.now, outboxOf: noticesOnChange((ref) => t.programs.find((p) => p.ref === ref), {}) });
    expect(await scheduler.runOnce()).toBeGreaterThanOrEqual(1);
    const { sent } = await worker.runOnce();
    await receiver.waitFor(sent);
    const got = receiver.received.filter((m) => m.parsed.data['caseId'] === caseId);
    expect(got.map((m) => [m.parsed.type, m.parsed.data['event'], m.parsed.data['timer'], m.parsed.data['state']]).sort()).toEqual([
      ['case.deadline_fired', 'REMIND', 'after:received:0', 'overdue'],
      ['case.state_changed', 'REMIND', 'after:received:0', 'overdue'],
    ]);
  }, SLOW);

  it('tries again while the receiver is down, with the same id, and delivers when it is back', async () => {
    const hook = await subscribe({ url: receiver.url, events: ['case.submitted'] });
    await submit();
    await receiver.down();
    try {
      expect(await worker.runOnce()).toEqual({ sent: 0, retried: 1, dead: 0 });
      const [waiting] = await deliveries(hook.id);
      expect(waiting).toMatchObject({ state: 'pending', attempts: 1, dueAt: new Date(t.clock.now.getTime() + 60_000).toISOString() });
      expect(waiting!.lastError).toMatch(/^no answer from the receiver/);
    } finally {
      await receiver.start();
    }
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, dead: 0 });
    const [m] = await receiver.waitFor(1);
    const [sent] = await deliveries(hook.id);
    expect(sent).toMatchObject({ id: m!.id, state: 'sent', attempts: 2, lastError: null });
  }, SLOW);

  it('keeps trying on a 500, gives up after the limit, and sends again on request with the same id; a 410 ends it at once', async () => {
    const hook = await subscribe({ url: receiver.url, events: ['case.submitted'] });
    await submit();
    receiver.answer = 500;
    for (let i = 0; i < 3; i++) {
      await worker.runOnce();
      t.clock.now = new Date(t.clock.now.getTime() + 6 * 60 * 60 * 1000);
    }
    const [dead] = await deliveries(hook.id, '?state=dead');
    expect(dead).toMatchObject({ state: 'dead', attempts: 3, lastError: 'the receiver answered 500', topic: 'case.submitted' });
    expect(receiver.received).toHaveLength(0);

    receiver.answer = 204;
    const replay = (id: string) => t.request(`/v1/programs/casework/webhooks/${hook.id}/deliveries/${id}/replay`, { method: 'POST', token: TOKENS.admin });
    expect((await replay('no-such-message')).status).toBe(404);
    const again = await replay(dead!.id);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: dead!.id, state: 'pending', attempts: 0 });
    // Pending: not again until it was sent or gave up.
    expect((await replay(dead!.id)).status).toBe(409);
    expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, dead: 0 });
    const [m] = await receiver.waitFor(1);
    expect(m!.id).toBe(dead!.id);
    // Sent without personal data: the body is kept, so the receiver can ask for it once more.
    expect((await replay(dead!.id)).status).toBe(200);
    expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(receiver.requests).toBe(5);
    expect(receiver.received).toHaveLength(1);

    receiver.answer = 410;
    await submit();
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, dead: 1 });
    expect((await deliveries(hook.id, '?state=dead'))[0]).toMatchObject({ attempts: 1, lastError: 'the receiver answered 410 Gone' });
  }, SLOW);
});
