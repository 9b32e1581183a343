import { describe, expect, it } from 'vitest';
import { readExample } from '@civicflow/test-support';
import type { Issue } from '../../runtime/errors.js';
import { loadProgram } from '../load-program.js';
import { codesAt, issuesAfter } from '../../test-support/issues-after.js';

type Texts = Record<string, Record<string, string>>;
type States = Record<string, Record<string, unknown>>;
type Def = Record<string, unknown> & { texts: Texts; workflow: { states: States } };

/** The issues `loadProgram` reports after `change` edits a copy of WIR-Vielfalt, whose states all tell the applicant something. */
const issuesOf = (change: (p: Def) => void, locale = 'en'): Issue[] => issuesAfter(structuredClone(readExample('wir-vielfalt')) as Def, change, locale);

const both = (p: Def, key: string, value: string) => {
  p.texts.de![key] = value;
  p.texts.en![key] = value;
};

describe('checkApplicantNotes', () => {
  it('accepts every example, each with what its applicants are told', () => {
    for (const name of ['wir-vielfalt', 'zweite-chance', 'gemeinsam-fuer-hagen', 'zukunftsbuendnis']) {
      const def = readExample(name) as Def;
      expect(Object.keys(def.texts.de!).some((k) => k.endsWith('.applicant.next')), name).toBe(true);
      expect(() => loadProgram(def), name).not.toThrow();
    }
  });

  it('reports a text missing in one locale where it is missing', () => {
    const issues = issuesOf((p) => void delete p.texts.en!['workflow.states.approved.applicant.bring']);
    expect(codesAt(issues)).toEqual(['TEXT_MISSING /texts/en/workflow.states.approved.applicant.bring']);
    expect(issues[0]!.params).toEqual({ key: 'workflow.states.approved.applicant.bring', locale: 'en' });
  });

  it('reports a text for a state the workflow does not have, in German and English', () => {
    const issues = issuesOf((p) => both(p, 'workflow.states.decisoin.applicant.next', 'Wir entscheiden bald.'), 'de');
    expect(codesAt(issues)).toEqual(['TEXT_STATE_UNKNOWN /texts/de/workflow.states.decisoin.applicant.next', 'TEXT_STATE_UNKNOWN /texts/en/workflow.states.decisoin.applicant.next']);
    expect(issues[0]!.message).toBe('Der Text „workflow.states.decisoin.applicant.next“ gehört zum Zustand „decisoin“, den es in "states" des Ablaufs nicht gibt.');
    const en = issuesOf((p) => both(p, 'workflow.states.decisoin.title', 'Decision'));
    expect(en[0]!.message).toBe('The text "workflow.states.decisoin.title" is for the state "decisoin", which is not in the workflow\'s "states".');
  });

  it('reports a part that is never shown', () => {
    const issues = issuesOf((p) => both(p, 'workflow.states.decision.applicant.brnig', 'x'));
    expect(codesAt(issues)).toEqual(['TEXT_KEY_UNKNOWN /texts/de/workflow.states.decision.applicant.brnig', 'TEXT_KEY_UNKNOWN /texts/en/workflow.states.decision.applicant.brnig']);
    expect(issues[0]!.params).toMatchObject({ parts: 'next, bring, contact, due' });
  });

  it('reports a due text in a state that names no timer, and one without a place for the date', () => {
    expect(codesAt(issuesOf((p) => both(p, 'workflow.states.decision.applicant.due', 'By {date}.')))).toEqual([
      'TEXT_DUE_WITHOUT_TIMER /texts/de/workflow.states.decision.applicant.due',
      'TEXT_DUE_WITHOUT_TIMER /texts/en/workflow.states.decision.applicant.due',
    ]);
    expect(codesAt(issuesOf((p) => void (p.texts.de!['workflow.states.missingDocuments.applicant.due'] = 'Bitte bald.')))).toEqual([
      'TEXT_DATE_MISSING /texts/de/workflow.states.missingDocuments.applicant.due',
    ]);
  });

  it('reports a due event no timer of the state and no deadline sends, a final state, and a due without its text', () => {
    const issues = issuesOf((p) => {
      p.workflow.states.decision!.applicant = { due: 'DECIDE' };
      p.workflow.states.rejected!.applicant = { due: 'DOCUMENTS_OVERDUE' };
      both(p, 'workflow.states.decision.applicant.due', 'By {date}.');
      both(p, 'workflow.states.rejected.applicant.due', 'By {date}.');
      delete p.texts.de!['workflow.states.approved.applicant.due'];
      delete p.texts.en!['workflow.states.approved.applicant.due'];
    });
    expect(codesAt(issues)).toEqual([
      'WORKFLOW_DUE_UNKNOWN /workflow/states/decision/applicant/due',
      'TEXT_MISSING /texts/de/workflow.states.approved.applicant.due',
      'TEXT_MISSING /texts/en/workflow.states.approved.applicant.due',
      'WORKFLOW_DUE_UNKNOWN /workflow/states/rejected/applicant/due',
    ]);
    expect(issues[0]!.params).toEqual({ state: 'decision', event: 'DECIDE' });
  });

  it('accepts the event of a state timer and of a deadline', () => {
    expect(issuesOf((p) => void (p.workflow.states.missingDocuments!.applicant = { due: 'PROOF_OVERDUE' }))).toEqual([]);
    expect(issuesOf((p) => void (p.workflow.states.draft!.applicant = { due: 'CALL_CLOSED' }))).toEqual([]);
  });
});
