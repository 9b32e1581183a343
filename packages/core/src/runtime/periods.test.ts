import { describe, expect, it } from 'vitest';
import { formatPeriodMoment, isLocalDateTime, isTimeZone, localInstant, periodEnd, submissionWindow } from './periods.js';
import type { ProgramDefinition } from '../model/program.js';

describe('localInstant', () => {
  it('reads a local time by the zone’s winter and summer offsets', () => {
    expect(localInstant('2019-11-30T23:59:59', 'Europe/Berlin').toISOString()).toBe('2019-11-30T22:59:59.000Z');
    expect(localInstant('2025-05-17T00:00', 'Europe/Berlin').toISOString()).toBe('2025-05-16T22:00:00.000Z');
    expect(localInstant('2025-05-17T00:00').toISOString()).toBe('2025-05-16T22:00:00.000Z');
    expect(localInstant('2025-01-10T09:30', 'America/New_York').toISOString()).toBe('2025-01-10T14:30:00.000Z');
    expect(localInstant('2025-07-01T12:00', 'UTC').toISOString()).toBe('2025-07-01T12:00:00.000Z');
  });

  it('is right on both sides of a change of the clocks', () => {
    // Berlin went to summer time on 30 March 2025 at 02:00 (to 03:00) and back on 26 October 2025 at 03:00 (to 02:00).
    expect(localInstant('2025-03-30T01:59', 'Europe/Berlin').toISOString()).toBe('2025-03-30T00:59:00.000Z');
    expect(localInstant('2025-03-30T03:00', 'Europe/Berlin').toISOString()).toBe('2025-03-30T01:00:00.000Z');
    expect(localInstant('2025-10-26T01:30', 'Europe/Berlin').toISOString()).toBe('2025-10-25T23:30:00.000Z');
    expect(localInstant('2025-10-26T03:30', 'Europe/Berlin').toISOString()).toBe('2025-10-26T02:30:00.000Z');
    // A time the clocks show twice is the first one; a skipped wall time lands after the change, never before it.
    expect(localInstant('2025-10-26T02:30', 'Europe/Berlin').toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(localInstant('2025-03-30T02:30', 'Europe/Berlin').toISOString()).toBe('2025-03-30T01:30:00.000Z');
  });

  it('tells what is no date and names no zone', () => {
    expect(() => localInstant('2019-11-30T23:59', 'Mars/Olympus')).toThrow(RangeError);
    expect(isLocalDateTime('2019-02-30T10:00')).toBe(false);
    expect(isLocalDateTime('2019-11-30T24:00')).toBe(false);
    expect(isLocalDateTime('2019-11-30T23:59:59')).toBe(true);
    expect(isLocalDateTime('2019-11-30')).toBe(false);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Europe/Berlinn')).toBe(false);
  });
});

function definition(extra: Partial<ProgramDefinition>): ProgramDefinition {
  return {
    id: 'p',
    version: '1.0.0',
    locales: ['de'],
    title: { de: 'P' },
    forms: { a: { schema: { type: 'object' } }, b: { schema: { type: 'object' }, submissions: { periods: ['second'], exemptRoles: ['office'] } } },
    periods: {
      first: { start: '2025-03-01T00:00', end: '2025-04-01T00:00' },
      second: { start: '2025-06-01T00:00', end: '2025-07-01T00:00', timeZone: 'Europe/London' },
    },
    submissions: { periods: ['first', 'second'] },
    ...extra,
  };
}

describe('submissionWindow', () => {
  const def = definition({});
  const at = (iso: string, form = 'a', roles: string[] = []) => submissionWindow(def, form, new Date(iso), roles);

  it('is open inside any of the form’s periods, from the start up to just before the end', () => {
    expect(at('2025-02-28T23:00:00Z')).toEqual({ open: true });
    expect(at('2025-03-31T21:59:59.999Z')).toEqual({ open: true });
    expect(at('2025-06-15T12:00:00Z')).toEqual({ open: true });
  });

  it('says which period comes next before it, and which ended after it', () => {
    const before = at('2025-01-01T00:00:00Z');
    expect(before.open === false && [before.when, before.period.id, before.period.start.toISOString()]).toEqual(['before', 'first', '2025-02-28T23:00:00.000Z']);
    const between = at('2025-03-31T22:00:00Z');
    expect(between.open === false && [between.when, between.period.id]).toEqual(['before', 'second']);
    const after = at('2025-06-30T23:00:00Z');
    expect(after.open === false && [after.when, after.period.id, after.period.end.toISOString(), after.period.timeZone]).toEqual(['after', 'second', '2025-06-30T23:00:00.000Z', 'Europe/London']);
  });

  it('takes a form’s own rule over the program’s, and lets exempt roles through', () => {
    expect(at('2025-03-15T12:00:00Z', 'b').open).toBe(false);
    expect(at('2025-03-15T12:00:00Z', 'b', ['applicant']).open).toBe(false);
    expect(at('2025-08-15T12:00:00Z', 'b', ['office'])).toEqual({ open: true });
  });

  it('is always open without a rule', () => {
    const none = definition({ submissions: undefined });
    expect(submissionWindow(none, 'a', new Date('1999-01-01T00:00:00Z'))).toEqual({ open: true });
  });

  it('gives a period’s end as the instant a timer is due', () => {
    expect(periodEnd(def, 'second')?.toISOString()).toBe('2025-06-30T23:00:00.000Z');
    expect(periodEnd(def, 'third')).toBeUndefined();
    expect(periodEnd(def, 'constructor')).toBeUndefined();
  });
});

describe('formatPeriodMoment', () => {
  const end = new Date('2019-11-30T22:59:59Z');
  it('writes the date and time in the reader’s language, in the period’s zone', () => {
    expect(formatPeriodMoment(end, 'de', 'Europe/Berlin')).toBe('30. November 2019 um 23:59');
    expect(formatPeriodMoment(end, 'en', 'Europe/Berlin')).toBe('November 30, 2019 at 11:59 PM');
  });

  it('names the zone where the reader lives in another one', () => {
    expect(formatPeriodMoment(end, 'de', 'Europe/Berlin', 'Europe/Berlin')).toBe('30. November 2019 um 23:59');
    expect(formatPeriodMoment(end, 'de', 'Europe/Berlin', 'America/New_York')).toBe('30. November 2019 um 23:59 MEZ');
  });
});
