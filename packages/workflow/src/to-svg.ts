import type { Program } from '@civicflow/core';
import { forLocale } from '@civicflow/core';
import type { DiagramOptions } from './to-mermaid.js';
import { DIAGRAM, layoutWorkflow, type PlacedLabel, type PlacedState } from './layout-workflow.js';

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const n = (v: number) => v.toFixed(1);

/** A line through points, as SVG path data. */
export function pathThrough(points: readonly { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p.x)},${n(p.y)}`).join(' ');
}

function drawLabel(label: PlacedLabel): string {
  const cx = label.x + label.w / 2;
  let row = 0;
  const spans = label.lines
    .flat()
    .map((line) => `<tspan x="${n(cx)}" y="${n(label.y + 4 + (++row) * DIAGRAM.labelLineHeight - 3)}">${escapeXml(line)}</tspan>`)
    .join('');
  return `<g class="edge-label"><rect class="label-bg" x="${n(label.x)}" y="${n(label.y)}" width="${n(label.w)}" height="${n(label.h)}" rx="3"/><text class="label" text-anchor="middle">${spans}</text></g>`;
}

function drawState(box: PlacedState): string {
  const { node, x, y, w, h, lines } = box;
  const cls = node.anyState ? 'state any' : node.final ? 'state final' : 'state';
  const inner = node.final ? `<rect class="inner" x="${n(x + 4)}" y="${n(y + 4)}" width="${n(w - 8)}" height="${n(h - 8)}" rx="6"/>` : '';
  const top = y + h / 2 - (lines.length * DIAGRAM.lineHeight) / 2;
  const spans = lines.map((l, i) => `<tspan x="${n(x + w / 2)}" y="${n(top + (i + 1) * DIAGRAM.lineHeight - 4)}">${escapeXml(l)}</tspan>`).join('');
  return `<g class="${cls}"><rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="9"/>${inner}<text text-anchor="middle">${spans}</text></g>`;
}

/**
 * The workflow as a standalone SVG diagram with titles in the locale, laid out from top to bottom by dagre (see
 * `layoutWorkflow`): labels are boxes of their own and never overlap. Needs no browser. All text from the program is
 * escaped. Final states have a double border, the initial state an entry dot, and workflow-level transitions start
 * from a dashed "any open state" box. Timers say when they come in words of the locale.
 */
export function toSvg(program: Program, options: DiagramOptions = {}): string {
  const locale = options.locale ?? program.locales[0] ?? 'en';
  const layout = layoutWorkflow(program, locale);
  const { width, height } = layout;
  const id = escapeXml(options.idPrefix ?? 'cf');
  const title = forLocale(program.definition.title, locale) ?? program.definition.title[program.locales[0]!] ?? program.id;
  const states = layout.states.filter((s) => !s.node.anyState).map((s) => s.node.label).join(', ');
  const start = layout.start
    ? `<g class="start"><circle cx="${n(layout.start.x)}" cy="${n(layout.start.y)}" r="${DIAGRAM.startRadius}"/><path d="${pathThrough(layout.start.to)}" marker-end="url(#${id}-arrow)"/></g>`
    : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" lang="${escapeXml(locale)}">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(states)}</desc>`,
    `<defs><marker id="${id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrowhead" d="M0,0 L10,5 L0,10 z"/></marker></defs>`,
    `<style>text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;fill:#111}.state rect{fill:#eef4ff;stroke:#2b59c3;stroke-width:1.5}.state.final rect{fill:#f0f0f0;stroke:#333}.state.final .inner{fill:none}.state.any rect{fill:#fff;stroke:#666;stroke-dasharray:6 4}.state text{font-size:${DIAGRAM.font}px}.start circle{fill:#111}path{fill:none;stroke:#333;stroke-width:1.2}.arrowhead{fill:#333;stroke:none}.label{font-size:${DIAGRAM.labelFont}px}.label-bg{fill:#fff;stroke:#bbb;stroke-width:.8}</style>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    start,
    ...layout.edges.map((e) => `<g class="edge"><path d="${pathThrough(e.toLabel)}"/><path d="${pathThrough(e.fromLabel)}" marker-end="url(#${id}-arrow)"/></g>`),
    ...layout.labels.map(drawLabel),
    ...layout.states.map(drawState),
    '</svg>',
  ].join('\n');
}
