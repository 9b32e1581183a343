// A one-day congress, inline-sized, for tests of timers that wait for a period's end: registrations wait in
// `registered` until the end of the congress day (16 May 2025, Europe/Berlin), then `OVER` moves them on.

/** What a timer does that is already due when `registered` is entered: the definition's `late`, or its default. */
export type CongressLate = 'refuse' | 'send';

/** The raw definition of the congress program (a fresh copy on each call), with `late` on the registered state's timer. */
export function congressDefinition(late?: CongressLate): Record<string, unknown> {
  return {
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
        registered: { after: [{ periodEnd: 'congress', send: 'OVER', ...(late ? { late } : {}) }], on: { OVER: { target: 'over' } } },
        over: { final: true },
      },
    },
    texts: {
      en: {
        'forms.registration.title': 'Registration',
        'forms.registration.fields.name.label': 'Name',
        'workflow.states.new.title': 'New',
        'workflow.states.registered.title': 'Registered',
        'workflow.states.over.title': 'After the congress',
        'workflow.events.REGISTER.title': 'Register',
        'workflow.events.OVER.title': 'Congress over',
        'workflow.roles.office': 'Office',
        'periods.congress.title': 'The congress',
        'periods.congress.instead': 'It is over.',
      },
    },
  };
}
