import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { compileWorkflow } from './compile-workflow.js';
import { loadExample } from './test-support/load-example.js';

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
});
