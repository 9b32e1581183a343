import type { Issue } from '@civicflow/core';
import { ANY_STATE, workflowTexts, type GraphSource, type WorkflowGraph } from '@civicflow/workflow';
import { localesOf } from './form-model.js';
import type { ProgramDocument } from '../document/program-document.js';

/** The workflow's source for the diagram, from the working copy as it is now (which may have problems). */
export function workflowSource(doc: ProgramDocument): GraphSource | undefined {
  const value = doc.value as { workflow?: { states?: unknown } } | null;
  if (typeof value !== 'object' || value === null || typeof value.workflow?.states !== 'object' || value.workflow.states === null) return undefined;
  return { definition: value as GraphSource['definition'], locales: localesOf(doc) };
}

/** What the diagram marks a problem on: a state, the label of a transition (by source state and event), or the workflow as a whole. */
export type ProblemTarget = { readonly kind: 'state'; readonly state: string } | { readonly kind: 'edge'; readonly from: string; readonly event: string } | { readonly kind: 'workflow' };

const unescapePointer = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * Where in the diagram a problem belongs, by its JSON pointer into `/workflow`: a transition's or a timer's problem on
 * that transition's label (when the diagram draws it), any other problem under a state on the state, a
 * workflow-level transition's on its label from "any open state", the rest on the workflow. Undefined for problems
 * outside the workflow.
 */
export function problemTarget(graph: WorkflowGraph, source: GraphSource, pointer: string): ProblemTarget | undefined {
  const parts = pointer.split('/').slice(1).map(unescapePointer);
  if (parts[0] !== 'workflow') return undefined;
  const has = (from: string, event: string) => graph.edges.some((e) => e.from === from && e.events.some((x) => x.event === event));
  const isState = (s: string | undefined) => s !== undefined && graph.nodes.some((n) => n.id === s && !n.anyState);
  if (parts[1] === 'states' && isState(parts[2])) {
    const state = parts[2]!;
    if (parts[3] === 'on' && parts[4] !== undefined && has(state, parts[4])) return { kind: 'edge', from: state, event: parts[4] };
    if (parts[3] === 'after' && parts[4] !== undefined) {
      const after = source.definition.workflow?.states[state]?.after;
      const send = Array.isArray(after) ? (after[Number(parts[4])] as { send?: unknown } | undefined)?.send : undefined;
      if (typeof send === 'string' && has(state, send)) return { kind: 'edge', from: state, event: send };
    }
    return { kind: 'state', state };
  }
  if (parts[1] === 'on' && parts[2] !== undefined && has(ANY_STATE, parts[2])) return { kind: 'edge', from: ANY_STATE, event: parts[2] };
  if (parts[1] === 'initial' && isState(source.definition.workflow?.initial)) return { kind: 'state', state: source.definition.workflow!.initial };
  return { kind: 'workflow' };
}

/** The problems of the workflow, sorted to where the diagram shows them. */
export interface PlacedProblems {
  readonly states: ReadonlyMap<string, readonly Issue[]>;
  /** By `from` and event, joined with a NUL. */
  readonly edges: ReadonlyMap<string, readonly Issue[]>;
  readonly workflow: readonly Issue[];
}

export const edgeKey = (from: string, event: string): string => `${from}\u0000${event}`;

export function placeProblems(graph: WorkflowGraph, source: GraphSource, problems: readonly Issue[]): PlacedProblems {
  const states = new Map<string, Issue[]>();
  const edges = new Map<string, Issue[]>();
  const workflow: Issue[] = [];
  for (const p of problems) {
    const t = problemTarget(graph, source, p.pointer);
    if (!t) continue;
    if (t.kind === 'state') states.set(t.state, [...(states.get(t.state) ?? []), p]);
    else if (t.kind === 'edge') edges.set(edgeKey(t.from, t.event), [...(edges.get(edgeKey(t.from, t.event)) ?? []), p]);
    else workflow.push(p);
  }
  return { states, edges, workflow };
}

/** One transition out of a state, in words. */
export interface TransitionWords {
  readonly event: string;
  /** The event's title in the program's texts. */
  readonly title: string;
  /** The target state's title; the state itself when the transition stays. */
  readonly target: string;
  /** When a timer sends the event, in words ("nach 8 Wochen"); undefined for events people send. */
  readonly when: string | undefined;
  readonly guarded: boolean;
  /** The roles that may send it, by their names in the texts. */
  readonly roles: readonly string[];
  /** The title of the form the event carries, if any. */
  readonly form: string | undefined;
}

/** A state (or "any open state") for the side panel: its title, its kind and its transitions in words. */
export interface StateWords {
  readonly id: string;
  readonly title: string;
  readonly initial: boolean;
  readonly final: boolean;
  readonly transitions: readonly TransitionWords[];
}

/** The state's transitions, in the order of the edges of the graph (the definition's order), with roles and forms. */
export function stateWords(graph: WorkflowGraph, source: GraphSource, state: string, locale: string): StateWords | undefined {
  const node = graph.nodes.find((n) => n.id === state);
  if (!node) return undefined;
  const words = workflowTexts(source, locale);
  const texts = (source.definition.texts ?? {}) as Record<string, Record<string, string> | undefined>;
  const formTitle = (form: string) => [locale, ...source.locales].map((l) => texts[l]?.[`forms.${form}.title`]).find((t) => typeof t === 'string' && t !== '') ?? form;
  const wf = source.definition.workflow!;
  const title = (id: string) => graph.nodes.find((n) => n.id === id)?.label ?? id;
  const transitions: TransitionWords[] = [];
  for (const edge of graph.edges.filter((e) => e.from === state)) {
    for (const e of edge.events) {
      const def = wf.events?.[e.event] as { form?: string; roles?: readonly string[] } | undefined;
      transitions.push({
        event: e.event,
        title: words.event(e.event),
        target: title(edge.to),
        when: e.when,
        guarded: e.guarded,
        roles: Array.isArray(def?.roles) ? def.roles.map((r) => words.role(r)) : [],
        form: typeof def?.form === 'string' ? formTitle(def.form) : undefined,
      });
    }
  }
  return { id: node.id, title: node.label, initial: node.initial, final: node.final, transitions };
}

/**
 * Where the outline shows a problem, by its JSON pointer: at a transition (by state, `*` for the workflow-wide ones,
 * event and position), a timer, a state, an event, or the workflow as a whole. Texts of a state or an event
 * (`/texts/<locale>/workflow.states.<state>.…`) belong to it. Undefined for problems outside the workflow.
 */
export type OutlinePlace =
  | { readonly kind: 'transition'; readonly state: string; readonly event: string; readonly index: number }
  | { readonly kind: 'timer'; readonly state: string; readonly index: number }
  | { readonly kind: 'state'; readonly state: string }
  | { readonly kind: 'event'; readonly event: string }
  | { readonly kind: 'workflow' };

export function outlinePlace(pointer: string): OutlinePlace | undefined {
  const parts = pointer.split('/').slice(1).map(unescapePointer);
  if (parts[0] === 'texts' && parts[2] !== undefined) {
    const m = /^workflow\.(states|events)\.([^.]+)\./.exec(parts[2]);
    if (!m) return parts[2].startsWith('workflow.') ? { kind: 'workflow' } : undefined;
    return m[1] === 'states' ? { kind: 'state', state: m[2]! } : { kind: 'event', event: m[2]! };
  }
  if (parts[0] !== 'workflow') return undefined;
  const index = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : 0);
  if (parts[1] === 'states' && parts[2] !== undefined) {
    const state = parts[2];
    if (parts[3] === 'on' && parts[4] !== undefined) return { kind: 'transition', state, event: parts[4], index: index(parts[5]) };
    if (parts[3] === 'after' && parts[4] !== undefined) return { kind: 'timer', state, index: index(parts[4]) };
    return { kind: 'state', state };
  }
  if (parts[1] === 'on' && parts[2] !== undefined) return { kind: 'transition', state: '*', event: parts[2], index: index(parts[3]) };
  if (parts[1] === 'events' && parts[2] !== undefined) return { kind: 'event', event: parts[2] };
  return { kind: 'workflow' };
}

/** A key for an outline place, to look problems up by. */
export function outlineKey(place: OutlinePlace): string {
  switch (place.kind) {
    case 'transition':
      return `t\u0000${place.state}\u0000${place.event}\u0000${place.index}`;
    case 'timer':
      return `a\u0000${place.state}\u0000${place.index}`;
    case 'state':
      return `s\u0000${place.state}`;
    case 'event':
      return `e\u0000${place.event}`;
    default:
      return 'w';
  }
}

/** The problems of the workflow, by the outline place they belong to. */
export function placeOutlineProblems(problems: readonly Issue[]): Map<string, Issue[]> {
  const out = new Map<string, Issue[]>();
  for (const p of problems) {
    const place = outlinePlace(p.pointer);
    if (!place) continue;
    const key = outlineKey(place);
    out.set(key, [...(out.get(key) ?? []), p]);
  }
  return out;
}
