import { describe, expect, it } from 'vitest';
import { fireTimer } from './fire-timer.js';
import { applyEvent } from './apply-event.js';
import type { Case } from './case.js';
import { loadExample } from '@civicflow/test-support';

describe('fireTimer', () => {
  const program = loadExample('wir-vielfalt');
  const base: Case = { id: 'w', program: program.ref, state: 'approved', data: {}, version: 3, timers: [], outcomes: [], history: [] };
  const deadline = { id: 'deadline:documents', event: 'DOCUMENTS_OVERDUE', due: '2020-01-01T00:00:00.000Z', startedAt: '2019-12-01T00:00:00.000Z', deadline: 'documents' };

  it('applies the event of a due timer as the system and removes the timer', () => {
    const c = { ...base, state: 'missingDocuments', timers: [deadline] };
    const r = fireTimer(program, c, 'deadline:documents', new Date('2020-01-02T00:00:00Z'));
    expect(r.ok && [r.case.state, r.case.timers, r.audit.actor, r.audit.timer]).toEqual(['rejected', [], 'system', 'deadline:documents']);
  });

  it('drops a timer whose event the state does not take, and records that it expired without effect', () => {
    const c = { ...base, timers: [deadline] };
    const r = fireTimer(program, c, 'deadline:documents', new Date('2020-01-02T00:00:00Z'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.case.state).toBe('approved');
    expect(r.case.timers).toEqual([]);
    expect(r.case.version).toBe(4);
    expect(r.audit).toMatchObject({ event: 'DOCUMENTS_OVERDUE', from: 'approved', to: 'approved', refused: 'EVENT_NOT_ALLOWED', changed: [] });
    const officer = { id: 'o', roles: ['officer'] };
    expect(applyEvent(program, r.case, { type: 'RETURN_PROOF' }, officer, new Date('2020-01-02T00:00:00Z')).ok).toBe(false);
  });

  it('refuses timers that are unknown or not yet due, and changes nothing', () => {
    const c = { ...base, state: 'missingDocuments', timers: [deadline] };
    const unknown = fireTimer(program, c, 'deadline:other', new Date('2020-01-02T00:00:00Z'));
    expect(!unknown.ok && unknown.code).toBe('TIMER_UNKNOWN');
    const early = fireTimer(program, c, 'deadline:documents', new Date('2019-12-31T00:00:00Z'));
    expect(!early.ok && early.code).toBe('TIMER_NOT_DUE');
  });

  it('drops a timer left in a finished case', () => {
    const c = { ...base, state: 'rejected', timers: [deadline] };
    const r = fireTimer(program, c, 'deadline:documents', new Date('2020-01-02T00:00:00Z'));
    expect(r.ok && [r.case.state, r.case.timers, r.audit.refused]).toEqual(['rejected', [], 'CASE_FINAL']);
  });
});
