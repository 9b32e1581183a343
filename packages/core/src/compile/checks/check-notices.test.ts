import { describe, expect, it } from 'vitest';
import { readExample } from '@civicflow/test-support';
import type { Issue } from '../../runtime/errors.js';
import { loadProgram } from '../load-program.js';
import { codesAt, issuesAfter } from '../../test-support/issues-after.js';

type Texts = Record<string, Record<string, string>>;
type Notices = { applicantAddress?: string; office?: string; messages: Record<string, { to: string; on: unknown }> };
type Def = Record<string, unknown> & { texts: Texts; notices: Notices };

/** The issues after `change` edits a copy of WIR-Vielfalt, whose notices confirm a submission, tell the office and announce an approval. */
const issuesOf = (change: (p: Def) => void, locale = 'en'): Issue[] => issuesAfter(structuredClone(readExample('wir-vielfalt')) as Def, change, locale);

describe('checkNotices', () => {
  it('accepts the example with its notices', () => {
    expect(loadProgram(readExample('wir-vielfalt')).definition.notices?.messages).toHaveProperty('confirmation');
  });

  it('wants the applicant address to be an e-mail field outside lists', () => {
    expect(codesAt(issuesOf((p) => (p.notices.applicantAddress = 'contactPerson.name')))).toEqual(['NOTICE_ADDRESS_INVALID /notices/applicantAddress']);
    expect(codesAt(issuesOf((p) => (p.notices.applicantAddress = 'contactPerson.fax')))).toEqual(['NOTICE_ADDRESS_INVALID /notices/applicantAddress']);
  });

  it('wants an address for each notice', () => {
    const issues = issuesOf((p) => {
      delete p.notices.applicantAddress;
      delete p.notices.office;
    });
    expect(codesAt(issues)).toEqual([
      'NOTICE_ADDRESS_MISSING /notices/messages/confirmation/to',
      'NOTICE_ADDRESS_MISSING /notices/messages/arrival/to',
      'NOTICE_ADDRESS_MISSING /notices/messages/approved/to',
    ]);
    expect(issues[1]!.message).toBe('The notice "arrival" has nowhere to go: give "office" in "notices".');
  });

  it('takes a notice before a deadline, and refuses one before an event no timer sends or by no duration', () => {
    const before = (on: unknown) => issuesOf((p) => (p.notices.messages.approved!.on = on));
    expect(codesAt(before({ before: 'PROOF_OVERDUE', by: 'P14D' }))).toEqual([]);
    expect(codesAt(before({ before: 'CALL_CLOSED', by: 'PT48H' }))).toEqual([]);
    const unknown = before({ before: 'APPROVE', by: 'P3D' });
    expect(codesAt(unknown)).toEqual(['NOTICE_TIMER_UNKNOWN /notices/messages/approved/on/before']);
    expect(unknown[0]!.message).toBe('No timer or deadline of the workflow sends the event "APPROVE", so a notice cannot come before it. Timers send: CALL_CLOSED, DOCUMENTS_OVERDUE, PROOF_OVERDUE.');
    expect(codesAt(before({ before: 'PROOF_OVERDUE', by: 'three days' }))).toEqual(['WORKFLOW_DURATION_INVALID /notices/messages/approved/on/by']);
    expect(codesAt(before({ before: 'PROOF_OVERDUE', by: 'P0D' }))).toEqual(['WORKFLOW_DURATION_INVALID /notices/messages/approved/on/by']);
    const german = issuesAfter(structuredClone(readExample('wir-vielfalt')) as Def, (p) => (p.notices.messages.approved!.on = { before: 'APPROVE', by: 'P3D' }), 'de');
    expect(german[0]!.message).toContain('Kein Zeitgeber und keine Frist des Ablaufs sendet das Ereignis „APPROVE“');
  });

  it('refuses a state the workflow does not have', () => {
    expect(codesAt(issuesOf((p) => (p.notices.messages.approved!.on = { state: 'granted' })))).toEqual(['WORKFLOW_STATE_UNKNOWN /notices/messages/approved/on/state']);
  });

  it('wants subject and text in every locale; the HTML is optional but then in every locale', () => {
    const issues = issuesOf((p) => {
      delete p.texts.en!['notices.arrival.text'];
      delete p.texts.de!['notices.confirmation.html'];
    });
    expect(codesAt(issues)).toEqual(['TEXT_MISSING /texts/de/notices.confirmation.html', 'TEXT_MISSING /texts/en/notices.arrival.text']);
  });

  it('refuses unknown placeholders and fields, in German and English', () => {
    const change = (p: Def) => {
      p.texts.de!['notices.arrival.text'] = 'Neu: {reference} {aktenzeichen} {data.municipality.mayor}';
    };
    expect(codesAt(issuesOf(change))).toEqual(['NOTICE_PLACEHOLDER_UNKNOWN /texts/de/notices.arrival.text', 'NOTICE_FIELD_UNKNOWN /texts/de/notices.arrival.text']);
    const [unknown, field] = issuesOf(change, 'de');
    expect(unknown!.message).toBe('Einen Platzhalter {aktenzeichen} gibt es nicht: Eine Benachrichtigung kann {reference}, {statusLink}, {state}, {program}, {data.<field>} verwenden.');
    expect(field!.message).toBe('Der Platzhalter {data.municipality.mayor} nennt kein Feld der Formulare des Programms (Felder in Listen können nicht genannt werden).');
  });

  it('refuses a subject of more than one line', () => {
    expect(codesAt(issuesOf((p) => (p.texts.en!['notices.approved.subject'] = 'Approved\nBcc: someone@example.org')))).toEqual(['NOTICE_SUBJECT_MULTILINE /texts/en/notices.approved.subject']);
  });

  it('refuses a notice without "on" and an office address that is no address', () => {
    const codes = codesAt(issuesOf((p) => (p.notices.office = 'office at example.org'))).map((c) => c.split(' ')[1]);
    expect(codes).toContain('/notices/office');
  });
});
