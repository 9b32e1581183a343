import { describe, expect, it } from 'vitest';
import { loadProgram, ProgramError, type Issue } from '@civicflow/core';
import { workflowGraph } from '@civicflow/workflow';
import { readFileSync } from 'node:fs';
import { examplePath } from '@civicflow/test-support';
import { ProgramDocument } from '../document/program-document.js';
import { placeProblems, problemTarget, stateWords, workflowSource, edgeKey, outlineKey, outlinePlace, placeOutlineProblems } from './workflow-model.js';
import { addState } from './workflow-edit.js';

const readExample = (name: string) => readFileSync(examplePath(name, 'program.json'), 'utf8');

/** The problems loadProgram reports for a text, in a locale. */
function problemsOf(text: string, locale: string): readonly Issue[] {
  try {
    loadProgram(text, { locale });
    return [];
  } catch (e) {
    if (e instanceof ProgramError) return e.issues;
    throw e;
  }
}

describe('the workflow of the working copy', () => {
  it('draws a definition with problems: a transition to no state is left out, and its problem lands on the state it leaves', () => {
    const program = JSON.parse(readExample('gemeinsam-fuer-hagen')) as { workflow: { states: Record<string, { on: Record<string, { target: string }> }> } };
    program.workflow.states['contact']!.on['START_ADVICE']!.target = 'beratung';
    const text = JSON.stringify(program, null, 2);
    const source = workflowSource(ProgramDocument.parse(text, 'en'))!;
    const graph = workflowGraph(source, 'en');
    expect(graph.edges.some((e) => e.to === 'beratung')).toBe(false);
    const problems = problemsOf(text, 'en');
    const placed = placeProblems(graph, source, problems);
    expect(placed.states.get('contact')!.map((p) => p.pointer)).toContain('/workflow/states/contact/on/START_ADVICE/target');
    expect(placed.states.has('closed')).toBe(false);
  });

  it('puts a transition\'s and a timer\'s problem on the label of its edge, and a workflow-wide one on the workflow', () => {
    const source = workflowSource(ProgramDocument.parse(readExample('gemeinsam-fuer-hagen'), 'en'))!;
    const graph = workflowGraph(source, 'en');
    expect(problemTarget(graph, source, '/workflow/states/contact/on/START_ADVICE/guard')).toEqual({ kind: 'edge', from: 'contact', event: 'START_ADVICE' });
    expect(problemTarget(graph, source, '/workflow/states/contact/after/0/duration')).toEqual({ kind: 'edge', from: 'contact', event: 'NO_RETURN' });
    expect(problemTarget(graph, source, '/workflow/states/closed/final')).toEqual({ kind: 'state', state: 'closed' });
    expect(problemTarget(graph, source, '/workflow/on/CLOSE/target')).toEqual({ kind: 'edge', from: '*', event: 'CLOSE' });
    expect(problemTarget(graph, source, '/workflow/initial')).toEqual({ kind: 'state', state: 'contact' });
    expect(problemTarget(graph, source, '/workflow/roles/0')).toEqual({ kind: 'workflow' });
    expect(problemTarget(graph, source, '/forms/intake')).toBeUndefined();
    expect(edgeKey('contact', 'NO_RETURN')).not.toBe(edgeKey('contactN', 'O_RETURN'));
  });

  it('says a state\'s events and timers in words of the locale, with their roles and forms', () => {
    const source = workflowSource(ProgramDocument.parse(readExample('gemeinsam-fuer-hagen'), 'de'))!;
    const graph = workflowGraph(source, 'de');
    const words = stateWords(graph, source, 'contact', 'de')!;
    expect(words.initial).toBe(true);
    const timer = words.transitions.find((t) => t.event === 'NO_RETURN')!;
    expect(timer.when).toBe('nach 8 Wochen');
    expect(timer.target).not.toBe('contactOnly');
    const start = words.transitions.find((t) => t.event === 'START_ADVICE')!;
    expect(start.when).toBeUndefined();
    expect(start.roles.length).toBeGreaterThan(0);
    expect(start.roles.join()).not.toMatch(/^[a-z]+$/);
    expect(workflowSource(ProgramDocument.parse('{"id":"x","workflow":{"states":3}}', 'de'))).toBeUndefined();
  });
});

describe('outlinePlace', () => {
  it('places a problem at its transition, timer, state, event, text or the workflow', () => {
    expect(outlinePlace('/workflow/states/coaching/on/PLACE/2/guard/properties')).toEqual({ kind: 'transition', state: 'coaching', event: 'PLACE', index: 2 });
    expect(outlinePlace('/workflow/states/coaching/on/UPDATE_PLAN/target')).toEqual({ kind: 'transition', state: 'coaching', event: 'UPDATE_PLAN', index: 0 });
    expect(outlinePlace('/workflow/states/followUp/after/0/send')).toEqual({ kind: 'timer', state: 'followUp', index: 0 });
    expect(outlinePlace('/workflow/states/a~1b')).toEqual({ kind: 'state', state: 'a/b' });
    expect(outlinePlace('/workflow/on/PAUSE')).toEqual({ kind: 'transition', state: '*', event: 'PAUSE', index: 0 });
    expect(outlinePlace('/workflow/events/SUSTAINED/roles')).toEqual({ kind: 'event', event: 'SUSTAINED' });
    expect(outlinePlace('/texts/de/workflow.states.paused.applicant.due')).toEqual({ kind: 'state', state: 'paused' });
    expect(outlinePlace('/texts/en/workflow.events.PAUSE.title')).toEqual({ kind: 'event', event: 'PAUSE' });
    expect(outlinePlace('/texts/en/workflow.roles.coach')).toEqual({ kind: 'workflow' });
    expect(outlinePlace('/workflow/initial')).toEqual({ kind: 'workflow' });
    expect(outlinePlace('/forms/intake')).toBeUndefined();
  });

  it('sorts loadProgram\'s problems of an edited example to their places', () => {
    const doc = ProgramDocument.parse(readFileSync(examplePath('zweite-chance', 'program.json'), 'utf8'));
    addState(doc, 'Warten');
    let issues: readonly Issue[] = [];
    try {
      loadProgram(doc.text);
    } catch (e) {
      issues = (e as ProgramError).issues;
    }
    const placed = placeOutlineProblems(issues);
    expect(placed.get(outlineKey({ kind: 'state', state: 'warten' }))?.map((i) => i.code)).toContain('WORKFLOW_STATE_UNREACHABLE');
  });
});
