import { describe, expect, it } from 'vitest';
import type { Issue } from '../../runtime/errors.js';
import { codesAt, issuesAfter } from '../../test-support/issues-after.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A registration with a window, a congress day whose end a timer waits for, and an office exempt from the window. */
function base(): Json {
  const texts = (l: string) => ({
    'forms.registration.title': l,
    'forms.registration.fields.name.label': l,
    'workflow.states.new.title': l,
    'workflow.states.registered.title': l,
    'workflow.states.over.title': l,
    'workflow.events.REGISTER.title': l,
    'workflow.events.OVER.title': l,
    'workflow.roles.applicant': l,
    'workflow.roles.office': l,
    'periods.registration.title': l,
    'periods.registration.instead': l,
    'periods.congress.title': l,
    'periods.congress.instead': l,
  });
  return {
    id: 'congress',
    version: '1.0.0',
    locales: ['en', 'de'],
    title: { en: 'Congress', de: 'Kongress' },
    periods: {
      registration: { start: '2025-03-01T00:00', end: '2025-05-10T00:00' },
      congress: { start: '2025-05-16T00:00', end: '2025-05-17T00:00', timeZone: 'Europe/Berlin' },
    },
    forms: { registration: { schema: { type: 'object', properties: { name: { type: 'string' } } }, submissions: { periods: ['registration'], exemptRoles: ['office'] } } },
    workflow: {
      initial: 'new',
      roles: ['applicant', 'office'],
      events: { REGISTER: { form: 'registration', roles: ['applicant', 'office'] }, OVER: { roles: [] } },
      states: {
        new: { on: { REGISTER: { target: 'registered' } } },
        registered: { after: [{ periodEnd: 'congress', send: 'OVER', late: 'refuse' }], on: { OVER: { target: 'over' } } },
        over: { final: true },
      },
    },
    texts: { en: texts('en'), de: texts('de') },
  };
}

const issuesOf = (change: (p: Json) => void, locale = 'en'): Issue[] => issuesAfter(base(), change, locale);


describe('checkPeriods', () => {
  it('accepts periods used by a form’s submissions and a timer', () => {
    expect(issuesOf(() => {})).toEqual([]);
  });

  it('reports an unknown period wherever one is named, with a pointer to it', () => {
    const issues = issuesOf((p) => {
      p.submissions = { periods: ['registration', 'call'] };
      p.forms.registration.submissions.periods = ['registraton'];
      p.workflow.states.registered.after[0].periodEnd = 'congres';
      p.workflow.deadlines = { d: { periodEnd: 'round2', send: 'OVER' } };
      p.workflow.states.new.on.REGISTER.actions = [{ type: 'startDeadline', deadline: 'd' }];
    });
    expect(codesAt(issues)).toEqual([
      'PERIOD_UNKNOWN /submissions/periods/1',
      'PERIOD_UNKNOWN /forms/registration/submissions/periods/0',
      'PERIOD_UNKNOWN /workflow/states/registered/after/0/periodEnd',
      'PERIOD_UNKNOWN /workflow/deadlines/d/periodEnd',
    ]);
    expect(issues[0]!.message).toBe('There is no period "call" in this program\'s "periods".');
  });

  it('reports an end before the start, an impossible date and an unknown time zone, in German too', () => {
    const issues = issuesOf((p) => {
      p.periods.registration = { start: '2025-05-10T00:00', end: '2025-05-10T00:00' };
      p.periods.congress = { start: '2025-02-30T00:00', end: '2025-05-17T00:00', timeZone: 'Europe/Bürstadt' };
    }, 'de');
    expect(codesAt(issues)).toEqual([
      'PERIOD_END_BEFORE_START /periods/registration/end',
      'PERIOD_TIME_ZONE_INVALID /periods/congress/timeZone',
      'PERIOD_TIME_INVALID /periods/congress/start',
    ]);
    expect(issues.map((i) => i.message)).toEqual([
      'Der Zeitraum „registration“ endet (2025-05-10T00:00) vor oder mit seinem Beginn (2025-05-10T00:00): Geben Sie ein "end" nach dem "start" an.',
      '„Europe/Bürstadt“ ist keine Zeitzone: Schreiben Sie eine IANA-Zeitzone wie "Europe/Berlin" oder "Europe/Vienna".',
      '„2025-02-30T00:00“ ist kein Datum mit Uhrzeit im Kalender: Schreiben Sie ein wirkliches örtliches Datum mit Uhrzeit, etwa "2019-11-30T23:59".',
    ]);
  });

  it('refuses a local time with an offset and a period without an end (the format)', () => {
    const issues = issuesOf((p) => {
      p.periods.registration = { start: '2025-03-01T00:00+01:00', end: '2025-05-10T00:00' };
      delete p.periods.congress.end;
    });
    expect(issues.map((i) => i.code)).toEqual(['SCHEMA_INVALID', 'SCHEMA_INVALID']);
  });

  it('reports an exempt role the workflow does not have', () => {
    expect(codesAt(issuesOf((p) => (p.forms.registration.submissions.exemptRoles = ['office', 'admin'])))).toEqual([
      'WORKFLOW_ROLE_UNKNOWN /forms/registration/submissions/exemptRoles/1',
    ]);
  });

  it('requires each period’s name and what to do instead in every locale', () => {
    expect(codesAt(issuesOf((p) => delete p.texts.de['periods.congress.instead']))).toEqual(['TEXT_MISSING /texts/de/periods.congress.instead']);
  });

  it('counts periodEnd as the timer’s moment, and refuses late on a timer with a duration', () => {
    const issues = issuesOf((p) => {
      p.workflow.states.registered.after = [
        { periodEnd: 'congress', at: '2025-05-17T00:00:00+02:00', send: 'OVER' },
        { duration: 'P1D', late: 'send', send: 'OVER' },
        { at: '2025-05-17T00:00:00+02:00', late: 'send', send: 'OVER' },
      ];
    });
    expect(codesAt(issues)).toEqual(['WORKFLOW_TIMER_WHEN /workflow/states/registered/after/0', 'WORKFLOW_TIMER_LATE_WITHOUT_MOMENT /workflow/states/registered/after/1/late']);
  });
});
