import { html, nothing, type TemplateResult } from '../internal/lit.js';
import { fillString, type UiStrings } from '../internal/ui-strings.js';
import { heading } from '../internal/heading.js';
import type { FormView } from './render-form.js';

export function renderLoading(strings: UiStrings): TemplateResult {
  return html`<p class="notice" part="notice">${strings.loading}</p>`;
}

export function renderLoadFailed(strings: UiStrings): TemplateResult {
  return html`<p class="notice notice-error" part="notice" role="alert">${strings.loadFailed}</p>`;
}

/** The choice between the offered draft and a fresh start. */
export function renderResume(view: FormView): TemplateResult {
  const { __strings: strings, __navigation: navigation } = view;
  const headingLevel = view.__host.headingLevel;
  const saved = new Date(view.__drafts.__offer?.savedAt ?? Date.now());
  const date = new Intl.DateTimeFormat(view.__session.locale, { dateStyle: 'long', timeStyle: 'short' }).format(saved);
  return html`<section class="resume" part="resume" aria-labelledby="cf-title">
    ${heading(headingLevel, view.__texts.formTitle(), { id: 'cf-title', part: 'title', className: 'title', focusable: true })}
    ${heading(headingLevel + 1, strings.resumeTitle, { part: 'page-title' })}
    <p>${fillString(strings.resumeText, { date })}</p>
    ${view.__textsFailed || view.__checkFailed
      ? html`<div class="notice notice-error" part="notice" id="cf-refusal" role="alert" tabindex="-1"><p>${strings.textsFailed}</p></div>`
      : nothing}
    <div class="actions" part="actions">
      <button type="button" class="button primary" part="button button-primary" @click=${navigation.__resume}>${strings.resume}</button>
      <button type="button" class="button secondary" part="button button-secondary" @click=${navigation.__discard}>${strings.discard}</button>
    </div>
  </section>`;
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
