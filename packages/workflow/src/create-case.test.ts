import { describe, expect, it } from 'vitest';
import { createCase } from './create-case.js';
import { loadExample } from './test-support/load-example.js';
import { loadProgram } from '@civicflow/core';
import { WorkflowError } from './errors.js';

describe('createCase', () => {
  const program = loadExample('zweite-chance');
  const coach = { id: 'coach-1', roles: ['coach'] };
  const now = new Date('2025-10-20T10:00:00Z');
  const contact = { firstContact: { date: '2025-10-20', channel: 'outreach' } };

  it('opens a case in the initial state with the checked data, version 1 and one history entry', () => {
    const r = createCase(program, 'zc-1', coach, now, contact);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.case).toEqual({
      id: 'zc-1',
      program: 'zweite-chance@1.0.0',
      state: 'firstContact',
      data: contact,
      version: 1,
      timers: [],
      outcomes: [],
      history: [{ seq: 1, at: '2025-10-20T10:00:00.000Z', actor: 'coach-1', roles: ['coach'], event: null, from: null, to: 'firstContact', changed: ['/firstContact'] }],
    });
    expect(Object.isFrozen(r.case.data)).toBe(true);
  });

  it('refuses roles that may not open cases, and data that does not fit the opening form', () => {
    const byParticipant = createCase(program, 'zc-2', { id: 'p', roles: ['participant'] }, now, contact);
    expect(!byParticipant.ok && byParticipant.code).toBe('ROLE_FORBIDDEN');
    const bad = createCase(program, 'zc-3', coach, now, { firstContact: { channel: 'carrier pigeon' } }, { locale: 'de' });
    expect(!bad.ok && bad.code).toBe('DATA_INVALID');
    expect(!bad.ok && (bad.details['errors'] as { pointer: string }[]).map((e) => e.pointer).sort()).toEqual(['/firstContact/channel', '/firstContact/date']);
  });

  it('starts the timers of the initial state from the opening time', () => {
    const r = createCase(loadExample('gemeinsam-fuer-hagen'), 'h-1', { id: 'a', roles: ['advisor'] }, now, {
      contactDate: '2025-10-20', house: 'altenhagen', channel: 'walkIn', givenName: 'A', ageGroup: 'under25', concern: ['job'],
    });
    expect(r.ok && r.case.timers).toEqual([{ id: 'after:contact:0', event: 'NO_RETURN', due: '2025-12-15T10:00:00.000Z', startedAt: '2025-10-20T10:00:00.000Z', state: 'contact' }]);
  });

  it('throws for a program without a workflow', () => {
    const plain = loadProgram({ id: 'plain', version: '1.0.0', locales: ['en'], title: { en: 'Plain' }, forms: { f: { schema: { type: 'object', properties: { a: { type: 'string' } } } } }, texts: { en: { 'forms.f.title': 'F', 'forms.f.fields.a.label': 'A' } } });
    expect(() => createCase(plain, 'x', coach, now)).toThrow(WorkflowError);
  });
});
