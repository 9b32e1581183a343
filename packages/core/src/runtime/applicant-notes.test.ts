import { describe, expect, it } from 'vitest';
import { applicantDueAt, applicantNotes, hasApplicantNotes } from './applicant-notes.js';

const texts: Record<string, string> = {
  'workflow.states.missing.applicant.next': 'Documents are missing.\n\n  Send them on this page.  ',
  'workflow.states.missing.applicant.bring': 'the resolution\r\nthe financing plan\n',
  'workflow.states.missing.applicant.due': 'Please send them by {date}.',
};
const text = (key: string) => texts[key];

describe('applicantNotes', () => {
  it('splits each part into its lines, leaving out blank ones, and fills the date into the due sentence', () => {
    expect(applicantNotes(text, 'missing', '4 March 2026')).toEqual({
      next: ['Documents are missing.', 'Send them on this page.'],
      bring: ['the resolution', 'the financing plan'],
      contact: [],
      due: 'Please send them by 4 March 2026.',
    });
  });

  it('leaves the due sentence out without a running timer, and says nothing for a state without texts', () => {
    expect(applicantNotes(text, 'missing').due).toBeUndefined();
    const none = applicantNotes(text, 'decision', '4 March 2026');
    expect(none).toEqual({ next: [], bring: [], contact: [] });
    expect(hasApplicantNotes(none)).toBe(false);
    expect(hasApplicantNotes(applicantNotes(text, 'missing'))).toBe(true);
  });
});

describe('applicantDueAt', () => {
  const workflow = { states: { missing: { applicant: { due: 'OVERDUE' } }, decision: {} } };
  const running = [
    { event: 'REMIND', due: '2026-03-01T10:00:00Z' },
    { event: 'OVERDUE', due: '2026-03-20T10:00:00+01:00' },
    { event: 'OVERDUE', due: '2026-03-04T10:00:00Z' },
  ];

  it('is the earliest running timer that sends the state\'s due event', () => {
    expect(applicantDueAt(workflow, 'missing', running)).toBe('2026-03-04T10:00:00Z');
  });

  it('is undefined when the state names no timer, or none of its kind runs', () => {
    expect(applicantDueAt(workflow, 'decision', running)).toBeUndefined();
    expect(applicantDueAt(workflow, 'missing', running.slice(0, 1))).toBeUndefined();
    expect(applicantDueAt(undefined, 'missing', running)).toBeUndefined();
  });
});
