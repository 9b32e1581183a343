import { describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { submissionForms, submissionRoute } from './submission-route.js';
import { loadExample } from '@civicflow/test-support';
import { tinyProgram } from './test-support/tiny-program.js';

/** The tiny program where a helper's ADD_NOTE and a clerk's FINISH both carry the note to a new case. */
function twoWaysIn() {
  type Json = Record<string, Record<string, unknown>>;
  const json = tinyProgram({ 'workflow.events.ADD_NOTE.title': 'Add a note', 'workflow.roles.helper': 'Helper' });
  const wf = json['workflow'] as Record<string, unknown> & { events: Json; states: Record<string, Json> };
  wf['roles'] = ['clerk', 'helper'];
  wf.events['ADD_NOTE'] = { form: 'note', roles: ['helper'] };
  wf.states['open']!['on']!['ADD_NOTE'] = { target: 'open', actions: [{ type: 'merge' }] };
  return loadProgram(json);
}

/** The tiny program without its workflow: it only collects notes. */
function collectOnly() {
  const json = tinyProgram() as Record<string, unknown> & { texts: { en: Record<string, string> } };
  delete json['workflow'];
  json.texts.en = Object.fromEntries(Object.entries(json.texts.en).filter(([k]) => !k.startsWith('workflow.')));
  return loadProgram(json);
}

describe('submissionForms', () => {
  it('is the opening form when the workflow has one', () => {
    expect(submissionForms(loadExample('gemeinsam-fuer-hagen'))).toEqual(['contact']);
  });

  it('lists the forms the events of a new case carry, in the order the workflow declares them, workflow-level events too', () => {
    expect(submissionForms(loadExample('wir-vielfalt'))).toEqual(['application']);
    expect(submissionForms(loadExample('zukunftsbuendnis'))).toEqual(['registration', 'sponsorship']);
    expect(submissionForms(loadExample('zweite-chance'))).toEqual(['firstContact', 'intake', 'pause', 'dropout']);
    expect(submissionForms(twoWaysIn())).toEqual(['note']);
  });

  it('is every form of a program without a workflow', () => {
    expect(submissionForms(collectOnly())).toEqual(['note']);
  });
});

describe('submissionRoute', () => {
  it('takes only the opening form of a workflow that has one, as the case opening data', () => {
    const hagen = loadExample('gemeinsam-fuer-hagen');
    expect(submissionRoute(hagen, undefined, [])).toEqual({ form: 'contact' });
    expect(submissionRoute(hagen, 'contact', ['advisor'])).toEqual({ form: 'contact' });
    expect(submissionRoute(hagen, 'advice', ['advisor'])).toBeUndefined();
  });

  it('sends a form of a first event as that event, right after an empty case opens', () => {
    const zc = loadExample('zweite-chance');
    expect(submissionRoute(zc, 'intake', ['participant'])).toEqual({ form: 'intake', event: 'SUBMIT_INTAKE' });
    expect(submissionRoute(zc, 'firstContact', [])).toEqual({ form: 'firstContact', event: 'RECORD_FIRST_CONTACT' });
    expect(submissionRoute(zc, 'coachingPlan', ['coach'])).toBeUndefined();
    expect(submissionRoute(zc, 'nonsense', ['coach'])).toBeUndefined();
  });

  it('chooses the form only when one form opens cases', () => {
    expect(submissionRoute(loadExample('wir-vielfalt'), undefined, [])).toEqual({ form: 'application', event: 'SUBMIT' });
    expect(submissionRoute(loadExample('zukunftsbuendnis'), undefined, ['applicant'])).toBeUndefined();
  });

  it('chooses the only form among those the sender may send, so a person signs up for Zweite Chance without naming the form (issue 13)', () => {
    const zc = loadExample('zweite-chance');
    expect(submissionRoute(zc, undefined, ['participant'])).toEqual({ form: 'intake', event: 'SUBMIT_INTAKE' });
    expect(submissionRoute(zc, undefined, ['coach'])).toBeUndefined();
    expect(submissionRoute(zc, undefined, [])).toBeUndefined();
  });

  it("prefers an event the sender's roles may send, else the first that carries the form", () => {
    const program = twoWaysIn();
    expect(submissionRoute(program, 'note', ['helper'])).toEqual({ form: 'note', event: 'ADD_NOTE' });
    expect(submissionRoute(program, undefined, ['clerk'])).toEqual({ form: 'note', event: 'FINISH' });
    expect(submissionRoute(program, 'note', ['someone'])).toEqual({ form: 'note', event: 'FINISH' });
  });

  it('takes any form of a program without a workflow, by default its first', () => {
    const program = collectOnly();
    expect(submissionRoute(program, undefined, [])).toEqual({ form: 'note' });
    expect(submissionRoute(program, 'note', [])).toEqual({ form: 'note' });
    expect(submissionRoute(program, 'other', [])).toBeUndefined();
  });
});
