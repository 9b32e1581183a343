import { html, nothing, type CSSResult } from '../internal/lit.js';
import type { SendState } from '../internal/submission-controller.js';
import { CfErrorEvent } from '../events/error.js';
import { takeStyles, type FormContext } from './form-context.js';
import type { FormDrafts } from './form-drafts.js';
import type { createFormSending, FormSending } from './form-sending.js';
import { focusSummary } from './form-focus.js';
import type { FieldFormat } from '../field/field.js';

/** `FormSending`, with the code that sends (retries, refusals, the copy) in a module of its own. */
export interface LazyFormSending extends FormSending {
  /** Starts loading the sending code, once; the element calls it when the person first works on the form. */
  __load(): Promise<FormSending>;
  /** What words a derived value's output, once the code is there (until then the output is empty). */
  readonly __format: FieldFormat | undefined;
}

/** What the file of the sending code gives. */
export interface SendingModule {
  readonly createFormSending: typeof createFormSending;
  readonly formatAnswer?: FieldFormat;
  /** The styles of what it draws, which the element adds to its shadow root. */
  readonly styles?: readonly CSSResult[];
}

const IDLE: SendState = { kind: 'idle' };
/** Shown when the sending code itself could not be fetched: the same notice as a send without a connection. */
const UNREACHABLE: SendState = { kind: 'failed' };

/**
 * Sending `<cf-form>`'s data, loaded when needed: a page shows its first control without the code that sends, and
 * the embed build puts that code (`form-sending.ts` and the `SubmissionController`) into a file of its own beside
 * the bundle, `cf-form.sending.js`. It is fetched when the person first types or moves into the form, so it is
 * there long before "Send"; a send before that waits for it. Checking the data comes first and needs none of it:
 * a form with problems shows them at once. If the file cannot be fetched, the form says it could not be sent for
 * want of a connection, keeps the answers, and tries to fetch it again on the next send.
 */
export function createLazyFormSending(
  context: FormContext,
  drafts: FormDrafts,
  importSending: () => Promise<SendingModule> = () => import('./form-sending.js'),
): LazyFormSending {
  const { __host: host } = context;
  let sending: FormSending | undefined;
  let format: FieldFormat | undefined;
  let loading: Promise<FormSending> | undefined;
  let delays: readonly number[] | undefined;
  let unreachable = false;

  const load = (): Promise<FormSending> =>
    (loading ??= importSending().then(
      ({ createFormSending, formatAnswer, styles }) => {
        format = formatAnswer;
        // The new styles, and derived values' outputs, which fill in now.
        takeStyles(context, styles ?? []);
        sending = createFormSending(context, drafts);
        if (delays) sending.__retryDelays = delays;
        return sending;
      },
      (cause: unknown) => {
        loading = undefined;
        throw cause;
      },
    ));

  return {
    get __format() {
      return format;
    },

    get __state() {
      return sending?.__state ?? (unreachable ? UNREACHABLE : IDLE);
    },

    set __retryDelays(value: readonly number[]) {
      delays = value;
      if (sending) sending.__retryDelays = value;
    },

    // Before the code is there no send has begun, unless fetching the code failed: then it could not be sent.
    __renderState: (strings) =>
      sending
        ? sending.__renderState(strings)
        : unreachable
          ? html`<div class="notice notice-error" part="notice" id="cf-refusal" role="alert" tabindex="-1"><p>${strings.failedNetwork}</p></div>`
          : nothing,

    __renderMoved: (strings) => sending?.__renderMoved(strings) ?? nothing,

    __renderSent: (strings, headingLevel, standing) => sending?.__renderSent(strings, headingLevel, standing) ?? nothing,

    __notesReady: () => sending?.__notesReady() ?? Promise.resolve(),

    // The navigation waits for the code before it shows the review; should the review be shown before that after
    // all, it fills in once the code is there.
    __renderReview(strings, level, fileLabels) {
      if (sending) return sending.__renderReview(strings, level, fileLabels);
      // Once it is there the form draws again (see `load`).
      load().catch(() => undefined);
      return nothing;
    },

    __load: load,

    async __send() {
      // Before the code that checks answers has come, nothing is sent (and nothing is shown as wrong).
      if (!sending && !context.__validation.__checked()?.attemptSend()) {
        host.requestUpdate();
        await focusSummary(host);
        return;
      }
      let loaded: FormSending;
      try {
        loaded = await load();
      } catch (cause) {
        unreachable = true;
        host.requestUpdate();
        host.dispatchEvent(new CfErrorEvent({ kind: 'network', willRetry: false, cause }));
        return;
      }
      unreachable = false;
      return loaded.__send();
    },
  };
}
