import { pointerToFieldPath } from '@civicflow/core/runtime';
import { CfPageEvent } from '../events/page.js';
import type { CfFocusFieldEvent } from '../events/focus-field.js';
import type { FormContext } from './form-context.js';
import type { FormDrafts } from './form-drafts.js';
import { focusField, focusOn, focusSummary, focusTitle, settled } from './form-focus.js';
import type { FormSending } from './form-sending.js';

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

  onSubmit = async (e: Event) => {
    e.preventDefault();
    const s = this.#context.session();
    if (!s || this.#context.phase() !== 'form') return;
    if (s.isLastStep()) return this.#sending.send();
    if (s.next()) await this.#pageChanged();
    else {
      this.#context.host.requestUpdate();
      await focusSummary(this.#context.host);
    }
  };

  onBack = async () => {
    if (this.#context.session()?.back()) await this.#pageChanged();
  };

  /** A link of the error summary: to the field's page if need be, then to the field. */
  onFocusField = async (e: CfFocusFieldEvent) => {
    const s = this.#context.session();
    if (!s) return;
    const { host } = this.#context;
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

  resume = async () => {
    const s = this.#context.session();
    const offer = this.#drafts.offer;
    if (!s || !offer) return;
    this.#sending.idempotency = this.#drafts.resume(s, offer);
    this.#context.setPhase('form');
    await this.#pageChanged();
  };

  discard = async () => {
    const { host } = this.#context;
    this.#drafts.discard();
    this.#context.setPhase('form');
    host.requestUpdate();
    await settled(host);
    focusOn(host, '#cf-title');
  };

  async #pageChanged(): Promise<void> {
    const { host } = this.#context;
    this.#drafts.save();
    host.requestUpdate();
    await settled(host);
    this.#emitPage();
    focusTitle(host);
  }

  #emitPage(): void {
    const s = this.#context.session()!;
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
    this.#context.host.dispatchEvent(new CfPageEvent(detail));
  }
}
