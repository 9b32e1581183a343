import { describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { createSubmittedCase, SUBMITTED_STATE } from './create-submitted-case.js';
import { createCase } from './create-case.js';
import { tinyProgram } from './test-support/tiny-program.js';

/** A program without a workflow whose one form has a group and a list: it only collects letters. */
function letters() {
  const fields = ['name', 'address', 'address.street', 'address.city', 'topics'];
  const texts = (title: string) => ({ 'forms.letter.title': title, ...Object.fromEntries(fields.map((f) => [`forms.letter.fields.${f}.label`, f])) });
  return loadProgram({
    id: 'letters',
    version: '1.0.0',
    locales: ['en', 'de'],
    title: { en: 'Letters', de: 'Briefe' },
    forms: {
      letter: {
        schema: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string' },
            address: { type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' } } },
            topics: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
    texts: { en: texts('Letter'), de: texts('Brief') },
  });
}

describe('createSubmittedCase', () => {
  const program = letters();
  const now = new Date('2025-03-01T09:00:00Z');
  const applicant = { id: 'applicant:l-1', roles: ['applicant'] };
  const letter = { name: 'Ada', address: { street: 'Hauptstraße 1', city: 'Hagen' }, topics: ['housing', 'work'] };

  it('opens a case in submitted with the checked data, version 1 and one history entry', () => {
    const r = createSubmittedCase(program, 'letter', 'l-1', applicant, now, letter);
    expect(r.ok && r.case).toEqual({
      id: 'l-1',
      program: program.ref,
      state: SUBMITTED_STATE,
      data: letter,
      version: 1,
      timers: [],
      outcomes: [],
      history: [
        {
          seq: 1,
          at: '2025-03-01T09:00:00.000Z',
          actor: 'applicant:l-1',
          roles: ['applicant'],
          event: null,
          from: null,
          to: 'submitted',
          changed: ['/address', '/name', '/topics'],
        },
      ],
    });
    expect(r.ok && r.audit).toBe(r.ok && r.case.history[0]);
  });

  it('records the opening as createCase does: the same fields, and the pointers of the fields filled in, sorted', () => {
    const withWorkflow = loadProgram(tinyProgram());
    const opened = createCase(withWorkflow, 't-1', { id: 'c', roles: ['clerk'] }, now);
    const collected = createSubmittedCase(program, 'letter', 'l-1', applicant, now, letter);
    expect(opened.ok && collected.ok && Object.keys(collected.audit).sort()).toEqual(opened.ok && Object.keys(opened.audit).sort());
  });

  it('keeps the case apart from the data passed in, and frozen', () => {
    const data = structuredClone(letter);
    const r = createSubmittedCase(program, 'letter', 'l-1', applicant, now, data);
    data.address.city = 'Dortmund';
    expect(r.ok && r.case.data['address']).toEqual({ street: 'Hauptstraße 1', city: 'Hagen' });
    expect(r.ok && Object.isFrozen(r.case.data['address'])).toBe(true);
  });

  it('refuses data that does not fit the form with core’s errors, naming the step in the refusal’s language', () => {
    const r = createSubmittedCase(program, 'letter', 'l-1', applicant, now, { topics: 'all' }, { locale: 'de' });
    expect(!r.ok && r.code).toBe('DATA_INVALID');
    expect(!r.ok && (r.details['errors'] as { pointer: string }[]).map((e) => e.pointer).sort()).toEqual(['/name', '/topics']);
    expect(!r.ok && r.details['form']).toBe('letter');
    expect(!r.ok && r.message).toContain('„Fall eröffnen“');
  });
});
