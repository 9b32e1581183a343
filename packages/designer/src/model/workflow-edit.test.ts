import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { examplePath } from '@civicflow/test-support';
import { ProgramDocument } from '../document/program-document.js';
import { setRoleAllowed } from './roles.js';
import {
  addEvent,
  addOutcome,
  addState,
  addTimer,
  addTransition,
  durationParts,
  eventKeyFor,
  guardSchema,
  isoDuration,
  momentIn,
  momentParts,
  parseGuard,
  removeEvent,
  removeOutcome,
  removeState,
  removeSum,
  removeTimer,
  removeTransition,
  renameEvent,
  renameState,
  setApplicantDue,
  setApplicantText,
  setEventForm,
  setEventTitle,
  setFinal,
  setGuard,
  setInitial,
  setStateTitle,
  setSum,
  setTarget,
  setTimerLate,
  setTimerSend,
  setTimerWhen,
  setTransitionOutcome,
  stateKeyFor,
  workflowOutline,
} from './workflow-edit.js';

const readExample = (name: string) => readFileSync(examplePath(name, 'program.json'), 'utf8');
const open = (name: string, locale: 'de' | 'en' = 'en') => ProgramDocument.parse(readExample(name), locale);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read the edited JSON by path, whatever its shape
type Wf = { workflow: Record<string, any>; texts: Record<string, Record<string, string>> };
const value = (doc: ProgramDocument) => doc.value as Wf;

/** The lines of `after` that `before` does not have: what an edit touched. */
function changedLines(before: string, after: string): string[] {
  const a = new Set(before.split('\n'));
  return after.split('\n').filter((line) => !a.has(line));
}

/** Every line of `before` that `after` lost (a line that only gained a comma before a new neighbour is kept). */
function lostLines(before: string, after: string): string[] {
  const b = new Set(after.split('\n'));
  return changedLines(after, before).filter((l) => !b.has(`${l},`));
}

/** Applies an edit, checks loadProgram takes the result, undoes it and checks the bytes are back. */
function roundTrip(doc: ProgramDocument, edit: () => void): void {
  const before = doc.text;
  edit();
  expect(doc.text).not.toBe(before);
  expect(() => loadProgram(doc.text)).not.toThrow();
  doc.undo();
  expect(doc.text).toBe(before);
}

describe('workflowOutline', () => {
  it('reads states with titles, transitions, timers and what the applicant is told, and the workflow-wide ones', () => {
    const o = workflowOutline(open('zweite-chance'));
    expect(o.states.map((s) => s.key)).toEqual(['opened', 'firstContact', 'intake', 'profiling', 'coaching', 'placement', 'followUp', 'paused', 'closed', 'droppedOut']);
    const followUp = o.states.find((s) => s.key === 'followUp')!;
    expect(followUp.timers).toEqual([{ index: 0, when: { kind: 'duration', duration: 'P6M' }, send: 'SUSTAINED', late: undefined }]);
    expect(followUp.due).toBe('SUSTAINED');
    expect(o.states[0]!.initial).toBe(true);
    expect(o.states.find((s) => s.key === 'closed')!.final).toBe(true);
    const measure = o.states.find((s) => s.key === 'coaching')!.transitions.filter((t) => t.event === 'START_MEASURE');
    expect(measure.map((t) => [t.index, t.outcomes])).toEqual([[0, ['measureLabourMarket']], [1, ['measureHealth']], [2, ['measureCounselling']]]);
    expect(o.anyState.map((t) => t.event)).toEqual(['PAUSE', 'DROP_OUT']);
    expect(o.events.find((e) => e.key === 'AGREE_PLAN')).toMatchObject({ form: 'coachingPlan', roles: ['coach'] });
  });

  it('is empty for a program without a workflow', () => {
    const mini = readFileSync(new URL('../../../test-support/src/mini-program.json', import.meta.url), 'utf8');
    const o = workflowOutline(ProgramDocument.parse(mini));
    expect([o.states, o.events, o.anyState]).toEqual([[], [], []]);
  });
});

describe('keys from titles', () => {
  it('writes states in lower camel case and events in capitals, umlauts written out, numbered when taken', () => {
    expect(stateKeyFor('Unterlagen fehlen', [])).toBe('unterlagenFehlen');
    expect(stateKeyFor('Prüfung', ['pruefung'])).toBe('pruefung2');
    expect(eventKeyFor('Unterlagen nachreichen', [])).toBe('UNTERLAGEN_NACHREICHEN');
    expect(eventKeyFor('42 Ärger!', ['AERGER'])).toBe('AERGER2');
  });
});

describe('states', () => {
  it('adds a final state reached by a new event with a form and a role, each step one undo that loadProgram accepts', () => {
    const doc = open('zweite-chance', 'de');
    const before = doc.text;
    const state = addState(doc, 'Weitervermittelt', { titles: { en: 'Referred' }, final: true });
    expect(state).toBe('weitervermittelt');
    expect(value(doc).texts.de!['workflow.states.weitervermittelt.title']).toBe('Weitervermittelt');
    expect(value(doc).texts.en!['workflow.states.weitervermittelt.title']).toBe('Referred');
    // Unreachable until a transition leads there: the document shows the problem, it is not refused.
    expect(() => loadProgram(doc.text)).toThrow(/WORKFLOW_STATE_UNREACHABLE/);
    const event = addEvent(doc, 'Weitervermitteln', { roles: ['coach'], form: 'followUp' });
    expect(event).toBe('WEITERVERMITTELN');
    addTransition(doc, 'coaching', event, state);
    const def = loadProgram(doc.text).definition.workflow!;
    expect(def.states.coaching!.on!.WEITERVERMITTELN).toEqual({ target: 'weitervermittelt' });
    expect(def.events.WEITERVERMITTELN).toEqual({ form: 'followUp', roles: ['coach'] });
    // Nothing was lost; the added lines are the state, the event, the transition and their titles.
    expect(lostLines(before, doc.text)).toEqual([]);
    expect(changedLines(before, doc.text).filter((l) => !/weitervermittelt|WEITERVERMITTELN|^\s*[{}\]],?$|"final": true|"coach"|"roles": \[|"form": "followUp"/i.test(l))).toEqual([]);
    expect(doc.undoLabel).toBe('coaching: + WEITERVERMITTELN');
    doc.undo();
    doc.undo();
    doc.undo();
    expect(doc.text).toBe(before);
  });

  it('renames a state everywhere: initial, targets, texts, sums, places and waiting lists', () => {
    const doc = open('zweite-chance');
    roundTrip(doc, () => renameState(doc, 'opened', 'started'));
    renameState(doc, 'coaching', 'support');
    const v = value(doc);
    // A guard's value "coaching" (an answer of a form) is no state and stays.
    expect(JSON.stringify(v.workflow)).not.toMatch(/"(target|initial)":"coaching"/);
    expect(v.workflow.states.coaching).toBeUndefined();
    expect(Object.keys(v.texts.de!).filter((k) => k.startsWith('workflow.states.support.'))).not.toEqual([]);
    expect(Object.keys(v.texts.de!).some((k) => k.startsWith('workflow.states.coaching.'))).toBe(false);
    expect(v.workflow.states.profiling.on.AGREE_PLAN.target).toBe('support');
    loadProgram(doc.text);
    const z = open('zukunftsbuendnis');
    roundTrip(z, () => renameState(z, 'waiting', 'queue'));
    renameState(z, 'registered', 'signedUp');
    expect(value(z).workflow.places.congress.heldIn).toEqual(['signedUp', 'attended']);
    const w = open('wir-vielfalt');
    roundTrip(w, () => renameState(w, 'withdrawn', 'retracted'));
    renameState(w, 'withdrawn', 'retracted');
    expect(value(w).workflow.sums.granted.releasedIn).toEqual(['retracted']);
  });

  it('refuses a key that is no identifier or is taken, changing nothing', () => {
    const doc = open('zweite-chance');
    const before = doc.text;
    expect(() => renameState(doc, 'coaching', '1x')).toThrow(expect.objectContaining({ code: 'DESIGNER_KEY_INVALID' }));
    expect(() => renameState(doc, 'coaching', 'closed')).toThrow(expect.objectContaining({ code: 'DESIGNER_KEY_TAKEN' }));
    expect(doc.text).toBe(before);
  });

  it('removes a state with the transitions into it and says which went', () => {
    const doc = open('zweite-chance');
    const before = doc.text;
    const removed = removeState(doc, 'firstContact');
    expect(removed.transitions).toEqual([{ state: 'opened', event: 'RECORD_FIRST_CONTACT', index: 0 }]);
    expect(value(doc).workflow.states.firstContact).toBeUndefined();
    expect(value(doc).workflow.states.opened.on.RECORD_FIRST_CONTACT).toBeUndefined();
    expect(Object.keys(value(doc).texts.en!).some((k) => k.startsWith('workflow.states.firstContact.'))).toBe(false);
    doc.undo();
    expect(doc.text).toBe(before);
  });

  it('takes one transition out of a list and keeps the others', () => {
    const doc = open('zweite-chance');
    const placement = workflowOutline(doc).states.find((s) => s.key === 'coaching')!.transitions.filter((t) => t.event === 'PLACE');
    expect(placement.every((t) => t.target === 'placement')).toBe(true);
    const r = removeState(doc, 'placement');
    expect(r.transitions.filter((t) => t.state === 'coaching').map((t) => t.event)).toEqual(placement.map(() => 'PLACE'));
    expect(value(doc).workflow.states.coaching.on.PLACE).toBeUndefined();
  });

  it('refuses to remove the initial state, a waiting list\'s state and the last state a sum is released in', () => {
    const z = open('zukunftsbuendnis', 'de');
    expect(() => removeState(z, 'new')).toThrow(expect.objectContaining({ code: 'DESIGNER_STATE_NEEDED', message: expect.stringContaining('Der Anfangszustand') }));
    expect(() => removeState(z, 'waiting')).toThrow(expect.objectContaining({ code: 'DESIGNER_STATE_NEEDED' }));
    const w = open('wir-vielfalt');
    const before = w.text;
    expect(() => removeState(w, 'withdrawn')).toThrow(expect.objectContaining({ code: 'DESIGNER_STATE_NEEDED', detail: expect.objectContaining({ pointer: '/workflow/sums/granted/releasedIn/0' }) }));
    expect(w.text).toBe(before);
  });

  it('sets titles, the initial state and final, refusing a final state that still has exits', () => {
    const doc = open('zweite-chance');
    roundTrip(doc, () => setStateTitle(doc, 'coaching', 'en', 'Support'));
    expect(() => setStateTitle(doc, 'coaching', 'en', ' - ')).toThrow(expect.objectContaining({ code: 'DESIGNER_TITLE_EMPTY' }));
    expect(() => setFinal(doc, 'coaching', true)).toThrow(expect.objectContaining({ code: 'DESIGNER_FINAL_EXITS' }));
    const s = addState(doc, 'Archiv');
    setFinal(doc, s, true);
    expect(value(doc).workflow.states[s]).toEqual({ final: true });
    setFinal(doc, s, false);
    expect(value(doc).workflow.states[s]).toEqual({});
    const w = open('zweite-chance');
    setInitial(w, 'intake');
    expect(value(w).workflow.initial).toBe('intake');
  });

  it('sets what the applicant is told per locale and which timer gives the date', () => {
    const doc = open('zweite-chance');
    const start = doc.text;
    setApplicantText(doc, 'coaching', 'next', 'en', 'Your coach will call.');
    setApplicantText(doc, 'coaching', 'next', 'de', 'Ihr Coach meldet sich.\r\nBis bald.');
    expect(value(doc).texts.de!['workflow.states.coaching.applicant.next']).toBe('Ihr Coach meldet sich.\nBis bald.');
    loadProgram(doc.text);
    doc.undo();
    doc.undo();
    expect(doc.text).toBe(start);
    setApplicantText(doc, 'coaching', 'next', 'de', 'Ihr Coach meldet sich.');
    setApplicantText(doc, 'coaching', 'next', 'de', '  ');
    expect(value(doc).texts.de!['workflow.states.coaching.applicant.next']).toBeUndefined();
    // One locale only is a problem loadProgram names (every locale needs the text), not a refusal.
    expect(() => loadProgram(doc.text)).toThrow(/TEXT_MISSING/);
    doc.undo();
    expect(() => setApplicantDue(doc, 'coaching', 'SUSTAINED')).toThrow(expect.objectContaining({ code: 'DESIGNER_DUE_UNKNOWN' }));
    // Taking the date away takes the due texts with it.
    const before = doc.text;
    setApplicantDue(doc, 'followUp', undefined);
    expect(value(doc).workflow.states.followUp.applicant).toBeUndefined();
    expect(Object.keys(value(doc).texts.de!).some((k) => k === 'workflow.states.followUp.applicant.due')).toBe(false);
    loadProgram(doc.text);
    doc.undo();
    expect(doc.text).toBe(before);
  });
});

describe('events', () => {
  it('renames an event in its states, timers, what the applicant is told and texts', () => {
    const doc = open('zweite-chance');
    roundTrip(doc, () => renameEvent(doc, 'SUSTAINED', 'STILL_EMPLOYED'));
    renameEvent(doc, 'PAUSE', 'HOLD');
    expect(value(doc).workflow.on.HOLD).toBeDefined();
    const w = open('wir-vielfalt');
    roundTrip(w, () => renameEvent(w, 'DOCUMENTS_OVERDUE', 'DOCS_LATE'));
    const z = open('zukunftsbuendnis');
    roundTrip(z, () => renameEvent(z, 'PLACE_FREE', 'OFFER'));
  });

  it('removes an event with its transitions, and refuses one a timer sends', () => {
    const doc = open('zweite-chance');
    const before = doc.text;
    expect(removeEvent(doc, 'RECORD_FIRST_CONTACT')).toEqual(['opened']);
    expect(value(doc).workflow.events.RECORD_FIRST_CONTACT).toBeUndefined();
    doc.undo();
    expect(doc.text).toBe(before);
    expect(() => removeEvent(doc, 'SUSTAINED')).toThrow(expect.objectContaining({ code: 'DESIGNER_EVENT_IN_USE' }));
    expect(doc.text).toBe(before);
  });

  it('sets an event\'s title and form, refusing to take the form a transition merges', () => {
    const doc = open('zweite-chance');
    roundTrip(doc, () => setEventTitle(doc, 'PAUSE', 'en', 'Put on hold'));
    expect(() => setEventForm(doc, 'AGREE_PLAN', undefined)).toThrow(expect.objectContaining({ code: 'DESIGNER_FORM_MERGED' }));
    roundTrip(doc, () => setEventForm(doc, 'START_INTAKE', 'intake'));
    setEventForm(doc, 'START_INTAKE', 'intake');
    expect(value(doc).workflow.events.START_INTAKE.form).toBe('intake');
    setEventForm(doc, 'START_INTAKE', undefined);
    expect(value(doc).workflow.events.START_INTAKE.form).toBeUndefined();
  });
});

describe('transitions', () => {
  it('adds a second transition for an event as a list, keeping the first one\'s bytes', () => {
    const doc = open('zweite-chance');
    const before = doc.text;
    const ref = addTransition(doc, 'profiling', 'AGREE_PLAN', 'closed');
    expect(ref).toEqual({ state: 'profiling', event: 'AGREE_PLAN', index: 1 });
    expect(value(doc).workflow.states.profiling.on.AGREE_PLAN).toEqual([{ target: 'coaching', actions: [{ type: 'merge' }] }, { target: 'closed' }]);
    expect(lostLines(before, doc.text).map((l) => l.trim())).toEqual(['"AGREE_PLAN": {']);
    // The first has no guard: the second could never be taken. A guard on the first makes the program sound.
    expect(() => loadProgram(doc.text)).toThrow(/WORKFLOW_TRANSITION_SHADOWED/);
    setGuard(doc, { state: 'profiling', event: 'AGREE_PLAN', index: 0 }, guardSchema({ event: { join: 'all', rules: [{ field: 'goal', op: 'isSet' }] } }));
    expect(value(doc).workflow.states.profiling.on.AGREE_PLAN[0].guard).toEqual({ properties: { event: { required: ['goal'] } } });
    doc.undo();
    doc.undo();
    expect(doc.text).toBe(before);
  });

  it('adds workflow-wide transitions and a state\'s first, and removes them again', () => {
    const doc = open('zweite-chance');
    const before = doc.text;
    const e = addEvent(doc, 'Notiz', { roles: ['coach'] });
    addTransition(doc, '*', e, undefined);
    expect(value(doc).workflow.on[e]).toEqual({});
    loadProgram(doc.text);
    removeTransition(doc, { state: '*', event: e, index: 0 });
    expect(value(doc).workflow.on[e]).toBeUndefined();
    const s = addState(doc, 'Warten');
    addTransition(doc, s, e, 'coaching');
    expect(Object.keys(value(doc).workflow.states[s])).toEqual(['on']);
    expect(() => addTransition(doc, 'closed', e, undefined)).toThrow(expect.objectContaining({ code: 'DESIGNER_FINAL_EXITS' }));
    removeTransition(doc, { state: s, event: e, index: 0 });
    expect(value(doc).workflow.states[s]).toEqual({});
    while (doc.canUndo) doc.undo();
    expect(doc.text).toBe(before);
  });

  it('refuses to remove the transition a timer of its state sends', () => {
    const doc = open('zweite-chance');
    expect(() => removeTransition(doc, { state: 'followUp', event: 'SUSTAINED', index: 0 })).toThrow(expect.objectContaining({ code: 'DESIGNER_EVENT_IN_USE' }));
  });

  it('sets and clears the target, and records an outcome', () => {
    const doc = open('zweite-chance');
    const ref = { state: 'coaching', event: 'UPDATE_PLAN', index: 0 };
    roundTrip(doc, () => setTarget(doc, ref, 'profiling'));
    setTarget(doc, { state: 'intake', event: 'SUBMIT_INTAKE', index: 0 }, undefined);
    expect(value(doc).workflow.states.intake.on.SUBMIT_INTAKE).toEqual({ actions: [{ type: 'merge' }] });
    doc.undo();
    roundTrip(doc, () => setTransitionOutcome(doc, ref, 'miniJob'));
    setTransitionOutcome(doc, ref, 'miniJob');
    expect(value(doc).workflow.states.coaching.on.UPDATE_PLAN.actions).toEqual([{ type: 'merge' }, { type: 'outcome', outcome: 'miniJob' }]);
    setTransitionOutcome(doc, ref, 'apprenticeship');
    expect(value(doc).workflow.states.coaching.on.UPDATE_PLAN.actions[1]).toEqual({ type: 'outcome', outcome: 'apprenticeship' });
    setTransitionOutcome(doc, ref, undefined);
    expect(value(doc).workflow.states.coaching.on.UPDATE_PLAN.actions).toEqual([{ type: 'merge' }]);
    expect(() => setTransitionOutcome(doc, ref, 'nothing')).toThrow(expect.objectContaining({ code: 'DESIGNER_PATH_MISSING' }));
  });
});

describe('guards', () => {
  it('reads the examples\' guards as rules where it can, and leaves the others as they are', () => {
    const doc = open('zweite-chance');
    const coaching = workflowOutline(doc).states.find((s) => s.key === 'coaching')!.transitions;
    const measure = coaching.find((t) => t.event === 'START_MEASURE')!;
    expect(parseGuard(measure.guard)).toEqual({ event: { join: 'all', rules: [{ field: 'area', op: 'equals', value: 'labourMarket' }] } });
    // A property tested but not required is no rule (an empty field would match): read-only.
    const place = coaching.find((t) => t.event === 'PLACE')!;
    expect(parseGuard(place.guard)).toBeUndefined();
    expect(parseGuard({ properties: { other: { required: ['x'] } } })).toBeUndefined();
  });

  it('writes rules over the event and the case data, and loadProgram accepts them', () => {
    const doc = open('zweite-chance');
    const guard = guardSchema({ event: { join: 'all', rules: [{ field: 'area', op: 'equals', value: 'health' }] }, data: { join: 'any', rules: [{ field: 'housing', op: 'isSet' }, { field: 'consent', op: 'isSet' }] } })!;
    expect(parseGuard(guard)).toEqual({ event: { join: 'all', rules: [{ field: 'area', op: 'equals', value: 'health' }] }, data: { join: 'any', rules: [{ field: 'housing', op: 'isSet' }, { field: 'consent', op: 'isSet' }] } });
    const ref = { state: 'coaching', event: 'START_MEASURE', index: 1 };
    roundTrip(doc, () => setGuard(doc, ref, guard));
    // A guard no rule can say is set as JSON, kept byte for byte as given.
    setGuard(doc, ref, { not: { properties: { event: { required: ['area'] } } } });
    expect(value(doc).workflow.states.coaching.on.START_MEASURE[1].guard).toEqual({ not: { properties: { event: { required: ['area'] } } } });
    expect(() => setGuard(doc, ref, [] as never)).toThrow(expect.objectContaining({ code: 'DESIGNER_CONDITION_INVALID' }));
    expect(guardSchema({})).toBeUndefined();
  });
});

describe('timers', () => {
  it('reads and writes durations in one unit', () => {
    expect(durationParts('P14D')).toEqual({ amount: 14, unit: 'days' });
    expect(durationParts('PT48H')).toEqual({ amount: 48, unit: 'hours' });
    expect(durationParts('P6M')).toEqual({ amount: 6, unit: 'months' });
    expect(durationParts('P1M2D')).toBeUndefined();
    expect(isoDuration(8, 'weeks')).toBe('P8W');
    expect(isoDuration(2, 'hours')).toBe('PT2H');
  });

  it('writes a moment with the offset its zone has on that day, summer time or not', () => {
    expect(momentIn('2025-05-17', '00:00', 'Europe/Berlin')).toBe('2025-05-17T00:00:00+02:00');
    expect(momentIn('2025-12-01', '12:30', 'Europe/Berlin')).toBe('2025-12-01T12:30:00+01:00');
    expect(momentIn('2025-03-30', '03:30', 'Europe/Berlin')).toBe('2025-03-30T03:30:00+02:00');
    expect(momentIn('2025-05-17', '09:00', 'America/New_York')).toBe('2025-05-17T09:00:00-04:00');
    expect(momentIn('2025-5-17', '09:00', 'Europe/Berlin')).toBeUndefined();
    expect(momentIn('2025-05-17', '09:00', 'Mars/Olympus')).toBeUndefined();
    expect(momentParts('2025-05-17T00:00:00+02:00')).toEqual({ date: '2025-05-17', time: '00:00', offset: '+02:00' });
  });

  it('adds a timer with a duration to a state that takes its event, and changes when it is due', () => {
    const doc = open('zweite-chance');
    const before = doc.text;
    expect(addTimer(doc, 'coaching', { kind: 'duration', duration: 'P8W' }, 'UPDATE_PLAN')).toBe(0);
    expect(value(doc).workflow.states.coaching.after).toEqual([{ duration: 'P8W', send: 'UPDATE_PLAN' }]);
    expect(Object.keys(value(doc).workflow.states.coaching)).toEqual(['after', 'on']);
    loadProgram(doc.text);
    setTimerWhen(doc, 'coaching', 0, { kind: 'at', at: '2027-01-31T00:00:00+01:00' });
    expect(value(doc).workflow.states.coaching.after[0]).toEqual({ at: '2027-01-31T00:00:00+01:00', send: 'UPDATE_PLAN' });
    setTimerLate(doc, 'coaching', 0, 'send');
    expect(value(doc).workflow.states.coaching.after[0].late).toBe('send');
    loadProgram(doc.text);
    setTimerWhen(doc, 'coaching', 0, { kind: 'duration', duration: 'P2W' });
    expect(value(doc).workflow.states.coaching.after[0]).toEqual({ duration: 'P2W', send: 'UPDATE_PLAN' });
    expect(() => setTimerLate(doc, 'coaching', 0, 'send')).toThrow(expect.objectContaining({ code: 'DESIGNER_TIMER_INVALID' }));
    setTimerSend(doc, 'coaching', 0, 'START_MEASURE');
    loadProgram(doc.text);
    removeTimer(doc, 'coaching', 0);
    expect(value(doc).workflow.states.coaching.after).toBeUndefined();
    while (doc.canUndo) doc.undo();
    expect(doc.text).toBe(before);
  });

  it('adds a timer at a period\'s end, and refuses timers that cannot work', () => {
    const doc = open('wir-vielfalt', 'de');
    const before = doc.text;
    expect(addTimer(doc, 'draft', { kind: 'periodEnd', period: 'call2019' }, 'WITHDRAW')).toBe(1);
    loadProgram(doc.text);
    doc.undo();
    expect(() => addTimer(doc, 'draft', { kind: 'duration', duration: 'P0D' }, 'WITHDRAW')).toThrow(expect.objectContaining({ code: 'DESIGNER_TIMER_INVALID' }));
    expect(() => addTimer(doc, 'draft', { kind: 'at', at: '2025-02-30' }, 'WITHDRAW')).toThrow(expect.objectContaining({ code: 'DESIGNER_TIMER_INVALID' }));
    expect(() => addTimer(doc, 'draft', { kind: 'periodEnd', period: 'nope' }, 'WITHDRAW')).toThrow(expect.objectContaining({ code: 'DESIGNER_PATH_MISSING' }));
    expect(() => addTimer(doc, 'draft', { kind: 'duration', duration: 'P1W' }, 'DECIDE')).toThrow(expect.objectContaining({ code: 'DESIGNER_TIMER_EVENT', message: expect.stringContaining('nimmt') }));
    expect(doc.text).toBe(before);
  });

  it('refuses to remove or redirect the timer whose date the applicant is told', () => {
    const doc = open('zweite-chance');
    expect(() => removeTimer(doc, 'followUp', 0)).toThrow(expect.objectContaining({ code: 'DESIGNER_TIMER_TOLD' }));
    setApplicantDue(doc, 'followUp', undefined);
    // No role may send "sustained": without the timer nobody would.
    expect(() => removeTimer(doc, 'followUp', 0)).toThrow(expect.objectContaining({ code: 'DESIGNER_EVENT_NEEDS_SENDER' }));
    expect(() => setTimerSend(doc, 'followUp', 0, 'RECORD_FOLLOW_UP')).toThrow(expect.objectContaining({ code: 'DESIGNER_EVENT_NEEDS_SENDER' }));
    setRoleAllowed(doc, 'SUSTAINED', 'coach', true);
    removeTimer(doc, 'followUp', 0);
    expect(value(doc).workflow.states.followUp.after).toBeUndefined();
    loadProgram(doc.text);
  });
});

describe('outcomes and sums', () => {
  it('adds an outcome with its titles, and removes it unless something uses it', () => {
    const doc = open('zweite-chance');
    const before = doc.text;
    const o = addOutcome(doc, 'Studium begonnen');
    expect(o).toBe('studiumBegonnen');
    expect(value(doc).texts.en!['workflow.outcomes.studiumBegonnen']).toBe('Studium begonnen');
    loadProgram(doc.text);
    removeOutcome(doc, o);
    expect(value(doc).workflow.outcomes).not.toContain(o);
    doc.undo();
    doc.undo();
    expect(doc.text).toBe(before);
    expect(() => removeOutcome(doc, 'miniJob')).toThrow(expect.objectContaining({ code: 'DESIGNER_OUTCOME_IN_USE' }));
  });

  it('sets a sum, keeping what else it has, and refuses bad budgets and sums in use', () => {
    const w = open('wir-vielfalt');
    roundTrip(w, () => setSum(w, 'granted', { outcome: 'granted', field: 'grantedAmount', budget: 250000, currency: 'EUR' }));
    setSum(w, 'granted', { outcome: 'granted', field: 'grantedAmount' });
    expect(value(w).workflow.sums.granted).toEqual({ outcome: 'granted', field: 'grantedAmount', releasedIn: ['withdrawn'] });
    w.undo();
    expect(() => setSum(w, 'granted', { outcome: 'granted', field: 'grantedAmount', budget: -1 })).toThrow(expect.objectContaining({ code: 'DESIGNER_CONSTRAINT_INVALID' }));
    expect(() => setSum(w, 'granted', { outcome: 'granted', field: 'grantedAmount', currency: 'euro' })).toThrow(expect.objectContaining({ code: 'DESIGNER_CONSTRAINT_INVALID' }));
    expect(() => removeSum(w, 'granted')).toThrow(expect.objectContaining({ code: 'DESIGNER_SUM_IN_USE' }));
    roundTrip(w, () => setSum(w, 'adopted', { outcome: 'strategyAdopted', field: 'grantedAmount' }));
  });
});
