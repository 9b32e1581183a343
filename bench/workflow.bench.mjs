// Events per second through applyEvent on the Zweite Chance workflow, beside XState's bare pure `transition` on the
// same compiled machine with the same events, measured in the same run.
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
    steps.push({ event, actor: walk.actors[step.as], now, machineData: r.case.data, validated: r });
    c = r.case;
  }
  if (c.state !== 'closed') throw new Error(`the walk ends in ${c.state}, not closed`);
  return { open, steps, final: c };
}

export async function run() {
  const program = loadProgram(await readFile(path.join(example, 'program.json'), 'utf8'));
  const { machine } = compileWorkflow(program);
  const { open, steps, final } = await readWalk(program);

  // What XState gets from applyEvent: the event with its validated data and the time, as plain objects.
  const machineEvents = [];
  let previous = open.data;
  for (const s of steps) {
    const data = s.event.data === undefined ? {} : structuredClone(s.event.data);
    machineEvents.push(s.event.timer === undefined ? { type: s.event.type, data, at: s.now.toISOString() } : { type: s.event.type, data, at: s.now.toISOString(), timer: s.event.timer });
    previous = s.machineData ?? previous;
  }
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

  // Both must arrive where the walk does, or the comparison measures different work.
  const viaBoth = [viaApplyEvent(), viaTransition()];
  if (viaBoth[0].state !== final.state || viaBoth[1].value !== final.state) throw new Error('the two ways do not end in the same state');
  if (JSON.stringify(machine.getPersistedSnapshot(toSnapshot(program, viaBoth[0]))) !== JSON.stringify(machine.getPersistedSnapshot(viaBoth[1]))) {
    throw new Error('applyEvent and bare transition end with different snapshots');
  }

  const n = steps.length;
  const r = await measure({ applyEvent: viaApplyEvent, transition: viaTransition });
  // A task runs the whole walk; one case opening per walk is counted on the applyEvent side's cost, not as an event.
  return [
    {
      name: `workflow: applyEvent, Zweite Chance walk (${n} events incl. form validation)`,
      opsPerSec: r.applyEvent.opsPerSec * n,
      rme: r.applyEvent.rme,
      baseline: `workflow: bare XState transition, same machine and events`,
      target: { minOpsPerSec: 50_000, minRatio: 0.5 },
    },
    { name: 'workflow: bare XState transition, same machine and events', opsPerSec: r.transition.opsPerSec * n, rme: r.transition.rme },
  ];
}
