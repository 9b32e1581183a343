import type { Program } from '@civicflow/core';
import { forLocale } from '@civicflow/core';
import type { DiagramOptions } from './to-mermaid.js';
import { workflowGraph, type GraphEdge, type GraphNode } from './workflow-graph.js';

interface Box {
  readonly node: GraphNode;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const FONT = 13;
const LABEL_FONT = 11;
const NODE_H = 40;
const PER_ROW = 4;
const ROW_GAP = 70;
const BAND_GAP = 120;
const COL_GAP = 150;
const MARGIN = 60;

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// Without a browser there is no text measurement; an average glyph width is close enough for a sans-serif face.
const textWidth = (s: string, size: number) => [...s].length * size * 0.56;

/**
 * A grid: states in columns by distance from the initial state, wrapped after four columns into bands below (as a
 * snake); states
 * that only workflow-level transitions reach share the last band with the "any open state" box.
 */
function layout(nodes: readonly GraphNode[]): Map<string, Box> {
  const w = Math.max(120, ...nodes.map((n) => textWidth(n.label, FONT) + 28));
  const cells = new Map<string, GraphNode[]>();
  const place = (n: GraphNode, band: number, col: number) => cells.set(`${band},${col}`, [...(cells.get(`${band},${col}`) ?? []), n]);
  const ranked = nodes.filter((n) => n.rank >= 0);
  const bands = Math.max(0, ...ranked.map((n) => Math.floor(n.rank / PER_ROW))) + 1;
  // Bands run left to right, then right to left, so that the path from one band to the next stays short.
  for (const n of ranked) {
    const band = Math.floor(n.rank / PER_ROW);
    place(n, band, band % 2 === 0 ? n.rank % PER_ROW : PER_ROW - 1 - (n.rank % PER_ROW));
  }
  nodes.filter((n) => n.anyState).forEach((n) => place(n, bands, 0));
  nodes.filter((n) => n.rank < 0 && !n.anyState).forEach((n, i) => place(n, bands, 1 + (i % (PER_ROW - 1))));
  const boxes = new Map<string, Box>();
  let y = MARGIN + 40;
  for (let band = 0; band <= bands; band++) {
    let rows = 0;
    for (let col = 0; col < PER_ROW; col++) {
      const stack = cells.get(`${band},${col}`) ?? [];
      stack.forEach((node, row) => boxes.set(node.id, { node, x: MARGIN + 40 + col * (w + COL_GAP), y: y + row * (NODE_H + ROW_GAP), w, h: NODE_H }));
      rows = Math.max(rows, stack.length);
    }
    if (rows > 0) y += rows * (NODE_H + ROW_GAP) - ROW_GAP + BAND_GAP;
  }
  return boxes;
}

function labelBlock(lines: readonly string[], cx: number, cy: number): string {
  const w = Math.max(...lines.map((l) => textWidth(l, LABEL_FONT))) + 10;
  const h = lines.length * (LABEL_FONT + 3) + 6;
  const top = cy - h / 2;
  const spans = lines.map((l, i) => `<tspan x="${cx.toFixed(1)}" y="${(top + 1 + (i + 1) * (LABEL_FONT + 3)).toFixed(1)}">${escapeXml(l)}</tspan>`).join('');
  return `<rect class="label-bg" x="${(cx - w / 2).toFixed(1)}" y="${top.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" rx="3"/><text class="label" text-anchor="middle">${spans}</text>`;
}

/** Where the line from a box's centre towards (tx, ty) leaves the box. */
function exitPoint(b: Box, tx: number, ty: number): [number, number] {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  const scale = 1 / Math.max(Math.abs(dx) / (b.w / 2), Math.abs(dy) / (b.h / 2), 1e-9);
  return [cx + dx * scale, cy + dy * scale];
}

/** One edge as a gently bent curve with its label; the bend keeps edges between the same two states apart. */
function drawEdge(edge: GraphEdge, boxes: Map<string, Box>): string {
  const a = boxes.get(edge.from)!;
  const b = boxes.get(edge.to)!;
  if (a === b) {
    const cx = a.x + a.w / 2;
    const path = `M${cx - 20},${a.y} C${cx - 34},${a.y - 48} ${cx + 34},${a.y - 48} ${cx + 20},${a.y}`;
    return `<g class="edge"><path d="${path}" marker-end="url(#arrow)"/>${labelBlock(edge.labels, cx, a.y - 44 - edge.labels.length * 7)}</g>`;
  }
  const [ax, ay] = [a.x + a.w / 2, a.y + a.h / 2];
  const [bx, by] = [b.x + b.w / 2, b.y + b.h / 2];
  const len = Math.hypot(bx - ax, by - ay);
  const bend = Math.min(60, 18 + len / 12);
  // Bend to the right of the direction of travel, so that A→B and B→A take different sides.
  const [cx, cy] = [(ax + bx) / 2 + ((by - ay) / len) * bend, (ay + by) / 2 - ((bx - ax) / len) * bend];
  const [sx, sy] = exitPoint(a, cx, cy);
  const [tx, ty] = exitPoint(b, cx, cy);
  const [mx, my] = [0.25 * sx + 0.5 * cx + 0.25 * tx, 0.25 * sy + 0.5 * cy + 0.25 * ty];
  const path = `M${sx.toFixed(1)},${sy.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`;
  return `<g class="edge"><path d="${path}" marker-end="url(#arrow)"/>${labelBlock(edge.labels, mx, my)}</g>`;
}

function drawNode(box: Box): string {
  const { node, x, y, w, h } = box;
  const cls = node.anyState ? 'state any' : node.final ? 'state final' : 'state';
  const inner = node.final ? `<rect class="inner" x="${x + 4}" y="${y + 4}" width="${(w - 8).toFixed(1)}" height="${h - 8}" rx="6"/>` : '';
  const start = node.initial ? `<circle class="start" cx="${x - 34}" cy="${y + h / 2}" r="7"/><path d="M${x - 27},${y + h / 2} L${x},${y + h / 2}" marker-end="url(#arrow)"/>` : '';
  return `<g class="${cls}">${start}<rect x="${x}" y="${y}" width="${w.toFixed(1)}" height="${h}" rx="9"/>${inner}<text x="${(x + w / 2).toFixed(1)}" y="${y + h / 2 + FONT / 2 - 2}" text-anchor="middle">${escapeXml(node.label)}</text></g>`;
}

/**
 * The workflow as a standalone SVG diagram with titles in the locale, laid out on a grid by distance from the
 * initial state. Needs no browser. All text from the program is escaped. Final states have a double border, the
 * initial state an entry dot, and workflow-level transitions start from a dashed "any open state" box.
 */
export function toSvg(program: Program, options: DiagramOptions = {}): string {
  const locale = options.locale ?? program.locales[0] ?? 'en';
  const graph = workflowGraph(program, locale);
  const boxes = layout(graph.nodes);
  const all = [...boxes.values()];
  const width = Math.ceil(Math.max(...all.map((b) => b.x + b.w)) + MARGIN + 60);
  const height = Math.ceil(Math.max(...all.map((b) => b.y + b.h)) + MARGIN + 40);
  const title = forLocale(program.definition.title, locale) ?? program.definition.title[program.locales[0]!] ?? program.id;
  const states = graph.nodes.filter((n) => !n.anyState).map((n) => n.label).join(', ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="cf-title cf-desc" lang="${escapeXml(locale)}">`,
    `<title id="cf-title">${escapeXml(title)}</title>`,
    `<desc id="cf-desc">${escapeXml(states)}</desc>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>',
    `<style>text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;fill:#111}.state rect{fill:#eef4ff;stroke:#2b59c3;stroke-width:1.5}.state.final rect{fill:#f0f0f0;stroke:#333}.state.final .inner{fill:none}.state.any rect{fill:#fff;stroke:#666;stroke-dasharray:6 4}.state text{font-size:${FONT}px}.start{fill:#111}path{fill:none;stroke:#333;stroke-width:1.2}.label{font-size:${LABEL_FONT}px}.label-bg{fill:#fff;fill-opacity:.9}</style>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...graph.edges.map((e) => drawEdge(e, boxes)),
    ...all.map(drawNode),
    '</svg>',
  ].join('\n');
}
