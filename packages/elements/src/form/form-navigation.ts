import { pointerToFieldPath } from '@civicflow/core/runtime';
import { CfPageEvent } from '../events/page.js';
import type { CfFocusFieldEvent } from '../events/focus-field.js';
import type { FormContext } from './form-context.js';
import type { FormDrafts } from './form-drafts.js';
import type { FormSending } from './form-sending.js';
import { focusField, focusOn, focusSummary, focusTitle, settled } from './form-focus.js';

/** Moving through `<cf-form>`: "continue", "back", a summary link to a field, and continuing or dropping a draft. */
export interface FormNavigation {
  readonly __onSubmit: (e: Event) => Promise<void>;
  readonly __onBack: () => Promise<void>;
  /** A link of the error summary: to the field's page if need be, then to the field. */
  readonly __onFocusField: (e: CfFocusFieldEvent) => Promise<void>;
  readonly __resume: () => Promise<void>;
  readonly __discard: () => Promise<void>;
}

export function createFormNavigation(context: FormContext, drafts: FormDrafts, sending: FormSending): FormNavigation {
  const host = context.__host;

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
      const s = context.__session;
      if (!s || context.__phase !== 'form') return;
      if (s.isLastStep()) return sending.__send();
      if (s.next()) await pageChanged();
      else {
        host.requestUpdate();
        await focusSummary(host);
      }
    },

    __onBack: async () => {
      if (context.__session?.back()) await pageChanged();
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
      drafts.__resume(s, offer);
      context.__phase = 'form';
      await pageChanged();
    },

    __discard: async () => {
      drafts.__discard();
      context.__phase = 'form';
      host.requestUpdate();
      await settled(host);
      focusOn(host, '#cf-title');
    },
  };
}
