import { pointerToFieldPath } from '@civicflow/core/runtime';
import { CfPageEvent } from '../events/page.js';
import type { CfFocusFieldEvent } from '../events/focus-field.js';
import type { FormContext } from './form-context.js';
import type { FormDrafts } from './form-drafts.js';
import type { FormSending } from './form-sending.js';
import { focusField, focusOn, focusSummary, focusTitle, settled } from './form-focus.js';

/** Moving through `<cf-form>`: "continue", "back", a summary link to a field, and continuing or dropping a draft. */
export class FormNavigation {
  readonly #context: FormContext;
  readonly #drafts: FormDrafts;
  readonly #sending: FormSending;

  constructor(context: FormContext, drafts: FormDrafts, sending: FormSending) {
    this.#context = context;
    this.#drafts = drafts;
    this.#sending = sending;
  }

  __onSubmit = async (e: Event) => {
    e.preventDefault();
    const { __host: host, __session: s, __phase: phase } = this.#context;
    if (!s || phase !== 'form') return;
    if (s.isLastStep()) return this.#sending.__send();
    if (s.next()) await this.#pageChanged();
    else {
      host.requestUpdate();
      await focusSummary(host);
    }
  };

  __onBack = async () => {
    if (this.#context.__session?.back()) await this.#pageChanged();
  };

  /** A link of the error summary: to the field's page if need be, then to the field. */
  __onFocusField = async (e: CfFocusFieldEvent) => {
    const { __host: host, __session: s } = this.#context;
    if (!s) return;
    const { pointer } = e.detail;
    const page = s.pageOf(pointerToFieldPath(pointer));
    const place = s.place;
    if (page >= 0 && ('review' in place || place.page !== page)) {
      s.goTo({ page });
      host.requestUpdate();
      await settled(host);
      this.#emitPage();
    }
    focusField(host, pointer);
  };

  __resume = async () => {
    const s = this.#context.__session;
    const offer = this.#drafts.__offer;
    if (!s || !offer) return;
    this.#drafts.__resume(s, offer);
    this.#context.__phase = 'form';
    await this.#pageChanged();
  };

  __discard = async () => {
    const context = this.#context;
    const host = context.__host;
    this.#drafts.__discard();
    context.__phase = 'form';
    host.requestUpdate();
    await settled(host);
    focusOn(host, '#cf-title');
  };

  async #pageChanged(): Promise<void> {
    const host = this.#context.__host;
    this.#drafts.__save();
    host.requestUpdate();
    await settled(host);
    this.#emitPage();
    focusTitle(host);
  }

  #emitPage(): void {
    const context = this.#context;
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
    context.__host.dispatchEvent(new CfPageEvent(detail));
  }
}
