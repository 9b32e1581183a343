import { html, nothing, type TemplateResult } from 'lit';
import type { FormSession } from '@civicflow/core/runtime';
import type { FormTexts } from '../internal/form-texts.js';
import { fillString, type UiStrings } from '../internal/ui-strings.js';
import { heading } from '../internal/heading.js';

export function renderLoading(strings: UiStrings): TemplateResult {
  return html`<p class="notice" part="notice">${strings.loading}</p>`;
}

export function renderLoadFailed(strings: UiStrings): TemplateResult {
  return html`<p class="notice notice-error" part="notice" role="alert">${strings.loadFailed}</p>`;
}

/** What the choice between a saved draft and a fresh start is rendered from (`__…`: see FormContext). */
export interface ResumeView {
  readonly __session: FormSession;
  readonly __texts: FormTexts;
  readonly __strings: UiStrings;
  readonly __headingLevel: number;
  /** When the draft was saved (ISO 8601). */
  readonly __savedAt: string | undefined;
  readonly __resume: () => void;
  readonly __discard: () => void;
}

export function renderResume(view: ResumeView): TemplateResult {
  const { __strings: strings, __headingLevel: headingLevel } = view;
  const saved = new Date(view.__savedAt ?? Date.now());
  const date = new Intl.DateTimeFormat(view.__session.locale, { dateStyle: 'long', timeStyle: 'short' }).format(saved);
  return html`<section class="resume" part="resume" aria-labelledby="cf-title">
    ${heading(headingLevel, view.__texts.formTitle(), { id: 'cf-title', part: 'title', className: 'title', focusable: true })}
    ${heading(headingLevel + 1, strings.resumeTitle, { part: 'page-title' })}
    <p>${fillString(strings.resumeText, { date })}</p>
    <div class="actions" part="actions">
      <button type="button" class="button primary" part="button button-primary" @click=${view.__resume}>${strings.resume}</button>
      <button type="button" class="button secondary" part="button button-secondary" @click=${view.__discard}>${strings.discard}</button>
    </div>
  </section>`;
}

/** The confirmation after sending, with the case reference when the server gave one. */
export function renderConfirmation(strings: UiStrings, headingLevel: number, reference: string | undefined): TemplateResult {
  return html`<div class="confirmation" part="confirmation">
    ${heading(headingLevel, strings.confirmationTitle, { id: 'cf-done', part: 'confirmation-title', focusable: true })}
    ${reference
      ? html`<p>${strings.confirmationReference}</p>
          <p class="reference" part="reference">${reference}</p>`
      : nothing}
    <p>${strings.confirmationNote}</p>
  </div>`;
}
