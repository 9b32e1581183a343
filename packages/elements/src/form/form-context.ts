import type { CSSResult } from '../internal/lit.js';
import type { FormSession, FormSessionBase } from '@civicflow/core/runtime';
import type { Draft } from '../internal/draft-storage.js';
import type { UiStrings } from '../internal/ui-strings.js';
import type { CfForm } from './form.js';
import type { SubmissionCopy } from '../internal/submission-copy.js';
import type { LazyValidation } from './form-validation-lazy.js';

/**
 * Adds the styles a file imported later brought (the validation or sending code, drafts, the language switch) to what
 * the form's shadow root adopts, each once, and draws the form again with them.
 */
export function takeStyles(context: Pick<FormContext, '__styles' | '__host'>, styles: readonly CSSResult[]): void {
  const have = context.__styles;
  for (const sheet of styles) if (!have.includes(sheet)) have.push(sheet);
  context.__host.requestUpdate();
}

/**
 * What `<cf-form>` shows: loading, a failed load, that the form is outside its periods, the choice of a saved
 * draft, the form, or the confirmation.
 */
export type Phase = 'loading' | 'failed' | 'closed' | 'resume' | 'form' | 'done';

/** The idempotency key of a send, and a fingerprint of the body it was for. */
export type Idempotency = NonNullable<Draft['idempotency']>;

/**
 * The state of a `<cf-form>` that its parts share: the element keeps it private and hands it to them, and each
 * reads and sets the values here instead of asking another part.
 *
 * Members named `__…` (here and in the parts) never leave the element and its parts: the embed build shortens
 * them as it does local names (scripts/build-embed.mjs). Whatever the host page or another element may read
 * keeps its plain name.
 */
export interface FormContext {
  readonly __host: CfForm;
  readonly __internals: ElementInternals;
  /**
   * The loaded form; set by the loader. It is a full `FormSession` once the code that checks answers is here (see
   * `LazyValidation.__checked`), before that only what showing the form needs.
   */
  __session: FormSessionBase | undefined;
  /** The code that checks answers, fetched when first needed (see `createLazyValidation`). */
  readonly __validation: LazyValidation;
  /**
   * The rest of the program's words, for a definition that holds only those of the first pages (see
   * `FormLoader.__texts`): fetched with the code that checks answers, which waits for them.
   */
  __texts(): Promise<void>;
  __phase: Phase;
  /** What the live region says. */
  __announcement: string;
  /** The key of the latest send; the same data keeps it, so a send retried from a draft is stored once. */
  __idempotency: Idempotency | undefined;
  /** What a chosen file is called in the person's language, by field pointer. */
  readonly __fileLabels: Map<string, string>;
  /** The applicant's copy of what they sent, when the server offers one (after sending). */
  __copy: SubmissionCopy | undefined;
  /**
   * Styles that came with a file imported after the first page (the error summary's with the validation code, the
   * review's and the confirmation's with the sending code): the element adds them to its shadow root once they are
   * here, before it draws what they style.
   */
  readonly __styles: CSSResult[];
  /** The widget's wording in the form's language. */
  __strings(): UiStrings;
  /**
   * Shows another version of the program in place of the one loaded (the server no longer takes this one): loads it
   * from `src`, opens the same form in a session that `prepare` fills before it is shown, and sends to `action` from
   * then on. Rejects, changing nothing, when the version could not be loaded.
   */
  __changeVersion(src: string, action: string, prepare: (session: FormSession) => void): Promise<FormSession>;
}
