// A submission renders its webhook bodies only when a subscription may want them, and a subscription made through
// another process (here: another store on the same database, with a hint of its own) still gets every event.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase, type Actor, type Case } from '@civicflow/workflow';
import type { CaseStore } from '../store/case-store.js';
import type { NewOutboxMessage } from '../outbox/outbox-store.js';
import { WEBHOOK } from '../outbox/outbox-store.js';
import { createPgliteDatabase } from '../store/pglite-database.js';
import { createSqlCaseStore } from '../store/sql-case-store.js';
import { describeEachStore, freshSchema, type StoreKind } from '../test-support/stores.js';
import { caseworkIntake, loadCasework } from '../test-support/fixtures.js';
import { SETUP_TIMEOUT } from '../test-support/test-app.js';
import { createWebhookInterest } from './webhook-interest.js';
import { webhookEvents } from './webhook-events.js';

const program = loadCasework();
const applicant: Actor = { id: 'applicant', roles: ['applicant'] };
const t0 = new Date('2025-03-01T09:00:00Z');

describe('createWebhookInterest', () => {
  it('wants every event until an answer shows that nothing wants it, and again once something does', () => {
    const interest = createWebhookInterest();
    expect(interest.wanted('casework', 'case.submitted')).toBe(true);
    interest.learn('casework', ['case.submitted', 'case.closed'], ['case.closed']);
    expect(interest.wanted('casework', 'case.submitted')).toBe(false);
    expect(interest.wanted('casework', 'case.closed')).toBe(true);
    expect(interest.wanted('other', 'case.submitted')).toBe(true);
    interest.learn('casework', ['case.submitted'], ['case.submitted']);
    expect(interest.wanted('casework', 'case.submitted')).toBe(true);
  });
});

/** Two stores on one database, as two server processes have: each with its own hint. */
async function twoStores(kind: StoreKind): Promise<[CaseStore, CaseStore]> {
  if (kind.name === 'postgres') {
    const schema = freshSchema();
    const first = await kind.create(schema);
    return [first, await kind.create(schema)];
  }
  const db = await createPgliteDatabase();
  const first = await createSqlCaseStore(db);
  const second = await createSqlCaseStore(db);
  // One database under both: it is closed once.
  return [first, { ...second, close: async () => {} }];
}

describeEachStore('webhook bodies of a submission', (kind) => {
  let a: CaseStore;
  let b: CaseStore;
  beforeEach(async () => {
    [a, b] = await twoStores(kind);
  }, SETUP_TIMEOUT);
  afterEach(async () => {
    await b.close();
    await a.close();
  });
  afterAll(() => kind.cleanup());

  /** How often a submission's webhook bodies were read (rendered) since the last reset. */
  let reads = 0;
  const counted = (m: NewOutboxMessage): NewOutboxMessage => {
    const payload = m.payload as { body: string; bodyWithData: string };
    return {
      ...m,
      payload: {
        get body() {
          reads++;
          return payload.body;
        },
        get bodyWithData() {
          reads++;
          return payload.bodyWithData;
        },
      },
    };
  };

  async function submit(store: CaseStore): Promise<Case> {
    const r = createCase(program, randomUUID(), applicant, t0, caseworkIntake());
    if (!r.ok) throw new Error(r.message);
    const receipt = await store.submit({
      programId: program.id,
      idempotencyKey: randomUUID(),
      requestHash: 'h',
      formId: 'intake',
      reference: `REF-${r.case.id.slice(0, 8)}`,
      case: r.case,
      now: t0,
      messages: (c, reference) => webhookEvents(program, reference, c.history.map((audit) => ({ audit, case: c }))).map(counted),
    });
    expect(receipt.created).toBe(true);
    return r.case;
  }

  const subscribe = (store: CaseStore, includeData: boolean) =>
    store.webhooks.create({ programId: program.id, url: 'https://receiver.example/hook', events: ['case.submitted'], includeData, description: '', createdBy: 'admin-1', now: t0 });

  /** The webhook messages of a case, with their bodies as the sender would post them. */
  async function sent(store: CaseStore, c: Case) {
    const claimed = await store.outbox.claim(t0, 100, 60_000, [WEBHOOK]);
    return claimed.filter((m) => m.caseId === c.id).map((m) => ({ webhookId: m.webhookId, body: JSON.parse(m.payload['body'] as string) as { data: Record<string, unknown> } }));
  }

  it('renders no body while no subscription wants the event, once the store has seen that', async () => {
    reads = 0;
    const first = await submit(a);
    // The first submission cannot know: it renders both bodies, and learns that nothing wants them.
    expect(reads).toBe(2);
    expect(await sent(a, first)).toEqual([]);
    reads = 0;
    const second = await submit(a);
    expect(reads).toBe(0);
    expect(await sent(a, second)).toEqual([]);
  });

  it('delivers to a subscription that another process made after this one learned that none existed', async () => {
    await submit(a);
    reads = 0;
    await submit(a);
    expect(reads).toBe(0);
    const { webhook } = await subscribe(b, true);
    const c = await submit(a);
    // The statement found the subscription and stored nothing; the second run carried the bodies.
    expect(reads).toBe(2);
    const [message, ...more] = await sent(a, c);
    expect(more).toEqual([]);
    expect(message!.webhookId).toBe(webhook.id);
    expect(message!.body).toMatchObject({ type: 'case.submitted', data: { caseId: c.id, state: c.state, seq: 1, data: caseworkIntake() } });
    expect((await a.listCases({ programId: program.id, limit: 10 })).items).toHaveLength(3);

    // Once the subscription is gone, the next submission renders one last time and learns it.
    expect(await b.webhooks.remove(program.id, webhook.id)).toBe(true);
    reads = 0;
    await submit(a);
    expect(reads).toBe(2);
    reads = 0;
    const last = await submit(a);
    expect(reads).toBe(0);
    expect(await sent(a, last)).toEqual([]);
  });

  it('sends the body without data to a subscription that did not ask for the data', async () => {
    const { webhook } = await subscribe(b, false);
    const c = await submit(a);
    const [message] = await sent(b, c);
    expect(message!.webhookId).toBe(webhook.id);
    expect(message!.body.data).not.toHaveProperty('data');
    expect(message!.body).toMatchObject({ type: 'case.submitted', data: { caseId: c.id, seq: 1 } });
  });
});
