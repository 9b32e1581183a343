import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { cssProps } from './css-props.js';
import { forLocale } from '@civicflow/core/runtime';
import type { Api, DeepReadonly } from '@civicflow/core/runtime';
import { directionOf, fillString } from '../internal/ui-strings.js';
import { heading } from '../internal/heading.js';
import { CfErrorEvent } from '../events/error.js';
import { CaseApiError, fetchSession } from '../internal/case-api.js';
import { reportCharts, type OutcomeSeries, type ProgramReport, type ReportCharts, type ReportDefinition, type SumChart } from './report-charts.js';
import { reportStrings, type ReportStrings } from './report-strings.js';
import { themeStyles } from '../internal/theme.styles.js';
import { litStyles } from '../internal/lit-styles.js';
import { programReportStyles } from './program-report.styles.js';

type Phase = 'idle' | 'loading' | 'failed' | 'ready' | 'signed-out';

/** Six colours and six patterns: the series `k` has both, so two series differ in more than colour. */
const SERIES_CLASSES = 6;
const seriesClass = (k: number) => `c${k % SERIES_CLASSES} p${k % SERIES_CLASSES}`;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * @summary A program's report for its coordinators: cases per workflow state as a funnel, cases opened per month
 * (applications, first contacts), outcomes per month as stacked bars, each sum the workflow declares (such as the
 * amount granted) against its budget, the places held, free and waiting, and the deadlines due. Each chart is drawn
 * in HTML and CSS (its text is text, at the page's size, in forced colours too), labelled as one image with every
 * number in words, and has a table with the same numbers. Reads `GET {api}/programs/{program}/report` (counts only,
 * no personal data) for the months from `from` to `to`, which a form above the charts sets, and the program's
 * definition for the order of states and outcomes; or takes `report` and `definition` as properties.
 *
 * @event cf-error - The report could not be loaded. `detail: { kind: 'load', status?, willRetry: false }`.
 *
 * @csspart base - The outer box (carries `lang` and `dir`).
 * @csspart title - The report's heading.
 * @csspart meta - The line with the report's date.
 * @csspart chart - Each chart's figure; `funnel`, `opened`, `outcomes` and `sum` tell them apart.
 * @csspart chart-title - A chart's caption.
 * @csspart period - The form that chooses the months.
 * @csspart drawing - A chart's drawing.
 * @csspart legend - The list of outcome kinds with their colours and patterns.
 * @csspart table-toggle - The disclosure that holds a chart's table.
 * @csspart table - Every table.
 * @csspart deadlines - The section with the deadlines due.
 * @csspart notice - Messages while loading, after a failure, or when there is nothing to show.
 *
 * @cssproperty --cf-chart-1 - Colour of the funnel's bars and the first outcome; `--cf-chart-2` … `--cf-chart-6` the others
 * (by default Okabe and Ito's colours, told apart by people with a colour vision deficiency, each with its own pattern).
 */
export class CfProgramReport extends LitElement {
  static override styles = [...litStyles(themeStyles), programReportStyles];

  static override properties = {
    api: {},
    program: {},
    locale: {},
    headingLevel: { type: Number, attribute: 'heading-level' },
    from: { reflect: true },
    to: { reflect: true },
    signIn: { type: Boolean, attribute: 'sign-in' },
    token: { attribute: false },
    report: { attribute: false },
    definition: { attribute: false },
    monitoring: { attribute: false },
    strings: { attribute: false },
    phase: { state: true },
    periodProblem: { state: true },
  };

  /** Base URL of the civicflow API (default `/v1`). */
  declare api: string;
  /** The program's id. */
  declare program: string;
  /** The language of the wording and of the titles the server sends (`de` by default, or `en`). */
  declare locale: string;
  /** Level of the report's heading (2 by default; the charts' captions are not headings). */
  declare headingLevel: number;
  /** The first month to count cases opened, outcomes and sums in (`YYYY-MM`); open when unset. */
  declare from: string | undefined;
  /** The last month to count them in (`YYYY-MM`, included); open when unset. */
  declare to: string | undefined;
  /**
   * The server signs people in with OpenID Connect: without a `token`, the report is fetched with the server's sign-in
   * cookie, the element says who is signed in beside a sign-out button, and to someone not signed in it offers a link
   * to the server's `/auth/login` instead of failing. The page must come from the API's origin.
   */
  declare signIn: boolean;
  /** A bearer token of a caseworker with a role in the program; never an attribute, so it stays out of the DOM. */
  declare token: string | undefined;
  /** A report to show instead of fetching one. */
  declare report: ProgramReport | undefined;
  /** The program definition (or its workflow and texts) to order and name states and outcomes by. */
  declare definition: ReportDefinition | undefined;
  /** Participant monitoring to show instead of fetching it (programs with `monitoring`). */
  declare monitoring: DeepReadonly<Api.MonitoringSummary> | undefined;
  /** Overrides of the built-in wording. */
  declare strings: Partial<ReportStrings> | undefined;

  declare protected phase: Phase;
  declare protected periodProblem: string | undefined;
  #loaded: ProgramReport | undefined;
  #loadedDefinition: ReportDefinition | undefined;
  #loadedMonitoring: DeepReadonly<Api.MonitoringSummary> | undefined;
  #request = 0;
  #session: { actor: string; name?: string } | undefined;

  constructor() {
    super();
    this.signIn = false;
    this.api = '/v1';
    this.program = '';
    this.locale = 'de';
    this.headingLevel = 2;
    this.phase = 'idle';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['api', 'program', 'locale', 'token', 'signIn', 'report', 'definition', 'monitoring', 'from', 'to'] as const;
    if (inputs.some((k) => changed.has(k))) void this.#load();
  }

  async #load(): Promise<void> {
    const id = ++this.#request;
    if (this.report) {
      this.#loaded = this.report;
      this.#loadedDefinition = this.definition;
      this.#loadedMonitoring = this.monitoring;
      this.phase = 'ready';
      return;
    }
    if (!this.program) return;
    this.phase = 'loading';
    const base = `${this.api.replace(/\/$/, '')}/programs/${encodeURIComponent(this.program)}`;
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': this.locale };
    let status: number | undefined;
    const session = this.signIn && !this.token;
    try {
      const [report, definition, who] = await Promise.all([
        fetch(`${base}/report${this.#periodQuery()}`, { headers: { ...headers, ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) }, credentials: session ? 'same-origin' : 'omit' }),
        this.definition ? Promise.resolve(undefined) : fetch(base, { headers }),
        session ? fetchSession({ api: this.#serverBase(), locale: this.locale }).catch(() => undefined) : Promise.resolve(undefined),
      ]);
      status = report.status;
      if (id !== this.#request) return;
      this.#session = who;
      if (session && report.status === 401) {
        this.phase = 'signed-out';
        return;
      }
      if (!report.ok) throw new CaseApiError(report.status, 'HTTP_ERROR', `report answered ${report.status}`, {});
      const body = (await report.json()) as ProgramReport;
      const def = this.definition ?? (definition?.ok ? ((await definition.json()) as DeepReadonly<Api.ProgramWithDefinition>).definition : undefined);
      // A program with participant monitoring: its indicators too. Without them the rest of the report still shows.
      const hasMonitoring = !!(def as { monitoring?: unknown } | undefined)?.monitoring;
      const monitoring = this.monitoring ?? (hasMonitoring ? await this.#fetchMonitoring(base, headers, session) : undefined);
      if (id !== this.#request) return;
      this.#loaded = body;
      this.#loadedDefinition = def;
      this.#loadedMonitoring = monitoring;
      this.phase = 'ready';
    } catch (cause) {
      if (id !== this.#request) return;
      this.phase = 'failed';
      this.dispatchEvent(new CfErrorEvent({ kind: 'load', ...(status === undefined ? {} : { status }), willRetry: false, cause }));
    }
  }

  /** The server's root under which `/auth/*` is: the API's base without its `/v1`. */
  #serverBase(): string {
    return this.api.replace(/\/?v1\/?$/, '');
  }

  /** Who is signed in and the sign-out (a form's POST to the server), or to someone not signed in the way to sign in. */
  private renderSession(t: ReportStrings): TemplateResult | typeof nothing {
    if (!this.signIn || this.token) return nothing;
    const base = this.#serverBase();
    if (this.phase === 'signed-out') {
      const href = `${base}/auth/login?returnTo=${encodeURIComponent(`${location.pathname}${location.search}`)}`;
      return html`<div part="sign-in" class="sign-in"><p>${t.signInWithAccount}</p><p><a href=${href} class="button">${t.signInLink}</a></p></div>`;
    }
    if (!this.#session) return nothing;
    return html`<form part="signed-in" class="signed-in" method="post" action=${`${base}/auth/logout`}>
      <span>${fillString(t.signedInName, { name: this.#session.name ?? this.#session.actor })}</span>
      <button type="submit" class="secondary">${t.signOut}</button>
    </form>`;
  }

  /** The monitoring's indicators, with the report's credentials (a token, or the sign-in cookie). */
  async #fetchMonitoring(base: string, headers: Record<string, string>, session: boolean): Promise<DeepReadonly<Api.MonitoringSummary> | undefined> {
    try {
      const res = await fetch(`${base}/monitoring`, {
        headers: { ...headers, ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
        credentials: session ? 'same-origin' : 'omit',
      });
      return res.ok ? ((await res.json()) as DeepReadonly<Api.MonitoringSummary>) : undefined;
    } catch {
      return undefined;
    }
  }

  /** `?from=…&to=…` for the months chosen; a value that is no month is left out rather than sent. */
  #periodQuery(): string {
    const query = new URLSearchParams();
    if (this.from && MONTH.test(this.from)) query.set('from', this.from);
    if (this.to && MONTH.test(this.to)) query.set('to', this.to);
    const text = query.toString();
    return text ? `?${text}` : '';
  }

  override render(): TemplateResult {
    const t = reportStrings(this.locale, this.strings);
    const def = this.#loadedDefinition;
    const name = forLocale(def?.title, this.locale) ?? this.#loaded?.program ?? this.program;
    let body: unknown;
    if (this.phase === 'ready' && this.#loaded) body = this.renderReport(reportCharts(this.#loaded, def, this.locale), this.#loaded, t);
    else if (this.phase === 'failed') body = html`<p part="notice" role="alert">${t.failed}</p>`;
    else if (this.phase === 'signed-out') body = nothing;
    else body = html`<p part="notice" role="status">${t.loading}</p>`;
    return html`<section part="base" class="cf" lang=${this.locale} dir=${directionOf(this.locale)} aria-busy=${this.phase === 'loading' ? 'true' : 'false'}>
      ${this.renderSession(t)} ${heading(this.headingLevel, fillString(t.heading, { program: name }), { part: 'title' })} ${this.report || this.phase === 'signed-out' ? nothing : this.renderPeriodForm(t)} ${body}
    </section>`;
  }

  /** The months to report on: two month fields, checked here before anything is asked of the server. */
  private renderPeriodForm(t: ReportStrings): TemplateResult {
    const problem = this.periodProblem;
    const described = problem ? 'period-problem' : 'period-hint';
    return html`<form part="period" class="period" novalidate @submit=${(e: SubmitEvent) => this.#choosePeriod(e)}>
      <fieldset>
        <legend>${t.periodLegend}</legend>
        <p id="period-hint" class="hint">${t.periodHint}</p>
        ${problem ? html`<p id="period-problem" class="problem" role="alert">${problem}</p>` : nothing}
        <div class="period-fields">
          <label>${t.periodFrom} <input type="month" name="from" .value=${this.from ?? ''} aria-describedby=${described} aria-invalid=${problem && this.#badEnd === 'from' ? 'true' : 'false'} /></label>
          <label>${t.periodTo} <input type="month" name="to" .value=${this.to ?? ''} aria-describedby=${described} aria-invalid=${problem && this.#badEnd === 'to' ? 'true' : 'false'} /></label>
          <button type="submit">${t.periodApply}</button>
        </div>
      </fieldset>
    </form>`;
  }

  #badEnd: 'from' | 'to' | undefined;

  #choosePeriod(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const t = reportStrings(this.locale, this.strings);
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const [from, to] = [value('from'), value('to')];
    const bad = (['from', 'to'] as const).find((end) => ({ from, to })[end] !== '' && !MONTH.test({ from, to }[end]));
    this.#badEnd = bad ?? (from && to && from > to ? 'from' : undefined);
    this.periodProblem = bad ? t.periodNotMonth : this.#badEnd ? t.periodOrder : undefined;
    if (this.periodProblem) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`input[name="${this.#badEnd}"]`)?.focus());
      return;
    }
    this.from = from || undefined;
    this.to = to || undefined;
  }

  private renderReport(c: ReportCharts, report: ProgramReport, t: ReportStrings): TemplateResult {
    const date = new Intl.DateTimeFormat(this.locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(report.generatedAt));
    const period =
      this.from || this.to
        ? fillString(t.period, { from: this.from ? this.monthLabel(this.from, 'long') : t.periodOpenStart, to: this.to ? this.monthLabel(this.to, 'long') : t.periodOpenEnd })
        : t.periodAll;
    return html`<p part="meta">${fillString(t.generatedAt, { date })} ${period}</p>
      ${(report.places ?? []).map((p) => this.renderPlaces(p, t))} ${this.renderFunnel(c, t)} ${this.renderOutcomes(c, t)}
      ${c.sums.map((s) => this.renderSum(s, t))} ${this.#loadedMonitoring ? this.renderMonitoring(this.#loadedMonitoring, t) : nothing} ${this.renderDeadlines(c, t)}`;
  }

  private number(n: number): string {
    return new Intl.NumberFormat(this.locale).format(n);
  }

  private monthLabel(month: string, style: 'short' | 'long'): string {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return new Intl.DateTimeFormat(this.locale, { month: style, year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
  }

  /**
   * One chart's frame: its caption, the drawing (an image to assistive technology, labelled with the title and every
   * number in words), what else goes under it (legend, summary), and the same numbers as a table behind a disclosure.
   */
  private chartFigure(f: { part: string; title: string; summary: string; drawing: unknown; after?: unknown; table: unknown; data?: Record<string, string> }, t: ReportStrings): TemplateResult {
    return html`<figure part="chart ${f.part}" data-sum=${f.data?.sum ?? nothing} data-places=${f.data?.places ?? nothing}>
      <figcaption part="chart-title">${f.title}</figcaption>
      <div part="drawing" class="drawing" role="img" aria-label=${`${f.title}. ${f.summary}`}>${f.drawing}</div>
      ${f.after ?? nothing}
      <details part="table-toggle">
        <summary>${t.asTable}</summary>
        <div class="scroll" tabindex="0" role="region" aria-label=${f.title}>
          <table part="table">
            <caption class="vh">${f.title}</caption>
            ${f.table}
          </table>
        </div>
      </details>
    </figure>`;
  }

  /** A bar of a horizontal chart: its length is `share` of the track, drawn from the track's start (the common baseline). */
  private bar(share: number, series: number, extra = ''): TemplateResult {
    return html`<span class="bar ${seriesClass(series)} ${extra}" ${cssProps({ '--share': String(Math.max(0, Math.min(1, share))) })}></span>`;
  }

  private renderFunnel(c: ReportCharts, t: ReportStrings): TemplateResult {
    const total = c.funnel.reduce((n, s) => n + s.count, 0);
    const max = Math.max(1, ...c.funnel.map((s) => s.count));
    const summary = fillString(t.funnelSummary, { total: this.number(total), list: c.funnel.map((s) => `${s.title}: ${this.number(s.count)}`).join(', ') });
    const drawing = html`<div class="hbars">
      ${c.funnel.map(
        (s) => html`<div class="hrow" data-state=${s.state}>
          <span class="hlabel">${s.title}</span>
          <span class="htrack">${this.bar(s.count / max, 0)}<span class="value">${this.number(s.count)}</span></span>
        </div>`,
      )}
    </div>`;
    const table = html`<thead><tr><th scope="col">${t.state}</th><th scope="col">${t.cases}</th></tr></thead>
      <tbody>${c.funnel.map((s) => html`<tr><th scope="row">${s.title}</th><td>${this.number(s.count)}</td></tr>`)}</tbody>
      <tfoot><tr><th scope="row">${t.total}</th><td>${this.number(total)}</td></tr></tfoot>`;
    return this.chartFigure({ part: 'funnel', title: t.funnelTitle, summary, drawing, table }, t);
  }

  private renderOutcomes(c: ReportCharts, t: ReportStrings): TemplateResult {
    const opened = c.months.length > 0
      ? this.renderMonthly({ part: 'opened', title: t.openedTitle, months: c.months, series: [{ outcome: 'opened', title: t.openedSeries, counts: c.opened.counts, total: c.opened.total }], max: c.opened.max }, t)
      : nothing;
    const outcomes =
      c.series.every((s) => s.total === 0)
        ? html`<figure part="chart outcomes"><figcaption part="chart-title">${t.outcomesTitle}</figcaption><p part="notice">${t.noOutcomes}</p></figure>`
        : this.renderMonthly({ part: 'outcomes', title: t.outcomesTitle, months: c.months, series: c.series, max: c.monthMax }, t);
    return html`${opened}${outcomes}`;
  }

  /**
   * Stacked columns per month standing on one baseline, each kind of outcome in its own colour and pattern, a legend
   * with totals, and the same numbers as a table. Month names stand under every few columns, each over as many
   * columns as it may use, so none reaches past the drawing however narrow it is.
   */
  private renderMonthly(m: { part: string; title: string; months: string[]; series: OutcomeSeries[]; max: number }, t: ReportStrings): TemplateResult {
    const n = m.months.length;
    const every = Math.max(1, Math.ceil(n / 6));
    const top = Math.max(1, m.max);
    const columns = m.months.map((month, i) => {
      const total = m.series.reduce((sum, s) => sum + s.counts[i]!, 0);
      return html`<span class="col" data-month=${month} data-total=${total}>
        ${m.series.map((s, k) => (s.counts[i]! > 0 ? html`<span class="seg ${seriesClass(k)}" data-series=${s.outcome} ${cssProps({ '--share': String(s.counts[i]! / top) })}></span>` : nothing))}
      </span>`;
    });
    const ticks = m.months.map((month, i) => {
      const span = Math.min(every, n - i);
      // A last month with fewer columns than the others would have to break its name: it goes without.
      if (i % every !== 0 || (i > 0 && span < every)) return nothing;
      const [y, mo] = month.split('-').map(Number) as [number, number];
      const name = new Intl.DateTimeFormat(this.locale, { month: 'short', timeZone: 'UTC' }).format(Date.UTC(y, mo - 1, 1));
      return html`<span class="tick" ${cssProps({ 'grid-column': `${i + 1} / span ${span}` })}><span>${name}</span> <span>${y}</span></span>`;
    });
    const columnsStyle = { 'grid-template-columns': `repeat(${n}, minmax(0, 1fr))` };
    const drawing = html`<div class="vchart">
      <span class="yaxis" aria-hidden="true"><span>${this.number(top)}</span><span>0</span></span>
      <span class="plot" ${cssProps(columnsStyle)}>${columns}</span>
      <span class="ticks" ${cssProps(columnsStyle)}>${ticks}</span>
    </div>`;
    const summary = fillString(t.outcomesSummary, {
      from: this.monthLabel(m.months[0]!, 'long'),
      to: this.monthLabel(m.months[n - 1]!, 'long'),
      list: m.series.map((s) => `${s.title}: ${this.number(s.total)}`).join(', '),
    });
    const legend = html`<ul part="legend" class="legend">
      ${m.series.map((s, k) => html`<li><span class="swatch ${seriesClass(k)}" aria-hidden="true"></span>${s.title} (${this.number(s.total)})</li>`)}
    </ul>`;
    const table = html`<thead><tr><th scope="col">${t.month}</th>${m.series.map((s) => html`<th scope="col">${s.title}</th>`)}</tr></thead>
      <tbody>${m.months.map((mo, i) => html`<tr><th scope="row">${this.monthLabel(mo, 'long')}</th>${m.series.map((s) => html`<td>${this.number(s.counts[i]!)}</td>`)}</tr>`)}</tbody>
      <tfoot><tr><th scope="row">${t.total}</th>${m.series.map((s) => html`<td>${this.number(s.total)}</td>`)}</tr></tfoot>`;
    return this.chartFigure({ part: m.part, title: m.title, summary, drawing, after: legend, table }, t);
  }

  private amount(n: number, currency: string | undefined): string {
    const style: Intl.NumberFormatOptions = currency ? { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 2 } : { maximumFractionDigits: 2 };
    return new Intl.NumberFormat(this.locale, style).format(n);
  }

  /**
   * A report sum as one bar on a track from zero to the budget; over the budget the track runs to the sum, a mark
   * shows where the budget ends and the part beyond it has a pattern of its own. Per month as a table.
   */
  private renderSum(s: SumChart, t: ReportStrings): TemplateResult {
    const money = (n: number) => this.amount(n, s.currency);
    const title = fillString(t.sumTitle, { title: s.title });
    const count = this.number(s.count);
    const over = s.budget !== undefined && s.total > s.budget;
    const summary =
      s.budget === undefined
        ? fillString(t.sumSummary, { amount: money(s.total), count })
        : over
          ? fillString(t.sumOverBudget, { amount: money(s.total), count, over: money(s.total - s.budget), budget: money(s.budget) })
          : fillString(t.sumSummaryBudget, {
              amount: money(s.total),
              budget: money(s.budget),
              share: new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 1 }).format(s.total / s.budget),
              count,
              remaining: money(s.budget - s.total),
            });
    const whole = Math.max(s.budget ?? 0, s.total, 1);
    const within = s.budget === undefined ? s.total : Math.min(s.total, s.budget);
    const drawing = html`<span class="meter-labels"><span>${money(s.total)}</span>${s.budget === undefined ? nothing : html`<span>${t.budget}: ${money(s.budget)}</span>`}</span>
      <span class="meter">${this.bar(within / whole, 0)}${over ? this.bar((s.total - s.budget!) / whole, 5, 'over') : nothing}
        ${s.budget === undefined ? nothing : html`<span class="budget-mark" ${cssProps({ '--share': String(s.budget / whole) })}></span>`}</span>`;
    const table = html`<thead><tr><th scope="col">${t.month}</th><th scope="col">${t.cases}</th><th scope="col">${t.amount}</th><th scope="col">${t.runningTotal}</th></tr></thead>
      <tbody>${s.months.map((mo, i) => html`<tr><th scope="row">${this.monthLabel(mo, 'long')}</th><td>${this.number(s.counts[i]!)}</td><td>${money(s.amounts[i]!)}</td><td>${money(s.running[i]!)}</td></tr>`)}</tbody>
      <tfoot>
        <tr><th scope="row">${t.total}</th><td>${count}</td><td>${money(s.total)}</td><td></td></tr>
        ${s.budget === undefined
          ? nothing
          : html`<tr><th scope="row">${t.budget}</th><td></td><td>${money(s.budget)}</td><td></td></tr>
              <tr><th scope="row">${t.remaining}</th><td></td><td>${money(s.budget - s.total)}</td><td></td></tr>`}
      </tfoot>`;
    return this.chartFigure({ part: 'sum', title, summary, drawing, after: html`<p class="sum-summary">${summary}</p>`, table, data: { sum: s.name } }, t);
  }

  /** Places of the workflow as one bar of the places held against all of them, in words and as a table. */
  private renderPlaces(p: DeepReadonly<Api.ReportPlaces>, t: ReportStrings): TemplateResult {
    const title = fillString(t.placesTitle, { title: p.title });
    const words = { held: this.number(p.held), count: this.number(p.count), free: this.number(p.free), waiting: this.number(p.waiting ?? 0) };
    const summary = fillString(p.waiting === undefined ? t.placesSummary : t.placesSummaryWaiting, words);
    const drawing = html`<span class="meter-labels"><span>${fillString(t.placesHeld, words)}</span></span>
      <span class="meter">${this.bar(p.count > 0 ? Math.min(p.held, p.count) / p.count : 0, 1)}</span>`;
    const table = html`<tbody>
      <tr><th scope="row">${t.placesCount}</th><td>${words.count}</td></tr>
      <tr><th scope="row">${t.placesTaken}</th><td>${words.held}</td></tr>
      <tr><th scope="row">${t.placesFree}</th><td>${words.free}</td></tr>
      ${p.waiting === undefined ? nothing : html`<tr><th scope="row">${t.placesWaiting}</th><td>${words.waiting}</td></tr>`}
    </tbody>`;
    return this.chartFigure({ part: 'places', title, summary, drawing, after: html`<p class="sum-summary">${summary}</p>`, table, data: { places: p.name } }, t);
  }

  /**
   * Participant monitoring: per indicator one bar at the latest reporting date, its parts women, men, non-binary and no
   * answer (each its own colour and pattern); every reporting date in the table; and how many cannot be counted yet.
   */
  private renderMonitoring(m: DeepReadonly<Api.MonitoringSummary>, t: ReportStrings): TemplateResult {
    const last = m.dates.length - 1;
    const day = (d: string) => new Intl.DateTimeFormat(this.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
    const groups = [
      ['women', t.women],
      ['men', t.men],
      ['nonBinary', t.nonBinary],
      ['noAnswer', t.noAnswer],
    ] as const;
    const title = fillString(t.monitoringTitle, { date: last >= 0 ? day(m.dates[last]!) : '' });
    const at = (i: DeepReadonly<Api.MonitoringSummary>['indicators'][number]) => i.counts[last];
    const max = Math.max(1, ...m.indicators.map((i) => at(i)?.total ?? 0));
    const summary = fillString(t.monitoringSummary, {
      countable: this.number(m.countable),
      participants: this.number(m.participants),
      list: m.indicators.map((i) => `${i.title}: ${this.number(at(i)?.total ?? 0)} (${groups.map(([g, name]) => `${name} ${this.number(at(i)?.[g] ?? 0)}`).join(', ')})`).join('; '),
    });
    const drawing = html`<div class="hbars">
      ${m.indicators.map(
        (i) => html`<div class="hrow" data-indicator=${i.id}>
          <span class="hlabel">${i.title}</span>
          <span class="htrack">${groups.map(([g], k) => ((at(i)?.[g] ?? 0) > 0 ? this.bar((at(i)?.[g] ?? 0) / max, k, 'stack') : nothing))}<span class="value">${this.number(at(i)?.total ?? 0)}</span></span>
        </div>`,
      )}
    </div>`;
    const legend = html`<ul part="legend" class="legend">
      ${groups.map(([, name], k) => html`<li><span class="swatch ${seriesClass(k)}" aria-hidden="true"></span>${name}</li>`)}
    </ul>`;
    const table = html`<thead><tr><th scope="col">${t.indicator}</th><th scope="col">${t.reportingDate}</th>${groups.map(([, name]) => html`<th scope="col">${name}</th>`)}<th scope="col">${t.total}</th></tr></thead>
      <tbody>${m.indicators.flatMap((i) =>
        i.counts.map((c) => html`<tr data-indicator=${i.id}><th scope="row">${i.title}</th><td>${day(c.date)}</td>${groups.map(([g]) => html`<td>${this.number(c[g])}</td>`)}<td>${this.number(c.total)}</td></tr>`),
      )}</tbody>`;
    const incomplete = m.incomplete.length > 0 ? html`<p class="sum-summary" part="notice">${fillString(t.monitoringIncomplete, { count: this.number(m.incomplete.length) })}</p>` : nothing;
    return this.chartFigure({ part: 'monitoring', title, summary, drawing, after: html`${legend}${incomplete}`, table }, t);
  }

  private renderDeadlines(c: ReportCharts, t: ReportStrings): TemplateResult {
    const rows = c.deadlines.map(
      (d) => html`<tr><th scope="row">${d.title ?? d.event}</th><td>${this.number(d.overdue)}</td><td>${this.number(d.within7Days)}</td><td>${this.number(d.within30Days)}</td><td>${this.number(d.later)}</td></tr>`,
    );
    return html`<section part="deadlines" aria-labelledby="deadlines-title">
      <p class="caption" id="deadlines-title">${t.deadlinesTitle}</p>
      ${rows.length === 0
        ? html`<p part="notice">${t.noDeadlines}</p>`
        : html`<div class="scroll" tabindex="0" role="region" aria-labelledby="deadlines-title"><table part="table">
            <thead><tr><th scope="col">${t.step}</th><th scope="col">${t.overdue}</th><th scope="col">${t.within7Days}</th><th scope="col">${t.within30Days}</th><th scope="col">${t.later}</th></tr></thead>
            <tbody>${rows}</tbody>
          </table></div>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-program-report': CfProgramReport;
  }
}
