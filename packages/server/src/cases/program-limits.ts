import type { Program } from '@civicflow/core';
import { SYSTEM_ACTOR, transitionsByState } from '@civicflow/workflow';
import type { LimitCount, LimitsOf, ProgramLimits, WaitingListRule } from '../store/case-store.js';
import type { ProgramRegistry } from '../programs/program-registry.js';
import { applyCaseEvent } from './apply-case-event.js';

const caches = new WeakMap<ProgramRegistry, WeakMap<Program, ProgramLimits | null>>();

/**
 * The limits a change to a case of this program version must lock and count: every entry of `places`, and every sum
 * whose budget some transition stays within (`withinBudget`); a sum only reported is not locked. Undefined when there
 * are none, so that changes to other programs take no lock. A waiting list's offer goes to the waiting case's own
 * program version, as the system, after the timers that are due on it.
 */
export function programLimits(program: Program, programs: ProgramRegistry): ProgramLimits | undefined {
  let cache = caches.get(programs);
  if (!cache) caches.set(programs, (cache = new WeakMap()));
  const known = cache.get(program);
  if (known !== undefined) return known ?? undefined;
  const wf = program.definition.workflow;
  let limits: ProgramLimits | null = null;
  if (wf) {
    const budgets = new Set<string>();
    for (const byEvent of transitionsByState(wf).values()) {
      for (const sites of byEvent.values()) for (const site of sites) if (site.transition.withinBudget !== undefined) budgets.add(site.transition.withinBudget);
    }
    const places = Object.entries(wf.places ?? {});
    const counts: LimitCount[] = [
      ...places.map(([name, p]): LimitCount => ({ kind: 'places', name, heldIn: p.heldIn })),
      ...[...budgets].map((name): LimitCount => {
        const sum = wf.sums![name]!;
        return { kind: 'sum', name, outcome: sum.outcome, field: sum.field, releasedIn: sum.releasedIn ?? [] };
      }),
    ];
    const waitingLists = places.flatMap(([name, p]): WaitingListRule[] => {
      const list = p.waitingList;
      if (!list) return [];
      return [{
        places: name,
        count: p.count,
        state: list.state,
        offer(current, usage, now) {
          const own = programs.byRef(current.program);
          if (!own?.definition.workflow) return { applied: [] };
          return applyCaseEvent(own, current, { type: list.offer }, SYSTEM_ACTOR, now, own.locales[0] ?? 'en', usage);
        },
      }];
    });
    if (counts.length > 0) limits = { programId: program.id, counts, waitingLists };
  }
  cache.set(program, limits);
  return limits ?? undefined;
}

/** For a store change: the limits of the case's program version, if this process runs it. */
export function limitsOfCase(programs: ProgramRegistry): LimitsOf {
  return (current) => {
    const program = programs.byRef(current.program);
    return program && programLimits(program, programs);
  };
}
