import type { Program } from '@civicflow/core';
import type { Actor, Case } from './case.js';
import { compileWorkflow } from './compile-workflow.js';
import { allowedRoles, isSystem, mayAct } from './may-act.js';

/** An event a caseworker interface can offer. */
export interface AvailableEvent {
  /** The event's name; its title is the text `workflow.events.<event>.title`. */
  readonly event: string;
  /** The form whose data the event needs, if any. */
  readonly form?: string;
  /** The states it may lead to (the case's own state for a transition without a target), in the order tried. */
  readonly targets: readonly string[];
}

/**
 * The events the actor may send to the case now: accepted in its state, allowed for one of the actor's roles, and
 * not already ruled out by a guard on the case data. An event that carries a form is offered while any of its guards
 * could still hold, because they may look at the data yet to be entered; `applyEvent` has the last word.
 * Timer events are left to the system actor (see `dueTimers`).
 */
export function availableEvents(program: Program, c: Case, actor: Actor): AvailableEvent[] {
  const compiled = compileWorkflow(program);
  const wf = compiled.workflow;
  if (c.program !== program.ref || !Object.hasOwn(wf.states, c.state) || wf.states[c.state]!.final || isSystem(actor)) return [];
  const out: AvailableEvent[] = [];
  for (const [event, sites] of compiled.transitions.get(c.state)!) {
    if (!mayAct(actor, allowedRoles(compiled, event))) continue;
    const form = wf.events[event]?.form;
    const open = sites.filter((site) => {
      const guard = compiled.guards.get(`${site.pointer}/guard`);
      return !guard || form !== undefined || guard({ data: c.data, event: {} });
    });
    if (open.length === 0) continue;
    const targets = [...new Set(open.map((s) => s.transition.target ?? c.state))];
    out.push(form === undefined ? { event, targets } : { event, form, targets });
  }
  return out;
}
