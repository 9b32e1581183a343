import { describe, expect, it } from 'vitest';
import { availableEvents } from './available-events.js';
import { applyEvent } from './apply-event.js';
import { createCase } from './create-case.js';
import { SYSTEM_ACTOR, type Case } from './case.js';
import { loadExample } from '@civicflow/test-support';
import { tinyProgram } from './test-support/tiny-program.js';
import { loadProgram } from '@civicflow/core';

describe('availableEvents', () => {
  const program = loadExample('zweite-chance');
  const coach = { id: 'c', roles: ['coach'] };
  const jobcentre = { id: 'j', roles: ['jobcentre'] };
  const opened = createCase(program, 'zc', coach, new Date('2025-10-20T10:00:00Z'));
  const start = (opened as { case: Case }).case;

  it('offers what the state accepts and the role may send, workflow-level events included', () => {
    expect(availableEvents(program, start, coach)).toEqual([
      { event: 'SUBMIT_INTAKE', form: 'intake', targets: ['profiling'] },
      { event: 'RECORD_FIRST_CONTACT', form: 'firstContact', targets: ['firstContact'] },
      { event: 'PAUSE', form: 'pause', targets: ['paused'] },
      { event: 'DROP_OUT', form: 'dropout', targets: ['droppedOut'] },
    ]);
    expect(availableEvents(program, start, jobcentre).map((e) => e.event)).toEqual(['DROP_OUT']);
    expect(availableEvents(program, start, { id: 'x', roles: [] })).toEqual([]);
    expect(availableEvents(program, start, { id: 'p', roles: ['participant'] }).map((e) => e.event)).toEqual(['SUBMIT_INTAKE']);
  });

  it('leaves timer events to the system and offers nothing in a final state', () => {
    expect(availableEvents(program, start, SYSTEM_ACTOR)).toEqual([]);
    const out = applyEvent(program, start, { type: 'DROP_OUT', data: { dropout: { reason: 'noContact' } } }, coach, new Date('2025-10-21T10:00:00Z'));
    expect(out.ok && availableEvents(program, out.case, coach)).toEqual([]);
  });

  it('offers every event whose guards could still hold, and each of their targets', () => {
    const paused = { ...start, state: 'paused', timers: [] };
    expect(availableEvents(program, paused, coach)).toEqual([
      { event: 'RESUME', form: 'resume', targets: ['intake', 'profiling', 'coaching', 'placement', 'followUp'] },
      { event: 'DROP_OUT', form: 'dropout', targets: ['droppedOut'] },
    ]);
  });

  it('leaves out events without a form whose guards all fail on the case data', () => {
    const definition = tinyProgram() as { workflow: { events: Record<string, unknown>; states: Record<string, unknown> } };
    definition.workflow.events['FINISH'] = { roles: ['clerk'] };
    definition.workflow.states['open'] = { on: { FINISH: { target: 'done', guard: { properties: { data: { properties: { text: { const: 'ready' } }, required: ['text'] } } } } } };
    const tiny = loadProgram(definition);
    const clerk = { id: 'k', roles: ['clerk'] };
    const c: Case = { id: 't', program: tiny.ref, state: 'open', data: {}, version: 1, timers: [], outcomes: [], history: [] };
    expect(availableEvents(tiny, c, clerk)).toEqual([]);
    expect(availableEvents(tiny, { ...c, data: { text: 'ready' } }, clerk)).toEqual([{ event: 'FINISH', targets: ['done'] }]);
  });
});
