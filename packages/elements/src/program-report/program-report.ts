import { LitElement, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { forLocale } from '@civicflow/core/runtime';
import type { Api, DeepReadonly } from '@civicflow/core/runtime';
import { directionOf, fillString } from '../internal/ui-strings.js';
import { heading } from '../internal/heading.js';
import { CfErrorEvent } from '../events/error.js';
import { CaseApiError } from '../internal/case-api.js';
import { reportCharts, type OutcomeSeries, type ProgramReport, type ReportCharts, type ReportDefinition, type SumChart } from './report-charts.js';
import { reportStrings, type ReportStrings } from './report-strings.js';
import { themeStyles } from '../internal/theme.styles.js';
import { programReportStyles } from './program-report.styles.js';

type Phase = 'idle' | 'loading' | 'failed' | 'ready';

const WIDTH = 640;
const SERIES_CLASSES = 6;

/**
 * @summary A program's report for its coordinators: cases per workflow state as a funnel, cases opened per month
 * (applications, first contacts), outcomes per month as stacked bars, each sum the workflow declares (such as the
 * amount granted) against its budget, the places held, free and waiting, and the deadlines due. Each chart is an SVG image with a text summary and a table beside it.
 * Reads `GET {api}/programs/{program}/report` (counts only, no personal data) and the program's definition for
 * the order of states and outcomes; or takes `report` and `definition` as properties.
 *
 * @event cf-error - The report could not be loaded. `detail: { kind: 'load', status?, willRetry: false }`.
 *
 * @csspart base - The outer box (carries `lang` and `dir`).
 * @csspart title - The report's heading.
 * @csspart meta - The line with the report's date.
 * @csspart chart - Each chart's figure; `funnel`, `opened`, `outcomes` and `sum` tell them apart.
 * @csspart chart-title - A chart's caption.
 * @csspart svg - A chart's drawing.
 * @csspart legend - The list of outcome kinds with their colours.
 * @csspart table-toggle - The disclosure that holds a chart's table.
 * @csspart table - Every table.
 * @csspart deadlines - The section with the deadlines due.
 * @csspart notice - Messages while loading, after a failure, or when there is nothing to show.
 *
 * @cssproperty --cf-chart-1 - Colour of the funnel's bars and the first outcome; `--cf-chart-2` … `--cf-chart-6` the others.
 */
export class CfProgramReport extends LitElement {
  static override styles = [themeStyles, programReportStyles];

  static override properties = {
    api: {},
    program: {},
    locale: {},
    headingLevel: { type: Number, attribute: 'heading-level' },
    token: { attribute: false },
    report: { attribute: false },
    definition: { attribute: false },
    strings: { attribute: false },
    phase: { state: true },
  };

  /** Base URL of the civicflow API (default `/v1`). */
  declare api: string;
  /** The program's id. */
  declare program: string;
  /** The language of the wording and of the titles the server sends (`de` by default, or `en`). */
  declare locale: string;
  /** Level of the report's heading (2 by default; the charts' captions are not headings). */
  declare headingLevel: number;
  /** A bearer token of a caseworker with a role in the program; never an attribute, so it stays out of the DOM. */
  declare token: string | undefined;
  /** A report to show instead of fetching one. */
  declare report: ProgramReport | undefined;
  /** The program definition (or its workflow and texts) to order and name states and outcomes by. */
  declare definition: ReportDefinition | undefined;
  /** Overrides of the built-in wording. */
  declare strings: Partial<ReportStrings> | undefined;

  declare protected phase: Phase;
  #loaded: ProgramReport | undefined;
  #loadedDefinition: ReportDefinition | undefined;
  #request = 0;

  constructor() {
    super();
    this.api = '/v1';
    this.program = '';
    this.locale = 'de';
    this.headingLevel = 2;
    this.phase = 'idle';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['api', 'program', 'locale', 'token', 'report', 'definition'] as const;
    if (inputs.some((k) => changed.has(k))) void this.#load();
  }

  async #load(): Promise<void> {
    const id = ++this.#request;
    if (this.report) {
      this.#loaded = this.report;
      this.#loadedDefinition = this.definition;
      this.phase = 'ready';
      return;
    }
    if (!this.program) return;
    this.phase = 'loading';
    const base = `${this.api.replace(/\/$/, '')}/programs/${encodeURIComponent(this.program)}`;
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': this.locale };
    let status: number | undefined;
    try {
      const [report, definition] = await Promise.all([
        fetch(`${base}/report`, { headers: { ...headers, ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) } }),
        this.definition ? Promise.resolve(undefined) : fetch(base, { headers }),
      ]);
      status = report.status;
      if (!report.ok) throw new CaseApiError(report.status, 'HTTP_ERROR', `report answered ${report.status}`, {});
      const body = (await report.json()) as ProgramReport;
      const def = this.definition ?? (definition?.ok ? ((await definition.json()) as DeepReadonly<Api.ProgramWithDefinition>).definition : undefined);
      if (id !== this.#request) return;
      this.#loaded = body;
      this.#loadedDefinition = def;
      this.phase = 'ready';
    } catch (cause) {
      if (id !== this.#request) return;
      this.phase = 'failed';
      this.dispatchEvent(new CfErrorEvent({ kind: 'load', ...(status === undefined ? {} : { status }), willRetry: false, cause }));
    }
  }

  override render(): TemplateResult {
    const t = reportStrings(this.locale, this.strings);
    const def = this.#loadedDefinition;
    const name = forLocale(def?.title, this.locale) ?? this.#loaded?.program ?? this.program;
    let body: unknown;
    if (this.phase === 'ready' && this.#loaded) body = this.renderReport(reportCharts(this.#loaded, def, this.locale), this.#loaded, t);
    else if (this.phase === 'failed') body = html`<p part="notice" role="alert">${t.failed}</p>`;
    else body = html`<p part="notice" role="status">${t.loading}</p>`;
    return html`<section part="base" class="cf" lang=${this.locale} dir=${directionOf(this.locale)} aria-busy=${this.phase === 'loading' ? 'true' : 'false'}>
      ${heading(this.headingLevel, fillString(t.heading, { program: name }), { part: 'title' })} ${body}
    </section>`;
  }

  private renderReport(c: ReportCharts, report: ProgramReport, t: ReportStrings): TemplateResult {
    const date = new Intl.DateTimeFormat(this.locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(report.generatedAt));
    return html`<p part="meta">${fillString(t.generatedAt, { date })}</p>
      ${(report.places ?? []).map((p) => this.renderPlaces(p, t))} ${this.renderFunnel(c, t)} ${this.renderOutcomes(c, t)}
      ${c.sums.map((s) => this.renderSum(s, t))} ${this.renderDeadlines(c, t)}`;
  }

  private number(n: number): string {
    return new Intl.NumberFormat(this.locale).format(n);
  }

  private monthLabel(month: string, style: 'short' | 'long'): string {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return new Intl.DateTimeFormat(this.locale, { month: style, year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
  }

  private renderFunnel(c: ReportCharts, t: ReportStrings): TemplateResult {
    const total = c.funnel.reduce((n, s) => n + s.count, 0);
    const max = Math.max(1, ...c.funnel.map((s) => s.count));
    const row = 46;
    const summary = fillString(t.funnelSummary, { total: this.number(total), list: c.funnel.map((s) => `${s.title}: ${this.number(s.count)}`).join(', ') });
    const bars = c.funnel.map((s, i) => {
      const w = s.count === 0 ? 2 : Math.max(6, (s.count / max) * (WIDTH - 80));
      const y = i * row;
      return svg`<text x=${WIDTH / 2} y=${y + 14} text-anchor="middle" class="label">${s.title}</text>
        <rect class="bar s0" x=${(WIDTH - w) / 2} y=${y + 20} width=${w} height="20" rx="2"></rect>
        <text x=${(WIDTH + w) / 2 + 6} y=${y + 35} class="value">${this.number(s.count)}</text>`;
    });
    return html`<figure part="chart funnel">
      <figcaption part="chart-title" id="funnel-title">${t.funnelTitle}</figcaption>
      <svg part="svg" role="img" aria-label=${`${t.funnelTitle}. ${summary}`} viewBox="0 0 ${WIDTH} ${Math.max(row, c.funnel.length * row)}" preserveAspectRatio="xMidYMin meet">${bars}</svg>
      <details part="table-toggle">
        <summary>${t.asTable}</summary>
        <table part="table">
          <caption class="vh">${t.funnelTitle}</caption>
          <thead><tr><th scope="col">${t.state}</th><th scope="col">${t.cases}</th></tr></thead>
          <tbody>${c.funnel.map((s) => html`<tr><th scope="row">${s.title}</th><td>${this.number(s.count)}</td></tr>`)}</tbody>
          <tfoot><tr><th scope="row">${t.total}</th><td>${this.number(total)}</td></tr></tfoot>
        </table>
      </details>
    </figure>`;
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
   * A month's label under its bar, centred on it; near either end of the drawing it is anchored at that end
   * instead, so the last month ("Nov. 2026") is not cut off. The width is estimated generously from the text
   * (7 px a character at the axis's 13 px) because nothing is measured while rendering.
   */
  private monthTick(text: string, centre: number, y: number): unknown {
    const half = (text.length * 7) / 2;
    if (centre + half > WIDTH - 1) return svg`<text class="axis" x=${WIDTH - 1} y=${y} text-anchor="end">${text}</text>`;
    if (centre - half < 1) return svg`<text class="axis" x="1" y=${y} text-anchor="start">${text}</text>`;
    return svg`<text class="axis" x=${centre} y=${y} text-anchor="middle">${text}</text>`;
  }

  /** Stacked bars per month, a legend with totals, and the same numbers as a table. */
  private renderMonthly(m: { part: string; title: string; months: string[]; series: OutcomeSeries[]; max: number }, t: ReportStrings): TemplateResult {
    const height = 220;
    const left = 36;
    const bottom = 40;
    const plot = height - bottom - 10;
    const slot = (WIDTH - left) / m.months.length;
    const barWidth = Math.max(2, slot * 0.7);
    const every = Math.ceil(m.months.length / 8);
    const scale = (n: number) => (n / Math.max(1, m.max)) * plot;
    const bars = m.months.map((month, i) => {
      let top = height - bottom;
      const x = left + i * slot + (slot - barWidth) / 2;
      const stack = m.series.map((s, k) => {
        const h = scale(s.counts[i]!);
        top -= h;
        return h > 0 ? svg`<rect class="bar s${k % SERIES_CLASSES}" x=${x} y=${top} width=${barWidth} height=${h}></rect>` : nothing;
      });
      const label = i % every === 0 ? this.monthTick(this.monthLabel(month, 'short'), x + barWidth / 2, height - bottom + 16) : nothing;
      return svg`${stack}${label}`;
    });
    const axis = svg`<line class="axis-line" x1=${left} x2=${WIDTH} y1=${height - bottom} y2=${height - bottom}></line>
      <text class="axis" x=${left - 6} y=${height - bottom - plot + 4} text-anchor="end">${this.number(m.max)}</text>
      <text class="axis" x=${left - 6} y=${height - bottom + 4} text-anchor="end">0</text>`;
    const summary = fillString(t.outcomesSummary, {
      from: this.monthLabel(m.months[0]!, 'long'),
      to: this.monthLabel(m.months[m.months.length - 1]!, 'long'),
      list: m.series.map((s) => `${s.title}: ${this.number(s.total)}`).join(', '),
    });
    return html`<figure part="chart ${m.part}">
      <figcaption part="chart-title">${m.title}</figcaption>
      <svg part="svg" role="img" aria-label=${`${m.title}. ${summary}`} viewBox="0 0 ${WIDTH} ${height}" preserveAspectRatio="xMidYMin meet">${axis}${bars}</svg>
      <ul part="legend" class="legend">
        ${m.series.map((s, k) => html`<li><span class="swatch s${k % SERIES_CLASSES}" aria-hidden="true"></span>${s.title} (${this.number(s.total)})</li>`)}
      </ul>
      <details part="table-toggle">
        <summary>${t.asTable}</summary>
        <div class="scroll" tabindex="0" role="region" aria-label=${m.title}>
          <table part="table">
            <caption class="vh">${m.title}</caption>
            <thead><tr><th scope="col">${t.month}</th>${m.series.map((s) => html`<th scope="col">${s.title}</th>`)}</tr></thead>
            <tbody>${m.months.map((mo, i) => html`<tr><th scope="row">${this.monthLabel(mo, 'long')}</th>${m.series.map((s) => html`<td>${this.number(s.counts[i]!)}</td>`)}</tr>`)}</tbody>
            <tfoot><tr><th scope="row">${t.total}</th>${m.series.map((s) => html`<td>${this.number(s.total)}</td>`)}</tr></tfoot>
          </table>
        </div>
      </details>
    </figure>`;
  }

  private amount(n: number, currency: string | undefined): string {
    const style: Intl.NumberFormatOptions = currency ? { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 2 } : { maximumFractionDigits: 2 };
    return new Intl.NumberFormat(this.locale, style).format(n);
  }

  /** A report sum as one bar against its budget (the budget is the whole track), and per month as a table. */
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
    const pad = 8;
    const track = WIDTH - 2 * pad;
    const whole = Math.max(s.budget ?? 0, s.total, 1);
    const filled = (s.total / whole) * track;
    const budgetX = s.budget === undefined ? undefined : pad + (s.budget / whole) * track;
    const drawing = svg`<text class="label" x=${pad} y="16">${money(s.total)}</text>
      ${budgetX === undefined ? nothing : svg`<text class="axis" x=${budgetX} y="16" text-anchor="end">${t.budget}: ${money(s.budget!)}</text>`}
      <rect class="track" x=${pad} y="26" width=${budgetX === undefined ? track : budgetX - pad} height="28"></rect>
      ${filled > 0 ? svg`<rect class="bar s0" x=${pad} y="26" width=${filled} height="28"></rect>` : nothing}`;
    return html`<figure part="chart sum" data-sum=${s.name}>
      <figcaption part="chart-title">${title}</figcaption>
      <svg part="svg" role="img" aria-label=${`${title}. ${summary}`} viewBox="0 0 ${WIDTH} 62" preserveAspectRatio="xMidYMin meet">${drawing}</svg>
      <p class="sum-summary">${summary}</p>
      <details part="table-toggle">
        <summary>${t.asTable}</summary>
        <div class="scroll" tabindex="0" role="region" aria-label=${title}>
          <table part="table">
            <caption class="vh">${title}</caption>
            <thead><tr><th scope="col">${t.month}</th><th scope="col">${t.cases}</th><th scope="col">${t.amount}</th><th scope="col">${t.runningTotal}</th></tr></thead>
            <tbody>${s.months.map((mo, i) => html`<tr><th scope="row">${this.monthLabel(mo, 'long')}</th><td>${this.number(s.counts[i]!)}</td><td>${money(s.amounts[i]!)}</td><td>${money(s.running[i]!)}</td></tr>`)}</tbody>
            <tfoot>
              <tr><th scope="row">${t.total}</th><td>${count}</td><td>${money(s.total)}</td><td></td></tr>
              ${s.budget === undefined
                ? nothing
                : html`<tr><th scope="row">${t.budget}</th><td></td><td>${money(s.budget)}</td><td></td></tr>
                    <tr><th scope="row">${t.remaining}</th><td></td><td>${money(s.budget - s.total)}</td><td></td></tr>`}
            </tfoot>
          </table>
        </div>
      </details>
    </figure>`;
  }

  /** Places of the workflow as one bar of the places held against all of them, in words and as a table. */
  private renderPlaces(p: DeepReadonly<Api.ReportPlaces>, t: ReportStrings): TemplateResult {
    const title = fillString(t.placesTitle, { title: p.title });
    const words = { held: this.number(p.held), count: this.number(p.count), free: this.number(p.free), waiting: this.number(p.waiting ?? 0) };
    const summary = fillString(p.waiting === undefined ? t.placesSummary : t.placesSummaryWaiting, words);
    const pad = 8;
    const track = WIDTH - 2 * pad;
    const filled = (Math.min(p.held, p.count) / p.count) * track;
    const drawing = svg`<text class="label" x=${pad} y="16">${fillString(t.placesHeld, words)}</text>
      <rect class="track" x=${pad} y="26" width=${track} height="28"></rect>
      ${filled > 0 ? svg`<rect class="bar s1" x=${pad} y="26" width=${filled} height="28"></rect>` : nothing}`;
    return html`<figure part="chart places" data-places=${p.name}>
      <figcaption part="chart-title">${title}</figcaption>
      <svg part="svg" role="img" aria-label=${`${title}. ${summary}`} viewBox="0 0 ${WIDTH} 62" preserveAspectRatio="xMidYMin meet">${drawing}</svg>
      <p class="sum-summary">${summary}</p>
      <details part="table-toggle">
        <summary>${t.asTable}</summary>
        <div class="scroll" tabindex="0" role="region" aria-label=${title}>
          <table part="table">
            <caption class="vh">${title}</caption>
            <tbody>
              <tr><th scope="row">${t.placesCount}</th><td>${words.count}</td></tr>
              <tr><th scope="row">${t.placesTaken}</th><td>${words.held}</td></tr>
              <tr><th scope="row">${t.placesFree}</th><td>${words.free}</td></tr>
              ${p.waiting === undefined ? nothing : html`<tr><th scope="row">${t.placesWaiting}</th><td>${words.waiting}</td></tr>`}
            </tbody>
          </table>
        </div>
      </details>
    </figure>`;
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
