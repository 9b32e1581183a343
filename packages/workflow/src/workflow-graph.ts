import type { Program } from '@civicflow/core';
import { forLocale } from '@civicflow/core';
import { compileWorkflow } from './compile-workflow.js';
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

/** The transitions from one node to another, one label line per event. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly labels: readonly string[];
}

export interface WorkflowGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** Id of the stand-in node; `*` cannot be a state name, so it never collides with one. */
export const ANY_STATE = '*';

const ANY_LABEL: Record<string, string> = { de: 'Jeder offene Zustand', en: 'Any open state' };

/**
 * The workflow as a graph for diagrams: states with their titles in the locale, and edges labelled with event
 * titles. Timer events say after how long or at which moment they come; guarded transitions are marked `(if …)`. Workflow-level
 * transitions are drawn once, from an "any open state" node, instead of from every state.
 */
export function workflowGraph(program: Program, locale: string = program.locales[0] ?? 'en'): WorkflowGraph {
  const { workflow: wf } = compileWorkflow(program);
  const texts = workflowTexts(program, locale);
  const when = new Map<string, string>();
  // A period's end is labelled with the local date and time it is written with, as `at` is with its own.
  const periodEnd = (id: string | undefined) => (id === undefined ? undefined : program.definition.periods?.[id]?.end);
  for (const state of Object.values(wf.states)) for (const t of state.after ?? []) when.set(t.send, t.duration ?? t.at ?? periodEnd(t.periodEnd) ?? '');
  for (const d of Object.values(wf.deadlines ?? {})) if (!when.has(d.send)) when.set(d.send, d.after ?? d.at ?? periodEnd(d.periodEnd) ?? '');
  const guarded = locale.startsWith('de') ? ' (wenn …)' : ' (if …)';
  const edges = new Map<string, { from: string; to: string; labels: string[] }>();
  const de = locale.startsWith('de');
  const timed = (w: string) => (w.startsWith('P') ? `${de ? 'nach' : 'after'} ${w}: ` : `${de ? 'am' : 'at'} ${w}: `);
  const add = (from: string, to: string, event: string, hasGuard: boolean) => {
    const timer = when.get(event);
    const label = `${timer !== undefined ? timed(timer) : ''}${texts.event(event)}${hasGuard ? guarded : ''}`;
    const key = `${from}\u0000${to}`;
    const edge = edges.get(key) ?? { from, to, labels: [] };
    if (!edge.labels.includes(label)) edge.labels.push(label);
    edges.set(key, edge);
  };
  for (const [name, state] of Object.entries(wf.states)) {
    for (const [event, value] of Object.entries(state.on ?? {})) {
      for (const t of Array.isArray(value) ? value : [value]) add(name, t.target ?? name, event, t.guard !== undefined);
    }
  }
  for (const [event, value] of Object.entries(wf.on ?? {})) {
    for (const t of Array.isArray(value) ? value : [value]) if (t.target) add(ANY_STATE, t.target, event, t.guard !== undefined);
  }
  const rank = new Map<string, number>([[wf.initial, 0]]);
  const queue = [wf.initial];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const e of edges.values()) {
      if (e.from === at && !rank.has(e.to)) {
        rank.set(e.to, rank.get(at)! + 1);
        queue.push(e.to);
      }
    }
  }
  const nodes: GraphNode[] = Object.entries(wf.states).map(([name, state]) => ({
    id: name,
    label: texts.state(name),
    final: state.final === true,
    initial: name === wf.initial,
    anyState: false,
    rank: rank.get(name) ?? -1,
  }));
  if (wf.on && Object.keys(wf.on).length > 0) {
    nodes.push({ id: ANY_STATE, label: forLocale(ANY_LABEL, locale) ?? ANY_LABEL['en']!, final: false, initial: false, anyState: true, rank: -1 });
  }
  return { nodes, edges: [...edges.values()] };
}
