import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { CaseApiError, requestJson, versionOf } from '../internal/case-api.js';
import { caseTimeline, type ApplicantCase, type Timeline } from '../internal/case-timeline.js';
import { caseStrings, type CaseStrings } from '../internal/case-strings.js';
import { workflowTitles, type DefinitionTexts, type WorkflowTitles } from '../internal/workflow-titles.js';
import { directionOf, fillString } from '../internal/ui-strings.js';
import { heading } from '../internal/heading.js';
import { CfCaseLoadedEvent } from '../events/case-loaded.js';
import { themeStyles } from '../internal/theme.styles.js';
import { caseStatusStyles } from './case-status.styles.js';

type View =
  | { readonly kind: 'loading' }
  | { readonly kind: 'no-token' }
  | { readonly kind: 'failed'; readonly status?: number }
  | { readonly kind: 'shown'; readonly case: ApplicantCase; readonly titles: WorkflowTitles; readonly timeline: Timeline };

/** The applicant token from the page's URL: `#token=…` (kept out of server logs and referrers), else `?token=…`. */
function tokenFromUrl(): string | undefined {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  return fragment || new URLSearchParams(location.search).get('token') || undefined;
}

/**
 * @summary An applicant's own case as a timeline: the states it reached with their dates, where it stands now and
 * what happens next. Reads `GET /v1/status` with the applicant token from the submission's receipt.
 *
 * @event cf-case-loaded - The case was loaded. `detail: { caseId, state, version }`.
 *
 * @csspart base - The outer box (carries `lang` and `dir`).
 * @csspart title - The heading.
 * @csspart facts - The reference and program.
 * @csspart timeline - The list of states reached; `step` is one of them, `current` the current one.
 * @csspart next - What happens next.
 * @csspart notice - Loading and error messages.
 * @csspart button - The retry button.
 */
export class CfCaseStatus extends LitElement {
  static override styles = [themeStyles, caseStatusStyles];

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

  #view: View = { kind: 'loading' };
  #loads = 0;

  constructor() {
    super();
    this.api = '';
    this.headingLevel = 2;
  }

  /** Loads the case again (the element does so itself when `api`, `token` or `locale` change). */
  async reload(): Promise<void> {
    const token = ++this.#loads;
    const applicantToken = this.token || tokenFromUrl();
    if (!applicantToken) {
      this.#view = { kind: 'no-token' };
      this.requestUpdate();
      return;
    }
    this.#view = { kind: 'loading' };
    this.requestUpdate();
    const locale = this.#locale();
    try {
      const status = await requestJson<ApplicantCase>({ api: this.api, token: applicantToken, locale }, '/v1/status');
      const [id, version] = status.body.program.split('@');
      const program = await requestJson<DefinitionTexts>({ api: this.api, locale }, `/v1/programs/${encodeURIComponent(id!)}/versions/${encodeURIComponent(version!)}`);
      if (token !== this.#loads) return;
      const titles = workflowTitles(program.body, locale);
      this.#view = { kind: 'shown', case: status.body, titles, timeline: caseTimeline(status.body, titles) };
      this.dispatchEvent(new CfCaseLoadedEvent({ caseId: (status.body as ApplicantCase & { id: string }).id, state: status.body.state, version: versionOf(status.etag) ?? 0 }));
    } catch (e) {
      if (token !== this.#loads) return;
      this.#view = e instanceof CaseApiError ? { kind: 'failed', status: e.status } : { kind: 'failed' };
    }
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('token') || changed.has('locale')) void this.reload();
  }

  #locale(): string {
    return this.locale || this.closest('[lang]')?.getAttribute('lang') || 'de';
  }

  #strings(): CaseStrings {
    return caseStrings(this.#locale(), this.strings);
  }

  #date(iso: string, withTime = false): string {
    const options: Intl.DateTimeFormatOptions = withTime ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' };
    return new Intl.DateTimeFormat(this.#locale(), options).format(new Date(iso));
  }

  protected override render(): TemplateResult {
    const locale = this.#locale();
    const s = this.#strings();
    return html`<section class="cf" part="base" lang=${locale} dir=${directionOf(locale)} aria-labelledby="cf-status-title" aria-busy=${this.#view.kind === 'loading' ? 'true' : 'false'}>
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
        const text = view.status === undefined ? s.failedNetwork : view.status === 401 || view.status === 404 ? s.statusNotFound : fillString(s.failed, { status: view.status });
        return html`<div class="notice notice-error" part="notice" role="alert"><p>${text}</p>
          <button type="button" part="button" @click=${() => this.reload()}>${s.retry}</button></div>`;
      }
      default:
        return this.#renderCase(view.case, view.titles, view.timeline, s);
    }
  }

  #renderCase(c: ApplicantCase, titles: WorkflowTitles, t: Timeline, s: CaseStrings): TemplateResult {
    const sub = this.headingLevel + 1;
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
        ${heading(sub, s.nextTitle, { part: 'subtitle' })}
        ${t.finished ? html`<p>${s.nextFinished}</p>` : this.#renderNext(t, s)}
        <p class="meta">${fillString(s.updated, { date: this.#date(c.updatedAt, true) })}</p>
      </div>`;
  }

  #renderNext(t: Timeline, s: CaseStrings): TemplateResult {
    return html`${t.actions.length
        ? html`<p>${s.nextActions}</p>
            <ul class="actions">${t.actions.map((a) => html`<li>${a}</li>`)}</ul>`
        : html`<p>${s.nextWaiting}</p>`}
      ${t.deadlines.length
        ? html`<ul class="deadlines">${t.deadlines.map((d) => html`<li>${fillString(s.nextDeadline, { title: d.title, date: this.#date(d.due) })}</li>`)}</ul>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-case-status': CfCaseStatus;
  }
}
