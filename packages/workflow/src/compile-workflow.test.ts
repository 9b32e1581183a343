import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { compileWorkflow } from './compile-workflow.js';
import { loadExample } from '@civicflow/test-support';

describe('compileWorkflow', () => {
  const program = loadExample('wir-vielfalt');

  it('builds one XState machine per program, with every state and final states marked', () => {
    const compiled = compileWorkflow(program);
    expect(compileWorkflow(program)).toBe(compiled);
    const { machine } = compiled;
    expect(machine.id).toBe('wir-vielfalt');
    expect(Object.keys(machine.states)).toEqual(Object.keys(program.definition.workflow!.states));
    expect(machine.states['rejected']!.type).toBe('final');
    expect(machine.states['draft']!.type).toBe('atomic');
  });

  it('compiles each guard once, by its pointer in the definition', () => {
    expect([...compileWorkflow(program).guards.keys()]).toEqual([
      '/workflow/states/formalCheck/on/RECORD_CHECK/0/guard',
      '/workflow/states/decision/on/DECIDE/0/guard',
      '/workflow/states/decision/on/DECIDE/1/guard',
      '/workflow/states/proofReview/on/ACCEPT_PROOF/0/guard',
    ]);
  });

  it('runs with the pure functions of XState: guards over event data and actions over the context', () => {
    const { machine } = compileWorkflow(program);
    const [s0] = initialTransition(machine, { data: {}, at: '2019-10-01T00:00:00.000Z' });
    expect(s0.value).toBe('draft');
    expect(s0.context.timers.map((t) => t.due)).toEqual(['2019-11-30T22:59:59.000Z']);
    const inCheck = machine.resolveState({ value: 'formalCheck', context: { data: {}, timers: [], outcomes: [] } });
    const [incomplete] = transition(machine, inCheck, { type: 'RECORD_CHECK', data: { complete: false, missing: ['signature'] }, at: '2019-12-01T00:00:00.000Z' });
    expect(incomplete.value).toBe('missingDocuments');
    expect(incomplete.context.data).toEqual({ complete: false, missing: ['signature'] });
    expect(incomplete.context.timers).toEqual([
      { id: 'deadline:documents', event: 'DOCUMENTS_OVERDUE', due: '2019-12-29T00:00:00.000Z', startedAt: '2019-12-01T00:00:00.000Z', deadline: 'documents' },
    ]);
    const [complete] = transition(machine, inCheck, { type: 'RECORD_CHECK', data: { complete: true }, at: '2019-12-01T00:00:00.000Z' });
    expect(complete.value).toBe('decision');
  });

  it('computes the same snapshots and actions as XState\u2019s transition() along a whole walk', () => {
    const zc = loadExample('zweite-chance');
    const compiled = compileWorkflow(zc);
    const { machine } = compiled;
    const at = '2025-10-20T10:00:00.000Z';
    const events = [
      { type: 'START_INTAKE', data: {}, at },
      { type: 'SUBMIT_INTAKE', data: { consent: { dataProcessing: true } }, at },
      { type: 'AGREE_PLAN', data: { plan: { goals: 'Work', measures: [] } }, at },
      { type: 'START_MEASURE', data: { area: 'health' }, at },
      { type: 'START_MEASURE', data: { area: 'nothing' }, at },
      { type: 'PLACE', data: { placement: { employmentType: 'miniJob' } }, at },
      { type: 'START_JOB', data: { jobStartedOn: '2026-01-01' }, at },
      { type: 'PAUSE', data: { pause: { reason: 'health' } }, at },
      { type: 'RESUME', data: { resumeAt: 'followUp' }, at },
      { type: 'DROP_OUT', data: {}, at },
    ];
    let [ours] = initialTransition(machine, { data: {}, at });
    let theirs = ours;
    for (const event of events) {
      const [a, aActions] = compiled.transition(ours, event);
      const [b, bActions] = transition(machine, theirs, event);
      expect(machine.getPersistedSnapshot(a), event.type).toEqual(machine.getPersistedSnapshot(b));
      expect(aActions.map((x) => [x.type, x.params]), event.type).toEqual((bActions as { type: string; params?: unknown }[]).map((x) => [x.type, x.params]));
      [ours, theirs] = [a, b];
    }
    expect(ours.value).toBe('droppedOut');
    expect(ours.context.outcomes.map((o) => o.outcome)).toEqual(['measureHealth', 'miniJob']);
  });
});
