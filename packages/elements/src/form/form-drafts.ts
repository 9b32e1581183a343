import { withoutPersonalData, type FormSession } from '@civicflow/core/runtime';
import { DraftController, type Draft } from '../internal/draft-controller.js';
import type { FormContext } from './form-context.js';

/**
 * `<cf-form>`'s drafts: the answers saved as the person goes (without personal fields if asked), offered
 * again on the next visit, deleted on request or once sent. Storing them is `DraftController`'s job.
 */
export interface FormDrafts {
  /** The saved draft offered to continue, until it is resumed or discarded. */
  __offer: Draft | undefined;
  /** Set once the person deleted their draft: nothing more is saved. */
  __stopped: boolean;
  /** The answers given in an older version of the program, saved with every draft until the form is sent. */
  __previous: Draft['previous'];
  /** Looks for a saved draft of this program and form (when drafts are on); returns whether there is one to offer. */
  __findOffer(s: FormSession): boolean;
  /** Saves soon, or at once with `now`. */
  __save(now?: boolean): void;
  /** Puts the offered draft's answers into the session and goes to where it was left, with the key of its send. */
  __resume(s: FormSession, offer: Draft): void;
  /** Starts afresh: the offered draft is deleted. */
  __discard(): void;
  /** The person deleted their draft: it goes, and nothing more is saved. */
  __stop(): void;
  __clear(): void;
}

export function createFormDrafts(context: FormContext): FormDrafts {
  const host = context.__host;
  const store = new DraftController(host, () => {
    const s = context.__session;
    if (!host.drafts || !s) return undefined;
    return host.draftKey || `cf-draft:${s.compiled.program.id}:${s.formId}`;
  });

  const make = (): Draft | undefined => {
    const s = context.__session;
    if (!s || context.__phase !== 'form' || drafts.__stopped) return undefined;
    const program = s.compiled.program;
    const data = host.draftsOmitPersonal ? withoutPersonalData(program, s.formId, s.data) : s.data;
    const place = 'review' in s.place ? 'review' : s.page(s.place.page).id;
    return {
      v: 1,
      program: program.ref,
      form: s.formId,
      data,
      place,
      savedAt: new Date().toISOString(),
      idempotency: context.__idempotency,
      ...(drafts.__previous ? { previous: drafts.__previous } : {}),
    };
  };

  const drafts: FormDrafts = {
    __offer: undefined,
    __stopped: false,
    __previous: undefined,

    __findOffer(s) {
      const draft = host.drafts ? store.read() : undefined;
      drafts.__offer = draft && draft.program === s.compiled.program.ref && draft.form === s.formId ? draft : undefined;
      return drafts.__offer !== undefined;
    },

    __save(now = false) {
      if (!host.drafts || drafts.__stopped) return;
      store.schedule(make);
      if (now) store.flush();
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
      store.clear();
      drafts.__previous = undefined;
      drafts.__offer = undefined;
    },

    __stop() {
      store.clear();
      drafts.__stopped = true;
    },

    __clear() {
      store.clear();
      drafts.__previous = undefined;
    },
  };
  return drafts;
}
