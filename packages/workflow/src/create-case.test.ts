import { describe, expect, it } from 'vitest';
import { createCase } from './create-case.js';
import { loadExample } from '@civicflow/test-support';
import { loadProgram } from '@civicflow/core';
import { WorkflowError } from './errors.js';
import { initialTransition } from 'xstate';
import { applyEvent } from './apply-event.js';
import { compileWorkflow } from './compile-workflow.js';

describe('createCase', () => {
  const program = loadExample('zweite-chance');
  const coach = { id: 'coach-1', roles: ['coach'] };
  const now = new Date('2025-10-20T10:00:00Z');
  const hagen = loadExample('gemeinsam-fuer-hagen');
  const advisor = { id: 'a', roles: ['advisor'] };
  const contact = { contactDate: '2025-10-20', house: 'altenhagen', channel: 'walkIn', givenName: 'A', ageGroup: 'under25', concern: ['job'] };

  it('opens each case from the same start as XState\u2019s initialTransition() would, and cases share nothing they could change', () => {
    const open = (id: string) => {
      const r = createCase(program, id, coach, now);
      if (!r.ok) throw new Error(r.message);
      return r.case;
    };
    const [a, b] = [open('a'), open('b')];
    const [start] = initialTransition(compileWorkflow(program).machine, { data: {}, at: '2025-10-20T10:00:00.000Z' });
    const expected = (id: string) => ({
      id,
      program: program.ref,
      state: start.value,
      data: start.context.data,
      version: 1,
      timers: start.context.timers,
      outcomes: start.context.outcomes,
      history: [{ seq: 1, at: '2025-10-20T10:00:00.000Z', actor: 'coach-1', roles: ['coach'], event: null, from: null, to: start.value, changed: [] }],
    });
    expect(JSON.stringify(a)).toBe(JSON.stringify(expected('a')));
    expect(JSON.stringify(b)).toBe(JSON.stringify(expected('b')));
    // Without an opening form both cases hold the one frozen empty object; anything else they hold is their own.
    expect([Object.isFrozen(a), Object.isFrozen(a.data), Object.isFrozen(a.history[0])]).toEqual([true, true, true]);
    expect(a.history).not.toBe(b.history);
    const moved = applyEvent(program, a, { type: 'RECORD_FIRST_CONTACT', data: { firstContact: { date: '2025-10-20', channel: 'outreach', alias: 'Jo' } } }, coach, now);
    expect(moved.ok && moved.case.state).toBe('firstContact');
    expect(JSON.stringify(b)).toBe(JSON.stringify(expected('b')));
    expect(JSON.stringify(open('c'))).toBe(JSON.stringify(expected('c')));
    const next = applyEvent(program, b, { type: 'RECORD_FIRST_CONTACT', data: { firstContact: { date: '2025-10-21', channel: 'walkIn', alias: 'Kim' } } }, coach, now);
    expect(next.ok ? [next.case.state, next.case.data] : next).toEqual(['firstContact', { firstContact: { date: '2025-10-21', channel: 'walkIn', alias: 'Kim' } }]);
    expect(moved.ok && moved.case.data).toEqual({ firstContact: { date: '2025-10-20', channel: 'outreach', alias: 'Jo' } });
  });

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
