// Webhooks across real server processes: a process killed with SIGKILL while a receiver holds its request loses no
// message; the next process delivers every one after the lease, with the ids the first one used, and the receiver,
// which drops repeated ids, takes each once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@civicflow/test-support';
import { removeServerEntry, startServerProcess } from '../test-support/server-process.js';
import { dropSchema, freshSchema, postgresUrl, warnIfNoPostgres } from '../test-support/stores.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';

const PROGRAM = path.join(repoRoot, 'packages/server/src/test-support/notices-program.json');
const work = mkdtempSync(path.join(tmpdir(), 'cf-webhooks-'));
const tokens = path.join(work, 'tokens.json');
const ADMIN = 'process-test-webhook-admin';
writeFileSync(tokens, JSON.stringify({ tokens: [{ token: ADMIN, actor: 'admin-w', roles: ['notices:admin'] }] }));
const TIMEOUT = 300_000;
const COUNT = 6;

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  rmSync(work, { recursive: true, force: true });
  await removeServerEntry();
});

async function until(check: () => boolean, what: string, ms = 90_000) {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function killWhileSending(storeArgs: string[]) {
  receiver.received.length = 0;
  receiver.requests = 0;
  receiver.held = 0;
  receiver.secrets.length = 0;
  receiver.hold = true;
  const args = ['--programs', PROGRAM, '--tokens', tokens, '--no-scheduler', '--outbox-interval', '100', '--outbox-lease', '4000', ...storeArgs];
  const first = await startServerProcess(args);
  const created = await fetch(`${first.url}/v1/programs/notices/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify({ url: receiver.url, events: ['case.submitted'] }),
  });
  expect(created.status).toBe(201);
  const hook = (await created.json()) as { id: string; secret: string };
  receiver.secrets.push(hook.secret);
  const references: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const res = await fetch(`${first.url}/v1/programs/notices/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Person ${i}`, email: `person${i}@example.org` }),
    });
    expect(res.status).toBe(201);
    references.push(((await res.json()) as { reference: string }).reference);
  }
  // The first process is in the middle of sending: the receiver has the request and has not answered.
  await until(() => receiver.held > 0, 'a webhook being sent');
  await first.kill();
  expect(receiver.received).toHaveLength(0);

  receiver.hold = false;
  const second = await startServerProcess(args);
  try {
    await until(() => receiver.received.length >= COUNT, `${COUNT} webhooks`);
    expect(receiver.received.map((m) => m.parsed.data['reference']).sort()).toEqual([...references].sort());
    const list = await fetch(`${second.url}/v1/programs/notices/webhooks/${hook.id}/deliveries`, { headers: { authorization: `Bearer ${ADMIN}` } });
    const { items } = (await list.json()) as { items: { id: string; state: string }[] };
    expect(items.map((m) => m.state)).toEqual(Array(COUNT).fill('sent'));
    expect(new Set(items.map((m) => m.id))).toEqual(new Set(receiver.received.map((m) => m.id)));
    // Nothing more goes out: every message was recorded as sent. The held one arrived twice (at least once), under one id.
    await new Promise((r) => setTimeout(r, 1000));
    expect(receiver.received).toHaveLength(COUNT);
    expect(receiver.requests).toBeGreaterThan(COUNT);
  } finally {
    await second.stop();
  }
}

describe('webhooks across a SIGKILL', () => {
  it('on PGlite: a killed process loses no webhook, and the next one delivers each id', async () => {
    await killWhileSending(['--data', path.join(work, 'webhooks-pglite')]);
  }, TIMEOUT);

  warnIfNoPostgres();
  it.skipIf(!postgresUrl)('on PostgreSQL: a killed process loses no webhook, and the next one delivers each id', async () => {
    const schema = freshSchema();
    try {
      await killWhileSending(['--postgres', postgresUrl!, '--schema', schema]);
    } finally {
      await dropSchema(schema);
    }
  }, TIMEOUT);
});
