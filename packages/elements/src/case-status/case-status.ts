import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { CfForm } from '../form/form.js';
import type { CfSubmitEvent } from '../events/submit.js';
import { CaseApiError, browserValidatorsUrl, programVersionPath, requestJson, sendCaseEvent, versionOf, type ApiContext } from '../internal/case-api.js';
import { caseTimeline, type ApplicantCase, type Timeline } from '../internal/case-timeline.js';
import { caseStrings, type CaseStrings } from '../internal/case-strings.js';
import { eventRefusal } from '../internal/event-refusal.js';
import { workflowTitles, type DefinitionTexts, type WorkflowTitles } from '../internal/workflow-titles.js';
import { fillString } from '../internal/ui-strings.js';
import { ElementLocale } from '../internal/element-locale.js';
import { loadLocaleFile } from '../internal/locale-words.js';
import { heading } from '../internal/heading.js';
import { notesFor, renderBringAndContact, renderNext } from '../internal/applicant-notes.js';
import type { ApplicantNotes } from '@civicflow/core/runtime';
import { CfCaseLoadedEvent } from '../events/case-loaded.js';
import { CfEventSentEvent } from '../events/event-sent.js';
import { themeStyles } from '../internal/theme.styles.js';
import { litStyles } from '../internal/lit-styles.js';
import { offeredStepsStyles, renderOfferedSteps } from '../internal/offered-steps.js';
import { applicantNotesStyles } from '../internal/applicant-notes.styles.js';
import { caseStatusStyles } from './case-status.styles.js';

/** The applicant's case as `GET /v1/status` answers it, at the version it was read at (the ETag's, for If-Match). */
type ShownCase = ApplicantCase;

/** A workflow step the applicant may take now, as the server offers it. */
type Step = ApplicantCase['availableEvents'][number];

type View =
  | { readonly kind: 'loading' }
  | { readonly kind: 'no-token' }
  | { readonly kind: 'failed'; readonly status?: number }
  | { readonly kind: 'shown'; readonly case: ShownCase; readonly titles: WorkflowTitles; readonly timeline: Timeline };

/** A message about the last step sent: done (announced politely), or why nothing happened (an alert). */
type Notice = { readonly kind: 'done' | 'error'; readonly text: string };

/** The applicant token from the page's URL: `#token=…` (kept out of server logs and referrers), else `?token=…`. */
function tokenFromUrl(): string | undefined {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  return fragment || new URLSearchParams(location.search).get('token') || undefined;
}

/**
 * @summary An applicant's own case as a timeline: the states it reached with their dates, where it stands now and
 * what happens next — in the program's own words for that state (what to have ready, whom to contact, by when) —
 * with the workflow steps the applicant may take now (each with its form, if it has one).
 * Reads `GET /v1/status` with the applicant token from the submission's receipt and sends a step as
 * `POST /v1/cases/{id}/events` with the same token and `If-Match`.
 *
 * @event cf-case-loaded - The case was loaded. `detail: { caseId, state, version }`.
 * @event cf-event-sent - The server took a step the applicant sent. `detail: { caseId, event, state, version }`.
 *
 * @csspart base - The outer box (carries `lang` and `dir`).
 * @csspart title - The heading.
 * @csspart facts - The reference and program.
 * @csspart timeline - The list of states reached; `step` is one of them, `current` the current one.
 * @csspart next - What happens next: the program's words for the current state (`due` its date, `bring` what to have
 *   ready, `contact` whom to contact), the steps the applicant may take, the deadlines still running.
 * @csspart steps - The list of steps the applicant may take now.
 * @csspart step-form - The chosen step: its form (a `<cf-form>`), or the confirmation of a step without one.
 * @csspart notice - Loading and error messages, and the answer to a step sent.
 * @csspart button - Every button; also `step` (a step to choose), `send` (a step without a form) and `cancel`.
 */
export class CfCaseStatus extends LitElement {
  static override styles = [...litStyles(themeStyles), caseStatusStyles, ...litStyles(applicantNotesStyles, offeredStepsStyles)];

  static override properties = {
    api: {},
    token: {},
    locale: {},
    headingLevel: { type: Number, attribute: 'heading-level' },
    strings: { attribute: false },
  };

  /** Base URL of the civicflow API (the part before `/v1`); empty for the page's own origin. */
  declare api: string;
  /** The applicant token (`cfa1.…`); without it the element reads `#token=` or `?token=` from the page's URL. */
  declare token: string | undefined;
  /** Language of the texts; defaults to the nearest `lang`, then German. */
  declare locale: string | undefined;
  /** Level of the element's heading (2 by default). */
  declare headingLevel: number;
  /** Own wording, overriding the built-in German and English for any key. */
  declare strings: Partial<CaseStrings> | undefined;

  readonly #lang = new ElementLocale<CaseStrings>(this, caseStrings, 'de');
  #view: View = { kind: 'loading' };
  #loads = 0;
  /** Program definitions (for their titles) by `id@version`: a version never changes. */
  #definitions = new Map<string, DefinitionTexts>();
  #chosen: Step | undefined;
  #notice: Notice | undefined;
  #sending = false;

  constructor() {
    super();
    this.api = '';
    this.headingLevel = 2;
  }

  /** Loads the case again (the element does so itself when `api`, `token` or `locale` change); closes an open step. */
  async reload(): Promise<void> {
    this.#chosen = undefined;
    this.#notice = undefined;
    await this.#load(false);
  }

  /**
   * Reads the case. `quiet` keeps the case on screen until the new answer replaces it (after a step, or in another
   * language), and with it an open step's form and what was typed into it, as long as the step is still offered.
   */
  async #load(quiet: boolean): Promise<void> {
    const token = ++this.#loads;
    const applicantToken = this.#applicantToken();
    if (!applicantToken) {
      this.#view = { kind: 'no-token' };
      this.requestUpdate();
      return;
    }
    if (!quiet || this.#view.kind !== 'shown') {
      this.#view = { kind: 'loading' };
      this.requestUpdate();
    }
    const locale = this.#lang.locale;
    try {
      // The page's words in that language come with the case (a locale beyond German and English is a file of its
      // own); if they cannot be fetched, the page shows the words it has.
      const [status] = await Promise.all([
        requestJson<ApplicantCase>({ api: this.api, token: applicantToken, locale }, '/v1/status'),
        loadLocaleFile(locale).catch(() => undefined),
      ]);
      const definition = await this.#definition(status.body.program, locale);
      if (token !== this.#loads) return;
      const titles = workflowTitles(definition, locale);
      const c: ShownCase = { ...status.body, version: versionOf(status.etag) ?? status.body.version ?? 0 };
      this.#view = { kind: 'shown', case: c, titles, timeline: caseTimeline(c, titles) };
      // An open step stays open while it is offered, with its title in the language now shown.
      if (this.#chosen) this.#chosen = c.availableEvents.find((e) => e.event === this.#chosen!.event);
      this.dispatchEvent(new CfCaseLoadedEvent({ caseId: c.id, state: c.state, version: c.version }));
    } catch (e) {
      if (token !== this.#loads) return;
      this.#chosen = undefined;
      this.#view = e instanceof CaseApiError ? { kind: 'failed', status: e.status } : { kind: 'failed' };
    }
    this.requestUpdate();
  }

  async #definition(ref: string, locale: string): Promise<DefinitionTexts> {
    const known = this.#definitions.get(ref);
    if (known) return known;
    const program = (await requestJson<DefinitionTexts>({ api: this.api, locale }, programVersionPath(ref))).body;
    this.#definitions.set(ref, program);
    return program;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('token')) void this.reload();
    // Another language keeps an open step and its answers: the form switches its language in place.
    else if (changed.has('locale')) void this.#load(true);
  }

  #applicantToken(): string | undefined {
    return this.token || tokenFromUrl();
  }

  #ctx(): ApiContext {
    return { api: this.api, token: this.#applicantToken(), locale: this.#lang.locale };
  }


  #date(iso: string, withTime = false): string {
    const options: Intl.DateTimeFormatOptions = withTime ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' };
    return new Intl.DateTimeFormat(this.#lang.locale, options).format(new Date(iso));
  }

  protected override render(): TemplateResult {
    const locale = this.#lang.locale;
    const s = this.#lang.strings;
    return html`<section class="cf" part="base" lang=${locale} dir=${this.#lang.direction} aria-labelledby="cf-status-title" aria-busy=${this.#view.kind === 'loading' || this.#sending ? 'true' : 'false'}>
      ${heading(this.headingLevel, s.statusTitle, { id: 'cf-status-title', part: 'title', focusable: true })}
      ${this.#renderView(s)}
    </section>`;
  }

  #renderView(s: CaseStrings): TemplateResult {
    const view = this.#view;
    switch (view.kind) {
      case 'loading':
        return html`<p class="notice" part="notice" role="status">${s.loading}</p>`;
      case 'no-token':
        return html`<p class="notice notice-error" part="notice" role="alert">${s.statusNoToken}</p>`;
      case 'failed': {
        // 410: the server's applicant links stop working a while after the case closed (TOKEN_EXPIRED).
        const text =
          view.status === undefined
            ? s.failedNetwork
            : view.status === 401 || view.status === 404
              ? s.statusNotFound
              : view.status === 410
                ? s.statusExpired
                : fillString(s.failed, { status: view.status });
        // Trying again cannot bring an expired link back, nor find a case the link does not open: only a failure
        // that may pass (no connection, the server's own trouble) offers it.
        const lasting = view.status === 410 || view.status === 401 || view.status === 404;
        return html`<div class="notice notice-error" part="notice" role="alert"><p>${text}</p>
          ${lasting ? nothing : html`<button type="button" part="button" @click=${() => this.reload()}>${s.retry}</button>`}</div>`;
      }
      default:
        return this.#renderCase(view.case, view.titles, view.timeline, s);
    }
  }

  #renderCase(c: ShownCase, titles: WorkflowTitles, t: Timeline, s: CaseStrings): TemplateResult {
    const sub = this.headingLevel + 1;
    const due = titles.dueAt(c.state, c.deadlines);
    const notes = notesFor(titles.text, c.state, due, this.#lang.locale);
    return html`<dl class="facts" part="facts">
        <dt>${s.reference}</dt><dd class="reference">${c.reference}</dd>
        ${titles.program ? html`<dt>${s.program}</dt><dd>${titles.program}</dd>` : nothing}
      </dl>
      ${heading(sub, s.timelineTitle, { id: 'cf-timeline-title', part: 'subtitle' })}
      <ol class="timeline" part="timeline" aria-labelledby="cf-timeline-title">
        ${t.steps.map(
          (step) => html`<li part=${step.current ? 'step current' : 'step'} aria-current=${step.current ? 'step' : nothing}>
            <span class="step-title">${step.title}${step.current ? html` <span class="current-mark">(${s.currentStep})</span>` : nothing}</span>
            <time class="meta" datetime=${step.at}>${this.#date(step.at, true)}</time>
          </li>`,
        )}
      </ol>
      ${c.outcomes.length
        ? html`${heading(sub, s.outcomesTitle, { part: 'subtitle' })}
            <ul>${c.outcomes.map((o) => html`<li>${o.title}</li>`)}</ul>`
        : nothing}
      <div part="next" class="next">
        ${heading(sub, s.nextTitle, { id: 'cf-next-title', part: 'subtitle', focusable: true })}
        <div class="announce" role="status">${this.#notice?.kind === 'done' ? html`<p id="cf-notice" class="notice" part="notice">${this.#notice.text}</p>` : nothing}</div>
        ${this.#notice?.kind === 'error' ? html`<div id="cf-notice" class="notice notice-error" part="notice" role="alert"><p>${this.#notice.text}</p></div>` : nothing}
        ${t.finished ? (notes.next.length ? renderNext(notes) : html`<p>${s.nextFinished}</p>`) : this.#renderNext(c, t, s, notes, due)}
        ${renderBringAndContact(notes, s, sub + 1)}
        <p class="meta">${fillString(s.updated, { date: this.#date(c.updatedAt, true) })}</p>
      </div>`;
  }

  /**
   * What happens next: the program's words for the state and its date, the steps the applicant may take, and the
   * deadlines still running (but the one whose date the program's words already give).
   */
  #renderNext(c: ShownCase, t: Timeline, s: CaseStrings, notes: ApplicantNotes, due: string | undefined): TemplateResult {
    const chosen = this.#chosen;
    const told = notes.next.length > 0 || notes.due !== undefined;
    const deadlines = t.deadlines.filter((d) => notes.due === undefined || d.due !== due);
    return html`${told ? renderNext(notes) : nothing}${c.availableEvents.length
        ? html`<p id="cf-steps-intro">${s.nextActions}</p>
            ${renderOfferedSteps(c.availableEvents, chosen?.event, { list: 'steps', button: 'step', chosenClass: 'primary', labelledBy: 'cf-steps-intro' }, (e) => this.#choose(e))}
            ${chosen ? this.#renderStep(c, chosen, s) : nothing}`
        : told
          ? nothing
          : html`<p>${s.nextWaiting}</p>`}
      ${deadlines.length
        ? html`<ul class="deadlines">${deadlines.map((d) => html`<li>${fillString(s.nextDeadline, { title: d.title, date: this.#date(d.due) })}</li>`)}</ul>`
        : nothing}`;
  }

  /** The chosen step: its form, or (without one) what sending it means and a button to send it. */
  #renderStep(c: ShownCase, step: Step, s: CaseStrings): TemplateResult {
    const title = heading(this.headingLevel + 2, fillString(s.eventFormTitle, { title: step.title }), { id: 'cf-step-title', part: 'subtitle', focusable: true });
    const cancel = html`<button type="button" class="secondary" part="button cancel" @click=${() => this.#choose(undefined)}>${s.cancel}</button>`;
    if (!step.form) {
      return html`<div class="step-form" part="step-form" role="group" aria-labelledby="cf-step-title">${title}
        <p>${fillString(s.stepConfirm, { title: step.title })}</p>
        <div class="buttons">
          <button type="button" class="primary" part="button send" @click=${() => this.#send(step, undefined)}>${fillString(s.sendWithoutForm, { title: step.title })}</button>
          ${cancel}
        </div>
      </div>`;
    }
    // <cf-form> comes with the first step that has a form, so a status page without one never loads it.
    if (!customElements.get('cf-form')) void import('../define.js');
    return html`<div class="step-form" part="step-form" role="group" aria-labelledby="cf-step-title">${title}
      <cf-form src=${browserValidatorsUrl(this.#ctx(), c.program, step.form)} form=${step.form} locale=${this.#lang.locale} heading-level=${this.headingLevel + 3}
        hide-description @cf-submit=${this.#onStepFormSubmit}></cf-form>
      ${cancel}
    </div>`;
  }

  // ——— the applicant's steps ———

  #choose = async (step: Step | undefined): Promise<void> => {
    if (this.#sending) return;
    const before = this.#chosen;
    this.#chosen = step;
    this.#notice = undefined;
    this.requestUpdate();
    await this.updateComplete;
    if (step) this.renderRoot.querySelector<HTMLElement>('#cf-step-title')?.focus();
    else if (before) this.renderRoot.querySelector<HTMLElement>(`button[data-event="${before.event}"]`)?.focus();
  };

  #onStepFormSubmit = (e: CfSubmitEvent): void => {
    // The element sends the data itself, as the step's event with If-Match; the form only renders and validates.
    e.preventDefault();
    if (this.#chosen) void this.#send(this.#chosen, e.detail.data as Record<string, unknown>, e.target as CfForm);
  };

  async #send(step: Step, data: Record<string, unknown> | undefined, form?: CfForm): Promise<void> {
    const view = this.#view;
    if (view.kind !== 'shown' || this.#sending) return;
    const c = view.case;
    const s = this.#lang.strings;
    this.#sending = true;
    this.#notice = undefined;
    this.requestUpdate();
    let notice: Notice;
    let reload = false;
    try {
      const r = await sendCaseEvent<ApplicantCase>(this.#ctx(), c.id, c.version, step.event, data);
      const after = r.body.case;
      this.#chosen = undefined;
      notice = { kind: 'done', text: fillString(s.stepApplied, { title: step.title, state: after.stateTitle ?? view.titles.state(after.state) }) };
      this.dispatchEvent(new CfEventSentEvent({ caseId: c.id, event: step.event, state: after.state, version: after.version }));
      // The answer is the case as it now is: shown as it stands, with no second request (which, when the step
      // closed the case and the server ends links at closing, would already find the link expired).
      const shown: ShownCase = { ...after, version: versionOf(r.etag) ?? after.version };
      this.#view = { kind: 'shown', case: shown, titles: view.titles, timeline: caseTimeline(shown, view.titles) };
      this.dispatchEvent(new CfCaseLoadedEvent({ caseId: shown.id, state: shown.state, version: shown.version }));
    } catch (e) {
      const refusal = eventRefusal(e);
      if (refusal.kind === 'invalid' && form) void form.showServerErrors(refusal.errors);
      // Someone changed the case (the applicant in another tab, the office, a deadline): show where it stands now.
      reload = refusal.kind === 'conflict';
      const text =
        refusal.kind === 'conflict'
          ? s.stepConflict
          : refusal.kind === 'invalid'
            ? s.invalid
            : e instanceof CaseApiError
              ? fillString(s.refused, { message: refusal.message })
              : s.failedNetwork;
      notice = { kind: 'error', text };
    }
    if (reload) await this.#load(true);
    // The answer appears once the page is no longer busy, so screen readers announce it rather than skip it.
    this.#sending = false;
    this.#notice = notice;
    this.requestUpdate();
    await this.updateComplete;
    // The step's form is gone (sent, or no longer offered): go on from the heading above the answer.
    if (!this.#chosen) this.renderRoot.querySelector<HTMLElement>('#cf-next-title')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-case-status': CfCaseStatus;
  }
}
