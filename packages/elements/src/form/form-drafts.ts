import { redact, type FormSession } from '@civicflow/core/runtime';
import { DraftController, type Draft } from '../internal/draft-controller.js';
import type { FormContext } from './form-context.js';

/**
 * `<cf-form>`'s drafts: the answers saved as the person goes (without personal fields if asked), offered
 * again on the next visit, deleted on request or once sent. Storing them is `DraftController`'s job.
 */
export class FormDrafts {
  /** The saved draft offered to continue, until it is resumed or discarded. */
  __offer: Draft | undefined;
  /** Set once the person deleted their draft: nothing more is saved. */
  __stopped = false;
  readonly #store: DraftController;
  readonly #context: FormContext;

  constructor(context: FormContext) {
    this.#context = context;
    this.#store = new DraftController(context.__host, () => this.#key());
  }

  #key(): string | undefined {
    const { __host: host, __session: s } = this.#context;
    if (!host.drafts || !s) return undefined;
    return host.draftKey || `cf-draft:${s.compiled.program.id}:${s.formId}`;
  }

  /** Looks for a saved draft of this program and form (when drafts are on); returns whether there is one to offer. */
  __findOffer(s: FormSession): boolean {
    const draft = this.#context.__host.drafts ? this.#store.read() : undefined;
    this.__offer = draft && draft.program === s.compiled.program.ref && draft.form === s.formId ? draft : undefined;
    return this.__offer !== undefined;
  }

  /** Saves soon, or at once with `now`. */
  __save(now = false): void {
    if (!this.#context.__host.drafts || this.__stopped) return;
    this.#store.schedule(() => this.#make());
    if (now) this.#store.flush();
  }

  #make(): Draft | undefined {
    const { __host: host, __session: s, __phase: phase, __idempotency: idempotency } = this.#context;
    if (!s || phase !== 'form' || this.__stopped) return undefined;
    const program = s.compiled.program;
    const data = host.draftsOmitPersonal ? redact(program, s.formId, s.data) : s.data;
    const place = 'review' in s.place ? 'review' : s.page(s.place.page).id;
    return {
      v: 1,
      program: program.ref,
      form: s.formId,
      data,
      place,
      savedAt: new Date().toISOString(),
      idempotency,
    };
  }

  /** Puts the offered draft's answers into the session and goes to where it was left, with the key of its send. */
  __resume(s: FormSession, offer: Draft): void {
    s.data = offer.data;
    s.refresh();
    const index = s.layout.pages.findIndex((p) => p.id === offer.place);
    const pages = s.visiblePages();
    s.goTo(offer.place === 'review' && s.review ? { review: true } : { page: pages.includes(index) ? index : (pages[0] ?? 0) });
    this.__offer = undefined;
    this.#context.__idempotency = offer.idempotency;
  }

  /** Starts afresh: the offered draft is deleted. */
  __discard(): void {
    this.#store.clear();
    this.__offer = undefined;
  }

  /** The person deleted their draft: it goes, and nothing more is saved. */
  __stop(): void {
    this.#store.clear();
    this.__stopped = true;
  }

  __clear(): void {
    this.#store.clear();
  }
}
