import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Program } from '@civicflow/core';
import { applyEvent } from './apply-event.js';
import { createCase } from './create-case.js';
import { dueTimers } from './due-timers.js';
import { fireTimer } from './fire-timer.js';
import { availableEvents } from './available-events.js';
import { SYSTEM_ACTOR, type Actor, type Case } from './case.js';
import type { ApplyResult } from './errors.js';
import { exampleWalks, loadExample } from '@civicflow/test-support';
import { dataOf, type Walk } from './test-support/walk.js';

/** Event data that the example walks send successfully, by event: random walks reuse it to get deep into a workflow. */
function dataPool(name: string): Map<string, unknown[]> {
  const pool = new Map<string, unknown[]>();
  for (const [, walk] of exampleWalks<Walk>(name, 'workflow-')) {
    for (const step of walk.steps) {
      if (!step.send || step.refused) continue;
      pool.set(step.send, [...(pool.get(step.send) ?? []), dataOf(name, step)]);
    }
  }
  return pool;
}

type Move =
  | { kind: 'send'; event: string; actor: number; data: number; hours: number }
  | { kind: 'offered'; pick: number; actor: number; data: number; hours: number }
  | { kind: 'fire'; hours: number };

function moves(events: string[]): fc.Arbitrary<Move[]> {
  const send = fc.record({
    kind: fc.constant('send' as const),
    event: fc.constantFrom(...events, 'NOT_AN_EVENT'),
    actor: fc.nat(),
    data: fc.nat(),
    hours: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 48 }), weight: 5 }, { arbitrary: fc.integer({ min: 0, max: 24 * 60 }), weight: 1 }),
  });
  // Mostly one of the events availableEvents offers, as a caseworker would click; sometimes anything at all.
  const offered = fc.record({ kind: fc.constant('offered' as const), pick: fc.nat(), actor: fc.nat(), data: fc.nat(), hours: fc.integer({ min: 0, max: 48 }) });
  const fire = fc.record({ kind: fc.constant('fire' as const), hours: fc.integer({ min: 0, max: 24 * 200 }) });
  return fc.array(fc.oneof({ arbitrary: offered, weight: 10 }, { arbitrary: send, weight: 2 }, { arbitrary: fire, weight: 1 }), { maxLength: 60, size: 'max' });
}

function step(program: Program, c: Case, move: Move, actors: Actor[], pool: Map<string, unknown[]>, now: Date): ApplyResult {
  if (move.kind === 'fire') {
    const [due] = dueTimers(c, now);
    return due ? fireTimer(program, c, due.id, now) : applyEvent(program, c, { type: 'NOT_AN_EVENT' }, SYSTEM_ACTOR, now);
  }
  const actor = actors[move.actor % actors.length]!;
  // Offered events that keep the case open, so that walks get deep; random moves still end cases.
  const final = (state: string) => program.definition.workflow!.states[state]?.final === true;
  const offers = move.kind === 'offered' ? availableEvents(program, c, actor).filter((o) => !o.targets.every(final)) : [];
  const event = move.kind === 'send' ? move.event : (offers[move.pick % Math.max(1, offers.length)]?.event ?? 'NOT_AN_EVENT');
  const samples = pool.get(event) ?? [];
  // Mostly data that fits, so that random walks get deep into the workflow; sometimes none or junk.
  const choices = samples.length > 0 ? [...samples, ...samples, ...samples, undefined, { junk: true }] : [undefined, undefined, {}, { junk: true }];
  const data = choices[move.data % choices.length];
  return applyEvent(program, c, { type: event, data }, actor, now);
}

describe('applyEvent under random event sequences', () => {
  for (const name of ['zweite-chance', 'gemeinsam-fuer-hagen', 'wir-vielfalt', 'zukunftsbuendnis']) {
    const program = loadExample(name);
    const wf = program.definition.workflow!;
    const pool = dataPool(name);
    const actors: Actor[] = [...wf.roles.map((r) => ({ id: `${r}-1`, roles: [r] })), { id: 'nobody', roles: [] }];
    const [firstWalk] = exampleWalks<Walk>(name, 'workflow-happy').concat(exampleWalks<Walk>(name, 'workflow-'));
    const opener = firstWalk![1].actors[firstWalk![1].open.as!]!;

    it(`${name}: keeps cases in declared states, never drops history, and counts versions one per applied event`, () => {
      const reached = new Set<string>();
      fc.assert(
        fc.property(moves(Object.keys(wf.events)), (sequence) => {
          let now = new Date(firstWalk![1].open.at);
          const opened = createCase(program, 'p', opener, now, firstWalk![1].open.data);
          expect(opened.ok).toBe(true);
          let c = (opened as { case: Case }).case;
          for (const move of sequence) {
            now = new Date(now.getTime() + move.hours * 3_600_000);
            const r = step(program, c, move, actors, pool, now);
            if (!r.ok) continue;
            expect(Object.keys(wf.states)).toContain(r.case.state);
            expect(r.case.version).toBe(c.version + 1);
            expect(r.case.history.length).toBe(r.case.version);
            expect(r.case.history.slice(0, -1)).toEqual(c.history);
            expect(r.case.history.at(-1)).toEqual(r.audit);
            expect(r.audit.from).toBe(c.state);
            for (const t of r.case.timers) expect(Object.keys(wf.events)).toContain(t.event);
            c = r.case;
            reached.add(c.state);
          }
        }),
        { numRuns: 200 },
      );
      // The sequences must get past the first steps, or the property says little.
      expect(reached.size).toBeGreaterThanOrEqual(Math.min(5, Object.keys(wf.states).length - 1));
    });
  }
});
