import { html, nothing, type TemplateResult } from './lit.js';

/** Attributes of a heading. */
export interface HeadingOptions {
  readonly id?: string;
  readonly part: string;
  readonly className?: string;
  /** -1 makes the heading a focus target after a page change. */
  readonly focusable?: boolean;
}

/**
 * A real `<h1>`…`<h6>` at a level the host chooses (the widget sits below the host page's own headings).
 * Lit templates are static, so each level has its own.
 */
export function heading(level: number, content: unknown, o: HeadingOptions): TemplateResult {
  const id = o.id ?? nothing;
  const cls = o.className ?? nothing;
  const tab = o.focusable ? '-1' : nothing;
  switch (Math.min(6, Math.max(1, level))) {
    case 1:
      return html`<h1 id=${id} class=${cls} part=${o.part} tabindex=${tab}>${content}</h1>`;
    case 2:
      return html`<h2 id=${id} class=${cls} part=${o.part} tabindex=${tab}>${content}</h2>`;
    case 3:
      return html`<h3 id=${id} class=${cls} part=${o.part} tabindex=${tab}>${content}</h3>`;
    case 4:
      return html`<h4 id=${id} class=${cls} part=${o.part} tabindex=${tab}>${content}</h4>`;
    case 5:
      return html`<h5 id=${id} class=${cls} part=${o.part} tabindex=${tab}>${content}</h5>`;
    default:
      return html`<h6 id=${id} class=${cls} part=${o.part} tabindex=${tab}>${content}</h6>`;
  }
}
