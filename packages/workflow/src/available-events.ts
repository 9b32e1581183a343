import { fillMessage, type Program } from '@civicflow/core';
import type { Actor, Case } from './case.js';
import { compileWorkflow } from './compile-workflow.js';
import { allowedRoles, isSystem, mayAct } from './may-act.js';
import { checkLimits, limitRefusal, type LimitUsage } from './limits.js';
import { workflowTexts } from './workflow-texts.js';

/** An event a caseworker interface can offer. */
export interface AvailableEvent {
  /** The event's name; its title is the text `workflow.events.<event>.title`. */
  readonly event: string;
  /** The form whose data the event needs, if any. */
  readonly form?: string;
  /** The states it may lead to (the case's own state for a transition without a target), in the order tried. */
  readonly targets: readonly string[];
  /**
   * Set when the event is offered but cannot succeed now because every way it could go needs a place or budget the
   * other cases already use: the refusal `applyEvent` would give (`NO_PLACE_FREE`, `BUDGET_EXCEEDED`), in words.
   */
  readonly unavailable?: { readonly code: 'NO_PLACE_FREE' | 'BUDGET_EXCEEDED'; readonly message: string };
}

/** What a caller knows besides the case: the other cases' use of the program's limits, and the reader's language. */
export interface AvailableEventsOptions {
  /** Counted by the caller (the server counts it when it shows a case); without it, limits are not looked at. */
  readonly usage?: LimitUsage;
  /** The language of the `unavailable` messages (German or English; default English). */
  readonly locale?: string;
}

/**
 * The events the actor may send to the case now: accepted in its state, allowed for one of the actor's roles, and
 * not already ruled out by a guard on the case data. An event that carries a form is offered while any of its guards
 * could still hold, because they may look at the data yet to be entered; `applyEvent` has the last word.
 * Timer events are left to the system actor (see `dueTimers`).
 */
export function availableEvents(program: Program, c: Case, actor: Actor, options: AvailableEventsOptions = {}): AvailableEvent[] {
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
    const offer: AvailableEvent = form === undefined ? { event, targets } : { event, form, targets };
    const full = options.usage && fullLimit(program, c, event, form !== undefined, open.map((s) => s.transition), options.usage, options.locale ?? 'en');
    out.push(full ? { ...offer, unavailable: full } : offer);
  }
  return out;
}

/** Said of a step whose amount is entered in its form, when its budget has nothing left. */
const budgetSpent = {
  de: 'Das Budget „{sum}“ ist ausgeschöpft; „{event}“ ist daher jetzt nicht möglich.',
  en: 'The budget "{sum}" is used up, so "{event}" is not possible now.',
};

/**
 * The refusal every one of an event's open transitions would meet for its place or budget, or undefined when one of
 * them could still go. A place is either free or not. A budget is judged on the case's data as it stands, unless the
 * event carries a form: its amount may be entered there, so the event counts as blocked only when nothing is left.
 */
function fullLimit(
  program: Program,
  c: Case,
  event: string,
  hasForm: boolean,
  transitions: readonly Parameters<typeof checkLimits>[1][],
  usage: LimitUsage,
  locale: string,
): AvailableEvent['unavailable'] {
  const wf = program.definition.workflow!;
  const texts = workflowTexts(program, locale);
  let first: AvailableEvent['unavailable'];
  for (const transition of transitions) {
    if (hasForm && transition.takesPlace === undefined && transition.withinBudget !== undefined) {
      const sum = wf.sums![transition.withinBudget]!;
      if ((usage.sums?.[transition.withinBudget] ?? 0) < sum.budget!) return undefined;
      const message = fillMessage(texts.locale.startsWith('de') ? budgetSpent.de : budgetSpent.en, { sum: texts.outcome(sum.outcome), event: texts.event(event) });
      first ??= { code: 'BUDGET_EXCEEDED', message };
      continue;
    }
    const limit = checkLimits(wf, transition, c.data, {}, usage);
    if (!limit || limit.fits) return undefined;
    if (!first) {
      const { code, message } = limitRefusal(wf, limit, event, texts);
      first = { code: code as 'NO_PLACE_FREE' | 'BUDGET_EXCEEDED', message };
    }
  }
  return first;
}
