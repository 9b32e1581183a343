import type { FormSessionBase } from '@civicflow/core/runtime';
import { readDraft, removeDraft, type Draft } from '../internal/draft-storage.js';
import type { FormContext } from './form-context.js';
import type { DraftWriter } from './draft-writer.js';

/**
 * `<cf-form>`'s drafts: the answers saved as the person goes (without personal fields if asked), offered
 * again on the next visit, deleted on request or once sent. Reading and deleting them is here (a draft is offered
 * as the form starts); writing them comes with the code that checks answers (`createDraftWriter`).
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
}

export function createFormDrafts(context: FormContext): FormDrafts {
  const host = context.__host;
  const key = () => {
    const s = context.__session;
    if (!host.drafts || !s) return undefined;
    return host.draftKey || `cf-draft:${s.compiled.program.id}:${s.formId}`;
  };
  let writer: DraftWriter | undefined;
  /** Set while a save waits for the code that writes drafts. */
  let waiting = false;
  const clear = () => {
    writer?.__cancel();
    removeDraft(key());
  };

  const drafts: FormDrafts = {
    __offer: undefined,
    __stopped: false,
    __previous: undefined,

    __findOffer(s) {
      const draft = host.drafts ? readDraft(key()) : undefined;
      drafts.__offer = draft && draft.program === s.compiled.program.ref && draft.form === s.formId ? draft : undefined;
      return drafts.__offer !== undefined;
    },

    __save(now = false) {
      if (!host.drafts || drafts.__stopped) return;
      const create = context.__validation.__module?.createDraftWriter;
      if (create) return (writer ??= create(context, drafts, key)).__save(now);
      // A draft is written by code that comes with the code that checks answers, fetched at the first focus or
      // keystroke: a change before it is there is saved once it is (with every answer given by then). After a failed
      // fetch, the next press fetches it again, and the next change after that saves.
      if (waiting || context.__validation.__failed) return;
      waiting = true;
      const then = () => {
        waiting = false;
        if (context.__validation.__module) drafts.__save();
      };
      context.__validation.__load().then(then, then);
    },

    __resume(s, offer) {
      s.data = offer.data;
      s.refresh();
      const index = s.layout.pages.findIndex((p) => p.id === offer.place);
      const pages = s.visiblePages();
      s.goTo(offer.place === 'review' && s.review ? { review: true } : { page: pages.includes(index) ? index : (pages[0] ?? 0) });
      drafts.__offer = undefined;
      drafts.__previous = offer.previous;
      context.__idempotency = offer.idempotency;
    },

    __discard() {
      clear();
      drafts.__previous = undefined;
      drafts.__offer = undefined;
    },

    __stop() {
      clear();
      drafts.__stopped = true;
    },

    __clear() {
      clear();
      drafts.__previous = undefined;
    },
  };
  return drafts;
}
