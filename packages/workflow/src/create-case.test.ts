import { describe, expect, it } from 'vitest';
import { createCase } from './create-case.js';
import { loadExample } from '@civicflow/test-support';
import { loadProgram } from '@civicflow/core';
import { WorkflowError } from './errors.js';

describe('createCase', () => {
  const program = loadExample('zweite-chance');
  const coach = { id: 'coach-1', roles: ['coach'] };
  const now = new Date('2025-10-20T10:00:00Z');
  const hagen = loadExample('gemeinsam-fuer-hagen');
  const advisor = { id: 'a', roles: ['advisor'] };
  const contact = { contactDate: '2025-10-20', house: 'altenhagen', channel: 'walkIn', givenName: 'A', ageGroup: 'under25', concern: ['job'] };

  it('opens a case in the initial state with the checked data, version 1 and one history entry', () => {
    const r = createCase(hagen, 'h-1', advisor, now, contact);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect({ ...r.case, timers: [] }).toEqual({
      id: 'h-1',
      program: hagen.ref,
      state: 'contact',
      data: contact,
      version: 1,
      timers: [],
      outcomes: [],
      history: [{ seq: 1, at: '2025-10-20T10:00:00.000Z', actor: 'a', roles: ['advisor'], event: null, from: null, to: 'contact', changed: Object.keys(contact).sort().map((k) => `/${k}`) }],
    });
    expect(Object.isFrozen(r.case.data)).toBe(true);
  });

  it('opens a case without an opening form empty, for any of the opening roles', () => {
    for (const actor of [coach, { id: 'applicant:zc-2', roles: ['participant'] }]) {
      const r = createCase(program, 'zc-2', actor, now);
      expect(r.ok && [r.case.state, r.case.data, r.case.history[0]!.changed]).toEqual(['opened', {}, []]);
    }
  });

  it('refuses roles that may not open cases, and data that does not fit the opening form', () => {
    const byJobcentre = createCase(program, 'zc-2', { id: 'j', roles: ['jobcentre'] }, now);
    expect(!byJobcentre.ok && byJobcentre.code).toBe('ROLE_FORBIDDEN');
    const bad = createCase(hagen, 'h-3', advisor, now, { ...contact, contactDate: undefined, channel: 'carrier pigeon' }, { locale: 'de' });
    expect(!bad.ok && bad.code).toBe('DATA_INVALID');
    expect(!bad.ok && (bad.details['errors'] as { pointer: string }[]).map((e) => e.pointer).sort()).toEqual(['/channel', '/contactDate']);
  });

  it('names opening a case in the language of the refusal', () => {
    const de = createCase(program, 'zc-2', { id: 'j', roles: ['jobcentre'] }, now, undefined, { locale: 'de' });
    expect(!de.ok && de.message).toContain('„Fall eröffnen“');
    const en = createCase(hagen, 'h-3', advisor, now, {}, { locale: 'en' });
    expect(!en.ok && en.message).toContain('"open a case"');
  });

  it('starts the timers of the initial state from the opening time', () => {
    const r = createCase(hagen, 'h-1', advisor, now, contact);
    expect(r.ok && r.case.timers).toEqual([{ id: 'after:contact:0', event: 'NO_RETURN', due: '2025-12-15T10:00:00.000Z', startedAt: '2025-10-20T10:00:00.000Z', state: 'contact' }]);
  });

  it('throws for a program without a workflow', () => {
    const plain = loadProgram({ id: 'plain', version: '1.0.0', locales: ['en'], title: { en: 'Plain' }, forms: { f: { schema: { type: 'object', properties: { a: { type: 'string' } } } } }, texts: { en: { 'forms.f.title': 'F', 'forms.f.fields.a.label': 'A' } } });
    expect(() => createCase(plain, 'x', coach, now)).toThrow(WorkflowError);
  });
});
