import { redact, type FormSession } from '@civicflow/core/runtime';
import { DraftController, type Draft } from '../internal/draft-controller.js';
import type { FormContext } from './form-context.js';

/** The idempotency key of a send, and a fingerprint of the body it was for. */
export type Idempotency = NonNullable<Draft['idempotency']>;

/**
 * `<cf-form>`'s drafts: the answers saved as the person goes (without personal fields if asked), offered
 * again on the next visit, deleted on request or once sent. Storing them is `DraftController`'s job.
 */
export class FormDrafts {
  /** The saved draft offered to continue, until it is resumed or discarded. */
  offer: Draft | undefined;
  /** Set once the person deleted their draft: nothing more is saved. */
  stopped = false;
  readonly #store: DraftController;
  readonly #context: FormContext;
  /** The idempotency of the latest send, kept with the draft. */
  readonly #idempotency: () => Idempotency | undefined;

  constructor(context: FormContext, idempotency: () => Idempotency | undefined) {
    this.#context = context;
    this.#idempotency = idempotency;
    this.#store = new DraftController(context.host, () => this.#key());
  }

  #key(): string | undefined {
    const s = this.#context.session();
    if (!this.#context.host.drafts || !s) return undefined;
    return this.#context.host.draftKey || `cf-draft:${s.compiled.program.id}:${s.formId}`;
  }

  /** Looks for a saved draft of this program and form (when drafts are on); returns whether there is one to offer. */
  findOffer(s: FormSession): boolean {
    const draft = this.#context.host.drafts ? this.#store.read() : undefined;
    this.offer = draft && draft.program === s.compiled.program.ref && draft.form === s.formId ? draft : undefined;
    return this.offer !== undefined;
  }

  /** Saves soon, or at once with `now`. */
  save(now = false): void {
    if (!this.#context.host.drafts || this.stopped) return;
    this.#store.schedule(() => this.#make());
    if (now) this.#store.flush();
  }

  #make(): Draft | undefined {
    const s = this.#context.session();
    if (!s || this.#context.phase() !== 'form' || this.stopped) return undefined;
    const program = s.compiled.program;
    const data = this.#context.host.draftsOmitPersonal ? redact(program, s.formId, s.data) : s.data;
    const place = 'review' in s.place ? 'review' : s.page(s.place.page).id;
    return {
      v: 1,
      program: program.ref,
      form: s.formId,
      data,
      place,
      savedAt: new Date().toISOString(),
      idempotency: this.#idempotency(),
    };
  }

  /** Puts the offered draft's answers into the session and goes to where it was left; returns its idempotency. */
  resume(s: FormSession, offer: Draft): Idempotency | undefined {
    s.data = offer.data;
    s.refresh();
    const index = s.layout.pages.findIndex((p) => p.id === offer.place);
    const pages = s.visiblePages();
    s.goTo(offer.place === 'review' && s.review ? { review: true } : { page: pages.includes(index) ? index : (pages[0] ?? 0) });
    this.offer = undefined;
    return offer.idempotency;
  }

  /** Starts afresh: the offered draft is deleted. */
  discard(): void {
    this.#store.clear();
    this.offer = undefined;
  }

  /** The person deleted their draft: it goes, and nothing more is saved. */
  stop(): void {
    this.#store.clear();
    this.stopped = true;
  }

  clear(): void {
    this.#store.clear();
  }
}
