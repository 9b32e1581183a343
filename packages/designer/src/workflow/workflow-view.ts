import { LitElement, css, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import type { Issue } from '@civicflow/core';
import { DIAGRAM, layoutWorkflow, pathThrough, type GraphSource, type PlacedLabel, type PlacedState, type WorkflowGraph, type WorkflowLayout } from '@civicflow/workflow';
import { edgeKey, placeProblems, stateWords, type PlacedProblems } from '../model/workflow-model.js';
import { uiText } from '../strings.js';
import { CfWorkflowSelectEvent } from '../events/workflow-select.js';
import { visuallyHidden } from '../designer/program-designer.styles.js';

const MIN_ZOOM = 1;
const MAX_ZOOM = 6;
const STEP = 1.25;

/**
 * `<cf-workflow-view>`: the program's workflow as a diagram laid out by dagre (see `layoutWorkflow` in
 * `@civicflow/workflow`), with a side panel for the selected state. States are buttons: Tab goes from one to the next,
 * Enter or Space selects one. Arrow keys pan, + and - zoom, 0 shows the whole diagram; Ctrl with the mouse wheel
 * zooms and dragging pans. The problems `loadProgram` reports under `/workflow` are marked on the state or transition their
 * pointer names. A list of the states and their transitions is the diagram's text alternative.
 *
 * @event cf-workflow-select - When the designer selects a state in the diagram.
 */
export class CfWorkflowView extends LitElement {
  static override properties = {
    source: { attribute: false },
    problems: { attribute: false },
    locale: {},
    textLocale: { attribute: 'text-locale' },
  };

  /** The workflow to draw (the working copy, problems and all). */
  declare source: GraphSource | undefined;
  /** The problems `loadProgram` reports for the working copy, in the designer's language. */
  declare problems: readonly Issue[];
  /** The designer's language, `de` or `en`. */
  declare locale: string;
  /** The language of the program's texts in the diagram. */
  declare textLocale: string | undefined;

  #zoom = MIN_ZOOM;
  #pan = { x: 0, y: 0 };
  #selected: string | undefined;
  #drag: { x: number; y: number; pan: { x: number; y: number } } | undefined;
  #laidOut: { source: GraphSource; locale: string; layout: WorkflowLayout; graph: WorkflowGraph } | undefined;
  /** Whether the text list was opened for a narrow screen already (once; after that it is the reader's). */
  #openedForNarrow = false;

  constructor() {
    super();
    this.problems = [];
    this.locale = 'en';
  }

  #t(key: string, params: Record<string, string | number> = {}): string {
    return uiText(this.locale, key, params);
  }

  get #textLocale(): string {
    const locales = this.source?.locales ?? [];
    return this.textLocale && locales.includes(this.textLocale) ? this.textLocale : (locales.find((l) => l.startsWith(this.locale)) ?? locales[0] ?? this.locale);
  }

  /** The layout, worked out again only when the workflow or the language changed. */
  #layout(): { layout: WorkflowLayout; graph: WorkflowGraph } | undefined {
    const source = this.source;
    if (!source) return undefined;
    const locale = this.#textLocale;
    if (this.#laidOut?.source !== source || this.#laidOut.locale !== locale) {
      const layout = layoutWorkflow(source, locale);
      this.#laidOut = { source, locale, layout, graph: { nodes: layout.states.map((s) => s.node), edges: layout.edges.map((e) => e.edge) } };
    }
    return this.#laidOut;
  }

  /** The state selected in the diagram (its name; `*` for "any open state"). */
  get selected(): string | undefined {
    return this.#selected;
  }

  /** Selects a state (or none) without telling anyone: for the host, to follow a selection made elsewhere. */
  select(state: string | undefined): void {
    this.#selected = state;
    this.requestUpdate();
  }

  /** A state the designer selected in the diagram: selected, and `cf-workflow-select` says so. */
  #choose(state: string): void {
    this.select(state);
    this.dispatchEvent(new CfWorkflowSelectEvent({ state }));
  }

  /** How far the view is zoomed in: 1 shows the whole diagram. */
  get zoom(): number {
    return this.#zoom;
  }

  /** The part of the diagram in view, as an SVG viewBox `x y width height`. */
  get view(): string {
    const l = this.#laidOut?.layout;
    if (!l) return '';
    const [w, h] = [l.width / this.#zoom, l.height / this.#zoom];
    return `${this.#pan.x.toFixed(1)} ${this.#pan.y.toFixed(1)} ${w.toFixed(1)} ${h.toFixed(1)}`;
  }

  #clamp(): void {
    const l = this.#laidOut?.layout;
    if (!l) return;
    const [w, h] = [l.width / this.#zoom, l.height / this.#zoom];
    this.#pan = { x: Math.min(Math.max(0, this.#pan.x), l.width - w), y: Math.min(Math.max(0, this.#pan.y), l.height - h) };
  }

  #zoomBy(factor: number): void {
    const l = this.#laidOut?.layout;
    if (!l) return;
    const before = this.#zoom;
    this.#zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, this.#zoom * factor));
    // Keep the centre of the view where it was.
    const cx = this.#pan.x + l.width / before / 2;
    const cy = this.#pan.y + l.height / before / 2;
    this.#pan = { x: cx - l.width / this.#zoom / 2, y: cy - l.height / this.#zoom / 2 };
    this.#clamp();
    this.requestUpdate();
  }

  #panBy(dx: number, dy: number): void {
    const l = this.#laidOut?.layout;
    if (!l) return;
    this.#pan = { x: this.#pan.x + (dx * l.width) / this.#zoom, y: this.#pan.y + (dy * l.height) / this.#zoom };
    this.#clamp();
    this.requestUpdate();
  }

  #reset(): void {
    this.#zoom = MIN_ZOOM;
    this.#pan = { x: 0, y: 0 };
    this.requestUpdate();
  }

  #onKey(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] };
    if (moves[e.key]) this.#panBy(...moves[e.key]!);
    else if (e.key === '+' || e.key === '=') this.#zoomBy(STEP);
    else if (e.key === '-') this.#zoomBy(1 / STEP);
    else if (e.key === '0') this.#reset();
    else return;
    e.preventDefault();
  }

  #onStateKey(e: KeyboardEvent, id: string): void {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    this.#choose(id);
  }

  /** A state that gets the focus outside the view is brought into it. */
  #onStateFocus(box: PlacedState): void {
    const l = this.#laidOut?.layout;
    if (!l || this.#zoom === MIN_ZOOM) return;
    const [w, h] = [l.width / this.#zoom, l.height / this.#zoom];
    const inside = box.x >= this.#pan.x && box.y >= this.#pan.y && box.x + box.w <= this.#pan.x + w && box.y + box.h <= this.#pan.y + h;
    if (inside) return;
    this.#pan = { x: box.x + box.w / 2 - w / 2, y: box.y + box.h / 2 - h / 2 };
    this.#clamp();
    this.requestUpdate();
  }

  /** Ctrl with the wheel (and a touchpad's pinch, which browsers send so) zooms; the wheel alone scrolls the page. */
  #onWheel(e: WheelEvent): void {
    if (e.deltaY === 0 || !e.ctrlKey) return;
    e.preventDefault();
    this.#zoomBy(e.deltaY < 0 ? STEP : 1 / STEP);
  }

  #onPointerDown(e: PointerEvent): void {
    if (e.button !== 0 || (e.target as Element).closest('.state')) return;
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    this.#drag = { x: e.clientX, y: e.clientY, pan: { ...this.#pan } };
  }

  #onPointerMove(e: PointerEvent): void {
    const drag = this.#drag;
    const l = this.#laidOut?.layout;
    if (!drag || !l) return;
    const scale = l.width / this.#zoom / Math.max(1, (e.currentTarget as Element).getBoundingClientRect().width);
    this.#pan = { x: drag.pan.x - (e.clientX - drag.x) * scale, y: drag.pan.y - (e.clientY - drag.y) * scale };
    this.#clamp();
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('source')) {
      this.#layout();
      this.#clamp();
      const graph = this.#laidOut?.graph;
      if (this.#selected !== undefined && !graph?.nodes.some((n) => n.id === this.#selected)) this.#selected = undefined;
    }
  }

  /**
   * Where the whole diagram would be drawn at less than 60 % of its size (a phone), its text is too small to read:
   * the list of states and transitions opens, once.
   */
  protected override updated(): void {
    const layout = this.#laidOut?.layout;
    const details = this.renderRoot.querySelector<HTMLDetailsElement>('details.as-text');
    if (this.#openedForNarrow || !layout || !details) return;
    const width = this.renderRoot.querySelector('.viewport')?.getBoundingClientRect().width ?? 0;
    if (width === 0) return;
    this.#openedForNarrow = true;
    if (width < layout.width * 0.6) details.open = true;
  }

  #count(issues: readonly Issue[] | undefined): string {
    const n = issues?.length ?? 0;
    return n === 0 ? '' : this.#t(n === 1 ? 'wfOneProblem' : 'wfProblems', { count: n });
  }

  #renderState(box: PlacedState, placed: PlacedProblems): TemplateResult {
    const { node, x, y, w, h, lines } = box;
    const issues = placed.states.get(node.id);
    const selected = this.#selected === node.id;
    const cls = ['state', node.anyState ? 'any' : '', node.final ? 'final' : '', issues ? 'problem' : '', selected ? 'selected' : ''].filter(Boolean).join(' ');
    const kind = node.initial ? this.#t('wfInitial') : node.final ? this.#t('wfFinal') : '';
    const label = [node.label, kind, this.#count(issues)].filter(Boolean).join(', ');
    const top = y + h / 2 - (lines.length * DIAGRAM.lineHeight) / 2;
    return svg`<g class=${cls} role="button" tabindex="0" aria-pressed=${selected ? 'true' : 'false'} aria-label=${label} data-state=${node.id}
        @click=${() => this.#choose(node.id)} @keydown=${(e: KeyboardEvent) => this.#onStateKey(e, node.id)} @focus=${() => this.#onStateFocus(box)}>
      <rect class="box" x=${x} y=${y} width=${w} height=${h} rx="9"></rect>
      ${node.final ? svg`<rect class="inner" x=${x + 4} y=${y + 4} width=${w - 8} height=${h - 8} rx="6"></rect>` : nothing}
      <text text-anchor="middle">${lines.map((l, i) => svg`<tspan x=${x + w / 2} y=${top + (i + 1) * DIAGRAM.lineHeight - 4}>${i < lines.length - 1 ? `${l} ` : l}</tspan>`)}</text>
      ${issues ? svg`<g class="badge"><circle cx=${x + w - 2} cy=${y + 2} r="9"></circle><text x=${x + w - 2} y=${y + 6} text-anchor="middle">!</text></g>` : nothing}
    </g>`;
  }

  #renderLabel(label: PlacedLabel, placed: PlacedProblems): TemplateResult {
    const issues = label.edge.events.some((e) => placed.edges.has(edgeKey(label.edge.from, e.event)));
    let row = 0;
    const cx = label.x + label.w / 2;
    return svg`<g class=${issues ? 'edge-label problem' : 'edge-label'} data-from=${label.edge.from} data-events=${label.edge.events.map((e) => e.event).join(' ')}>
      <rect x=${label.x} y=${label.y} width=${label.w} height=${label.h} rx="3"></rect>
      <text text-anchor="middle">${label.lines.flat().map((l) => svg`<tspan x=${cx} y=${label.y + 4 + ++row * DIAGRAM.labelLineHeight - 3}>${l} </tspan>`)}</text>
      ${issues ? svg`<g class="badge"><circle cx=${label.x + label.w} cy=${label.y} r="8"></circle><text x=${label.x + label.w} y=${label.y + 4} text-anchor="middle">!</text></g>` : nothing}
    </g>`;
  }

  #renderDiagram(layout: WorkflowLayout, placed: PlacedProblems): TemplateResult {
    const count = layout.states.filter((s) => !s.node.anyState).length;
    const start = layout.start;
    return html`<div class="viewport" @keydown=${(e: KeyboardEvent) => this.#onKey(e)} @wheel=${(e: WheelEvent) => this.#onWheel(e)}>
      <svg
        viewBox=${this.view}
        style="max-width:${layout.width}px"
        role="group"
        aria-label=${this.#t('wfDiagram', { count })}
        aria-describedby="wf-hint"
        @pointerdown=${(e: PointerEvent) => this.#onPointerDown(e)}
        @pointermove=${(e: PointerEvent) => this.#onPointerMove(e)}
        @pointerup=${() => (this.#drag = undefined)}
        @pointercancel=${() => (this.#drag = undefined)}
      >
        <defs><marker id="wf-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrowhead" d="M0,0 L10,5 L0,10 z"></path></marker></defs>
        <rect class="canvas" width=${layout.width} height=${layout.height}></rect>
        <g aria-hidden="true">
          ${start ? svg`<circle class="start" cx=${start.x} cy=${start.y} r=${DIAGRAM.startRadius}></circle><path class="line" d=${pathThrough(start.to)} marker-end="url(#wf-arrow)"></path>` : nothing}
          ${layout.edges.map((e) => svg`<path class="line" d=${pathThrough(e.toLabel)}></path><path class="line" d=${pathThrough(e.fromLabel)} marker-end="url(#wf-arrow)"></path>`)}
          ${layout.labels.map((l) => this.#renderLabel(l, placed))}
        </g>
        ${layout.states.map((s) => this.#renderState(s, placed))}
      </svg>
    </div>`;
  }

  #renderPanel(graph: WorkflowGraph, source: GraphSource, placed: PlacedProblems): TemplateResult {
    const words = this.#selected === undefined ? undefined : stateWords(graph, source, this.#selected, this.#textLocale);
    if (!words) return html`<p class="hint">${this.#t('wfSelect')}</p>`;
    const kind = words.initial ? this.#t('wfInitial') : words.final ? this.#t('wfFinal') : '';
    const own = placed.states.get(words.id) ?? [];
    return html`<h3 id="wf-state-title">${words.title}</h3>
      ${kind ? html`<p>${kind}</p>` : nothing}
      ${own.length > 0 ? html`<ul class="problems">${own.map((p) => html`<li>${p.message}</li>`)}</ul>` : nothing}
      <h4>${this.#t('wfTransitions')}</h4>
      ${words.transitions.length === 0
        ? html`<p>${this.#t('wfNoTransitions')}</p>`
        : html`<ul class="transitions">
            ${words.transitions.map((t) => {
              const issues = placed.edges.get(edgeKey(words.id, t.event)) ?? [];
              return html`<li>
                <strong>${t.when ? `${t.when}: ` : ''}${t.title}</strong> ${this.#t('wfLeadsTo', { target: t.target })}${t.guarded ? html`, ${this.#t('wfGuarded')}` : nothing}.
                ${t.when ? html`<br />${this.#t('wfByItself')}` : nothing}
                ${t.form ? html`<br />${this.#t('wfWithForm', { form: t.form })}` : nothing}
                ${t.roles.length > 0 ? html`<br />${this.#t('wfRoles', { roles: t.roles.join(', ') })}` : nothing}
                ${issues.length > 0 ? html`<ul class="problems">${issues.map((p) => html`<li>${p.message}</li>`)}</ul>` : nothing}
              </li>`;
            })}
          </ul>`}`;
  }

  /** The text alternative: every state with where its transitions lead. */
  #renderText(graph: WorkflowGraph, source: GraphSource): TemplateResult {
    return html`<details class="as-text">
      <summary>${this.#t('wfAsText')}</summary>
      <ul>
        ${graph.nodes.map((n) => {
          const words = stateWords(graph, source, n.id, this.#textLocale)!;
          const kind = n.initial ? ` (${this.#t('wfInitial')})` : n.final ? ` (${this.#t('wfFinal')})` : '';
          return html`<li>
            ${n.label}${kind}
            ${words.transitions.length > 0
              ? html`<ul>
                  ${words.transitions.map((t) => html`<li>${t.when ? `${t.when}: ` : ''}${t.title} ${this.#t('wfLeadsTo', { target: t.target })}${t.guarded ? `, ${this.#t('wfGuarded')}` : ''}</li>`)}
                </ul>`
              : nothing}
          </li>`;
        })}
      </ul>
    </details>`;
  }

  protected override render(): TemplateResult {
    const laid = this.#layout();
    const source = this.source;
    if (!laid || !source || laid.graph.nodes.length === 0) return html`<p>${this.#t('wfNone')}</p>`;
    const placed = placeProblems(laid.graph, source, this.problems);
    return html`
      ${placed.workflow.length > 0
        ? html`<div class="wf-problems" role="region" aria-label=${this.#t('wfWorkflowProblems')}>
            <ul class="problems">${placed.workflow.map((p) => html`<li>${p.message}</li>`)}</ul>
          </div>`
        : nothing}
      <div class="layout">
        <div class="diagram-pane">
          <div class="bar" role="toolbar" aria-label=${this.#t('wfZoom')}>
            <button type="button" id="wf-zoom-in" aria-keyshortcuts="+" @click=${() => this.#zoomBy(STEP)} ?disabled=${this.#zoom >= MAX_ZOOM}>${this.#t('wfZoomIn')}</button>
            <button type="button" id="wf-zoom-out" aria-keyshortcuts="-" @click=${() => this.#zoomBy(1 / STEP)} ?disabled=${this.#zoom <= MIN_ZOOM}>${this.#t('wfZoomOut')}</button>
            <button type="button" id="wf-zoom-reset" aria-keyshortcuts="0" @click=${() => this.#reset()}>${this.#t('wfShowAll')}</button>
          </div>
          <p class="hint" id="wf-hint">${this.#t('wfHint')}</p>
          ${this.#renderDiagram(laid.layout, placed)}
          ${this.#renderText(laid.graph, source)}
        </div>
        <section class="panel" aria-labelledby="wf-panel-title" aria-live="polite">
          <h2 id="wf-panel-title" class="visually-hidden">${this.#t('wfPanel')}</h2>
          ${this.#renderPanel(laid.graph, source, placed)}
        </section>
      </div>
    `;
  }

  static override styles = [
    visuallyHidden,
    css`
    :host {
      display: block;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 1rem;
    }
    @media (min-width: 1500px) {
      .layout {
        grid-template-columns: minmax(0, 1fr) 20rem;
        align-items: start;
      }
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-bottom: 0.5rem;
    }
    .hint {
      color: #4a4a4a;
      margin: 0 0 0.5rem;
    }
    .viewport {
      border: 1px solid #5c5c5c;
      border-radius: 0.25rem;
      overflow: hidden;
      touch-action: none;
    }
    svg {
      display: block;
      width: 100%;
      height: auto;
      margin: 0 auto;
      cursor: grab;
    }
    svg text {
      font-family: system-ui, sans-serif;
      fill: #111;
    }
    .canvas {
      fill: #fff;
    }
    .line {
      fill: none;
      stroke: #333;
      stroke-width: 1.2;
    }
    .arrowhead,
    .start {
      fill: #333;
    }
    .state {
      cursor: pointer;
    }
    .state .box {
      fill: #eef4ff;
      stroke: #2b59c3;
      stroke-width: 1.5;
    }
    .state.final .box {
      fill: #f0f0f0;
      stroke: #333;
    }
    .state .inner {
      fill: none;
      stroke: #333;
    }
    .state.any .box {
      fill: #fff;
      stroke: #555;
      stroke-dasharray: 6 4;
    }
    .state text {
      font-size: ${DIAGRAM.font}px;
    }
    .state.selected .box {
      fill: #fff3c4;
      stroke: #1b1b1b;
      stroke-width: 3;
    }
    .state:focus {
      outline: none;
    }
    .state:focus-visible .box {
      stroke: #1b1b1b;
      stroke-width: 4;
    }
    .state.problem .box,
    .edge-label.problem rect {
      stroke: #b00020;
      stroke-width: 2.5;
      stroke-dasharray: none;
    }
    .badge circle {
      fill: #b00020;
    }
    .badge text {
      fill: #fff;
      font-weight: bold;
      font-size: 12px;
    }
    .edge-label rect {
      fill: #fff;
      stroke: #8a8a8a;
      stroke-width: 0.8;
    }
    .edge-label text {
      font-size: ${DIAGRAM.labelFont}px;
    }
    .panel {
      border: 1px solid #5c5c5c;
      border-radius: 0.25rem;
      padding: 0.75rem;
      min-width: 0;
    }
    h3 {
      margin: 0 0 0.5rem;
      font-size: 1.125rem;
    }
    h4 {
      margin: 0.75rem 0 0.25rem;
      font-size: 1rem;
    }
    .transitions {
      padding-left: 1.25rem;
    }
    .transitions > li {
      margin-bottom: 0.5rem;
    }
    .problems {
      color: #b00020;
      padding-left: 1.25rem;
    }
    .as-text {
      margin-top: 0.5rem;
    }
    button:focus-visible,
    summary:focus-visible {
      outline: 3px solid #1b1b1b;
      outline-offset: 2px;
    }
    @media (forced-colors: active) {
      svg {
        forced-color-adjust: none;
      }
      .canvas,
      .state .box,
      .state.final .box,
      .state.any .box,
      .edge-label rect {
        fill: Canvas;
        stroke: CanvasText;
      }
      svg text,
      .badge text {
        fill: CanvasText;
      }
      .line,
      .state .inner {
        stroke: CanvasText;
      }
      .arrowhead,
      .start {
        fill: CanvasText;
      }
      .badge circle {
        fill: Canvas;
        stroke: CanvasText;
        stroke-width: 2;
      }
      .state.problem .box,
      .edge-label.problem rect {
        stroke: CanvasText;
        stroke-width: 3;
        stroke-dasharray: 2 2;
      }
      .state.selected .box {
        fill: Highlight;
        stroke: CanvasText;
      }
      .state.selected text {
        fill: HighlightText;
      }
      .state:focus-visible .box {
        stroke: Highlight;
        stroke-width: 5;
      }
    }
  `,
  ];
}
