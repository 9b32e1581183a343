import type { DeepReadonly, Transition, Workflow } from '@civicflow/core';
import { escapePointerToken as esc } from '@civicflow/core';

/** One transition as written in the definition. */
export interface TransitionSite {
  readonly event: string;
  readonly transition: DeepReadonly<Transition>;
  /** JSON Pointer of the transition in the program definition. */
  readonly pointer: string;
  /** Whether it comes from the workflow-level `on` rather than the state's own. */
  readonly global: boolean;
}

type TransitionMap = DeepReadonly<Record<string, Transition | Transition[]>>;

function sitesOf(map: TransitionMap | undefined, base: string, global: boolean): TransitionSite[] {
  const out: TransitionSite[] = [];
  for (const [event, value] of Object.entries(map ?? {})) {
    const at = `${base}/${esc(event)}`;
    if (Array.isArray(value)) (value as readonly DeepReadonly<Transition>[]).forEach((transition, i) => out.push({ event, transition, pointer: `${at}/${i}`, global }));
    else out.push({ event, transition: value as DeepReadonly<Transition>, pointer: at, global });
  }
  return out;
}

/**
 * The transitions each state takes, by event, in the order they are tried: the state's own first, then the
 * workflow-level ones, which apply in every state that is not final and is not their own target.
 */
export function transitionsByState(wf: DeepReadonly<Workflow>): Map<string, Map<string, TransitionSite[]>> {
  const globals = sitesOf(wf.on as TransitionMap | undefined, '/workflow/on', true);
  const out = new Map<string, Map<string, TransitionSite[]>>();
  for (const [name, state] of Object.entries(wf.states)) {
    const byEvent = new Map<string, TransitionSite[]>();
    const add = (site: TransitionSite) => {
      const list = byEvent.get(site.event);
      if (list) list.push(site);
      else byEvent.set(site.event, [site]);
    };
    sitesOf(state.on as TransitionMap | undefined, `/workflow/states/${esc(name)}/on`, false).forEach(add);
    if (!state.final) for (const g of globals) if (g.transition.target !== name) add(g);
    out.set(name, byEvent);
  }
  return out;
}
