import { html, nothing } from '../internal/lit.js';
import { BaseElement } from '../internal/base-element.js';
import type { AnswerSection } from '@civicflow/core/runtime';
import type { UiStrings } from '../internal/ui-strings.js';
import { CfFocusFieldEvent } from '../events/focus-field.js';
import { renderAnswers } from '../internal/render-answers.js';

/**
 * @summary The review step of a `<cf-form>`: every answer shown, page by page, with a "change" button that
 * leads back to the field.
 *
 * @event cf-focus-field - "Change" was pressed; the form shows that field's page and focuses it.
 *
 * @csspart review - The whole review.
 * @csspart review-section - The answers of one page.
 * @csspart review-heading - A page's, a group's or a list entry's heading.
 * @csspart review-list - A list of answers.
 * @csspart review-row - One answer: label, value and "change".
 * @csspart review-label - An answer's label.
 * @csspart review-value - An answer (a file: a link to it).
 * @csspart button - The "change" buttons.
 */
export class CfReview extends BaseElement {
  static override properties = {
    sections: { attribute: false },
    strings: { attribute: false },
    level: { attribute: false },
  };

  declare sections: readonly AnswerSection[];
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
    const onChange = (pointer: string) => this.dispatchEvent(new CfFocusFieldEvent({ pointer }));
    return html`<div class="review" part="review">
      <p>${this.strings.reviewIntro}</p>
      ${renderAnswers(this.sections, { level: this.level, part: 'review', change: { label: this.strings.change, onChange } })}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-review': CfReview;
  }
}
