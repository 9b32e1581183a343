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

describe('availableEvents and the limits other cases use', () => {
  // The congress with one more step: the office may admit a person from the waiting list by hand, taking a place.
  const definition = structuredClone(loadExample('zukunftsbuendnis').definition) as unknown as {
    workflow: { events: Record<string, unknown>; states: Record<string, { on: Record<string, unknown> }> };
    texts: Record<string, Record<string, string>>;
  };
  definition.workflow.events['ADMIT'] = { roles: ['office'] };
  definition.workflow.states['waiting']!.on['ADMIT'] = { target: 'registered', takesPlace: 'congress' };
  definition.texts['de']!['workflow.events.ADMIT.title'] = 'Von der Warteliste zulassen';
  definition.texts['en']!['workflow.events.ADMIT.title'] = 'Admit from the waiting list';
  const congress = loadProgram(definition);
  const office = { id: 'o', roles: ['office'] };
  const waiting: Case = { ...(createCase(congress, 'zb', office, new Date('2025-04-01T10:00:00Z')) as { case: Case }).case, state: 'waiting', timers: [] };

  it('marks an event whose every way needs a place that is taken, with the refusal it would meet, in German or English', () => {
    const full = availableEvents(congress, waiting, office, { usage: { places: { congress: 120 } }, locale: 'de' });
    expect(full.find((e) => e.event === 'ADMIT')).toEqual({
      event: 'ADMIT',
      targets: ['registered'],
      unavailable: { code: 'NO_PLACE_FREE', message: 'Alle 120 Plätze von „Plätze beim Kongress“ sind vergeben; „Von der Warteliste zulassen“ ist daher jetzt nicht möglich.' },
    });
    // Cancelling takes no place, so it stays open.
    expect(full.find((e) => e.event === 'CANCEL')).toEqual({ event: 'CANCEL', targets: ['cancelled'] });
    const en = availableEvents(congress, waiting, office, { usage: { places: { congress: 120 } }, locale: 'en' });
    expect(en.find((e) => e.event === 'ADMIT')?.unavailable?.message).toBe('All 120 places of "Congress places" are taken, so "Admit from the waiting list" is not possible now.');
  });

  it('offers the event plainly while a place is free, and when the caller counted nothing', () => {
    expect(availableEvents(congress, waiting, office, { usage: { places: { congress: 119 } } }).find((e) => e.event === 'ADMIT')).toEqual({ event: 'ADMIT', targets: ['registered'] });
    expect(availableEvents(congress, waiting, office).find((e) => e.event === 'ADMIT')).toEqual({ event: 'ADMIT', targets: ['registered'] });
  });

  it('keeps an event open when another of its ways needs no limit (registration goes to the waiting list)', () => {
    const fresh = (createCase(congress, 'zb2', office, new Date('2025-04-01T10:00:00Z')) as { case: Case }).case;
    const register = availableEvents(congress, fresh, office, { usage: { places: { congress: 120 } } }).find((e) => e.event === 'REGISTER');
    expect(register).toEqual({ event: 'REGISTER', form: 'registration', targets: ['registered', 'waiting'] });
  });

  it('marks a step with a form against a budget only when nothing of the budget is left', () => {
    const wir = structuredClone(loadExample('wir-vielfalt').definition) as unknown as { workflow: { states: Record<string, { on: Record<string, unknown[]> }> } };
    // Only the grant: the decision can then not go another way.
    wir.workflow.states['decision']!.on['DECIDE'] = wir.workflow.states['decision']!.on['DECIDE']!.slice(0, 1);
    const grantOnly = loadProgram(wir);
    const officer = { id: 'rp', roles: ['officer'] };
    const atDecision: Case = { id: 'w', program: grantOnly.ref, state: 'decision', data: {}, version: 3, timers: [], outcomes: [], history: [] };
    const decide = (used: number) => availableEvents(grantOnly, atDecision, officer, { usage: { sums: { granted: used } }, locale: 'en' }).find((e) => e.event === 'DECIDE');
    expect(decide(199_999)).toEqual({ event: 'DECIDE', form: 'decision', targets: ['approved'] });
    expect(decide(200_000)?.unavailable?.code).toBe('BUDGET_EXCEEDED');
    expect(decide(200_000)?.unavailable?.message).toBe('The budget "Grant approved" is used up, so "Issue decision" is not possible now.');
  });
});
