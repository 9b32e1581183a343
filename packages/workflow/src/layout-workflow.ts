import dagre from '@dagrejs/dagre';
import { workflowGraph, type GraphEdge, type GraphNode, type GraphSource } from './workflow-graph.js';

/** A rectangle of the diagram, by its top-left corner. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A state's box, with its title wrapped into lines. */
export interface PlacedState extends Rect {
  readonly node: GraphNode;
  readonly lines: readonly string[];
}

/** The label of the transitions from one node to another: a box of its own, one or more lines per event. */
export interface PlacedLabel extends Rect {
  readonly edge: GraphEdge;
  /** Per event of the edge, its wrapped lines. */
  readonly lines: readonly (readonly string[])[];
}

/** A transition's line through its label: points from the source to the label, and from the label to the target. */
export interface PlacedEdge {
  readonly edge: GraphEdge;
  readonly label: PlacedLabel;
  readonly toLabel: readonly { x: number; y: number }[];
  readonly fromLabel: readonly { x: number; y: number }[];
}

export interface WorkflowLayout {
  readonly width: number;
  readonly height: number;
  readonly states: readonly PlacedState[];
  readonly labels: readonly PlacedLabel[];
  readonly edges: readonly PlacedEdge[];
  /** The entry dot before the initial state, and the line from it. */
  readonly start: { readonly x: number; readonly y: number; readonly to: readonly { x: number; y: number }[] } | undefined;
}

/** Sizes of the drawing, in CSS pixels. */
export const DIAGRAM = {
  font: 13,
  labelFont: 11,
  lineHeight: 17,
  labelLineHeight: 14,
  margin: 16,
  /** The widest a diagram of the examples may be: a 1280 px window less the page's own margins. */
  maxWidth: 1280 - 2 * 64,
  startRadius: 7,
} as const;

// Without a browser there is no text measurement; an average glyph width a little above a sans-serif face's keeps
// boxes large enough for the text.
export const textWidth = (s: string, size: number): number => [...s].length * size * 0.58;

/** Words into lines of at most `max` characters (a longer word keeps a line of its own). */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  // Breaks at ordinary white space only: a no-break space holds its words together.
  for (const word of text.split(/[ \t\r\n]+/).filter(Boolean)) {
    if (line && [...line].length + 1 + [...word].length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

const STATE_CHARS = 18;
const LABEL_CHARS = 18;
const START = '\u0000start';

/**
 * Lays the workflow out from top to bottom with dagre (a layered, Sugiyama-style layout): states in ranks by the
 * flow of their transitions, and every edge's label placed as a node of its own between its two states, so that
 * labels never overlap states or one another. Long titles and labels are wrapped. Coordinates start at the margin.
 */
export function layoutWorkflow(program: GraphSource, locale?: string): WorkflowLayout {
  const graph = workflowGraph(program, locale);
  if (graph.nodes.length === 0) return { width: 0, height: 0, states: [], labels: [], edges: [], start: undefined };
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'TB', nodesep: 12, ranksep: 26, edgesep: 4, marginx: DIAGRAM.margin, marginy: DIAGRAM.margin, ranker: 'network-simplex' });
  g.setDefaultEdgeLabel(() => ({}));
  const stateLines = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const lines = wrap(node.label, STATE_CHARS);
    stateLines.set(node.id, lines);
    const w = Math.max(110, ...lines.map((l) => textWidth(l, DIAGRAM.font))) + 28;
    g.setNode(node.id, { width: Math.ceil(w), height: lines.length * DIAGRAM.lineHeight + 22 });
  }
  const initial = graph.nodes.find((n) => n.initial);
  if (initial) {
    g.setNode(START, { width: 2 * DIAGRAM.startRadius, height: 2 * DIAGRAM.startRadius });
    g.setEdge(START, initial.id, { weight: 4, minlen: 1 });
  }
  const labelLines = graph.edges.map((edge) => edge.events.map((e) => wrap(e.label, LABEL_CHARS)));
  graph.edges.forEach((edge, i) => {
    const lines = labelLines[i]!.flat();
    const id = `\u0000label${i}`;
    g.setNode(id, { width: Math.ceil(Math.max(...lines.map((l) => textWidth(l, DIAGRAM.labelFont))) + 12), height: lines.length * DIAGRAM.labelLineHeight + 8 });
    // The way into the label weighs more, so labels sit close below the state they leave.
    g.setEdge(edge.from, id, { weight: 2, minlen: 1 });
    g.setEdge(id, edge.to, { weight: 1, minlen: 1 });
  });
  dagre.layout(g);
  const rect = (id: string): Rect => {
    const n = g.node(id) as { x: number; y: number; width: number; height: number };
    return { x: n.x - n.width / 2, y: n.y - n.height / 2, w: n.width, h: n.height };
  };
  const points = (from: string, to: string) => ((g.edge(from, to) as { points?: { x: number; y: number }[] }).points ?? []).map((p) => ({ x: p.x, y: p.y }));
  const states = graph.nodes.map((node) => ({ node, lines: stateLines.get(node.id)!, ...rect(node.id) }));
  const labels = graph.edges.map((edge, i) => ({ edge, lines: labelLines[i]!, ...rect(`\u0000label${i}`) }));
  const edges = graph.edges.map((edge, i) => ({ edge, label: labels[i]!, toLabel: points(edge.from, `\u0000label${i}`), fromLabel: points(`\u0000label${i}`, edge.to) }));
  const start = initial ? { x: g.node(START).x, y: g.node(START).y, to: points(START, initial.id) } : undefined;
  const size = g.graph() as { width?: number; height?: number };
  return { width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0), states, labels, edges, start };
}
