import { html, nothing, type TemplateResult } from './lit.js';
import type { AnswerItem, AnswerNode, AnswerSection } from '@civicflow/core/runtime';
import { heading } from './heading.js';

/** How `renderAnswers` draws: heading levels, the part names' prefix, and a "change" button where answers can be changed. */
export interface AnswersView {
  /** Level of each section's heading; groups and list entries go one level deeper each. */
  readonly level: number;
  /** Prefix of the part names (`review` gives `review-section`, `review-row`, …), so each element keeps its own. */
  readonly part: string;
  /** A button after each answer, named with the field (the widget's review: back to the field). */
  readonly change?: { readonly label: string; readonly onChange: (pointer: string) => void };
}

function renderValue(item: Pick<AnswerItem, 'text' | 'href'>): TemplateResult | string {
  if (!item.href) return item.text;
  // An inline file is saved under its name; a stored one opens where it lives.
  return item.href.startsWith('data:')
    ? html`<a href=${item.href} download=${item.text}>${item.text}</a>`
    : html`<a href=${item.href} rel="noopener noreferrer">${item.text}</a>`;
}

function renderRow(row: { label: string; text: string; href?: string; empty: boolean; pointer: string }, v: AnswersView): TemplateResult {
  return html`<div class="answers-row" part="${v.part}-row">
    <dt part="${v.part}-label">${row.label}</dt>
    <dd part="${v.part}-value" class=${row.empty ? 'empty' : ''}>${renderValue(row)}</dd>
    ${v.change
      ? html`<dd class="answers-action">
          <button type="button" class="link-button" part="button" @click=${() => v.change!.onChange(row.pointer)}>
            ${v.change.label}<span class="vh"> ${row.label}</span>
          </button>
        </dd>`
      : nothing}
  </div>`;
}

function renderSubsection(title: string, children: readonly AnswerNode[], level: number, v: AnswersView): TemplateResult {
  return html`<section class="answers-group">
    ${heading(level, title, { part: `${v.part}-heading`, className: 'answers-subheading' })}
    ${renderNodes(children, level + 1, v)}
  </section>`;
}

/** Answers in a row share one description list; a group or a list entry opens a section of its own. */
function renderNodes(nodes: readonly AnswerNode[], level: number, v: AnswersView): TemplateResult[] {
  const out: TemplateResult[] = [];
  let rows: TemplateResult[] = [];
  const flush = () => {
    if (rows.length > 0) out.push(html`<dl class="answers-list" part="${v.part}-list">${rows}</dl>`);
    rows = [];
  };
  for (const node of nodes) {
    if (node.kind === 'answer') rows.push(renderRow(node, v));
    else if (node.kind === 'list' && node.empty) rows.push(renderRow(node, v));
    else {
      flush();
      if (node.kind === 'group') out.push(renderSubsection(node.label, node.children, level, v));
      else for (const entry of node.entries) out.push(renderSubsection(`${node.label}: ${entry.label}`, entry.children, level, v));
    }
  }
  flush();
  return out;
}

/**
 * Draws answers as `readAnswers` reads them: a section per page with its heading, groups and list entries as
 * sections below it, each answer a label and its value in a description list, files as links. The review
 * page, the case view and the status page all draw answers with this.
 */
export function renderAnswers(sections: readonly AnswerSection[], v: AnswersView): TemplateResult[] {
  return sections.map(
    (s) => html`<section class="answers-section" part="${v.part}-section">
      ${heading(v.level, s.title, { part: `${v.part}-heading`, className: 'answers-heading' })}
      ${renderNodes(s.children, v.level + 1, v)}
    </section>`,
  );
}
