// The outbox across real server processes: a process killed with SIGKILL while it sends loses no e-mail; the next
// process sends what the dead one held once its lease has run out, with the same Message-ID.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@civicflow/test-support';
import { removeServerEntry, startServerProcess } from '../test-support/server-process.js';
import { dropSchema, freshSchema, postgresUrl, warnIfNoPostgres } from '../test-support/stores.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';

const PROGRAM = path.join(repoRoot, 'packages/server/src/test-support/notices-program.json');
const work = mkdtempSync(path.join(tmpdir(), 'cf-outbox-'));
const tokens = path.join(work, 'tokens.json');
writeFileSync(tokens, JSON.stringify({ tokens: [{ token: 'process-test-admin-token', actor: 'admin-p', roles: ['notices:admin'] }] }));
const TIMEOUT = 240_000;
const COUNT = 6;

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  rmSync(work, { recursive: true, force: true });
  await removeServerEntry();
});

async function submit(url: string, i: number) {
  const res = await fetch(`${url}/v1/programs/notices/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify({ name: `Person ${i}`, email: `person${i}@example.org` }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}

async function until(check: () => boolean, what: string, ms = 60_000) {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function killWhileSending(storeArgs: string[]) {
  sink.mails.length = 0;
  sink.held = 0;
  sink.hold = true;
  const args = ['--programs', PROGRAM, '--tokens', tokens, '--no-scheduler', '--smtp', sink.url, '--mail-from', 'Amt <amt@example.org>', '--outbox-interval', '100', '--outbox-lease', '4000', ...storeArgs];
  const first = await startServerProcess(args);
  const references: string[] = [];
  for (let i = 0; i < COUNT; i++) references.push(await submit(first.url, i));
  // The first process is in the middle of sending: the SMTP server took a mail's data and has not answered.
  await until(() => sink.held > 0, 'a mail being sent');
  await first.kill();
  expect(sink.mails).toHaveLength(0);

  sink.hold = false;
  const second = await startServerProcess(args);
  try {
    await until(() => sink.mails.length >= COUNT, `${COUNT} mails`);
    const subjects = sink.mails.map((m) => m.subject).sort();
    expect(subjects).toEqual(references.map((r) => `Request ${r} has arrived`).sort());
    const ids = new Set(sink.mails.map((m) => m.messageId));
    expect(ids.size).toBe(COUNT);
    const list = await fetch(`${second.url}/v1/programs/notices/outbox`, { headers: { authorization: 'Bearer process-test-admin-token' } });
    const { items } = (await list.json()) as { items: { id: string; state: string }[] };
    expect(items.map((m) => m.state)).toEqual(Array(COUNT).fill('sent'));
    expect(new Set(items.map((m) => `<${m.id}@example.org>`))).toEqual(ids);
    // Nothing more goes out: every message was recorded as sent.
    await new Promise((r) => setTimeout(r, 1000));
    expect(sink.mails).toHaveLength(COUNT);
  } finally {
    await second.stop();
  }
}

describe('outbox across a SIGKILL', () => {
  it('on PGlite: a killed process loses no e-mail, and the next one sends what it held', async () => {
    await killWhileSending(['--data', path.join(work, 'outbox-pglite')]);
  }, TIMEOUT);

  warnIfNoPostgres();
  it.skipIf(!postgresUrl)('on PostgreSQL: a killed process loses no e-mail, and the next one sends what it held', async () => {
    const schema = freshSchema();
    try {
      await killWhileSending(['--postgres', postgresUrl!, '--schema', schema]);
    } finally {
      await dropSchema(schema);
    }
  }, TIMEOUT);
});
