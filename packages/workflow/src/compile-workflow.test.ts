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
  it('opens from one snapshot worked out ahead, the same as XState\u2019s initialTransition(), and no two cases share what they could change', () => {
    const zc = loadExample('zweite-chance');
    const compiled = compileWorkflow(zc);
    const { machine } = compiled;
    const at = '2025-10-20T10:00:00.000Z';
    const persisted = (s: Parameters<typeof machine.getPersistedSnapshot>[0]) => JSON.stringify(machine.getPersistedSnapshot(s));
    const [a, aActions] = compiled.initial({ data: { alias: 'A' }, at });
    const [b] = compiled.initial({ data: { alias: 'B' }, at });
    const [theirs, theirActions] = initialTransition(machine, { data: { alias: 'A' }, at });
    expect(persisted(a)).toBe(persisted(theirs));
    expect(aActions).toEqual(theirActions);
    expect([a.value, a.status, [...a.tags], a._nodes]).toEqual([theirs.value, theirs.status, [...theirs.tags], theirs._nodes]);
    expect(a.value === 'opened' && a.can({ type: 'RECORD_FIRST_CONTACT', data: {}, at })).toBe(true);
    // Each opening has its own context and tags; what the openings share is frozen.
    expect(a.context).not.toBe(b.context);
    expect(a.tags).not.toBe(b.tags);
    expect([Object.isFrozen(a._nodes), Object.isFrozen(a.children), Object.isFrozen(a.historyValue)]).toEqual([true, true, true]);
    const before = persisted(b);
    const [next] = compiled.transition(a, { type: 'RECORD_FIRST_CONTACT', data: { firstContact: { alias: 'Jo' } }, at });
    expect(next.value).toBe('firstContact');
    expect(next.context.data).toEqual({ alias: 'A', firstContact: { alias: 'Jo' } });
    expect(persisted(b)).toBe(before);
    expect(a.context.data).toEqual({ alias: 'A' });
    expect(persisted(compiled.initial({ data: {}, at })[0])).toBe(persisted(initialTransition(machine, { data: {}, at })[0]));
  });

  it('runs XState\u2019s opening step for every case when the initial state starts timers', () => {
    const compiled = compileWorkflow(program);
    for (const at of ['2019-10-01T00:00:00.000Z', '2019-10-02T12:00:00.000Z']) {
      const [ours, ourActions] = compiled.initial({ data: {}, at });
      const [theirs, theirActions] = initialTransition(compiled.machine, { data: {}, at });
      expect(compiled.machine.getPersistedSnapshot(ours)).toEqual(compiled.machine.getPersistedSnapshot(theirs));
      expect(ourActions.map((x) => [x.type, x.params])).toEqual((theirActions as { type: string; params?: unknown }[]).map((x) => [x.type, x.params]));
      expect(Object.isFrozen(ours._nodes)).toBe(false);
    }
  });
});
