import type { BaseElement as LitElement } from '../internal/base-element.js';
import { checkedSession, hasAllTexts, pointerToFieldPath, type FormSession } from '@civicflow/core/runtime';
import { idFor } from '../internal/pointer-data.js';
import { CfPageEvent } from '../events/page.js';
import { CfErrorEvent } from '../events/error.js';
import type { CfFocusFieldEvent } from '../events/focus-field.js';
import type { FormContext } from './form-context.js';
import type { FormDrafts } from './form-drafts.js';
import type { LazyFormSending } from './form-sending-lazy.js';
import { focusOn, focusSummary, settled } from './form-focus.js';

/** The page's title, or the form's when the page has none. */
export function focusTitle(host: LitElement): void {
  focusOn(host, host.renderRoot.querySelector('#cf-page-title') ? '#cf-page-title' : '#cf-title');
}

/** The control of the field at a pointer (the first one of a group). */
export function focusField(host: LitElement, pointer: string): void {
  const target = host.renderRoot.querySelector<HTMLElement>(`#${idFor(pointer)}`);
  if (!target) return;
  const control = target.matches('input, select, textarea') ? target : target.querySelector<HTMLElement>('input, select, textarea, button');
  control?.focus();
  target.scrollIntoView?.({ block: 'center' });
}

/**
 * Moving through `<cf-form>`: "continue", "back", a summary link to a field, and continuing or dropping a draft.
 * The embed build puts this code into `cf-form.validation.js` (see `createLazyNavigation`): a press moves only once
 * the code that checks answers is there.
 */
export interface FormNavigation {
  readonly __onSubmit: (e: Event) => Promise<void>;
  readonly __onBack: () => Promise<void>;
  /** A link of the error summary: to the field's page if need be, then to the field. */
  readonly __onFocusField: (e: CfFocusFieldEvent) => Promise<void>;
  readonly __resume: () => Promise<void>;
  /** Dropping the offered draft, which needs no code that comes later (see `createLazyNavigation`). */
  readonly __discard: () => Promise<void>;
}

/** What of the navigation comes with the code that checks answers: all of it but dropping a draft. */
export type FormMoves = Omit<FormNavigation, '__discard'>;

export function createFormNavigation(context: FormContext, drafts: FormDrafts, sending: LazyFormSending): FormMoves {
  const host = context.__host;
  /** Whether a "continue" or a resume waits for the sending code: further presses meanwhile move no further. */
  let waiting = false;

  /** Whether "continue" leads from this page to the review: the page has no problems and no shown page follows it. */
  const leadsToReview = (s: FormSession) => {
    const place = s.place;
    if ('review' in place || s.errorsOnPage(place.page).length > 0) return false;
    return s.returnToReview || (s.review && !s.visiblePages().some((p) => p > place.page));
  };

  const emitPage = () => {
    const s = context.__session!;
    const pages = s.visiblePages();
    const steps = pages.length + (s.review ? 1 : 0);
    const place = s.place;
    const detail =
      'review' in place
        ? { page: 'review', step: steps, steps }
        : {
            page: s.page(place.page).id,
            step: pages.indexOf(place.page) + 1,
            steps,
          };
    host.dispatchEvent(new CfPageEvent(detail));
  };

  /**
   * Waits for the code that checks answers (and the words of the later pages, which come with it); false when it could
   * not be fetched (the form says so, and the next press tries again).
   */
  /**
   * The session shown, as the full one it is: this code comes with the code that checks answers, whose arrival turned
   * every session into one (`LazyValidation.__checked`).
   */
  const session = (): FormSession | undefined => {
    const s = context.__session;
    return s && checkedSession(s);
  };

  const validated = async (s: FormSession): Promise<boolean> => {
    try {
      await context.__validation.__load();
      return s.validated && hasAllTexts(s.compiled);
    } catch (cause) {
      host.requestUpdate();
      host.dispatchEvent(new CfErrorEvent({ kind: 'network', willRetry: false, cause }));
      return false;
    }
  };

  const pageChanged = async () => {
    drafts.__save();
    host.requestUpdate();
    await settled(host);
    emitPage();
    focusTitle(host);
  };

  return {
    __onSubmit: async (e) => {
      e.preventDefault();
      const s = session();
      if (!s || context.__phase !== 'form') return;
      if (waiting) return;
      // The code that checks answers comes at the first focus or keystroke, like the sending code: there by now,
      // unless the person clicked through without either. Nothing moves on unchecked: the press waits for it.
      if (!s.validated || !hasAllTexts(s.compiled)) {
        waiting = true;
        try {
          if (!(await validated(s))) return;
        } finally {
          waiting = false;
        }
        if (context.__session !== s || context.__phase !== 'form') return;
      }
      if (s.isLastStep()) return sending.__send();
      // The review is drawn by the sending code, fetched at the first focus or keystroke: there by now, unless the
      // person clicked through without either (a click that moves no focus); a "continue" that leads to the review
      // waits for it, so the review never shows empty. Should it fail, the page still changes.
      if (leadsToReview(s)) {
        waiting = true;
        try {
          await sending.__load().catch(() => undefined);
        } finally {
          waiting = false;
        }
        if (context.__session !== s || context.__phase !== 'form') return;
      }
      if (s.next()) await pageChanged();
      else {
        host.requestUpdate();
        await focusSummary(host);
      }
    },

    __onBack: async () => {
      if (session()?.back()) await pageChanged();
    },

    __onFocusField: async (e) => {
      const s = context.__session;
      if (!s) return;
      const { pointer } = e.detail;
      const page = s.pageOf(pointerToFieldPath(pointer));
      const place = s.place;
      if (page >= 0 && ('review' in place || place.page !== page)) {
        s.goTo({ page });
        host.requestUpdate();
        await settled(host);
        emitPage();
      }
      focusField(host, pointer);
    },

    __resume: async () => {
      const s = context.__session;
      const offer = drafts.__offer;
      if (!s || !offer) return;
      // A draft may go on at the review, which the sending code draws (see above).
      if (waiting) return;
      waiting = true;
      let worded = true;
      try {
        // Its answers are checked once the code for that is there: nothing moves on before (see `__onSubmit`).
        void context.__validation.__load().catch(() => undefined);
        // The draft's page shows with its words: a page after the first waits for them (fetched with that code).
        const [texts] = await Promise.allSettled([context.__texts(), sending.__load()]);
        if (texts.status === 'rejected') {
          worded = false;
          host.dispatchEvent(new CfErrorEvent({ kind: 'network', willRetry: false, cause: texts.reason }));
        }
      } finally {
        waiting = false;
      }
      if (context.__session !== s || drafts.__offer !== offer) return;
      // Without them the offer stays, saying that the form could not be loaded; the next press tries again.
      if (!worded) {
        host.requestUpdate();
        await settled(host);
        focusOn(host, '#cf-refusal');
        return;
      }
      drafts.__resume(s, offer);
      context.__phase = 'form';
      await pageChanged();
    },
  };
}
