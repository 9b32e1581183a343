import { describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { readExample } from '@civicflow/test-support';
import { createCase, type AuditEntry, type Case } from '@civicflow/workflow';
import { noticeMessages, type NoticeTrigger } from './notices.js';

type Def = Record<string, unknown> & { texts: Record<string, Record<string, string>>; notices: { messages: Record<string, unknown> } };

function wir(change: (d: Def) => void = () => {}) {
  const d = structuredClone(readExample('wir-vielfalt')) as Def;
  change(d);
  return loadProgram(d);
}

const data = {
  municipality: { name: 'Musterstadt', ags: '06438099', inhabitants: 25000 },
  contactPerson: { name: 'Petra\nBeispiel <p@x>', email: 'petra@musterstadt.example', phone: '06151 12345' },
};

function trigger(program: ReturnType<typeof wir>, over: Partial<NoticeTrigger> = {}): NoticeTrigger {
  const r = createCase(program, 'case-1', { id: 'town', roles: ['applicant'] }, new Date('2019-11-28T15:00:00Z'));
  if (!r.ok) throw new Error(r.message);
  const c: Case = { ...r.case, data, state: 'submitted' };
  return { submitted: true, entries: [{ from: 'draft', to: 'submitted' } as AuditEntry], case: c, reference: 'CF-TEST-0001', ...over };
}

describe('noticeMessages', () => {
  it('puts a value into a subject on one line, escapes it in HTML, and keeps it in plain text', () => {
    const program = wir((d) => {
      d.texts.de!['notices.confirmation.subject'] = 'Antrag von {data.contactPerson.name}';
    });
    const [confirmation] = noticeMessages(program, trigger(program, { locale: 'de' }));
    expect(confirmation!.payload).toMatchObject({ to: 'petra@musterstadt.example', locale: 'de', subject: 'Antrag von Petra Beispiel <p@x>' });
    expect(confirmation!.payload['text']).toContain('Guten Tag Petra\nBeispiel <p@x>,');
    expect(confirmation!.payload['html']).toContain('Guten Tag Petra\nBeispiel &lt;p@x&gt;,');
  });

  it('holds only the fields a text names', () => {
    const program = wir();
    const all = JSON.stringify(noticeMessages(program, trigger(program)));
    expect(all).not.toContain('06151 12345');
    // The office's notice names the municipality only: not the applicant's name or address.
    const arrival = noticeMessages(program, trigger(program)).find((m) => m.topic === 'arrival')!;
    expect(JSON.stringify(arrival.payload)).not.toMatch(/Petra|petra@/);
  });

  it('gives the status link to the applicant only, and leaves it empty without a status page', () => {
    const program = wir((d) => {
      d.texts.de!['notices.arrival.text'] = 'Neu: {reference} {statusLink}';
    });
    const links = { status: (id: string) => `https://example.org/status#${id}` };
    const [confirmation, arrival] = noticeMessages(program, trigger(program), links);
    expect(confirmation!.payload['text']).toContain('https://example.org/status#case-1');
    expect(arrival!.payload['text']).toBe('Neu: CF-TEST-0001 ');
    expect(noticeMessages(program, trigger(program))[0]!.payload['text']).toContain('Wo Ihr Antrag steht, sehen Sie hier: \n');
  });

  it('sends on the trigger it waits for: a submission, or entering a state (not staying in it)', () => {
    const program = wir();
    expect(noticeMessages(program, trigger(program)).map((m) => m.topic)).toEqual(['confirmation', 'arrival']);
    expect(noticeMessages(program, trigger(program, { submitted: false })).map((m) => m.topic)).toEqual([]);
    const approved = { from: 'decision', to: 'approved' } as AuditEntry;
    expect(noticeMessages(program, trigger(program, { submitted: false, entries: [approved] })).map((m) => m.topic)).toEqual(['approved']);
    expect(noticeMessages(program, trigger(program, { submitted: false, entries: [{ from: 'approved', to: 'approved' } as AuditEntry] }))).toEqual([]);
  });

  it('sends the applicant nothing without a usable address, and takes the first locale for one it lacks', () => {
    const program = wir();
    const without = trigger(program);
    const c = { ...without.case, data: { ...data, contactPerson: { name: 'A', email: 'a@b.example, c@d.example' } } };
    expect(noticeMessages(program, { ...without, case: c }).map((m) => m.topic)).toEqual(['arrival']);
    expect(noticeMessages(program, trigger(program, { locale: 'fr' }))[0]!.payload['locale']).toBe('de');
  });
});
