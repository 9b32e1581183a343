import { SubmissionController, type SendState } from '../internal/submission-controller.js';
import { fillString } from '../internal/ui-strings.js';
import { createUuid } from '../internal/uuid.js';
import { hashString } from '../internal/hash-string.js';
import { CfSubmitEvent } from '../events/submit.js';
import { CfSubmittedEvent } from '../events/submitted.js';
import { CfErrorEvent } from '../events/error.js';
import type { FormSession } from '@civicflow/core/runtime';
import type { FormContext } from './form-context.js';
import type { FormDrafts } from './form-drafts.js';
import { focusOn, focusSummary, settled } from './form-focus.js';
import { submissionCopy } from '../internal/submission-copy.js';
import { CfVersionChangedEvent } from '../events/version-changed.js';
import { fieldLabel, formTexts } from '../internal/form-texts.js';
import { carryAnswers, type CarriedAnswers } from './carry-answers.js';
import { newerVersionOf, renderMoved } from './form-version-change.js';
import type { UiStrings } from '../internal/ui-strings.js';
import { renderSent, type CaseStanding } from './render-sent.js';
import { renderSendState } from './render-send-state.js';
import { fetchApplicantTexts } from '../internal/applicant-texts.js';
import { html, nothing, type TemplateResult } from '../internal/lit.js';
import { reviewSections } from '../internal/review-sections.js';
import '../review/define-review.js';
import { answersStyles } from '../internal/answers.styles.js';
import { reviewStyles } from '../review/review.styles.js';
import { applicantNotesStyles } from '../internal/applicant-notes.styles.js';
import { sentStyles } from './sent.styles.js';

/**
 * What words an answer, which the review uses: it also words a derived value on the form (its output), so a form
 * with derived values fetches this file as soon as it is shown and their outputs fill in when it is there.
 */
export { formatAnswer } from '@civicflow/core/runtime';

/**
 * The styles of what the sending code draws, or <cf-form> draws once it is there (the review's answers, the
 * confirmation with its notes, a refusal's support code), added by <cf-form>.
 */
export const styles = [answersStyles, reviewStyles, applicantNotesStyles, sentStyles];

/**
 * Sending `<cf-form>`'s data: checked first, then offered to the host (`cf-submit`), then POSTed to `action`
 * with retries (`SubmissionController`), or submitted with the host's form when there is no `action`.
 */
export interface FormSending {
  readonly __state: SendState;
  /** Pauses between retries, in milliseconds. */
  set __retryDelays(delays: readonly number[]);
  __send(): Promise<void>;
  /**
   * How the send stands, under the page (`renderSendState`): with "retry now" while waiting, and, under a refusal
   * that names a newer version (`VERSION_SUPERSEDED`), the button to go on in it with the answers carried over
   * (`carryAnswers`), or that loading it failed.
   */
  __renderState(strings: UiStrings): TemplateResult | typeof nothing;
  /** The note on having gone on in a newer version (`__moved`), or nothing. */
  __renderMoved(strings: UiStrings): TemplateResult | typeof nothing;
  /** The confirmation's parts beyond the reference: the copy to keep and the program's notes (`renderSent`). */
  __renderSent(strings: UiStrings, headingLevel: number, standing: CaseStanding | undefined): TemplateResult | typeof nothing;
  /**
   * Resolves once what the program tells the applicant after sending is there, in the language shown (fetched with
   * the sending code for a program that keeps those texts in a file of their own), or could not be fetched.
   */
  __notesReady(): Promise<void>;
  /** The review's answers (`<cf-review>`), with their headings at `level`. */
  __renderReview(strings: UiStrings, level: number, fileLabels: ReadonlyMap<string, string>): TemplateResult | typeof nothing;
}

export function createFormSending(context: FormContext, drafts: FormDrafts): FormSending {
  const { __host: host, __internals: internals } = context;
  const notesReady = () => {
    const s = context.__session;
    return s ? fetchApplicantTexts(s.compiled, s.locale) : Promise.resolve();
  };
  // Fetched now, with this code, long before a confirmation shows them.
  void notesReady();
  const sender = new SubmissionController(host, (info) => {
    context.__announcement = fillString(context.__strings().retrying, {
      seconds: Math.ceil(info.delayMs / 1000),
    });
    host.dispatchEvent(
      new CfErrorEvent({
        kind: info.status ? 'server' : 'network',
        status: info.status,
        willRetry: true,
        cause: info.cause,
      }),
    );
  });

  /** After going on in a newer version: the old form's labels of the answers that could not be carried. */
  let moved: { readonly notCarried: readonly string[] } | undefined;
  let continueFailed = false;
  let continuing = false;

  const newerVersion = () => {
    const state = sender.state;
    return state.kind === 'refused' && context.__session ? newerVersionOf(state.refusal, host, context.__session.formId) : undefined;
  };

  async function continueInNewerVersion(): Promise<void> {
    const target = newerVersion();
    const old = context.__session;
    if (!target || !old || continuing) return;
    continuing = true;
    let carried: CarriedAnswers | undefined;
    let s: FormSession;
    try {
      s = await context.__changeVersion(target.src, target.action, (to) => {
        carried = carryAnswers(old, to);
      });
    } catch (cause) {
      continueFailed = true;
      host.requestUpdate();
      await host.updateComplete;
      host.renderRoot.querySelector<HTMLElement>('#cf-refusal')?.focus();
      host.dispatchEvent(new CfErrorEvent({ kind: 'load', willRetry: false, cause }));
      return;
    } finally {
      continuing = false;
    }
    // Named as the person knew them: the old form's labels, in the language they filled it in.
    const texts = formTexts(old);
    const strings = context.__strings();
    moved = { notCarried: [...new Set(carried!.notCarried.map((pointer) => fieldLabel(texts, strings, pointer)))] };
    continueFailed = false;
    sender.state = { kind: 'idle' };
    context.__idempotency = undefined;
    context.__announcement = '';
    // The answers as given stay in the draft beside the new version's until the new version is sent.
    drafts.__previous = { program: old.compiled.program.ref, data: old.data };
    drafts.__save(true);
    // Where the new version still wants something (a new required field, an answer not carried), else the review.
    const pages = s.visiblePages();
    const toFill = pages.find((p) => s.errorsOnPage(p).length > 0);
    s.goTo(toFill !== undefined ? { page: toFill } : s.review ? { review: true } : { page: pages[0] ?? 0 });
    host.requestUpdate();
    await settled(host);
    focusOn(host, '#cf-moved');
    host.dispatchEvent(new CfVersionChangedEvent({ ...target, notCarried: carried!.notCarried }));
  }

  return {
    get __state() {
      return sender.state;
    },

    __renderState: (strings) =>
      renderSendState(strings, sender.state, {
        retryNow: () => sender.retryNow(),
        canContinue: newerVersion() !== undefined,
        continueFailed,
        continue: continueInNewerVersion,
      }),

    __renderMoved: (strings) => (moved ? renderMoved(strings, moved.notCarried) : nothing),

    __renderSent: (strings, headingLevel, standing) => renderSent(context, strings, headingLevel, standing),
    __notesReady: notesReady,

    __renderReview: (strings, level, fileLabels) =>
      html`<cf-review .sections=${reviewSections(context.__session!, strings, fileLabels)} .strings=${strings} .level=${level}></cf-review>`,

    set __retryDelays(delays: readonly number[]) {
      sender.retryDelays = delays;
    },

    async __send() {
      const state = sender.state.kind;
      if (state === 'sending' || state === 'waiting') return;
      // Before the code that checks answers has come, nothing is sent (and nothing is shown as wrong).
      const s = context.__validation.__checked();
      if (!s?.attemptSend()) {
        host.requestUpdate();
        await focusSummary(host);
        return;
      }
      const data = s.submission();
      const body = JSON.stringify(data);
      const fingerprint = hashString(body);
      // The same data keeps its key, so a send that reached the server without us hearing back is not stored twice.
      if (context.__idempotency?.fingerprint !== fingerprint) context.__idempotency = { key: createUuid(), fingerprint };
      const idempotencyKey = context.__idempotency.key;
      drafts.__save(true);
      const submit = new CfSubmitEvent({ data, idempotencyKey });
      host.dispatchEvent(submit);
      if (submit.defaultPrevented) return;
      if (!host.action) {
        internals.form?.requestSubmit();
        return;
      }
      const strings = context.__strings();
      context.__announcement = strings.sending;
      host.requestUpdate();
      const outcome = await sender.send({
        url: new URL(host.action, document.baseURI).href,
        body,
        idempotencyKey,
        locale: s.locale,
        headers: host.headers,
      });
      if (outcome.kind === 'accepted') {
        const response = outcome.response as { reference?: unknown; state?: unknown; due?: unknown } | null;
        const reference = typeof response?.reference === 'string' ? response.reference : undefined;
        // A civicflow server's receipt names the state the case is now in, so the confirmation can say what comes next.
        const state = typeof response?.state === 'string' ? response.state : undefined;
        const due = typeof response?.due === 'string' ? response.due : undefined;
        context.__announcement = '';
        context.__copy = submissionCopy(new URL(host.action, document.baseURI).href, response, reference);
        await host.showConfirmation(reference, state === undefined ? undefined : { state, ...(due === undefined ? {} : { due }) });
        host.dispatchEvent(new CfSubmittedEvent({ reference, response: outcome.response }));
      } else if (outcome.kind === 'invalid') {
        await host.showServerErrors(outcome.errors);
        host.dispatchEvent(
          new CfErrorEvent({
            kind: 'validation',
            status: outcome.status,
            errors: outcome.errors,
            willRetry: false,
          }),
        );
      } else {
        // The notice itself is an alert; the live region stays quiet so that it is not read twice.
        context.__announcement = '';
        host.requestUpdate();
        await host.updateComplete;
        host.renderRoot.querySelector<HTMLElement>('#cf-refusal')?.focus();
        const refusal = outcome.kind === 'refused' ? outcome.refusal : undefined;
        const status = refusal?.status ?? (outcome.kind === 'failed' ? outcome.status : undefined);
        host.dispatchEvent(
          new CfErrorEvent({
            kind: status === undefined ? 'network' : 'server',
            status,
            ...(refusal ? { code: refusal.code, message: refusal.message } : outcome.kind === 'failed' && outcome.code ? { code: outcome.code } : {}),
            ...(outcome.kind === 'blocked' ? { blocked: outcome.cause } : {}),
            willRetry: false,
          }),
        );
      }
    },
  };
}
