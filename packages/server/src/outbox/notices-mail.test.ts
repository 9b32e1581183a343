// The program's notices end to end: a submission and its events over HTTP, the outbox worker, nodemailer, and a real
// SMTP server that parses what arrives.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { repoRoot } from '@civicflow/test-support';
import type { ParsedMail } from 'mailparser';
import { createTestApp, SETUP_TIMEOUT, TOKENS, type TestApp } from '../test-support/test-app.js';
import { describeEachStore } from '../test-support/stores.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { createOutboxWorker, type OutboxWorker } from './outbox-worker.js';
import { createMailer, messageIdOf } from './mailer.js';
import { EMAIL } from './notices.js';
import { eraseCase } from '../cases/erase-case.js';
import { createProgramRegistry } from '../programs/program-registry.js';

interface Walk {
  actors: Record<string, { roles: string[] }>;
  steps: { at: string; as: string; send: string; data?: Record<string, unknown>; expect: string }[];
}
const walk = JSON.parse(readFileSync(path.join(repoRoot, 'examples/wir-vielfalt/cases/workflow-happy-path.json'), 'utf8')) as Walk;
const application = walk.steps[0]!.data as { contactPerson: { name: string; email: string } };
const FROM = 'WIR-Förderung <wir@rp-darmstadt.example>';
const STATUS = 'https://wir.example/antrag/status#token={token}';
// A name with characters HTML must escape: the plain text keeps them, the HTML shows them as text.
const NAME = 'Petra <b>Beispiel</b> & "Co"';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

const header = (mail: ParsedMail, name: string) => mail.headers.get(name);
const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value[0]!.address;

describeEachStore('notices by e-mail', (kind) => {
  let t: TestApp;
  let worker: OutboxWorker;
  let mailer: ReturnType<typeof createMailer>;
  beforeEach(async () => {
    t = await createTestApp(kind, { statusUrl: STATUS });
    mailer = createMailer({ smtpUrl: sink.url, from: FROM });
    worker = createOutboxWorker({ outbox: t.store.outbox, deliverers: { [EMAIL]: mailer }, clock: () => t.clock.now });
    sink.mails.length = 0;
  }, SETUP_TIMEOUT);
  afterEach(async () => {
    mailer.close();
    await t.close();
  });
  afterAll(() => kind.cleanup());

  async function submit(locale: string, name = NAME) {
    t.clock.now = new Date(walk.steps[0]!.at);
    const data = { ...walk.steps[0]!.data, contactPerson: { ...application.contactPerson, name } };
    const res = await t.request('/v1/programs/wir-vielfalt/submissions', { json: data, locale });
    expect(res.status).toBe(201);
    return (await res.json()) as { caseId: string; reference: string; token: string };
  }

  it('confirms a submission to the applicant and tells the office, in one transaction with it, over SMTP', async () => {
    const receipt = await submit('de');
    // Written with the submission, sent by the worker.
    const pending = await t.store.outbox.list({ programId: 'wir-vielfalt', limit: 10 });
    expect(pending.map((m) => [m.topic, m.state, m.caseId])).toEqual(
      expect.arrayContaining([
        ['confirmation', 'pending', receipt.caseId],
        ['arrival', 'pending', receipt.caseId],
      ]),
    );
    expect(await worker.runOnce()).toEqual({ sent: 2, retried: 0, dead: 0 });
    const mails = await sink.waitFor(2);
    const confirmation = mails.find((m) => to(m) === application.contactPerson.email)!;
    const arrival = mails.find((m) => to(m) === 'wir-foerderung@example.org')!;

    expect(confirmation.subject).toBe(`Ihr Antrag ${receipt.reference} ist eingegangen`);
    expect(confirmation.from!.value[0]).toEqual({ address: 'wir@rp-darmstadt.example', name: 'WIR-Förderung' });
    expect(confirmation.messageId).toBe(messageIdOf(pending.find((m) => m.topic === 'confirmation')!.id, FROM));
    expect(confirmation.messageId).toBe(`<${pending.find((m) => m.topic === 'confirmation')!.id}@rp-darmstadt.example>`);
    expect(header(confirmation, 'content-language')).toBe('de');
    expect(confirmation.text).toContain(`Guten Tag ${NAME},`);
    expect(confirmation.text).toContain(`Ihr Aktenzeichen lautet ${receipt.reference}.`);
    expect(confirmation.html).toContain('Guten Tag Petra &lt;b&gt;Beispiel&lt;/b&gt; &amp; &quot;Co&quot;,');
    expect(confirmation.html).not.toContain('<b>Beispiel');
    // The status link carries the applicant's token, and it opens their case.
    const link = /https:\/\/wir\.example\/antrag\/status#token=(\S+)/.exec(confirmation.text!)![1]!;
    const status = await t.request('/v1/status', { token: decodeURIComponent(link) });
    expect(status.status).toBe(200);
    expect(confirmation.html).toContain(`href="https://wir.example/antrag/status#token=${link}"`);

    // The office learns of the case, without the applicant's link or address (its text names neither).
    expect(arrival.subject).toBe(`Neuer WIR-Antrag ${receipt.reference}`);
    expect(arrival.text!.trim()).toBe(`Ein neuer Antrag ist eingegangen: ${receipt.reference} (Musterstadt). Stand: Eingereicht.`);
    expect(arrival.html).toBeFalsy();

    // What was sent is listed for an admin, without recipient or content.
    const list = await t.request('/v1/programs/wir-vielfalt/outbox', { token: TOKENS.admin });
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as { items: Record<string, unknown>[] };
    expect(items.map((m) => m['state'])).toEqual(['sent', 'sent']);
    expect(JSON.stringify(items)).not.toContain(application.contactPerson.email);
  });

  it('writes to the applicant in the language they submitted in; a line break in a value adds no header', async () => {
    const receipt = await submit('en', 'Ann\r\nBcc: intruder@example.org');
    await worker.runOnce();
    const mails = await sink.waitFor(2);
    const confirmation = mails.find((m) => to(m) === application.contactPerson.email)!;
    expect(confirmation.subject).toBe(`Your application ${receipt.reference} has arrived`);
    expect(confirmation.text).toContain('Hello Ann\r\nBcc: intruder@example.org,'.replace(/\r\n/g, '\n'));
    expect(confirmation.bcc).toBeUndefined();
    expect(mails).toHaveLength(2);
  });

  it('tells the applicant when the case enters a state the program names (approved)', async () => {
    const receipt = await submit('de', application.contactPerson.name);
    await worker.runOnce();
    await sink.waitFor(2);
    for (const step of walk.steps.slice(1)) {
      t.clock.now = new Date(step.at);
      const as = walk.actors[step.as]!.roles.includes('applicant') ? receipt.token : TOKENS.officer;
      const seen = (await (await t.request(`/v1/cases/${receipt.caseId}`, { token: as })).json()) as { version: number };
      const body = step.data === undefined ? { type: step.send } : { type: step.send, data: step.data };
      const res = await t.request(`/v1/cases/${receipt.caseId}/events`, { json: body, token: as, headers: { 'if-match': `"${seen.version}"` } });
      expect(res.status, step.send).toBe(200);
      if (step.expect === 'approved') {
        expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, dead: 0 });
        const mails = await sink.waitFor(3);
        expect(mails[2]!.subject).toBe(`Ihr Antrag ${receipt.reference} ist bewilligt`);
        expect(to(mails[2]!)).toBe(application.contactPerson.email);
      }
    }
    // No other state of the walk sends anything.
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(sink.mails).toHaveLength(3);
  });

  it('keeps a mail the SMTP server refuses for good as dead, lists it, and sends it again on request', async () => {
    // A server that is not there: the attempt fails, and after the limit the message is dead.
    const away = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: FROM, timeoutMs: 2000 });
    const failing = createOutboxWorker({ outbox: t.store.outbox, deliverers: { [EMAIL]: away }, maxAttempts: 1, clock: () => t.clock.now });
    await submit('de');
    expect(await failing.runOnce()).toEqual({ sent: 0, retried: 0, dead: 2 });
    away.close();
    const dead = (await (await t.request('/v1/programs/wir-vielfalt/outbox?state=dead', { token: TOKENS.admin })).json()) as { items: { id: string; lastError: string; attempts: number }[] };
    expect(dead.items).toHaveLength(2);
    expect(dead.items[0]!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect((await t.request('/v1/programs/wir-vielfalt/outbox', { token: TOKENS.officer })).status).toBe(403);
    expect((await t.request('/v1/programs/wir-vielfalt/outbox')).status).toBe(401);
    expect((await t.request('/v1/programs/wir-vielfalt/outbox?state=lost', { token: TOKENS.admin })).status).toBe(400);
    const resent = await t.request(`/v1/programs/wir-vielfalt/outbox/${dead.items[0]!.id}/resend`, { method: 'POST', token: TOKENS.admin });
    expect(resent.status).toBe(200);
    expect(await resent.json()).toMatchObject({ id: dead.items[0]!.id, state: 'pending', attempts: 0 });
    const again = await t.request(`/v1/programs/wir-vielfalt/outbox/${dead.items[0]!.id}/resend`, { method: 'POST', token: TOKENS.admin, locale: 'de' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'OUTBOX_MESSAGE_NOT_DEAD', message: 'Nur eine Nachricht, deren Zustellung aufgegeben wurde, kann erneut gesendet werden; diese ist pending.' });
    expect((await t.request('/v1/programs/wir-vielfalt/outbox/no-such-id/resend', { method: 'POST', token: TOKENS.admin })).status).toBe(404);
    expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, dead: 0 });
    const [mail] = await sink.waitFor(1);
    expect(mail!.messageId).toBe(`<${dead.items[0]!.id}@rp-darmstadt.example>`);
  });

  it('sends nothing for a case erased on request before its mails left', async () => {
    const receipt = await submit('de');
    await eraseCase({ store: t.store, programs: createProgramRegistry(t.programs), caseId: receipt.caseId, actor: { id: 'dpo', roles: ['dataProtection'] }, reason: 'DSB-2026-001', now: t.clock.now });
    expect(await t.store.outbox.list({ programId: 'wir-vielfalt', limit: 10 })).toEqual([]);
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
  });
});
