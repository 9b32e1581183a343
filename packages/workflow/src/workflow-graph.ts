import type { DeepReadonly, Program, StateTimer, Transition } from '@civicflow/core';
import { forLocale } from '@civicflow/core';
import { timerWords } from './timer-words.js';
import { workflowTexts } from './workflow-texts.js';

/** A state of the diagram, or the stand-in for "any open state" that workflow-level transitions start from. */
export interface GraphNode {
  readonly id: string;
  readonly label: string;
  readonly final: boolean;
  readonly initial: boolean;
  /** True for the stand-in of workflow-level transitions. */
  readonly anyState: boolean;
  /** The fewest transitions from the initial state, not counting workflow-level ones; -1 for states only those reach, and for the stand-in. */
  readonly rank: number;
}

/** One event on an edge: its name, and its line of the label. */
export interface GraphEdgeEvent {
  readonly event: string;
  readonly label: string;
  /** When a timer or deadline sends the event, in words ("nach 14 Tagen"); undefined for events people send. */
  readonly when: string | undefined;
  readonly guarded: boolean;
}

/** The transitions from one node to another, one label line per event. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly labels: readonly string[];
  readonly events: readonly GraphEdgeEvent[];
}

export interface WorkflowGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** What a graph is drawn from: a loaded program, or a definition still being edited (which may have problems). */
export type GraphSource = Pick<Program, 'definition' | 'locales'>;

/** Id of the stand-in node; `*` cannot be a state name, so it never collides with one. */
export const ANY_STATE = '*';

const ANY_LABEL: Record<string, string> = { de: 'Jeder offene Zustand', en: 'Any open state' };

const asList = (value: DeepReadonly<Transition> | readonly DeepReadonly<Transition>[] | undefined): readonly DeepReadonly<Transition>[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value as DeepReadonly<Transition>];

/** Whether a value is a JSON object; the types claim so, but a definition still being edited need not keep them. */
const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The workflow as a graph for diagrams: states with their titles in the locale, and edges labelled with event
 * titles. Timer events say in words after how long or at which moment they come ("nach 14 Tagen: …"); guarded
 * transitions are marked `(if …)`. Workflow-level transitions are drawn once, from an "any open state" node, instead
 * of from every state. Parts a definition with problems gets wrong (a target that is no state, a state that is no
 * object) are left out rather than refused, so that a definition being edited can be drawn.
 */
export function workflowGraph(program: GraphSource, locale: string = program.locales[0] ?? 'en'): WorkflowGraph {
  const wf = program.definition.workflow;
  if (!wf || !isObject(wf.states)) return { nodes: [], edges: [] };
  const states = Object.entries(wf.states).filter(([, s]) => isObject(s));
  const known = new Set(states.map(([name]) => name));
  const texts = workflowTexts(program, locale);
  const when = new Map<string, string>();
  const timers: [string, DeepReadonly<StateTimer> | { duration?: string; at?: string; periodEnd?: string }][] = [];
  for (const [, state] of states) for (const t of Array.isArray(state.after) ? state.after : []) if (isObject(t)) timers.push([t.send, t]);
  for (const d of Object.values(isObject(wf.deadlines) ? wf.deadlines! : {})) if (isObject(d)) timers.push([d.send, { duration: d.after, at: d.at, periodEnd: d.periodEnd }]);
  for (const [send, t] of timers) if (!when.has(send)) when.set(send, timerWords(t, program.definition, locale) ?? '…');
  // A no-break space: the marker is never wrapped apart from itself.
  const guarded = locale.startsWith('de') ? ' (wenn\u00a0…)' : ' (if\u00a0…)';
  const edges = new Map<string, { from: string; to: string; labels: string[]; events: GraphEdgeEvent[] }>();
  const add = (from: string, to: string, event: string, hasGuard: boolean) => {
    if (!known.has(to)) return;
    const timer = when.get(event);
    const label = `${timer !== undefined ? `${timer}: ` : ''}${texts.event(event)}${hasGuard ? guarded : ''}`;
    const key = `${from}\u0000${to}`;
    const edge = edges.get(key) ?? { from, to, labels: [], events: [] };
    if (!edge.labels.includes(label)) {
      edge.labels.push(label);
      edge.events.push({ event, label, when: timer, guarded: hasGuard });
    }
    edges.set(key, edge);
  };
  for (const [name, state] of states) {
    for (const [event, value] of Object.entries(isObject(state.on) ? state.on! : {})) {
      for (const t of asList(value)) if (isObject(t)) add(name, t.target ?? name, event, t.guard !== undefined);
    }
  }
  const anyOn = isObject(wf.on) ? Object.entries(wf.on!) : [];
  for (const [event, value] of anyOn) {
    for (const t of asList(value)) if (isObject(t) && t.target) add(ANY_STATE, t.target, event, t.guard !== undefined);
  }
  const rank = new Map<string, number>(known.has(wf.initial) ? [[wf.initial, 0]] : []);
  const queue = known.has(wf.initial) ? [wf.initial] : [];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const e of edges.values()) {
      if (e.from === at && !rank.has(e.to)) {
        rank.set(e.to, rank.get(at)! + 1);
        queue.push(e.to);
      }
    }
  }
  const nodes: GraphNode[] = states.map(([name, state]) => ({
    id: name,
    label: texts.state(name),
    final: state.final === true,
    initial: name === wf.initial,
    anyState: false,
    rank: rank.get(name) ?? -1,
  }));
  if (anyOn.length > 0) {
    nodes.push({ id: ANY_STATE, label: forLocale(ANY_LABEL, locale) ?? ANY_LABEL['en']!, final: false, initial: false, anyState: true, rank: -1 });
  }
  return { nodes, edges: [...edges.values()] };
}
