// Events per second through applyEvent on the Zweite Chance workflow, beside XState's bare pure `transition` on the
// same compiled machine with the same events, measured in the same run. A third row shows the XState step applyEvent
// itself runs: the machine's transition with one inert actor scope.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProgram } from '@civicflow/core';
import { applyEvent, compileWorkflow, createCase, dueTimers, fireTimer, toSnapshot } from '@civicflow/workflow';
import { initialTransition, transition } from 'xstate';
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

export async function run() {
  const program = loadProgram(await readFile(path.join(example, 'program.json'), 'utf8'));
  const { machine } = compileWorkflow(program);
  const { open, steps, final } = await readWalk(program);
  if (final.state !== 'closed') throw new Error(`the walk ends in ${final.state}`);

  // What XState gets from applyEvent: the event with its validated data and the time, as plain objects.
  const machineEvents = steps.map((s) => {
    const data = s.event.data === undefined ? {} : structuredClone(s.event.data);
    const at = s.now.toISOString();
    return s.event.timer === undefined ? { type: s.event.type, data, at } : { type: s.event.type, data, at, timer: s.event.timer };
  });
  const [initial] = initialTransition(machine, { data: open.data, at: open.now.toISOString() });

  const viaApplyEvent = () => {
    const opened = createCase(program, 'bench', open.actor, open.now, open.data);
    let c = opened.case;
    for (const s of steps) {
      const r = applyEvent(program, c, s.event, s.actor, s.now);
      if (!r.ok) throw new Error(r.message);
      c = r.case;
    }
    return c;
  };
  const viaTransition = () => {
    let snapshot = initial;
    for (const e of machineEvents) [snapshot] = transition(machine, snapshot, e);
    return snapshot;
  };
  // The XState step inside applyEvent: the machine's own transition with one inert scope (see compileWorkflow).
  const compiled = compileWorkflow(program);
  const viaScope = () => {
    let snapshot = initial;
    for (const e of machineEvents) [snapshot] = compiled.transition(snapshot, e);
    return snapshot;
  };

  // Both must arrive where the walk does, or the comparison measures different work.
  const ends = [toSnapshot(program, viaApplyEvent()), viaTransition(), viaScope()].map((s) => JSON.stringify(machine.getPersistedSnapshot(s)));
  if (final.state !== 'closed' || ends.some((e) => e !== ends[0])) throw new Error('applyEvent, transition() and the scoped transition end with different snapshots');

  const n = steps.length;
  const r = await measure({ applyEvent: viaApplyEvent, transition: viaTransition, scoped: viaScope });
  // A task runs the whole walk; the applyEvent side also opens the case each time, which is counted as cost, not as an event.
  return [
    {
      name: `workflow: applyEvent, Zweite Chance walk (${n} events incl. form validation)`,
      opsPerSec: r.applyEvent.opsPerSec * n,
      rme: r.applyEvent.rme,
      baseline: `workflow: bare XState transition, same machine and events`,
      target: { minOpsPerSec: 50_000, minRatio: 0.5 },
    },
    { name: 'workflow: bare XState transition, same machine and events', opsPerSec: r.transition.opsPerSec * n, rme: r.transition.rme },
    {
      name: 'workflow: machine.transition with one inert scope (inside applyEvent)',
      opsPerSec: r.scoped.opsPerSec * n,
      rme: r.scoped.rme,
      baseline: 'workflow: bare XState transition, same machine and events',
    },
  ];
}
