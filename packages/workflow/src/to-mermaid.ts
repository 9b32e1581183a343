import type { Program } from '@civicflow/core';
import { ANY_STATE, workflowGraph } from './workflow-graph.js';

export interface DiagramOptions {
  /** Locale of the state and event titles; defaults to the program's first locale. */
  locale?: string;
  /** Prefix of the ids inside the drawing (`toSvg`), so that several diagrams can share one page; default `cf`. */
  idPrefix?: string;
}

// Mermaid reads `#name;` as an entity, so these characters are written as entities and cannot end a label early,
// start a comment or inject markup.
const ENTITIES: Record<string, string> = { '#': '#35;', ':': '#58;', '"': '#quot;', ';': '#59;', '<': '#lt;', '>': '#gt;', '%': '#37;', '{': '#123;', '}': '#125;' };

function text(value: string): string {
  return value.replace(/[\r\n\t\u00a0]+/g, ' ').replace(/[#:";<>%{}]/g, (c) => ENTITIES[c]!);
}

// Ids get a prefix, so that a state called `end` or `state` cannot clash with Mermaid's keywords.
const id = (state: string) => (state === ANY_STATE ? 'any_state' : `s_${state}`);

/**
 * The workflow as a Mermaid state diagram (`stateDiagram-v2`) with titles in the locale: for docs, READMEs and
 * review. Workflow-level transitions start from one "any open state" node.
 */
export function toMermaid(program: Program, options: DiagramOptions = {}): string {
  const graph = workflowGraph(program, options.locale);
  const lines = ['stateDiagram-v2', '  direction LR'];
  for (const node of graph.nodes) lines.push(`  state "${text(node.label)}" as ${id(node.id)}`);
  for (const node of graph.nodes) if (node.initial) lines.push(`  [*] --> ${id(node.id)}`);
  for (const edge of graph.edges) for (const label of edge.labels) lines.push(`  ${id(edge.from)} --> ${id(edge.to)} : ${text(label)}`);
  for (const node of graph.nodes) if (node.final) lines.push(`  ${id(node.id)} --> [*]`);
  if (graph.nodes.some((n) => n.anyState)) {
    lines.push('  classDef anyState stroke-dasharray: 5 5');
    lines.push(`  class ${id(ANY_STATE)} anyState`);
  }
  return lines.join('\n') + '\n';
}
