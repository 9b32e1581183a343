import { html, nothing, type TemplateResult } from '../internal/lit.js';
import { fillString, type UiStrings } from '../internal/ui-strings.js';
import type { SendState } from '../internal/submission-controller.js';

/** What the notice of a send offers beside its words: to retry at once, or to go on in a newer version. */
export interface SendActions {
  readonly retryNow: () => void;
  /** Whether the refusal names a newer version to continue in, and whether loading it failed. */
  readonly canContinue: boolean;
  readonly continueFailed: boolean;
  readonly continue: () => Promise<void>;
}

/**
 * How a send stands, under the page: waiting to retry, refused (with the server's words and its code for support),
 * blocked, or failed. Part of the sending code: none of it shows before that code sent something.
 */
export function renderSendState(strings: UiStrings, state: SendState, actions: SendActions): TemplateResult | typeof nothing {
  if (state.kind === 'waiting') {
    return html`<div class="notice notice-warning" part="notice">
      <p>${fillString(strings.retrying, { seconds: state.seconds })}</p>
      <button type="button" class="button secondary" part="button button-secondary" @click=${actions.retryNow}>${strings.retryNow}</button>
    </div>`;
  }
  if (state.kind === 'refused') {
    // The server's own words lead; its code is only a reference for support, set small below.
    return html`<div class="notice notice-error" part="notice refusal" id="cf-refusal" role="alert" tabindex="-1" aria-labelledby="cf-refusal-title">
      <p class="notice-title" id="cf-refusal-title">${strings.refusedTitle}</p>
      <p>${state.refusal.message}</p>
      <p>${actions.continueFailed ? strings.versionLoadFailed : strings.answersKept}</p>
      ${actions.canContinue
        ? html`<button type="button" class="button primary" part="button button-primary continue-button" @click=${actions.continue}>${strings.continueNewVersion}</button>`
        : nothing}
      ${supportCode(strings, state.refusal.code, state.refusal.status)}
    </div>`;
  }
  if (state.kind === 'blocked') {
    return html`<div class="notice notice-error" part="notice refusal" id="cf-refusal" role="alert" tabindex="-1"><p>${strings.blocked}</p></div>`;
  }
  if (state.kind === 'failed') {
    const text = state.status === undefined ? strings.failedNetwork : TRANSIENT_SHOWN.has(state.status) ? strings.failedServer : strings.failedAnswer;
    return html`<div class="notice notice-error" part="notice" id="cf-refusal" role="alert" tabindex="-1">
      <p>${text}</p>
      ${state.status === undefined ? nothing : supportCode(strings, state.code ?? 'HTTP', state.status)}
    </div>`;
  }
  return nothing;
}

/** Answers after which "try again later" is true: the server could not take the form then (busy, down, too many). */
const TRANSIENT_SHOWN = new Set([408, 425, 429, 500, 502, 503, 504]);

function supportCode(strings: UiStrings, code: string, status: number): TemplateResult {
  return html`<p class="support-code" part="support-code">${fillString(strings.supportCode, { code: `${code} ${status}` })}</p>`;
}
