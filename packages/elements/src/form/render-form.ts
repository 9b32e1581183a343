import { html, nothing, type TemplateResult } from '../internal/lit.js';
import { firstPageCount, hasAllTexts, type FormSessionBase } from '@civicflow/core/runtime';
import { textLocaleOf } from '../internal/program-texts.js';
import { heading } from '../internal/heading.js';
import type { SummaryItem } from '../error-summary/error-summary.js';
import type { Step } from '../steps/steps.js';
import type { FormNavigation } from './form-navigation.js';
import type { FormSending } from './form-sending.js';
import type { FormDrafts } from './form-drafts.js';
import { renderPage, type FieldsView } from './render-fields.js';
import type { LazyValidation } from './form-validation-lazy.js';

/** What `<cf-form>` is rendered from while the person fills it in. */
export interface FormView extends FieldsView {
  readonly __disabled: boolean;
  readonly __navigation: FormNavigation;
  readonly __sending: FormSending;
  readonly __drafts: FormDrafts;
  /** What builds the error summary's lines, once the validation code is there (`LazyValidation.__summaryItems`). */
  readonly __summaryItems: LazyValidation['__summaryItems'];
  /** Whether the code that checks answers could not be fetched (the form says so until it is there). */
  readonly __checkFailed: boolean;
  /** Whether the rest of the program's words could not be fetched (see `FormLoader.__texts`). */
  readonly __textsFailed: boolean;
  /** Fetches the rest of the program's words again. */
  readonly __retryTexts: () => void;
}

/**
 * Whether the place shown has its words: every place once the program has all of them, else only the first pages,
 * whose words the definition holds (the rest come with the code that checks answers, before any other page shows).
 */
export function hasWordsHere(s: FormSessionBase): boolean {
  const place = s.place;
  return hasAllTexts(s.compiled) || (!('review' in place) && place.page < firstPageCount(s.layout));
}

/** The form: title, steps, error summary, the page or the review, how sending stands, the buttons, the draft note. */
export function renderForm(view: FormView): TemplateResult {
  const { __session: s, __texts: texts, __strings: strings, __host: host, __editing: editing, __navigation: navigation } = view;
  const send = view.__sending.__state;
  const level = host.headingLevel;
  const place = s.place;
  const onReview = 'review' in place;
  const pages = s.visiblePages();
  const description = s.compiled.program.definition.description?.[textLocaleOf(s.compiled.program, s.locale)];
  const first = !onReview && place.page === pages[0];
  // The summary and what builds its lines come with the validation code: before it there is no summary to fill.
  const summary: readonly SummaryItem[] = view.__summaryItems?.(s, texts, strings) ?? [];
  return html`<form novalidate part="form" aria-labelledby=${host.hideTitle ? nothing : 'cf-title'} aria-label=${host.hideTitle ? texts.formTitle() : nothing} ?inert=${view.__disabled} class=${view.__disabled ? 'disabled' : ''}
      @submit=${navigation.__onSubmit} @cf-field-input=${editing.__onInput} @cf-field-problem=${editing.__onProblem}
      @cf-focus-field=${navigation.__onFocusField} @focusout=${editing.__onFocusOut}>
      ${host.hideTitle ? nothing : heading(level, texts.formTitle(), { id: 'cf-title', part: 'title', className: 'title', focusable: true })}
      ${first && description && !host.hideDescription ? html`<p class="description" part="description">${description}</p>` : nothing}
      <cf-steps .steps=${steps(view)} .strings=${strings}></cf-steps>
      <cf-error-summary .items=${summary} .headline=${strings.errorSummaryTitle} .level=${level + 1}></cf-error-summary>
      ${view.__sending.__renderMoved(strings)}
      ${!hasWordsHere(s) ? renderWordsComing(view) : onReview ? renderReview(view) : renderPage(view, place.page)}
      ${renderSendState(view)}
      <div class="actions" part="actions">
        ${pages.some((p) => onReview || p < place.page)
          ? html`<button type="button" class="button secondary" part="button button-secondary" @click=${navigation.__onBack}>${strings.back}</button>`
          : nothing}
        <button type="submit" class="button primary" part="button button-primary" aria-disabled=${send.kind === 'sending' || send.kind === 'waiting' ? 'true' : 'false'}>
          ${s.isLastStep() ? (send.kind === 'sending' ? strings.sending : strings.send) : s.returnToReview ? strings.backToReview : strings.next}
        </button>
      </div>
    </form>
    ${host.drafts ? view.__drafts.__renderNote(view) : nothing}`;
}

/**
 * In place of a page whose words are still on their way (a host moved the form there before the person worked on it):
 * that they are loading, or that they could not be, with a button to try again.
 */
function renderWordsComing(view: FormView): TemplateResult {
  const strings = view.__strings;
  if (!view.__textsFailed) return html`<p class="notice" part="notice" role="status">${strings.loading}</p>`;
  return html`<div class="notice notice-error" part="notice" role="alert">
    <p>${strings.textsFailed}</p>
    <button type="button" class="button secondary" part="button button-secondary" @click=${view.__retryTexts}>${strings.retryNow}</button>
  </div>`;
}

function steps(view: FormView): Step[] {
  const { __session: s, __strings: strings } = view;
  const pages = s.visiblePages();
  const place = s.place;
  const current = 'review' in place ? pages.length : pages.indexOf(place.page);
  const labels = pages.map((p) => view.__texts.pageTitle(p));
  if (s.review) labels.push(strings.toReview);
  return labels.map((label, i) => ({ label, state: i < current ? 'done' : i === current ? 'current' : 'todo' }));
}

function renderReview(view: FormView): TemplateResult {
  const strings = view.__strings;
  const headingLevel = view.__host.headingLevel;
  return html`<section class="page" part="page" aria-labelledby="cf-page-title">
    ${heading(headingLevel + 1, strings.reviewTitle, { id: 'cf-page-title', part: 'page-title', className: 'page-title', focusable: true })}
    ${view.__sending.__renderReview(strings, headingLevel + 2, view.__fileLabels)}
  </section>`;
}

/** That the answers could not be checked (the code that checks them could not be fetched), else how a send stands. */
function renderSendState(view: FormView): TemplateResult | typeof nothing {
  const strings = view.__strings;
  if (view.__checkFailed && !view.__session.validated) {
    return html`<div class="notice notice-error" part="notice" id="cf-refusal" role="alert" tabindex="-1"><p>${view.__textsFailed ? strings.textsFailed : strings.checkFailed}</p></div>`;
  }
  return view.__sending.__renderState(strings);
}
