import type { DeepReadonly, Transition, Workflow } from '@civicflow/core';
import type { CaseData } from './case.js';
import type { Refusal } from './errors.js';
import { setPath } from './set-path.js';
import { refuse } from './refuse.js';
import { formatAmount } from './format-amount.js';
import type { WorkflowTexts } from './workflow-texts.js';

/**
 * How much of each limit the program's *other* cases use, counted by the caller (a server counts in the
 * transaction that applies the event, under a lock per limit): places held, by the name of the `places` entry, and
 * amounts, by the name of the sum. A limit left out counts as unused.
 */
export interface LimitUsage {
  readonly places?: Readonly<Record<string, number>>;
  readonly sums?: Readonly<Record<string, number>>;
}

/** What a transition would put into a limit, and whether it fits. */
export interface LimitCheck {
  readonly fits: boolean;
  /** The refusal's details when it does not fit. */
  readonly details: Record<string, unknown>;
  readonly kind: 'places' | 'budget';
}

/** The case data after a transition's `merge` and `set` actions, without running them: what a budget is charged with. */
function dataAfter(transition: DeepReadonly<Transition>, data: CaseData, event: CaseData): CaseData {
  let next = data;
  for (const action of transition.actions ?? []) {
    if (action.type === 'merge') next = { ...next, ...event };
    else if (action.type === 'set') next = setPath(next, action.field, action.value);
  }
  return next;
}

function numberAt(data: CaseData, path: string): number {
  let value: unknown = data;
  for (const key of path.split('.')) value = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as CaseData)[key] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Whether a transition fits the limits it names, given the other cases' usage: a place is free (`used + 1 <= count`),
 * and the budget holds this case's amount after the transition (`used + amount <= budget`). Undefined for a
 * transition that names no limit. Places are checked before the budget.
 */
export function checkLimits(
  wf: DeepReadonly<Workflow>,
  transition: DeepReadonly<Transition>,
  data: CaseData,
  event: CaseData,
  usage: LimitUsage | undefined,
): LimitCheck | undefined {
  const { takesPlace, withinBudget } = transition;
  if (takesPlace !== undefined) {
    const count = wf.places![takesPlace]!.count;
    const used = usage?.places?.[takesPlace] ?? 0;
    if (used + 1 > count) return { fits: false, kind: 'places', details: { places: takesPlace, count, used } };
  }
  if (withinBudget !== undefined) {
    const sum = wf.sums![withinBudget]!;
    const used = usage?.sums?.[withinBudget] ?? 0;
    const amount = numberAt(dataAfter(transition, data, event), sum.field);
    if (used + amount > sum.budget!) return { fits: false, kind: 'budget', details: { sum: withinBudget, budget: sum.budget, used, amount } };
  }
  return takesPlace === undefined && withinBudget === undefined ? undefined : { fits: true, kind: takesPlace !== undefined ? 'places' : 'budget', details: {} };
}

/** The refusal for a limit that does not fit (`NO_PLACE_FREE` or `BUDGET_EXCEEDED`), in the texts' language. */
export function limitRefusal(wf: DeepReadonly<Workflow>, limit: LimitCheck, event: string, texts: WorkflowTexts, details: Record<string, unknown> = {}): Refusal {
  const d = limit.details;
  if (limit.kind === 'places') {
    return refuse('NO_PLACE_FREE', texts.locale, { event: texts.event(event), places: texts.places(d.places as string), count: d.count }, details);
  }
  const sum = wf.sums![d.sum as string]!;
  const money = (n: number) => formatAmount(n, texts.locale, sum.currency);
  const left = Math.max(0, (d.budget as number) - (d.used as number));
  return refuse('BUDGET_EXCEEDED', texts.locale, { event: texts.event(event), sum: texts.outcome(sum.outcome), amount: money(d.amount as number), left: money(left) }, details);
}
