import { forLocale } from '@civicflow/core/runtime';
import type { Api, DeepReadonly } from '@civicflow/core/runtime';

/** The report route's answer (`GET /v1/programs/{id}/report`): counts only, no personal data. */
export type ProgramReport = DeepReadonly<Api.ProgramReport>;

/** A report sum laid out for its figure: every month from the first to the last, with the running total. */
export interface SumChart {
  name: string;
  title: string;
  budget?: number;
  currency?: string;
  count: number;
  total: number;
  months: string[];
  counts: number[];
  amounts: number[];
  /** The sum up to and including each month. */
  running: number[];
}

/** The part of a program definition the charts read: its workflow's states and actions, and its title. */
export interface ReportDefinition {
  title?: Readonly<Record<string, string>>;
  workflow?: { states?: Readonly<Record<string, unknown>>; outcomes?: readonly string[]; on?: unknown };
  texts?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface FunnelStep {
  state: string;
  title: string;
  count: number;
}

export interface OutcomeSeries {
  outcome: string;
  title: string;
  /** One count per month of `months`. */
  counts: number[];
  total: number;
}

/** What the element draws: decided here, so the element only renders. */
export interface ReportCharts {
  funnel: FunnelStep[];
  /** Every month from the first case opened or outcome to the last (`YYYY-MM`), gaps included so time reads evenly. */
  months: string[];
  /** Cases opened per month of `months` (applications, first contacts), if the report has them. */
  opened: { counts: number[]; total: number; max: number };
  series: OutcomeSeries[];
  /** The largest bar of the outcome chart: one month's outcomes of all kinds together. */
  monthMax: number;
  deadlines: ProgramReport['deadlines'];
  sums: SumChart[];
}

/** Outcome names as the workflow declares them (`outcomes`), then those its actions record (`{ type: 'outcome', outcome }`). */
export function declaredOutcomes(definition: ReportDefinition | undefined): string[] {
  const found: string[] = [...(definition?.workflow?.outcomes ?? [])];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'outcome' && typeof o.outcome === 'string' && !found.includes(o.outcome)) found.push(o.outcome);
    for (const value of Object.values(o)) walk(value);
  };
  walk(definition?.workflow);
  return found;
}

function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/**
 * Shapes a report for its charts. The funnel follows the order in which the workflow declares its states (the
 * path a case takes), and lists every declared state, also those with no case now; states the report has but the
 * definition lacks (an older version's) follow at the end. Outcome series follow the workflow's order too.
 */
export function reportCharts(report: ProgramReport, definition?: ReportDefinition, locale = 'en'): ReportCharts {
  // The server titles only what it counted; a state or outcome with no case yet takes its title from the program's
  // texts (core's workflowTextKeys, spelled out here so the report's bundle does not carry core).
  const texts = forLocale(definition?.texts, locale) ?? {};
  const counts = new Map(report.casesPerState.map((r) => [r.state, r]));
  const order = [...Object.keys(definition?.workflow?.states ?? {}), ...report.casesPerState.map((r) => r.state)];
  const funnel = [...new Set(order)].map((state) => ({
    state,
    title: counts.get(state)?.title ?? texts[`workflow.states.${state}.title`] ?? state,
    count: counts.get(state)?.count ?? 0,
  }));

  const months = [...new Set([...report.outcomesPerMonth, ...report.openedPerMonth].map((r) => r.month))].sort();
  const range = months.length ? monthRange(months[0]!, months[months.length - 1]!) : [];
  const names = [...new Set([...declaredOutcomes(definition), ...report.outcomesPerMonth.map((r) => r.outcome)])];
  const series = names.map((outcome) => {
    const rows = report.outcomesPerMonth.filter((r) => r.outcome === outcome);
    const perMonth = range.map((month) => rows.filter((r) => r.month === month).reduce((n, r) => n + r.count, 0));
    return { outcome, title: rows[0]?.title ?? texts[`workflow.outcomes.${outcome}`] ?? outcome, counts: perMonth, total: perMonth.reduce((a, b) => a + b, 0) };
  });
  const monthMax = Math.max(0, ...range.map((_, i) => series.reduce((n, s) => n + s.counts[i]!, 0)));
  const openedCounts = range.map((month) => report.openedPerMonth.filter((r) => r.month === month).reduce((n, r) => n + r.count, 0));
  const opened = { counts: openedCounts, total: openedCounts.reduce((a, b) => a + b, 0), max: Math.max(0, ...openedCounts) };
  const sums = report.sums.map((s): SumChart => {
    const sorted = s.perMonth.map((r) => r.month).sort();
    const sumMonths = sorted.length ? monthRange(sorted[0]!, sorted[sorted.length - 1]!) : [];
    const row = (month: string) => s.perMonth.find((r) => r.month === month);
    const amounts = sumMonths.map((month) => row(month)?.amount ?? 0);
    let acc = 0;
    return {
      name: s.name,
      title: s.title ?? texts[`workflow.outcomes.${s.outcome}`] ?? s.outcome,
      ...(s.budget !== undefined ? { budget: s.budget } : {}),
      ...(s.currency !== undefined ? { currency: s.currency } : {}),
      count: s.count,
      total: s.total,
      months: sumMonths,
      counts: sumMonths.map((month) => row(month)?.count ?? 0),
      amounts,
      running: amounts.map((a) => (acc += a)),
    };
  });
  return { funnel, months: range, opened, series, monthMax, deadlines: report.deadlines, sums };
}
