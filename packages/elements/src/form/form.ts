import { html, nothing, type TemplateResult } from '../internal/lit.js';
import { BaseElement, type PropertyValues } from '../internal/base-element.js';
import type { CompiledProgram, FormSession, FormSessionBase, ValidationError } from '@civicflow/core/runtime';
import type { ProgramSource } from '../internal/load-program.js';
import { directionOf, uiStrings, type UiStrings } from '../internal/ui-strings.js';
import { CfErrorEvent } from '../events/error.js';
import { localeOf } from '../internal/element-locale.js';
import { textLocaleOf } from '../internal/program-texts.js';
import { formTexts } from '../internal/form-texts.js';
import type { UploadHook } from '../field/field.js';
import { themeStyles } from '../internal/theme.styles.js';
import { formStyles } from './form.styles.js';
import { fieldStyles } from '../field/field.styles.js';
import { stepsStyles } from '../steps/steps.styles.js';
import { addStyles } from '../internal/add-styles.js';
import { takeStyles, type FormContext } from './form-context.js';
import { createFormLoader, type FormLoader } from './form-loader.js';
import { createFormDrafts, type FormDrafts } from './form-drafts.js';
import { focusOn, focusSummary } from './form-focus.js';
import { createLazyFormSending, type LazyFormSending } from './form-sending-lazy.js';
import { createLazyValidation } from './form-validation-lazy.js';
import { createFormEditing, type FormEditing } from './form-editing.js';
import { createLazyNavigation } from './form-navigation-lazy.js';
import type { FormNavigation } from './form-navigation.js';
import { hasWordsHere, renderForm, type FormView } from './render-form.js';
import { renderConfirmation, renderLoadFailed, renderLoading } from './render-phases.js';
import { closedForm, type ClosedForm } from './form-period.js';
import type * as FormLanguages from './form-languages.js';

import type { CaseStanding } from './render-sent.js';

export type { CaseStanding };

/**
 * @summary A program's form for citizens: pages as a wizard with a step indicator, validation with the
 * program's precompiled validators, conditions, repeatable groups, a review, drafts and sending.
 *
 * @event cf-change - A value changed. `detail: { pointer, value, data }`.
 * @event cf-page - Another page (or the review) is shown. `detail: { page, step, steps }`.
 * @event cf-submit - Valid data is about to be sent; cancel it to send it yourself. `detail: { data, idempotencyKey }`.
 * @event cf-submitted - The server accepted the data. `detail: { reference, response }`.
 * @event cf-error - Loading, sending or an upload failed, or the server refused data. `detail: { kind, status?, errors?, willRetry }`.
 * @event cf-version-changed - The server no longer took the form in its version, and the person went on in the newer one
 *   it named. `detail: { program, from, to, notCarried, src, action }`.
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
 * @csspart button - Every button; `button-primary` and `button-secondary` tell them apart; `copy-button` is the
 *   confirmation's download of the applicant's copy (a PDF, when the server offers it).
 * @csspart notice - Messages about sending, drafts and loading.
 * @csspart refusal - The notice that the server did not accept the form, or that this page cannot send it.
 * @csspart support-code - The server's code under a refusal, small, as a reference for support.
 * @csspart continue-button - Under the refusal of a form whose version was replaced: continues in the newer version.
 * @csspart version-note - After continuing in a newer version: that the form is the newer one, and which answers
 *   could not be carried over.
 * @csspart closed - In place of the fields when the form is outside its periods (not open yet, or closed): the
 *   form's title, the period's dates and, as `instead`, the program's words on what to do instead.
 * @csspart resume - The choice to continue a saved draft or start again.
 * @csspart confirmation - The confirmation after sending; `reference` is the case reference in it, `next` what the
 *   program tells the applicant in the state the case is now in (`due` its date, `bring` and `contact` its lists,
 *   `subtitle` their headings).
 * @csspart draft-note - The note that answers are saved in this browser.
 *
 * Fields, the step indicator, the error summary and the review expose their own parts (see `<cf-field>`,
 * `<cf-steps>`, `<cf-error-summary>`, `<cf-review>`): they are rendered in this element's shadow root.
 */
export class CfForm extends BaseElement {
  static formAssociated = true;

  // The error summary's styles come with the validation code, the review's and the confirmation's with the sending
  // code (`FormContext.__styles`).
  static override styles = [themeStyles, formStyles, fieldStyles, stepsStyles];

  static override properties = {
    src: {},
    program: { attribute: false },
    formId: { attribute: 'form-id' },
    form: {},
    locale: {},
    action: {},
    drafts: { type: Boolean },
    draftsOmitPersonal: { type: Boolean, attribute: 'drafts-omit-personal' },
    draftKey: { attribute: 'draft-key' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    hideDescription: { type: Boolean, attribute: 'hide-description' },
    hideTitle: { type: Boolean, attribute: 'hide-title' },
    languageSwitch: { type: Boolean, attribute: 'language-switch' },
    name: {},
    strings: { attribute: false },
    upload: { attribute: false },
    headers: { attribute: false },
    retryDelays: { attribute: false },
    now: { attribute: false },
  };

  /** URL of the program's precompiled validators module (`civicflow build`, or the server's `/validators.js`). */
  declare src: string | undefined;
  /** The program as an object instead of `src`: a validators module or a `CompiledProgram`. */
  declare program: ProgramSource | undefined;
  /** The program's form to show (`form-id`); defaults to the program's first form. */
  declare formId: string | undefined;
  /**
   * The same as `formId`, kept for pages written before it. As an attribute it clashes inside a host `<form>`: there
   * the browser reads `form` as the id of the host form and takes the widget out of a form without that id.
   */
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
  /** Leaves out the form's title while it is being filled in, for a page whose own heading names it (a case's step); the form keeps the title as its accessible name. */
  declare hideTitle: boolean;
  /**
   * Shows a switch between the program's languages above the form, each named in its own language (`العربية`,
   * `Türkçe`, `Leichte Sprache`). Choosing one sets `locale` and fires `cf-locale-change`.
   */
  declare languageSwitch: boolean;
  /** The name under which a host `<form>` submits the data as JSON. */
  declare name: string;
  /** The widget's own wording, overriding the built-in (or loaded) one for any key. */
  declare strings: Partial<UiStrings> | undefined;
  /** Uploads a chosen file and returns the value stored for the field; without it files are sent inline. */
  declare upload: UploadHook | undefined;
  /** Extra request headers for sending (for example a CSRF token). */
  declare headers: Record<string, string> | undefined;
  /** Pauses between retries of a failed send, in milliseconds. */
  declare retryDelays: readonly number[] | undefined;
  /**
   * The moment by which the widget decides whether a form with periods is open (a preview at another date). Without
   * it the server's time (`GET …/v1/clock` beside an `action` under `/v1/`), else this computer's.
   */
  declare now: Date | undefined;

  readonly #internals: ElementInternals;
  #reference: string | undefined;
  #closed: ClosedForm | undefined;
  #standing: CaseStanding | undefined;
  #disabled = false;
  #pendingData: Record<string, unknown> | undefined;
  /** Set while `src` and `action` change to a version already loaded: that change loads nothing. */
  #adopting = false;
  /** Set while the rest of the program's words are fetched for a page shown without them. */
  #textsComing = false;
  /** The language switch (`language-switch`), once its file is here; and that file on its way. */
  #languages: typeof FormLanguages | undefined;
  #languagesComing: Promise<void> | undefined;
  readonly #context: FormContext;
  readonly #loader: FormLoader;
  readonly #drafts: FormDrafts;
  readonly #sending: LazyFormSending;
  readonly #editing: FormEditing;
  readonly #navigation: FormNavigation;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.drafts = false;
    this.draftsOmitPersonal = false;
    this.headingLevel = 2;
    this.hideDescription = false;
    this.hideTitle = false;
    this.name = '';
    const context: FormContext = {
      __host: this,
      __internals: this.#internals,
      __session: undefined,
      get __validation() {
        return validation;
      },
      __texts: () => this.#loader.__texts(),
      __phase: 'loading',
      __announcement: '',
      __idempotency: undefined,
      __copy: undefined,
      __fileLabels: new Map(),
      __styles: [],
      __strings: () => this.#strings(),
      __changeVersion: (src, action, prepare) => this.#changeVersion(src, action, prepare),
    };
    const validation = createLazyValidation(context);
    this.#context = context;
    this.#loader = createFormLoader(context, (locales) => this.#wantedLocale(locales));
    this.#drafts = createFormDrafts(context);
    this.#sending = createLazyFormSending(context, this.#drafts);
    this.#editing = createFormEditing(context, this.#drafts);
    this.#navigation = createLazyNavigation(context, this.#drafts, this.#sending);
    // The code that checks answers and the code that sends come when the person first moves into the form or types,
    // long before they can continue or send.
    const loadParts = () => {
      void validation.__load().catch(() => undefined);
      void this.#sending.__load().catch(() => undefined);
    };
    this.addEventListener('focusin', loadParts, { once: true });
    this.addEventListener('input', loadParts, { once: true });
    // A host form refused to submit because the data is not valid (or not yet checked): show every problem.
    this.addEventListener('invalid', () => {
      void validation.__load().then(
        () => {
          if (validation.__checked()?.attemptSend() === false) this.requestUpdate();
        },
        () => this.requestUpdate(),
      );
    });
  }

  /** The form's data (hidden fields included); set it to prefill the form. */
  get value(): Record<string, unknown> | undefined {
    return this.#context.__session?.data;
  }

  set value(data: Record<string, unknown> | undefined) {
    const s = this.#context.__session;
    if (!s) {
      this.#pendingData = data;
      return;
    }
    s.data = data ?? s.initialData();
    s.refresh();
    // Answers a host hands over are checked, so that a host form sees whether they are valid.
    void this.#context.__validation.__load().catch(() => undefined);
    this.requestUpdate();
  }

  /** The compiled program once loaded. */
  get compiledProgram(): CompiledProgram | undefined {
    return this.#context.__session?.compiled;
  }

  /** @internal The session shown (none while a program loads or after it failed to): `showWords` gives it new words. */
  get __shown(): FormSessionBase | undefined {
    const phase = this.#context.__phase;
    return phase === 'loading' || phase === 'failed' ? undefined : this.#context.__session;
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

  /**
   * Shows the confirmation with a case reference (for hosts that send the data themselves) and, given the state the
   * case is now in (`state` and `due` of a civicflow server's receipt), what the program tells the applicant in it.
   */
  async showConfirmation(reference?: string, standing?: CaseStanding): Promise<void> {
    // What the confirmation shows beyond the reference (the copy, the program's notes) is part of the sending code,
    // there already after a send; a host that sends by itself may call this first, so it is fetched now. Without
    // it the confirmation still says that the form was sent, and with which reference.
    // The confirmation's own words are in the widget's first file of words, there since the form showed; what it
    // shows beyond them may need the rest of the words, fetched here too.
    await Promise.all([
      this.#sending
        .__load()
        .then((sending) => sending.__notesReady())
        .catch(() => undefined),
      this.#loader.__texts().catch(() => undefined),
    ]);
    this.#context.__phase = 'done';
    this.#context.__idempotency = undefined;
    this.#reference = reference;
    this.#standing = standing;
    this.#drafts.__clear();
    this.requestUpdate();
    await this.updateComplete;
    focusOn(this, '#cf-done');
  }

  /** Shows field errors from a server (core's format) on their fields and in the summary. */
  async showServerErrors(errors: readonly ValidationError[]): Promise<void> {
    const shown = this.#context.__session;
    if (!shown) return;
    // The summary names fields of every page: their words first (without them it names them as best it can). Which
    // error shows where is decided by code that comes with the code that checks answers, there by now after a send.
    await Promise.all([this.#loader.__texts().catch(() => undefined), this.#context.__validation.__load().catch(() => undefined)]);
    const s = this.#context.__validation.__checked(shown);
    if (!s) {
      // It could not be fetched: the form says that the answers could not be checked, and offers to try again.
      this.requestUpdate();
      return;
    }
    s.setServerErrors([...errors]);
    this.#context.__announcement = this.#strings().serverErrors;
    this.requestUpdate();
    await focusSummary(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const adopting = this.#adopting;
    this.#adopting = false;
    if (adopting) return;
    // A program the form shows already (one whose words `showWords` gave it) loads nothing.
    const shown = this.program !== undefined && this.program === this.#context.__session?.compiled && this.#context.__phase !== 'loading';
    if (changed.has('src') || (changed.has('program') && !shown) || changed.has('formId') || changed.has('form')) void this.#load();
    else if (changed.has('locale')) this.#loader.__switchLocale();
    if (changed.has('retryDelays') && this.retryDelays) this.#sending.__retryDelays = this.retryDelays;
  }

  protected override updated(): void {
    if (this.#context.__styles.length > 0) addStyles(this.renderRoot as ShadowRoot, this.#context.__styles);
    this.#syncFormValue();
    // A host moved the form to a page whose words are still to come: they are fetched now (once; a failure offers a retry).
    const s = this.#context.__session;
    if (s && this.#context.__phase === 'form' && !hasWordsHere(s) && !this.#loader.__textsFailed && !this.#textsComing) this.#fetchTexts();
  }

  #fetchTexts(): void {
    this.#textsComing = true;
    const done = () => {
      this.#textsComing = false;
      this.requestUpdate();
    };
    this.#loader.__texts().then(done, done);
  }

  formResetCallback(): void {
    const s = this.#context.__session;
    if (!s) return;
    s.data = s.initialData();
    s.touched.clear();
    s.attempted.clear();
    s.serverErrors = [];
    s.localErrors.clear();
    s.goTo({ page: s.visiblePages()[0] ?? 0 });
    s.refresh();
    this.#context.__phase = this.#closed ? 'closed' : 'form';
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

  #wantedLocale(locales: readonly string[]): string {
    return localeOf(this, locales[0] || 'en');
  }

  #strings(): UiStrings {
    return uiStrings(this.#context.__session?.locale ?? this.locale ?? 'en', this.strings);
  }

  /**
   * Tells the page's developer when the `form` attribute has taken the widget out of the host form around it. The
   * words come with the code that checks answers, which such a page fetches a little earlier than others.
   */
  #warnFormAttribute(): void {
    if (!this.hasAttribute('form') || this.#internals.form || !this.parentElement?.closest('form')) return;
    import('./form-validation.js').then(
      (m) => m.warnFormAttribute(this),
      () => undefined,
    );
  }

  async #load(): Promise<void> {
    this.#context.__phase = 'loading';
    this.#warnFormAttribute();
    // The switch and what does drafts come alongside the program, so that the form shows with the switch and offers a
    // saved draft at once.
    const [session] = await Promise.all([
      this.#loader.__load(this.src, this.program, this.formId ?? this.form, this.#pendingData),
      this.languageSwitch ? this.#loadLanguages() : undefined,
      this.drafts ? this.#drafts.__load() : undefined,
    ]);
    if (!session) return;
    let closed: ClosedForm | undefined;
    try {
      closed = await closedForm(session, this.action, this.now);
    } catch (cause) {
      // The code for a form with periods could not be fetched: without it the form cannot say whether it is open.
      if (session !== this.#context.__session) return;
      this.#context.__phase = 'failed';
      this.requestUpdate();
      this.dispatchEvent(new CfErrorEvent({ kind: 'load', willRetry: false, cause }));
      return;
    }
    // Another load began while the clock was asked: that one decides.
    if (session !== this.#context.__session) return;
    this.#start(session);
    this.#closed = closed;
    if (closed) this.#context.__phase = 'closed';
    this.requestUpdate();
  }

  /** Another version of the program in place of this one, filled by `prepare` (see `FormContext.__changeVersion`). */
  async #changeVersion(src: string, action: string, prepare: (session: FormSession) => void): Promise<FormSession> {
    const { loaded, session } = await this.#loader.__open(src, this.#context.__session!.formId);
    prepare(session);
    this.#adopting = true;
    this.program = undefined;
    // A page that wrote them as attributes reads the new ones there.
    for (const [name, value] of [['src', src], ['action', action]] as const) {
      if (this.hasAttribute(name)) this.setAttribute(name, value);
      else this[name] = value;
    }
    this.#loader.__adopt(loaded, session);
    this.#closed = undefined;
    this.#context.__phase = 'form';
    this.requestUpdate();
    return session;
  }

  /** A freshly loaded form: on its first shown page, or offering the saved draft. */
  #start(session: FormSessionBase): void {
    const context = this.#context;
    const given = this.#pendingData !== undefined;
    this.#pendingData = undefined;
    context.__fileLabels.clear();
    context.__idempotency = undefined;
    this.#reference = undefined;
    this.#standing = undefined;
    context.__copy = undefined;
    session.goTo({ page: session.visiblePages()[0] ?? 0 });
    context.__phase = this.#drafts.__findOffer(session) ? 'resume' : 'form';
    this.#loader.__catchUp();
    // Inside a host form, or with answers handed over, the form's validity counts at once: the code that checks answers
    // is fetched now, not at the first focus.
    if (!session.validated && (this.#internals.form || given)) void context.__validation.__load().catch(() => undefined);
    // A form with derived values words them with the sending code (as the review does): it is fetched now, and their
    // outputs fill in when it is there.
    if (session.compiled.validators.plan(session.formId).derived) void this.#sending.__load().catch(() => undefined);
  }

  #syncFormValue(): void {
    const shown = this.#context.__session;
    if (!shown) {
      this.#internals.setFormValue(null);
      return;
    }
    this.#internals.setFormValue(JSON.stringify(shown.result.data ?? shown.data), JSON.stringify(shown.data));
    // A session checks answers only once the code for that is here, which made it a full one.
    const s = shown.validated ? this.#context.__validation.__checked(shown) : undefined;
    // Not checked yet, a host form waits (the code that checks answers is on its way, see `#start`); else it is told
    // the first problem, if any.
    const message = s ? this.#context.__validation.__module?.validityMessage?.(s, this.#strings()) : this.#strings().loading;
    if (message === undefined) this.#internals.setValidity({});
    else this.#internals.setValidity({ customError: true }, message, this.renderRoot.querySelector<HTMLElement>('input, select, textarea, button') ?? undefined);
  }

  protected override render() {
    const s = this.#context.__session;
    const strings = this.#strings();
    const locale = s?.locale ?? this.locale ?? 'en';
    const lang = s ? textLocaleOf(s.compiled.program, locale) : locale;
    return html`<div class="cf" part="base" lang=${lang} dir=${directionOf(locale)}>
      <div class="vh" role="status" aria-live="polite" aria-atomic="true">${this.#context.__announcement}</div>
      ${this.languageSwitch && s ? this.#renderLanguages(strings, lang) : nothing}${this.#renderPhase(strings)}
    </div>`;
  }

  /** The program's languages above the form (see `form-languages.ts`), once the switch's file is here. */
  #renderLanguages(strings: UiStrings, shown: string): TemplateResult | typeof nothing {
    const m = this.#languages;
    if (!m) {
      // Asked for after the form showed: it draws again once the file is here.
      void this.#loadLanguages();
      return nothing;
    }
    return m.renderLanguages(this, this.#loader.__locales(), strings.language, shown);
  }

  /** Imports the language switch with its styles, once (a switch whose file could not be fetched stays away). */
  #loadLanguages(): Promise<void> {
    return (this.#languagesComing ??= import('./form-languages.js').then(
      (m) => {
        this.#languages = m;
        takeStyles(this.#context, m.styles);
      },
      () => undefined,
    ));
  }

  #renderPhase(strings: UiStrings): TemplateResult | typeof nothing {
    const s = this.#context.__session;
    switch (this.#context.__phase) {
      case 'loading':
        return renderLoading(strings);
      case 'failed':
        return renderLoadFailed(strings);
      case 'closed':
        return this.#closed!.__render(this.#view(s!, strings));
      case 'resume':
        return this.#drafts.__renderResume(this.#view(s!, strings));
      case 'done':
        return renderConfirmation(strings, this.headingLevel, this.#reference, this.#sending.__renderSent(strings, this.headingLevel, this.#standing));
      default:
        return s ? renderForm(this.#view(s, strings)) : nothing;
    }
  }

  #view(session: FormSessionBase, strings: UiStrings): FormView {
    return {
      __host: this,
      __session: session,
      __texts: formTexts(session),
      __strings: strings,
      __fileLabels: this.#context.__fileLabels,
      __format: this.#sending.__format,
      __disabled: this.#disabled,
      __editing: this.#editing,
      __navigation: this.#navigation,
      __sending: this.#sending,
      __drafts: this.#drafts,
      __summaryItems: this.#context.__validation.__summaryItems,
      __checkFailed: this.#context.__validation.__failed,
      __textsFailed: this.#loader.__textsFailed,
      __retryTexts: () => this.#fetchTexts(),
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-form': CfForm;
  }
}
