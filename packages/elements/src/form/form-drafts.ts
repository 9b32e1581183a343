import { nothing, type TemplateResult } from '../internal/lit.js';
import type { FormSessionBase } from '@civicflow/core/runtime';
import type { Draft } from '../internal/draft-storage.js';
import { takeStyles, type FormContext } from './form-context.js';
import type { FormView } from './render-form.js';

/**
 * `<cf-form>`'s drafts: the answers saved as the person goes (without personal fields if asked), offered
 * again on the next visit, deleted on request or once sent. What does all that is a file of its own,
 * `cf-form.drafts.js` (form-drafts-kept.ts), which a form with `drafts` imports alongside its program (`__load`); this
 * object stands in for it, keeps the state the form's parts read, and does nothing for a form without drafts.
 */
export interface FormDrafts {
  /** The saved draft offered to continue, until it is resumed or discarded. */
  __offer: Draft | undefined;
  /** Set once the person deleted their draft: nothing more is saved. */
  __stopped: boolean;
  /** The answers given in an older version of the program, saved with every draft until the form is sent. */
  __previous: Draft['previous'];
  /** Looks for a saved draft of this program and form (when drafts are on); returns whether there is one to offer. */
  __findOffer(s: FormSessionBase): boolean;
  /** Saves soon, or at once with `now`. */
  __save(now?: boolean): void;
  /** Puts the offered draft's answers into the session and goes to where it was left, with the key of its send. */
  __resume(s: FormSessionBase, offer: Draft): void;
  /** Starts afresh: the offered draft is deleted. */
  __discard(): void;
  /** The person deleted their draft: it goes, and nothing more is saved. */
  __stop(): void;
  __clear(): void;
  /** Fetches the file that does drafts, once; resolves when it is there or could not be fetched (no drafts then). */
  __load(): Promise<void>;
  /** The choice between the offered draft and a fresh start (a draft is only offered once the file is here). */
  __renderResume(view: FormView): TemplateResult;
  /** The note that answers are saved in this browser; nothing until the file is here (it draws again then). */
  __renderNote(view: FormView): TemplateResult | typeof nothing;
}

/** What the file that does drafts adds to the stand-in (see `createKeptDrafts`). */
export type KeptDrafts = Omit<FormDrafts, '__offer' | '__stopped' | '__previous' | '__load'>;

export function createFormDrafts(context: FormContext): FormDrafts {
  const host = context.__host;
  let kept: KeptDrafts | undefined;
  let coming: Promise<void> | undefined;
  const drafts: FormDrafts = {
    __offer: undefined,
    __stopped: false,
    __previous: undefined,
    __findOffer: (s) => kept?.__findOffer(s) ?? false,
    __save(now) {
      if (!host.drafts || drafts.__stopped) return;
      // Drafts switched on after the form showed: saved once the file is here.
      if (kept) kept.__save(now);
      else void drafts.__load().then(() => kept?.__save(now));
    },
    __resume: (s, offer) => kept?.__resume(s, offer),
    __discard: () => kept?.__discard(),
    __stop: () => kept?.__stop(),
    __clear() {
      kept?.__clear();
      drafts.__previous = undefined;
    },
    __load: () =>
      (coming ??= import('./form-drafts-kept.js').then(
        (m) => {
          kept = m.createKeptDrafts(context, drafts);
          takeStyles(context, m.styles);
        },
        () => {
          // The form works on without drafts; the next save tries again.
          coming = undefined;
        },
      )),
    __renderResume: (view) => kept!.__renderResume(view),
    __renderNote(view) {
      if (kept) return kept.__renderNote(view);
      void drafts.__load();
      return nothing;
    },
  };
  return drafts;
}
