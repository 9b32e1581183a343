import { LitElement, html, nothing } from 'lit';
import type { ReviewSection } from '../internal/review-sections.js';
import type { UiStrings } from '../internal/ui-strings.js';
import { CfFocusFieldEvent } from '../events/focus-field.js';
import { heading } from '../internal/heading.js';

/**
 * @summary The review step of a `<cf-form>`: every answer shown, page by page, with a "change" button that
 * leads back to the field.
 *
 * @event cf-focus-field - "Change" was pressed; the form shows that field's page and focuses it.
 *
 * @csspart review - The whole review.
 * @csspart review-section - The answers of one page.
 * @csspart review-heading - A page's or an entry's heading.
 * @csspart review-list - A list of answers.
 * @csspart review-row - One answer: label, value and "change".
 * @csspart review-label - An answer's label.
 * @csspart review-value - An answer.
 * @csspart button - The "change" buttons.
 */
export class CfReview extends LitElement {
  static override properties = {
    sections: { attribute: false },
    strings: { attribute: false },
    level: { attribute: false },
  };

  declare sections: readonly ReviewSection[];
  declare strings: UiStrings;
  declare level: number;

  constructor() {
    super();
    this.sections = [];
    this.level = 3;
  }

  protected override createRenderRoot() {
    return this;
  }

  protected override render() {
    if (!this.strings) return nothing;
    const change = (pointer: string) => this.dispatchEvent(new CfFocusFieldEvent({ pointer }));
    return html`<div class="review" part="review">
      <p>${this.strings.reviewIntro}</p>
      ${this.sections.map(
        (section) => html`<section class="review-section" part="review-section">
          ${heading(this.level, section.title, { part: 'review-heading', className: 'review-heading' })}
          ${section.blocks.map(
            (block) => html`${block.heading
                ? heading(this.level + 1, block.heading, { part: 'review-heading', className: 'review-subheading' })
                : nothing}
              <dl class="review-list" part="review-list">
                ${block.rows.map(
                  (row) => html`<div class="review-row" part="review-row">
                    <dt part="review-label">${row.label}</dt>
                    <dd part="review-value" class=${row.empty ? 'empty' : ''}>${row.value}</dd>
                    <dd class="review-action">
                      <button type="button" class="link-button" part="button" @click=${() => change(row.pointer)}>
                        ${this.strings.change}<span class="vh"> ${row.label}</span>
                      </button>
                    </dd>
                  </div>`,
                )}
              </dl>`,
          )}
        </section>`,
      )}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-review': CfReview;
  }
}
