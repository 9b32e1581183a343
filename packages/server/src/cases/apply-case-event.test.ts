import { describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { createCase } from '@civicflow/workflow';
import { applyCaseEvent } from './apply-case-event.js';

/** Registrations wait in `registered` for the end of the congress day; late ones are routed through its timer. */
const program = loadProgram({
  id: 'congress',
  version: '1.0.0',
  locales: ['en'],
  title: { en: 'Congress' },
  periods: { congress: { start: '2025-05-16T00:00', end: '2025-05-17T00:00' } },
  forms: { registration: { schema: { type: 'object', properties: { name: { type: 'string' } } } } },
  workflow: {
    initial: 'new',
    roles: ['office'],
    events: { REGISTER: { form: 'registration', roles: ['office'] }, OVER: { roles: [] } },
    states: {
      new: { on: { REGISTER: { target: 'registered' } } },
      registered: { after: [{ periodEnd: 'congress', send: 'OVER', late: 'send' }], on: { OVER: { target: 'tooLate' } } },
      tooLate: { final: true },
    },
  },
  texts: {
    en: {
      'forms.registration.title': 'Registration',
      'forms.registration.fields.name.label': 'Name',
      'workflow.states.new.title': 'New',
      'workflow.states.registered.title': 'Registered',
      'workflow.states.tooLate.title': 'Registered too late',
      'workflow.events.REGISTER.title': 'Register',
      'workflow.events.OVER.title': 'Congress over',
      'workflow.roles.office': 'Office',
      'periods.congress.title': 'The congress',
      'periods.congress.instead': 'It is over.',
    },
  },
});

describe('applyCaseEvent', () => {
  it('fires at once a timer that the event started at a moment already past, when the definition says late: send', () => {
    const office = { id: 'office', roles: ['office'] };
    const opened = createCase(program, 'c', office, new Date('2025-05-01T08:00:00Z'));
    if (!opened.ok) throw new Error(opened.message);
    const r = applyCaseEvent(program, opened.case, { type: 'REGISTER', data: { name: 'Lea' } }, office, new Date('2025-05-20T08:00:00Z'), 'en');
    expect(r.refusal).toBeUndefined();
    expect(r.applied.map((a) => [a.audit.event, a.audit.to])).toEqual([
      ['REGISTER', 'registered'],
      ['OVER', 'tooLate'],
    ]);
  });
});
