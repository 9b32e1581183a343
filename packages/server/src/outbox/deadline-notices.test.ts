// Notices before a deadline, over HTTP and a real store: written with the step that starts the timer, due the given
// time before it, sent once per case and timer, dropped when the timer stops first; and notices to the applicant in
// the language they submitted in, recorded on the case.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { loadProgram, type Program } from '@civicflow/core';
import { repoRoot } from '@civicflow/test-support';
import { createTestApp, SETUP_TIMEOUT, TOKENS, type TestApp } from '../test-support/test-app.js';
import { describeEachStore } from '../test-support/stores.js';
import { createProgramRegistry } from '../programs/program-registry.js';
import { createOutboxWorker, type OutboxWorker } from './outbox-worker.js';
import { EMAIL, type EmailPayload } from './notices.js';
import type { ClaimedMessage } from './outbox-store.js';

/** The casework program with an applicant's e-mail field and notices before its reminder, before its follow-up deadline, and on closing. */
function caseworkWithNotices(): Program {
  const def = JSON.parse(readFileSync(path.join(repoRoot, 'packages/server/src/test-support/casework-program.json'), 'utf8'));
  def.forms.intake.schema.properties.email = { type: 'string', format: 'email', maxLength: 254, 'x-personal-data': true, 'x-retention': 'P1Y' };
  def.forms.intake.ui.pages[0].fields.push('email');
  def.notices = {
    applicantAddress: 'email',
    office: 'beratung@example.org',
    messages: {
      reminderSoon: { to: 'applicant', on: { before: 'REMIND', by: 'P3D' } },
      followUpSoon: { to: 'office', on: { before: 'EXPIRE', by: 'P7D' } },
      closed: { to: 'applicant', on: { state: 'closed' } },
    },
  };
  const texts: Record<string, Record<string, string>> = {
    de: {
      'forms.intake.fields.email.label': 'E-Mail',
      'notices.reminderSoon.subject': 'Erinnerung zu {reference}',
      'notices.reminderSoon.text': 'In drei Tagen erinnern wir an Ihr Anliegen {reference}.',
      'notices.followUpSoon.subject': 'Nachfrage zu {reference} in einer Woche',
      'notices.followUpSoon.text': 'Die Nachfrist zu {reference} endet in einer Woche.',
      'notices.closed.subject': 'Ihr Anliegen {reference} ist abgeschlossen',
      'notices.closed.text': 'Ihr Anliegen {reference} ist abgeschlossen.',
    },
    en: {
      'forms.intake.fields.email.label': 'Email',
      'notices.reminderSoon.subject': 'Reminder about {reference}',
      'notices.reminderSoon.text': 'In three days we remind you of {reference}.',
      'notices.followUpSoon.subject': 'Follow-up of {reference} in a week',
      'notices.followUpSoon.text': 'The follow-up period of {reference} ends in a week.',
      'notices.closed.subject': 'Your request {reference} is closed',
      'notices.closed.text': 'Your request {reference} is closed.',
    },
  };
  for (const locale of ['de', 'en']) Object.assign(def.texts[locale], texts[locale]);
  return loadProgram(JSON.stringify(def));
}

const DAY = 24 * 60 * 60 * 1000;

describeEachStore('notices before a deadline', (kind) => {
  const t = {} as TestApp;
  const program = caseworkWithNotices();
  const sent: { topic: string; mail: EmailPayload }[] = [];
  let worker: OutboxWorker;
  beforeAll(async () => {
    Object.assign(t, await createTestApp(kind, { programs: createProgramRegistry([program]) }));
  }, 5 * SETUP_TIMEOUT);
  afterAll(async () => {
    await t.close?.();
    await kind.cleanup();
  });
  beforeEach(() => {
    sent.length = 0;
    const capture = async (m: ClaimedMessage) => void sent.push({ topic: m.topic, mail: m.payload as unknown as EmailPayload });
    worker = createOutboxWorker({ outbox: t.store.outbox, deliverers: { [EMAIL]: capture }, clock: () => t.clock.now });
  });

  async function submit(at: string, locale: string) {
    t.clock.now = new Date(at);
    const res = await t.request('/v1/programs/casework/submissions', { json: { name: 'Alex Beispiel', housing: 'flat', email: 'alex@example.org' }, locale });
    expect(res.status).toBe(201);
    return (await res.json()) as { caseId: string; reference: string };
  }
  const send = (caseId: string, type: string, version: number, data?: unknown) =>
    t.request(`/v1/cases/${caseId}/events`, { json: data === undefined ? { type } : { type, data }, token: TOKENS.coach, headers: { 'if-match': String(version) } });

  it('is due the given time before the timer, is sent once, in the language the applicant submitted in', async () => {
    const { caseId, reference } = await submit('2025-04-01T08:00:00Z', 'en');
    expect((await t.store.getCase(caseId))!.locale).toBe('en');
    const [waiting] = (await t.store.outbox.list({ programId: 'casework', limit: 50 })).filter((m) => m.caseId === caseId);
    // The reminder timer is due 14 days after the submission: the notice 3 days before.
    expect(waiting).toMatchObject({ topic: 'reminderSoon', state: 'pending', dueAt: '2025-04-12T08:00:00.000Z' });
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
    t.clock.now = new Date('2025-04-12T08:00:00Z');
    expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(sent).toEqual([{ topic: 'reminderSoon', mail: expect.objectContaining({ to: 'alex@example.org', locale: 'en', subject: `Reminder about ${reference}` }) }]);
    t.clock.now = new Date('2025-04-20T08:00:00Z');
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
  });

  it('is dropped when its timer stops first, and comes for the deadline the step started; later notices keep the language', async () => {
    const { caseId, reference } = await submit('2025-05-01T08:00:00Z', 'en');
    t.clock.now = new Date('2025-05-02T08:00:00Z');
    // Accepting leaves the state of the reminder timer, and starts the follow-up deadline (30 days).
    expect((await send(caseId, 'ACCEPT', 1, { goal: 'job', hours: 10 })).status).toBe(200);
    const mine = async () => (await t.store.outbox.list({ programId: 'casework', limit: 50 })).filter((m) => m.caseId === caseId);
    expect((await mine()).map((m) => [m.topic, m.state, m.dueAt])).toEqual([['followUpSoon', 'pending', new Date(Date.parse('2025-05-02T08:00:00Z') + 23 * DAY).toISOString()]]);
    t.clock.now = new Date('2025-05-25T08:00:00Z');
    expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(sent.map((s) => [s.topic, s.mail.to, s.mail.subject])).toEqual([['followUpSoon', 'beratung@example.org', `Nachfrage zu ${reference} in einer Woche`]]);

    // Placing cancels the deadline: the notice that went out stays listed as sent.
    expect((await send(caseId, 'PLACE', 2)).status).toBe(200);
    expect((await mine()).map((m) => [m.topic, m.state])).toEqual([['followUpSoon', 'sent']]);
    t.clock.now = new Date('2025-05-26T08:00:00Z');
    expect((await send(caseId, 'CLOSE', 3)).status).toBe(200);
    expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, dead: 0 });
    // The applicant submitted in English (the program's first language is German): the closing notice is English.
    expect(sent[1]).toEqual({ topic: 'closed', mail: expect.objectContaining({ to: 'alex@example.org', locale: 'en', subject: `Your request ${reference} is closed` }) });
    expect((await mine()).filter((m) => m.topic === 'followUpSoon')).toHaveLength(1);
  });
});
