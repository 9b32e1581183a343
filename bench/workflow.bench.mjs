// Events per second through applyEvent on the Zweite Chance workflow, measured in the same run beside:
// - an XState actor (`createActor(machine)`, `send` per event) running the same machine and events: what a service
//   built on XState alone would run, and so the baseline;
// - the machine's opening and transition with one inert actor scope, the XState steps createCase and applyEvent
//   themselves run: the floor, since they add checking the form's data, roles and guards, and the case's audit
//   entry around them;
// - XState's pure `initialTransition()` and `transition()`, which build a throwaway actor scope on each call (shown
//   for reference only).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProgram } from '@civicflow/core';
import { applyEvent, compileWorkflow, createCase, dueTimers, fireTimer, toSnapshot } from '@civicflow/workflow';
import { createActor, initialTransition, transition } from 'xstate';
import { measure } from './measure.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const example = path.join(root, 'examples/zweite-chance');

/**
 * The events of the example walk `workflow-happy-path.json`, ready to apply: each with its actor, time and data.
 * Timer steps become the system's timer events, as a server would send them.
 */
async function readWalk(program) {
  const walk = JSON.parse(await readFile(path.join(example, 'cases/workflow-happy-path.json'), 'utf8'));
  const dataOf = async (step) => (step.dataFrom ? JSON.parse(await readFile(path.join(example, 'cases', step.dataFrom), 'utf8')).data : step.data);
  const open = { actor: walk.actors[walk.open.as], now: new Date(walk.open.at), data: walk.open.data };
  const opened = createCase(program, 'bench', open.actor, open.now, open.data);
  if (!opened.ok) throw new Error(`the walk does not open: ${opened.message}`);
  let c = opened.case;
  const steps = [];
  for (const step of walk.steps) {
    const now = new Date(step.at);
    if (step.fireDue) {
      for (const timer of dueTimers(c, now)) {
        steps.push({ event: { type: timer.event, timer: timer.id }, actor: { id: 'system', roles: ['system'] }, now });
        const r = fireTimer(program, c, timer.id, now);
        if (!r.ok) throw new Error(`timer ${timer.id} is refused: ${r.message}`);
        c = r.case;
      }
      continue;
    }
    const event = { type: step.send, data: await dataOf(step) };
    const r = applyEvent(program, c, event, walk.actors[step.as], now);
    if (!r.ok) throw new Error(`step ${step.send} is refused: ${r.message}`);
    steps.push({ event, actor: walk.actors[step.as], now });
    c = r.case;
  }
  if (c.state !== 'closed') throw new Error(`the walk ends in ${c.state}, not closed`);
  return { open, steps, final: c };
}

/** The tasks, by row name, built without calling any of them; `check()` runs each once and compares where they end. */
async function setup() {
  const program = loadProgram(await readFile(path.join(example, 'program.json'), 'utf8'));
  const { open, steps, final } = await readWalk(program);
  if (final.state !== 'closed') throw new Error(`the walk ends in ${final.state}`);
  // A program of its own for the tasks, so that the walk read above leaves no case remembered for them.
  const measured = loadProgram(await readFile(path.join(example, 'program.json'), 'utf8'));
  const compiled = compileWorkflow(measured);
  const { machine } = compiled;

  // What XState gets from applyEvent: the event with its validated data and the time, as plain objects.
  const machineEvents = steps.map((s) => {
    const data = s.event.data === undefined ? {} : structuredClone(s.event.data);
    const at = s.now.toISOString();
    return s.event.timer === undefined ? { type: s.event.type, data, at } : { type: s.event.type, data, at, timer: s.event.timer };
  });
  const input = { data: open.data, at: open.now.toISOString() };

  // Every task opens the case and sends it the walk's events: createCase runs XState's opening step, applyEvent each
  // event's, and the other tasks the same steps their own way.
  const viaApplyEvent = () => {
    const opened = createCase(measured, 'bench', open.actor, open.now, open.data);
    let c = opened.case;
    for (const s of steps) {
      const r = applyEvent(measured, c, s.event, s.actor, s.now);
      if (!r.ok) throw new Error(r.message);
      c = r.case;
    }
    return c;
  };
  const viaTransition = () => {
    let [snapshot] = initialTransition(machine, input);
    for (const e of machineEvents) [snapshot] = transition(machine, snapshot, e);
    return snapshot;
  };
  // The XState steps inside createCase and applyEvent: the machine's own opening and transition with one inert scope
  // (see compileWorkflow).
  const viaScope = () => {
    let [snapshot] = compiled.initial(input);
    for (const e of machineEvents) [snapshot] = compiled.transition(snapshot, e);
    return snapshot;
  };
  // An actor as a service would keep one per case: started from the case's opening, sent the events, read, stopped.
  const viaActor = () => {
    const actor = createActor(machine, { input });
    actor.start();
    for (const e of machineEvents) actor.send(e);
    const snapshot = actor.getSnapshot();
    actor.stop();
    return snapshot;
  };

  const check = () => {
    // All must arrive where the walk does, or the comparison measures different work.
    const ends = [toSnapshot(measured, viaApplyEvent()), viaTransition(), viaScope(), viaActor()].map((s) => JSON.stringify(machine.getPersistedSnapshot(s)));
    if (ends.some((e) => e !== ends[0])) throw new Error('applyEvent, transition(), the scoped transition and the actor end with different snapshots');
  };
  return { tasks: { applyEvent: viaApplyEvent, actor: viaActor, scoped: viaScope, transition: viaTransition }, events: steps.length, check };
}

/** The tasks, by name, for the process that measures them (see `measure`). */
export async function tasks() {
  return (await setup()).tasks;
}

export async function run() {
  const { events: n, check } = await setup();
  check();
  // The four compared with each other, in one process of their own: XState's code is the same in all of them.
  const r = await measure(import.meta.url, [['applyEvent', 'actor', 'scoped', 'transition']]);
  // A task opens the case and runs the whole walk; opening counts as cost, not as an event.
  const actorRow = 'workflow: XState actor (createActor + send), same machine and events';
  const floorRow = 'workflow: floor, the same XState steps with one inert scope (opening and events, as inside createCase and applyEvent)';
  const applyName = `workflow: applyEvent, Zweite Chance walk (createCase and ${n} events incl. form validation, roles, guards, audit)`;
  const events = (m) => ({ opsPerSec: m.opsPerSec * n, rme: m.rme });
  return [
    { name: applyName, ...events(r.applyEvent), baseline: actorRow, target: { minOpsPerSec: 50_000 } },
    { name: actorRow, ...events(r.actor) },
    { name: `${applyName}, beside the floor`, ...events(r.applyEvent), baseline: floorRow, target: { minRatio: 0.5 } },
    { name: floorRow, ...events(r.scoped) },
    { name: 'workflow: pure initialTransition() and transition() (a new actor scope per call; for reference)', ...events(r.transition), baseline: floorRow },
  ];
}
