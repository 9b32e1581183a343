import { describe, expect, it } from 'vitest';
import { loadExample } from '@civicflow/test-support';
import { playWalk } from '@civicflow/workflow';
import { sampleData } from './sample-data.js';
import { caseOf, checkWalks, moveClock, nextTimer, offeredEvents, openCase, openingForm, openingRoles, readWalk, replay, sendEvent, stepWords, toWalk, undoStep, walkText, WALK_NAME } from './simulation.js';

const zweite = loadExample('zweite-chance');
const hagen = loadExample('gemeinsam-fuer-hagen');
const start = new Date('2025-10-20T10:00:00Z');

/** A zweite-chance case walked to a pause: opened, first contact, paused. */
function paused() {
  let sim = openCase(zweite, 'coach', start, undefined, 'en');
  sim = sendEvent(zweite, sim, 'coach', 'RECORD_FIRST_CONTACT', { firstContact: { date: '2025-10-20', channel: 'jobcentre' } }, 'en');
  return sendEvent(zweite, sim, 'coach', 'PAUSE', { pause: { reason: 'family' } }, 'en');
}

describe('the simulation of a case', () => {
  it('opens a case with the opening form filled with sample answers, as the roles allowed to open', () => {
    expect(openingRoles(hagen)).toEqual(['advisor']);
    const form = openingForm(hagen)!;
    expect(form).toBe('contact');
    const sim = openCase(hagen, 'advisor', start, sampleData(hagen.definition.forms[form]!.schema, 0, 'en'), 'en');
    expect(caseOf(sim)?.state).toBe('contact');
    const words = stepWords(hagen, sim.steps[0]!, 'en', 'en');
    expect(words.refused).toBeUndefined();
    expect(words.next).toBe('Next state: “First contact”.');
    expect(words.timersStarted).toEqual(['“Did not return” due on December 15, 2025, 11:00']);
    expect(words.audit[0]).toMatch(/^History entry: no\. 1, October 20, 2025, 12:00, Perspektivhaus advisor, case opened in “First contact”; changed: /);
  });

  it('refuses an opening by a role that may not open, in words and without codes', () => {
    const sim = openCase(hagen, 'coordinator', start, {}, 'de');
    expect(caseOf(sim)).toBeUndefined();
    const words = stepWords(hagen, sim.steps[0]!, 'de', 'de');
    expect(words.refused).toMatch(/^Abgelehnt: /);
    expect(words.refused).not.toMatch(/[A-Z]{4,}_[A-Z]/);
  });

  it('offers the events the chosen role may send in the state, and none to a role that may send none', () => {
    const sim = openCase(zweite, 'coach', start, undefined, 'en');
    expect(offeredEvents(zweite, sim, 'coach', 'en').map((e) => e.event).sort()).toEqual(['DROP_OUT', 'PAUSE', 'RECORD_FIRST_CONTACT', 'SUBMIT_INTAKE']);
    expect(offeredEvents(zweite, sim, 'participant', 'en').map((e) => e.event)).toEqual(['SUBMIT_INTAKE']);
  });

  it('says why a guard refuses a step, keeps the case where it was, and names the guard that held', () => {
    const before = paused();
    const refused = sendEvent(zweite, before, 'coach', 'RESUME', { resumeAt: 'profiling' }, 'en');
    expect(caseOf(refused)).toBe(caseOf(before));
    const words = stepWords(zweite, refused.steps.at(-1)!, 'en', 'en');
    expect(words.refused).toMatch(/^Refused: /);
    expect(words.next).toBe('The case stays in “Paused”.');
    expect(words.audit).toEqual([]);
    const taken = sendEvent(zweite, before, 'coach', 'RESUME', { resumeAt: 'intake' }, 'en');
    const held = stepWords(zweite, taken.steps.at(-1)!, 'en', 'en');
    expect(held.guard).toBe('Condition met: the transition for “Resume” has a condition, and it holds.');
    expect(held.next).toBe('Next state: “Sign-up”.');
    expect(held.timersStopped).toBe('Timers stopped: “Pause expired”.');
    const first = stepWords(zweite, before.steps[1]!, 'en', 'en');
    expect(first.guard).toBe('No condition: the transition always applies.');
  });

  it('jumps the clock to the next timer and fires it; jumping by a duration too short fires nothing', () => {
    const sim = paused();
    const timer = nextTimer(sim)!;
    expect(timer.due).toBe('2026-01-20T10:00:00.000Z');
    const short = moveClock(zweite, sim, 'en', 'P1M');
    expect(short.now).toBe('2025-11-20T10:00:00.000Z');
    expect(caseOf(short)?.state).toBe('paused');
    expect(stepWords(zweite, short.steps.at(-1)!, 'en', 'en').fired).toBe('No timer was due.');
    const jumped = moveClock(zweite, sim, 'de');
    expect(jumped.now).toBe(timer.due);
    expect(caseOf(jumped)?.state).toBe('droppedOut');
    const words = stepWords(zweite, jumped.steps.at(-1)!, 'de', 'de');
    expect(words.title).toBe('Uhr vorgestellt auf 20. Januar 2026, 11:00');
    expect(words.fired).toMatch(/^Fällig geworden: /);
    expect(words.audit[0]).toContain('das System');
    // The timer that fired came due; it was not stopped.
    expect(words.timersStopped).toBeUndefined();
  });

  it('undoes a step: the case and the clock go back', () => {
    const sim = paused();
    const jumped = moveClock(zweite, sim, 'en');
    const undone = undoStep(jumped)!;
    expect(caseOf(undone)).toBe(caseOf(sim));
    expect(undone.now).toBe(sim.now);
    expect(undoStep(openCase(zweite, 'coach', start, undefined, 'en'))).toBeUndefined();
  });

  it('takes the same steps again on a changed program, each answered afresh', () => {
    const sim = moveClock(zweite, paused(), 'en');
    const definition = structuredClone(zweite.definition) as unknown as { workflow: { states: Record<string, { after?: { duration: string }[] }> } };
    definition.workflow.states['paused']!.after![0]!.duration = 'P6M';
    const changed = { ...zweite, definition } as unknown as typeof zweite;
    const again = replay(changed, sim, 'en');
    expect(again.steps.map((s) => s.kind)).toEqual(['open', 'event', 'event', 'clock']);
    expect(again.now).toBe(sim.now);
    expect(caseOf(again)?.state).toBe('paused');
    expect(nextTimer(again)?.due).toBe('2026-04-20T10:00:00.000Z');
  });

  it('writes the walk in the format of the cases/ files, which the walk runner plays to its end', () => {
    let sim = paused();
    sim = moveClock(zweite, sim, 'en', 'P1M');
    sim = sendEvent(zweite, sim, 'coach', 'RESUME', { resumeAt: 'profiling' }, 'en');
    sim = moveClock(zweite, sim, 'en');
    expect(caseOf(sim)?.state).toBe('droppedOut');
    const walk = toWalk(sim, 'A pause that runs out', 'en');
    expect(walk.actors).toEqual({ coach: { id: 'coach', roles: ['coach'] } });
    expect(walk.open).toEqual({ at: '2025-10-20T10:00:00.000Z', as: 'coach', expect: 'opened', timers: [] });
    expect(walk.steps[2]).toEqual({ at: '2025-11-20T10:00:00.000Z', fireDue: true, expect: 'paused', timers: ['after:paused:0'] });
    expect(walk.steps[3]).toEqual({ at: '2025-11-20T10:00:00.000Z', as: 'coach', send: 'RESUME', data: { resumeAt: 'profiling' }, refused: 'GUARD_FAILED' });
    expect(walk.steps[4]).toEqual({ at: '2026-01-20T10:00:00.000Z', fireDue: true, expect: 'droppedOut', timers: [] });
    const text = walkText(walk);
    expect(readWalk(text)).toEqual(walk);
    expect(playWalk(zweite, JSON.parse(text)).mismatch).toBeUndefined();
    expect(checkWalks(zweite, [{ name: 'pause', text }], 'en', 'en')).toEqual([{ name: 'pause', about: 'A pause that runs out', passes: true }]);
  });

  it('marks a saved walk that the changed program no longer passes, with the step and the reason in words', () => {
    const text = walkText(toWalk(moveClock(zweite, paused(), 'en'), 'Pause', 'en'));
    const definition = structuredClone(zweite.definition) as unknown as { workflow: { states: Record<string, { after?: { duration: string }[] }> } };
    definition.workflow.states['paused']!.after![0]!.duration = 'P6M';
    const changed = { ...zweite, definition } as unknown as typeof zweite;
    const [check] = checkWalks(changed, [{ name: 'pause', text }], 'en', 'en');
    expect(check).toEqual({ name: 'pause', about: 'Pause', passes: false, reason: 'Step 3 (due timers): “Dropped out” was expected, but the case is in “Paused”.' });
    const [de] = checkWalks(changed, [{ name: 'pause', text }], 'de', 'de');
    expect(de!.reason).toBe('Schritt 3 (fällige Zeitgeber): Erwartet war „Ausgeschieden“, aber der Fall steht in „Pausiert“.');
    expect(checkWalks(zweite, [{ name: 'junk', text: '{"steps": 1}' }], 'en', 'en')[0]).toMatchObject({ passes: false, reason: 'The file is not a test case that can be read.' });
  });

  it('takes as walk names only lower-case words with hyphens', () => {
    for (const ok of ['pause-expires', 'a', '2nd-try']) expect(WALK_NAME.test(ok)).toBe(true);
    for (const bad of ['../x', 'a/b', '', 'Pause', '-x', 'x.json', 'a'.repeat(65)]) expect(WALK_NAME.test(bad)).toBe(false);
  });
});
