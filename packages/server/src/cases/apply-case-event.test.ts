import { describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { createCase } from '@civicflow/workflow';
import { congressDefinition } from '@civicflow/test-support';
import { applyCaseEvent } from './apply-case-event.js';

/** Registrations wait in `registered` for the end of the congress day; late ones are routed through its timer. */
const program = loadProgram(congressDefinition('send'));

describe('applyCaseEvent', () => {
  it('fires at once a timer that the event started at a moment already past, when the definition says late: send', () => {
    const office = { id: 'office', roles: ['office'] };
    const opened = createCase(program, 'c', office, new Date('2025-05-01T08:00:00Z'));
    if (!opened.ok) throw new Error(opened.message);
    const r = applyCaseEvent(program, opened.case, { type: 'REGISTER', data: { name: 'Lea' } }, office, new Date('2025-05-20T08:00:00Z'), 'en');
    expect(r.refusal).toBeUndefined();
    expect(r.applied.map((a) => [a.audit.event, a.audit.to])).toEqual([
      ['REGISTER', 'registered'],
      ['OVER', 'over'],
    ]);
  });
});
