import { html, nothing } from '../internal/lit.js';
import { BaseElement } from '../internal/base-element.js';
import { idFor } from '../internal/pointer-data.js';
import { CfFocusFieldEvent } from '../events/focus-field.js';
import { heading } from '../internal/heading.js';

/** One line of the summary: the field's label, the message, and the field it leads to (`''`: none). */
export interface SummaryItem {
  readonly label: string;
  readonly message: string;
  readonly pointer: string;
}

/**
 * @summary The list of problems at the top of a `<cf-form>` after a failed "continue" or send, each a link
 * to its field: a box with `role="alert"` and a heading that names it. The form moves focus here so that screen
 * readers read it first and the next Tab leads to the first link.
 *
 * Renders into its light DOM inside the form's shadow root, where the fields' ids are.
 *
 * @event cf-focus-field - A link was followed; the form shows that field's page and focuses it.
 *
 * @csspart error-summary - The box.
 * @csspart error-summary-title - Its heading.
 * @csspart error-summary-list - The list of problems.
 * @csspart error-summary-link - A link to a field.
 */
export class CfErrorSummary extends BaseElement {
  static override properties = {
    items: { attribute: false },
    headline: { attribute: false },
    level: { attribute: false },
  };

  declare items: readonly SummaryItem[];
  declare headline: string;
  declare level: number;

  constructor() {
    super();
    this.items = [];
    this.headline = '';
    this.level = 3;
  }

  protected override createRenderRoot() {
    return this;
  }

  /** Moves focus to the summary box. */
  override focus(): void {
    this.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  protected override render() {
    if (this.items.length === 0) return nothing;
    const follow = (e: Event, pointer: string) => {
      e.preventDefault();
      this.dispatchEvent(new CfFocusFieldEvent({ pointer }));
    };
    // An alert (read out as it appears) that takes focus, named by its heading, as in GOV.UK's error summary.
    return html`<div class="error-summary" part="error-summary" role="alert" tabindex="-1" aria-labelledby="cf-error-summary-title">
      ${heading(this.level, this.headline, { id: 'cf-error-summary-title', part: 'error-summary-title', className: 'error-summary-title' })}
      <ul part="error-summary-list">
        ${this.items.map((item) =>
          item.pointer
            ? html`<li><a href="#${idFor(item.pointer)}" part="error-summary-link" @click=${(e: Event) => follow(e, item.pointer)}>${item.label}: ${item.message}</a></li>`
            : html`<li>${item.message}</li>`,
        )}
      </ul>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-error-summary': CfErrorSummary;
  }
}
