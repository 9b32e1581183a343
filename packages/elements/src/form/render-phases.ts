import { html, nothing, type TemplateResult } from '../internal/lit.js';
import type { UiStrings } from '../internal/ui-strings.js';
import { heading } from '../internal/heading.js';

export function renderLoading(strings: UiStrings): TemplateResult {
  return html`<p class="notice" part="notice">${strings.loading}</p>`;
}

export function renderLoadFailed(strings: UiStrings): TemplateResult {
  return html`<p class="notice notice-error" part="notice" role="alert">${strings.loadFailed}</p>`;
}

/**
 * The confirmation after sending, with the case reference when the server gave one; `sent` is what the sending code
 * adds (`renderSent`: a copy to keep, what the program tells the applicant), or nothing when that code could not be
 * fetched, which leaves the confirmation itself whole.
 */
export function renderConfirmation(
  strings: UiStrings,
  headingLevel: number,
  reference: string | undefined,
  sent: TemplateResult | typeof nothing,
): TemplateResult {
  return html`<div class="confirmation" part="confirmation">
    ${heading(headingLevel, strings.confirmationTitle, { id: 'cf-done', part: 'confirmation-title', focusable: true })}
    ${reference
      ? html`<p>${strings.confirmationReference}</p>
          <p class="reference" part="reference">${reference}</p>`
      : nothing}
    <p>${strings.confirmationNote}</p>
    ${sent}
  </div>`;
}
