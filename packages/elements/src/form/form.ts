import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { FormSession, definitionLocale, parsePointer, pointerToFieldPath, redact, textKeys } from '@civicflow/core/runtime';
import type { CompiledProgram, LaidOutField, ValidationError } from '@civicflow/core/runtime';
import { formTexts } from '../internal/form-texts.js';
import type { FieldSpec } from '../internal/field-specs.js';
import { inLocale, loadProgram, type LoadedProgram, type ProgramSource } from '../internal/load-program.js';
import { directionOf, fillString, uiStrings, type UiStrings } from '../internal/ui-strings.js';
import { textLocaleOf } from '../internal/program-texts.js';
import { idFor } from '../internal/pointer-data.js';
import { heading } from '../internal/heading.js';
import { reviewSections } from '../internal/review-sections.js';
import { DraftController, type Draft } from '../internal/draft-controller.js';
import { SubmissionController } from '../internal/submission-controller.js';
import { createUuid } from '../internal/uuid.js';
import { hashString } from '../internal/hash-string.js';
import { describeFile, type UploadHook } from '../field/field.js';
import type { SummaryItem } from '../error-summary/error-summary.js';
import type { Step } from '../steps/steps.js';
import { CfChangeEvent } from '../events/change.js';
import { CfPageEvent } from '../events/page.js';
import { CfSubmitEvent } from '../events/submit.js';
import { CfSubmittedEvent } from '../events/submitted.js';
import { CfErrorEvent } from '../events/error.js';
import type { CfFieldInputEvent } from '../events/field-input.js';
import type { CfFieldProblemEvent } from '../events/field-problem.js';
import type { CfFocusFieldEvent } from '../events/focus-field.js';
import { themeStyles } from '../internal/theme.styles.js';
import { formStyles } from './form.styles.js';
import { fieldStyles } from '../field/field.styles.js';
import { errorSummaryStyles } from '../error-summary/error-summary.styles.js';
import { stepsStyles } from '../steps/steps.styles.js';
import { reviewStyles } from '../review/review.styles.js';

type Phase = 'loading' | 'failed' | 'resume' | 'form' | 'done';

/**
 * @summary A program's form for citizens: pages as a wizard with a step indicator, validation with the
 * program's precompiled validators, conditions, repeatable groups, a review, drafts and sending.
 *
 * @event cf-change - A value changed. `detail: { pointer, value, data }`.
 * @event cf-page - Another page (or the review) is shown. `detail: { page, step, steps }`.
 * @event cf-submit - Valid data is about to be sent; cancel it to send it yourself. `detail: { data, idempotencyKey }`.
 * @event cf-submitted - The server accepted the data. `detail: { reference, response }`.
 * @event cf-error - Loading, sending or an upload failed, or the server refused data. `detail: { kind, status?, errors?, willRetry }`.
 *
 * @csspart base - The outer box (carries `lang` and `dir`).
 * @csspart form - The form.
 * @csspart title - The form's title.
 * @csspart description - The program's description on the first page.
 * @csspart page - The current page.
 * @csspart page-title - The current page's title.
 * @csspart group - A group of fields (fieldset); `legend` is its title.
 * @csspart list - A repeatable group; `entry` is one of its entries, `entry-legend` an entry's title.
 * @csspart actions - The row of "back", "continue" and "send".
 * @csspart button - Every button; `button-primary` and `button-secondary` tell them apart.
 * @csspart notice - Messages about sending, drafts and loading.
 * @csspart resume - The choice to continue a saved draft or start again.
 * @csspart confirmation - The confirmation after sending; `reference` is the case reference in it.
 * @csspart draft-note - The note that answers are saved in this browser.
 *
 * Fields, the step indicator, the error summary and the review expose their own parts (see `<cf-field>`,
 * `<cf-steps>`, `<cf-error-summary>`, `<cf-review>`): they are rendered in this element's shadow root.
 */
export class CfForm extends LitElement {
  static formAssociated = true;

  static override styles = [themeStyles, formStyles, fieldStyles, errorSummaryStyles, stepsStyles, reviewStyles];

  static override properties = {
    src: {},
    program: { attribute: false },
    form: {},
    locale: {},
    action: {},
    drafts: { type: Boolean },
    draftsOmitPersonal: { type: Boolean, attribute: 'drafts-omit-personal' },
    draftKey: { attribute: 'draft-key' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    hideDescription: { type: Boolean, attribute: 'hide-description' },
    name: {},
    strings: { attribute: false },
    upload: { attribute: false },
    headers: { attribute: false },
    retryDelays: { attribute: false },
  };

  /** URL of the program's precompiled validators module (`civicflow build`, or the server's `/validators.js`). */
  declare src: string | undefined;
  /** The program as an object instead of `src`: a validators module or a `CompiledProgram`. */
  declare program: ProgramSource | undefined;
  /** The form id; defaults to the program's first form. */
  declare form: string | undefined;
  /** Language of texts and messages; defaults to the nearest `lang`, then the program's first locale. */
  declare locale: string | undefined;
  /** Where valid data is POSTed as JSON. Without it, `cf-submit` is all that happens (or the host form submits). */
  declare action: string | undefined;
  /** Saves unfinished answers in localStorage and offers to continue them. Off unless set. */
  declare drafts: boolean;
  /** Leaves fields marked `x-personal-data` out of drafts. */
  declare draftsOmitPersonal: boolean;
  /** The localStorage key of drafts; defaults to one per program and form. */
  declare draftKey: string | undefined;
  /** Level of the form's title (2 by default); page titles are one level below. */
  declare headingLevel: number;
  /** Leaves out the program's description, which speaks to citizens (set it for caseworkers' forms). */
  declare hideDescription: boolean;
  /** The name under which a host `<form>` submits the data as JSON. */
  declare name: string;
  /** The widget's own wording, overriding the built-in German and English for any key. */
  declare strings: Partial<UiStrings> | undefined;
  /** Uploads a chosen file and returns the value stored for the field; without it files are sent inline. */
  declare upload: UploadHook | undefined;
  /** Extra request headers for sending (for example a CSRF token). */
  declare headers: Record<string, string> | undefined;
  /** Pauses between retries of a failed send, in milliseconds. */
  declare retryDelays: readonly number[] | undefined;

  readonly #internals: ElementInternals;
  readonly #sender = new SubmissionController(this, (info) => this.#onRetry(info));
  readonly #drafts = new DraftController(this, () => this.#storageKey());
  #session: FormSession | undefined;
  #loaded: LoadedProgram | undefined;
  #phase: Phase = 'loading';
  #offer: Draft | undefined;
  #reference: string | undefined;
  #announcement = '';
  #fileLabels = new Map<string, string>();
  #idempotency: { key: string; fingerprint: string } | undefined;
  #loads = 0;
  #localeSwitches = 0;
  #disabled = false;
  #draftsStopped = false;
  #pendingData: Record<string, unknown> | undefined;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.drafts = false;
    this.draftsOmitPersonal = false;
    this.headingLevel = 2;
    this.hideDescription = false;
    this.name = '';
    // A host form refused to submit because the data is not valid: show every problem.
    this.addEventListener('invalid', () => {
      if (this.#session?.attemptSend() === false) this.requestUpdate();
    });
  }

  /** The form's data (hidden fields included); set it to prefill the form. */
  get value(): Record<string, unknown> | undefined {
    return this.#session?.data;
  }

  set value(data: Record<string, unknown> | undefined) {
    if (!this.#session) {
      this.#pendingData = data;
      return;
    }
    this.#session.data = data ?? this.#session.initialData();
    this.#session.refresh();
    this.requestUpdate();
  }

  /** The compiled program once loaded. */
  get compiledProgram(): CompiledProgram | undefined {
    return this.#session?.compiled;
  }

  /** The form's validity, as for any form control. */
  get validity(): ValidityState {
    return this.#internals.validity;
  }

  get validationMessage(): string {
    return this.#internals.validationMessage;
  }

  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  /** Shows the confirmation with a case reference (for hosts that send the data themselves). */
  async showConfirmation(reference?: string): Promise<void> {
    this.#phase = 'done';
    this.#reference = reference;
    this.#idempotency = undefined;
    this.#drafts.clear();
    this.requestUpdate();
    await this.updateComplete;
    this.#focus('#cf-done');
  }

  /** Shows field errors from a server (core's format) on their fields and in the summary. */
  async showServerErrors(errors: readonly ValidationError[]): Promise<void> {
    const s = this.#session;
    if (!s) return;
    s.setServerErrors([...errors]);
    this.#announcement = this.#strings().serverErrors;
    this.requestUpdate();
    await this.#focusSummary();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') || changed.has('program') || changed.has('form')) void this.#load();
    else if (changed.has('locale') && this.#session) this.#switchLocale(this.#session);
    if (changed.has('retryDelays') && this.retryDelays) this.#sender.retryDelays = this.retryDelays;
  }

  protected override updated(): void {
    this.#syncFormValue();
  }

  formResetCallback(): void {
    const s = this.#session;
    if (!s) return;
    s.data = s.initialData();
    s.touched.clear();
    s.attempted.clear();
    s.serverErrors = [];
    s.localErrors.clear();
    s.goTo({ page: s.visiblePages()[0] ?? 0 });
    s.refresh();
    this.#phase = 'form';
    this.requestUpdate();
  }

  formDisabledCallback(disabled: boolean): void {
    this.#disabled = disabled;
    this.requestUpdate();
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state !== 'string') return;
    try {
      this.value = JSON.parse(state) as Record<string, unknown>;
    } catch {
      // A state we did not write: keep the form as it is.
    }
  }

  #resolveLocale(compiled: CompiledProgram): string {
    return this.#wantedLocale(compiled.program.locales);
  }

  #wantedLocale(locales: readonly string[]): string {
    return this.locale || this.closest('[lang]')?.getAttribute('lang') || locales[0] || 'en';
  }

  /**
   * Another language: at once, or once its definition is fetched (for a module with definitions beside it). Only
   * the latest switch counts, and only for the session and program it began with: a slow fetch for a language
   * the person has already left, or for a form since replaced, changes nothing.
   */
  #switchLocale(s: FormSession): void {
    const loaded = this.#loaded;
    const locale = this.#wantedLocale(loaded?.module?.locales ?? s.compiled.program.locales);
    const turn = ++this.#localeSwitches;
    if (!loaded?.module || definitionLocale(loaded.module, locale) === loaded.definitionLocale) {
      s.setLocale(locale);
      return;
    }
    const current = () => turn === this.#localeSwitches && s === this.#session && loaded === this.#loaded;
    inLocale(loaded.module, locale).then(
      (next) => {
        if (!current()) return;
        this.#loaded = next;
        s.setLocale(locale, next.compiled);
        this.requestUpdate();
      },
      (cause: unknown) => {
        if (!current()) return;
        // The program's words in that language could not be fetched: the widget's own strings switch, the program's stay.
        s.setLocale(locale);
        this.requestUpdate();
        this.dispatchEvent(new CfErrorEvent({ kind: 'load', willRetry: false, cause }));
      },
    );
  }

  #strings(): UiStrings {
    return uiStrings(this.#session?.locale ?? this.locale ?? 'en', this.strings);
  }

  #storageKey(): string | undefined {
    const s = this.#session;
    if (!this.drafts || !s) return undefined;
    return this.draftKey || `cf-draft:${s.compiled.program.id}:${s.formId}`;
  }

  async #load(): Promise<void> {
    const token = ++this.#loads;
    this.#phase = 'loading';
    try {
      const loaded = await loadProgram(this.src, this.program, (locales) => this.#wantedLocale(locales));
      if (token !== this.#loads) return;
      const compiled = loaded.compiled;
      this.#loaded = loaded;
      const formId = this.form || Object.keys(compiled.program.definition.forms)[0] || '';
      const session = new FormSession(compiled, formId, this.#resolveLocale(compiled), this.#pendingData);
      this.#pendingData = undefined;
      this.#session = session;
      this.#fileLabels.clear();
      this.#idempotency = undefined;
      this.#reference = undefined;
      session.goTo({ page: session.visiblePages()[0] ?? 0 });
      const draft = this.drafts ? this.#drafts.read() : undefined;
      this.#offer = draft && draft.program === compiled.program.ref && draft.form === formId ? draft : undefined;
      this.#phase = this.#offer ? 'resume' : 'form';
      // The locale changed while the definition was on its way: fetch the one now wanted.
      if (loaded.module && definitionLocale(loaded.module, session.locale) !== loaded.definitionLocale) this.#switchLocale(session);
    } catch (cause) {
      if (token !== this.#loads) return;
      this.#phase = 'failed';
      this.dispatchEvent(new CfErrorEvent({ kind: 'load', willRetry: false, cause }));
    }
    this.requestUpdate();
  }

  #syncFormValue(): void {
    const s = this.#session;
    if (!s) {
      this.#internals.setFormValue(null);
      return;
    }
    this.#internals.setFormValue(JSON.stringify(s.result.data ?? s.data), JSON.stringify(s.data));
    const first = s.result.errors[0];
    if (s.result.valid || !first) {
      this.#internals.setValidity({});
      return;
    }
    const anchor = this.renderRoot.querySelector<HTMLElement>('input, select, textarea, button') ?? undefined;
    this.#internals.setValidity({ customError: true }, `${this.#labelFor(s.fieldFor(first.pointer))}: ${first.message}`, anchor);
  }

  #labelFor(pointer: string): string {
    const s = this.#session!;
    const label = formTexts(s).specs.get(pointerToFieldPath(pointer))?.label ?? formTexts(s).formTitle();
    const entries = parsePointer(pointer).filter((t) => /^\d+$/.test(t));
    if (entries.length === 0) return label;
    return `${label} (${entries.map((n) => fillString(this.#strings().entry, { n: Number(n) + 1 })).join(', ')})`;
  }

  #makeDraft(): Draft | undefined {
    const s = this.#session;
    if (!s || this.#phase !== 'form' || this.#draftsStopped) return undefined;
    const program = s.compiled.program;
    const data = this.draftsOmitPersonal ? redact(program, s.formId, s.data) : s.data;
    const place = 'review' in s.place ? 'review' : s.page(s.place.page).id;
    return { v: 1, program: program.ref, form: s.formId, data, place, savedAt: new Date().toISOString(), idempotency: this.#idempotency };
  }

  #saveDraft(now = false): void {
    if (!this.drafts || this.#draftsStopped) return;
    this.#drafts.schedule(() => this.#makeDraft());
    if (now) this.#drafts.flush();
  }

  // ——— handlers ———

  #onInput = (e: CfFieldInputEvent) => {
    const s = this.#session;
    if (!s) return;
    const { pointer, value, committed, file } = e.detail;
    s.setValue(pointer, value);
    if (committed) s.touch(pointer);
    if (file) this.#fileLabels.set(pointer, describeFile(file, this.#strings(), s.locale));
    else if (value === undefined) this.#fileLabels.delete(pointer);
    this.#saveDraft();
    this.requestUpdate();
    this.dispatchEvent(new CfChangeEvent({ pointer, value, data: s.data }));
  };

  #onProblem = (e: CfFieldProblemEvent) => {
    const s = this.#session;
    if (!s) return;
    s.setLocalError(e.detail.pointer, e.detail.message);
    this.requestUpdate();
    if (e.detail.message) this.dispatchEvent(new CfErrorEvent({ kind: 'upload', willRetry: false }));
  };

  #onFocusOut = (e: FocusEvent) => {
    const field = (e.target as Element).closest?.('cf-field');
    if (!field || !this.#session || field.contains(e.relatedTarget as Node | null)) return;
    this.#session.touch(field.pointer);
    this.requestUpdate();
  };

  #onFocusField = async (e: CfFocusFieldEvent) => {
    const s = this.#session;
    if (!s) return;
    const { pointer } = e.detail;
    const page = s.pageOf(pointerToFieldPath(pointer));
    const place = s.place;
    if (page >= 0 && ('review' in place || place.page !== page)) {
      s.goTo({ page });
      this.requestUpdate();
      await this.#settled();
      this.#emitPage();
    }
    this.#focusField(pointer);
  };

  #onSubmit = async (e: Event) => {
    e.preventDefault();
    const s = this.#session;
    if (!s || this.#phase !== 'form') return;
    if (s.isLastStep()) return this.#send();
    if (s.next()) await this.#pageChanged();
    else {
      this.requestUpdate();
      await this.#focusSummary();
    }
  };

  #onBack = async () => {
    if (this.#session?.back()) await this.#pageChanged();
  };

  #onRetry(info: { status?: number; delayMs: number; attempt: number; cause?: unknown }): void {
    this.#announcement = fillString(this.#strings().retrying, { seconds: Math.ceil(info.delayMs / 1000) });
    this.dispatchEvent(new CfErrorEvent({ kind: info.status ? 'server' : 'network', status: info.status, willRetry: true, cause: info.cause }));
  }

  #addEntry = async (pointer: string) => {
    const s = this.#session!;
    const index = s.addEntry(pointer);
    this.#announcement = fillString(this.#strings().entryAdded, { n: index + 1 });
    this.#saveDraft();
    this.requestUpdate();
    await this.#settled();
    const entry = this.renderRoot.querySelector(`#${idFor(`${pointer}/${index}`)}`);
    entry?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    this.dispatchEvent(new CfChangeEvent({ pointer: `${pointer}/${index}`, value: {}, data: s.data }));
  };

  #removeEntry = async (pointer: string, index: number) => {
    const s = this.#session!;
    s.removeEntry(pointer, index);
    this.#announcement = fillString(this.#strings().entryRemoved, { n: index + 1 });
    this.#saveDraft();
    this.requestUpdate();
    await this.#settled();
    this.renderRoot.querySelector<HTMLElement>(`#${idFor(pointer)}-add`)?.focus();
    this.dispatchEvent(new CfChangeEvent({ pointer: `${pointer}/${index}`, value: undefined, data: s.data }));
  };

  #resume = async () => {
    const s = this.#session;
    const offer = this.#offer;
    if (!s || !offer) return;
    s.data = offer.data;
    s.refresh();
    const index = s.layout.pages.findIndex((p) => p.id === offer.place);
    const pages = s.visiblePages();
    s.goTo(offer.place === 'review' && s.review ? { review: true } : { page: pages.includes(index) ? index : (pages[0] ?? 0) });
    this.#idempotency = offer.idempotency;
    this.#offer = undefined;
    this.#phase = 'form';
    await this.#pageChanged();
  };

  #discard = async () => {
    this.#drafts.clear();
    this.#offer = undefined;
    this.#phase = 'form';
    this.requestUpdate();
    await this.#settled();
    this.#focus('#cf-title');
  };

  #deleteDraft = () => {
    this.#drafts.clear();
    this.#draftsStopped = true;
    this.#announcement = this.#strings().draftDeleted;
    this.requestUpdate();
  };

  async #send(): Promise<void> {
    const s = this.#session!;
    const state = this.#sender.state.kind;
    if (state === 'sending' || state === 'waiting') return;
    if (!s.attemptSend()) {
      this.requestUpdate();
      await this.#focusSummary();
      return;
    }
    const data = s.submission();
    const body = JSON.stringify(data);
    const fingerprint = hashString(body);
    // The same data keeps its key, so a send that reached the server without us hearing back is not stored twice.
    if (this.#idempotency?.fingerprint !== fingerprint) this.#idempotency = { key: createUuid(), fingerprint };
    const idempotencyKey = this.#idempotency.key;
    this.#saveDraft(true);
    const submit = new CfSubmitEvent({ data, idempotencyKey });
    this.dispatchEvent(submit);
    if (submit.defaultPrevented) return;
    if (!this.action) {
      this.#internals.form?.requestSubmit();
      return;
    }
    const strings = this.#strings();
    this.#announcement = strings.sending;
    this.requestUpdate();
    const outcome = await this.#sender.send({
      url: new URL(this.action, document.baseURI).href,
      body,
      idempotencyKey,
      locale: s.locale,
      headers: this.headers,
    });
    if (outcome.kind === 'accepted') {
      const response = outcome.response as { reference?: unknown } | null;
      const reference = typeof response?.reference === 'string' ? response.reference : undefined;
      this.#announcement = '';
      await this.showConfirmation(reference);
      this.dispatchEvent(new CfSubmittedEvent({ reference, response: outcome.response }));
    } else if (outcome.kind === 'invalid') {
      await this.showServerErrors(outcome.errors);
      this.dispatchEvent(new CfErrorEvent({ kind: 'validation', status: outcome.status, errors: outcome.errors, willRetry: false }));
    } else {
      this.#announcement = outcome.status ? fillString(strings.failedServer, { status: outcome.status }) : strings.failedNetwork;
      this.requestUpdate();
      this.dispatchEvent(new CfErrorEvent({ kind: outcome.status ? 'server' : 'network', status: outcome.status, willRetry: false }));
    }
  }

  // ——— focus ———

  /** Waits for this element and the light-DOM elements it renders to finish rendering. */
  async #settled(): Promise<void> {
    await this.updateComplete;
    const children = this.renderRoot.querySelectorAll('cf-field, cf-error-summary, cf-steps, cf-review');
    await Promise.all([...children].map((c) => (c as LitElement).updateComplete));
  }

  #focus(selector: string): void {
    const el = this.renderRoot.querySelector<HTMLElement>(selector);
    el?.focus();
    el?.scrollIntoView?.({ block: 'nearest' });
  }

  async #focusSummary(): Promise<void> {
    await this.#settled();
    this.renderRoot.querySelector('cf-error-summary')?.focus();
  }

  #focusField(pointer: string): void {
    const target = this.renderRoot.querySelector<HTMLElement>(`#${idFor(pointer)}`);
    if (!target) return;
    const control = target.matches('input, select, textarea') ? target : target.querySelector<HTMLElement>('input, select, textarea, button');
    control?.focus();
    target.scrollIntoView?.({ block: 'center' });
  }

  #emitPage(): void {
    const s = this.#session!;
    const pages = s.visiblePages();
    const steps = pages.length + (s.review ? 1 : 0);
    const place = s.place;
    const detail =
      'review' in place
        ? { page: 'review', step: steps, steps }
        : { page: s.page(place.page).id, step: pages.indexOf(place.page) + 1, steps };
    this.dispatchEvent(new CfPageEvent(detail));
  }

  async #pageChanged(): Promise<void> {
    this.#saveDraft();
    this.requestUpdate();
    await this.#settled();
    this.#emitPage();
    this.#focus(this.renderRoot.querySelector('#cf-page-title') ? '#cf-page-title' : '#cf-title');
  }

  // ——— rendering ———

  protected override render() {
    const s = this.#session;
    const strings = this.#strings();
    const locale = s?.locale ?? this.locale ?? 'en';
    const lang = s ? textLocaleOf(s.compiled.program, locale) : locale;
    return html`<div class="cf" part="base" lang=${lang} dir=${directionOf(locale)}>
      <div class="vh" role="status" aria-live="polite" aria-atomic="true">${this.#announcement}</div>
      ${this.#renderPhase(strings)}
    </div>`;
  }

  #renderPhase(strings: UiStrings): TemplateResult | typeof nothing {
    const s = this.#session;
    switch (this.#phase) {
      case 'loading':
        return html`<p class="notice" part="notice">${strings.loading}</p>`;
      case 'failed':
        return html`<p class="notice notice-error" part="notice" role="alert">${strings.loadFailed}</p>`;
      case 'resume':
        return this.#renderResume(strings);
      case 'done':
        return html`<div class="confirmation" part="confirmation">
          ${heading(this.headingLevel, strings.confirmationTitle, { id: 'cf-done', part: 'confirmation-title', focusable: true })}
          ${this.#reference
            ? html`<p>${strings.confirmationReference}</p>
                <p class="reference" part="reference">${this.#reference}</p>`
            : nothing}
          <p>${strings.confirmationNote}</p>
        </div>`;
      default:
        return s ? this.#renderForm(s, strings) : nothing;
    }
  }

  #renderResume(strings: UiStrings): TemplateResult {
    const s = this.#session!;
    const saved = new Date(this.#offer?.savedAt ?? Date.now());
    const date = new Intl.DateTimeFormat(s.locale, { dateStyle: 'long', timeStyle: 'short' }).format(saved);
    return html`<section class="resume" part="resume" aria-labelledby="cf-title">
      ${heading(this.headingLevel, formTexts(s).formTitle(), { id: 'cf-title', part: 'title', className: 'title', focusable: true })}
      ${heading(this.headingLevel + 1, strings.resumeTitle, { part: 'page-title' })}
      <p>${fillString(strings.resumeText, { date })}</p>
      <div class="actions" part="actions">
        <button type="button" class="button primary" part="button button-primary" @click=${this.#resume}>${strings.resume}</button>
        <button type="button" class="button secondary" part="button button-secondary" @click=${this.#discard}>${strings.discard}</button>
      </div>
    </section>`;
  }

  #renderForm(s: FormSession, strings: UiStrings): TemplateResult {
    const level = this.headingLevel;
    const place = s.place;
    const onReview = 'review' in place;
    const pages = s.visiblePages();
    const description = s.compiled.program.definition.description?.[textLocaleOf(s.compiled.program, s.locale)];
    const first = !onReview && place.page === pages[0];
    const summary: SummaryItem[] = s.summary().map((e) => ({
      label: e.field ? this.#labelFor(e.field) : formTexts(s).formTitle(),
      message: e.error.message,
      pointer: e.field,
    }));
    const send = this.#sender.state;
    return html`<form novalidate part="form" aria-labelledby="cf-title" ?inert=${this.#disabled} class=${this.#disabled ? 'disabled' : ''}
        @submit=${this.#onSubmit} @cf-field-input=${this.#onInput} @cf-field-problem=${this.#onProblem}
        @cf-focus-field=${this.#onFocusField} @focusout=${this.#onFocusOut}>
        ${heading(level, formTexts(s).formTitle(), { id: 'cf-title', part: 'title', className: 'title', focusable: true })}
        ${first && description && !this.hideDescription ? html`<p class="description" part="description">${description}</p>` : nothing}
        <cf-steps .steps=${this.#steps(s, strings)} .strings=${strings}></cf-steps>
        <cf-error-summary .items=${summary} .headline=${strings.errorSummaryTitle} .level=${level + 1}></cf-error-summary>
        ${onReview ? this.#renderReview(s, strings) : this.#renderPage(s, place.page)}
        ${this.#renderSendState(strings)}
        <div class="actions" part="actions">
          ${pages.some((p) => onReview || p < place.page)
            ? html`<button type="button" class="button secondary" part="button button-secondary" @click=${this.#onBack}>${strings.back}</button>`
            : nothing}
          <button type="submit" class="button primary" part="button button-primary" aria-disabled=${send.kind === 'sending' || send.kind === 'waiting' ? 'true' : 'false'}>
            ${s.isLastStep() ? (send.kind === 'sending' ? strings.sending : strings.send) : s.returnToReview ? strings.backToReview : strings.next}
          </button>
        </div>
      </form>
      ${this.drafts ? this.#renderDraftNote(strings) : nothing}`;
  }

  #steps(s: FormSession, strings: UiStrings): Step[] {
    const pages = s.visiblePages();
    const place = s.place;
    const current = 'review' in place ? pages.length : pages.indexOf(place.page);
    const labels = pages.map((p) => formTexts(s).pageTitle(p));
    if (s.review) labels.push(strings.toReview);
    return labels.map((label, i) => ({ label, state: i < current ? 'done' : i === current ? 'current' : 'todo' }));
  }

  #renderSendState(strings: UiStrings): TemplateResult | typeof nothing {
    const state = this.#sender.state;
    if (state.kind === 'waiting') {
      return html`<div class="notice notice-warning" part="notice">
        <p>${fillString(strings.retrying, { seconds: state.seconds })}</p>
        <button type="button" class="button secondary" part="button button-secondary" @click=${() => this.#sender.retryNow()}>${strings.retryNow}</button>
      </div>`;
    }
    if (state.kind === 'failed') {
      const text = state.status ? fillString(strings.failedServer, { status: state.status }) : strings.failedNetwork;
      return html`<div class="notice notice-error" part="notice"><p>${text}</p></div>`;
    }
    return nothing;
  }

  #renderDraftNote(strings: UiStrings): TemplateResult {
    if (this.#draftsStopped) return html`<p class="draft-note" part="draft-note">${strings.draftDeleted}</p>`;
    return html`<div class="draft-note" part="draft-note">
      <p>${this.draftsOmitPersonal ? strings.draftNoteNoPersonal : strings.draftNote}</p>
      <button type="button" class="link-button" part="button" @click=${this.#deleteDraft}>${strings.deleteDraft}</button>
    </div>`;
  }

  #renderReview(s: FormSession, strings: UiStrings): TemplateResult {
    return html`<section class="page" part="page" aria-labelledby="cf-page-title">
      ${heading(this.headingLevel + 1, strings.reviewTitle, { id: 'cf-page-title', part: 'page-title', className: 'page-title', focusable: true })}
      <cf-review .sections=${reviewSections(s, strings, this.#fileLabels)} .strings=${strings} .level=${this.headingLevel + 2}></cf-review>
    </section>`;
  }

  #renderPage(s: FormSession, index: number): TemplateResult {
    const page = s.page(index);
    const title = formTexts(s).text(textKeys.pageTitle(s.formId, page.id));
    return html`<section class="page" part="page" aria-labelledby=${title ? 'cf-page-title' : 'cf-title'}>
      ${title ? heading(this.headingLevel + 1, title, { id: 'cf-page-title', part: 'page-title', className: 'page-title', focusable: true }) : nothing}
      ${page.fields.map((e) => this.#renderEntry(s, e, '', ''))}
    </section>`;
  }

  #renderEntry(s: FormSession, entry: LaidOutField, base: string, parentPath: string): TemplateResult | typeof nothing {
    const spec = formTexts(s).specs.get(entry.path);
    const rel = parentPath ? entry.path.slice(parentPath.length + 1) : entry.path;
    const pointer = `${base}/${rel.split('.').join('/')}`;
    if (!spec || spec.control === 'hidden' || s.isHidden(pointer)) return nothing;
    if (spec.control === 'group') return this.#renderGroup(s, spec, pointer);
    if (spec.control === 'list') return this.#renderList(s, spec, pointer);
    return html`<cf-field .spec=${spec} .pointer=${pointer} .value=${s.valueAt(pointer)} .error=${s.errorAt(pointer)}
      .strings=${this.#strings()} .locale=${s.locale} .upload=${this.upload} .fileLabel=${this.#fileLabels.get(pointer)}></cf-field>`;
  }

  #groupHead(s: FormSession, spec: FieldSpec, pointer: string, part: string): TemplateResult {
    const id = idFor(pointer);
    const error = s.errorAt(pointer);
    return html`<legend part=${part}>${spec.label}</legend>
      ${spec.help ? html`<div class="help" part="help" id="${id}-help">${spec.help}</div>` : nothing}
      ${error ? html`<p class="error" part="error" id="${id}-error"><span class="vh">${this.#strings().errorPrefix} </span>${error}</p>` : nothing}`;
  }

  #describedBy(s: FormSession, spec: FieldSpec, pointer: string): string | typeof nothing {
    const id = idFor(pointer);
    const ids = [spec.help ? `${id}-help` : '', s.errorAt(pointer) ? `${id}-error` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : nothing;
  }

  #renderGroup(s: FormSession, spec: FieldSpec, pointer: string): TemplateResult {
    return html`<fieldset class="group ${s.errorAt(pointer) ? 'invalid' : ''}" part="group" id=${idFor(pointer)} aria-describedby=${this.#describedBy(s, spec, pointer)}>
      ${this.#groupHead(s, spec, pointer, 'legend')}
      ${spec.children.map((c) => this.#renderEntry(s, c, pointer, spec.path))}
    </fieldset>`;
  }

  #renderList(s: FormSession, spec: FieldSpec, pointer: string): TemplateResult {
    const strings = this.#strings();
    const value = s.valueAt(pointer);
    const items = Array.isArray(value) ? value : [];
    const min = typeof spec.info.schema['minItems'] === 'number' ? spec.info.schema['minItems'] : 0;
    const max = typeof spec.info.schema['maxItems'] === 'number' ? spec.info.schema['maxItems'] : Infinity;
    const id = idFor(pointer);
    return html`<fieldset class="list ${s.errorAt(pointer) ? 'invalid' : ''}" part="list" id=${id} aria-describedby=${this.#describedBy(s, spec, pointer)}>
      ${this.#groupHead(s, spec, pointer, 'legend')}
      ${items.length === 0 ? html`<p class="empty">${strings.noEntries}</p>` : nothing}
      ${items.map(
        (_, i) => html`<fieldset class="entry" part="entry" id=${idFor(`${pointer}/${i}`)}>
          <legend part="entry-legend">${fillString(strings.entry, { n: i + 1 })}</legend>
          ${spec.children.map((c) => this.#renderEntry(s, c, `${pointer}/${i}`, spec.path))}
          ${items.length > min
            ? html`<button type="button" class="button secondary remove-button" part="button button-secondary remove-button" @click=${() => this.#removeEntry(pointer, i)}>
                ${fillString(strings.removeEntry, { n: i + 1 })}
              </button>`
            : nothing}
        </fieldset>`,
      )}
      ${items.length < max
        ? html`<button type="button" id="${id}-add" class="button secondary add-button" part="button button-secondary add-button" @click=${() => this.#addEntry(pointer)}>
            ${strings.addEntry}
          </button>`
        : nothing}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-form': CfForm;
  }
}
