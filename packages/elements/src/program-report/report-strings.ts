import { forLocale } from '@civicflow/core/runtime';

/** The wording of `<cf-program-report>`; `{name}` placeholders are filled in. */
export interface ReportStrings {
  heading: string;
  loading: string;
  failed: string;
  generatedAt: string;
  funnelTitle: string;
  funnelSummary: string;
  openedTitle: string;
  openedSeries: string;
  outcomesTitle: string;
  outcomesSummary: string;
  noOutcomes: string;
  sumTitle: string;
  sumSummary: string;
  sumSummaryBudget: string;
  sumOverBudget: string;
  amount: string;
  runningTotal: string;
  budget: string;
  placesTitle: string;
  placesSummary: string;
  placesSummaryWaiting: string;
  placesHeld: string;
  placesCount: string;
  placesTaken: string;
  placesFree: string;
  placesWaiting: string;
  remaining: string;
  deadlinesTitle: string;
  noDeadlines: string;
  asTable: string;
  state: string;
  cases: string;
  month: string;
  total: string;
  step: string;
  overdue: string;
  within7Days: string;
  within30Days: string;
  later: string;
}

const en: ReportStrings = {
  heading: 'Report: {program}',
  loading: 'Loading the report…',
  failed: 'The report could not be loaded.',
  generatedAt: 'As of {date}. Counts and sums only, without personal data.',
  funnelTitle: 'Cases per state',
  funnelSummary: '{total} cases. {list}.',
  openedTitle: 'Cases opened per month',
  openedSeries: 'Cases opened',
  outcomesTitle: 'Outcomes per month',
  outcomesSummary: '{from} to {to}: {list}.',
  noOutcomes: 'No outcomes recorded yet.',
  sumTitle: '{title}: amount against the budget',
  sumSummary: '{amount} in {count} cases.',
  sumSummaryBudget: '{amount} of {budget} ({share}) in {count} cases; {remaining} left.',
  sumOverBudget: '{amount} in {count} cases, {over} more than the budget of {budget}.',
  amount: 'Amount',
  runningTotal: 'Running total',
  budget: 'Budget',
  remaining: 'Left',
  placesTitle: '{title}: places taken',
  placesSummary: '{held} of {count} places taken, {free} free.',
  placesSummaryWaiting: '{held} of {count} places taken, {free} free; {waiting} on the waiting list.',
  placesHeld: '{held} of {count}',
  placesCount: 'Places',
  placesTaken: 'Taken',
  placesFree: 'Free',
  placesWaiting: 'On the waiting list',
  deadlinesTitle: 'Deadlines due',
  noDeadlines: 'No deadlines running.',
  asTable: 'Show as a table',
  state: 'State',
  cases: 'Cases',
  month: 'Month',
  total: 'Total',
  step: 'Step',
  overdue: 'Overdue',
  within7Days: 'Within 7 days',
  within30Days: 'Within 30 days',
  later: 'Later',
};

const de: ReportStrings = {
  heading: 'Bericht: {program}',
  loading: 'Der Bericht wird geladen …',
  failed: 'Der Bericht konnte nicht geladen werden.',
  generatedAt: 'Stand: {date}. Nur Anzahlen und Summen, ohne personenbezogene Daten.',
  funnelTitle: 'Fälle je Status',
  funnelSummary: '{total} Fälle. {list}.',
  openedTitle: 'Neue Fälle je Monat',
  openedSeries: 'Neue Fälle',
  outcomesTitle: 'Ergebnisse je Monat',
  outcomesSummary: '{from} bis {to}: {list}.',
  noOutcomes: 'Noch keine Ergebnisse erfasst.',
  sumTitle: '{title}: Betrag gegen das Budget',
  sumSummary: '{amount} in {count} Fällen.',
  sumSummaryBudget: '{amount} von {budget} ({share}) in {count} Fällen; {remaining} übrig.',
  sumOverBudget: '{amount} in {count} Fällen, {over} mehr als das Budget von {budget}.',
  amount: 'Betrag',
  runningTotal: 'Bisher insgesamt',
  budget: 'Budget',
  remaining: 'Übrig',
  placesTitle: '{title}: belegte Plätze',
  placesSummary: '{held} von {count} Plätzen belegt, {free} frei.',
  placesSummaryWaiting: '{held} von {count} Plätzen belegt, {free} frei; {waiting} auf der Warteliste.',
  placesHeld: '{held} von {count}',
  placesCount: 'Plätze',
  placesTaken: 'Belegt',
  placesFree: 'Frei',
  placesWaiting: 'Auf der Warteliste',
  deadlinesTitle: 'Fällige Fristen',
  noDeadlines: 'Keine laufenden Fristen.',
  asTable: 'Als Tabelle zeigen',
  state: 'Status',
  cases: 'Fälle',
  month: 'Monat',
  total: 'Summe',
  step: 'Schritt',
  overdue: 'Überfällig',
  within7Days: 'In 7 Tagen',
  within30Days: 'In 30 Tagen',
  later: 'Später',
};

/** The report's wording for a locale (its language, else English), with a host's overrides. */
export function reportStrings(locale: string, overrides?: Partial<ReportStrings>): ReportStrings {
  const base = forLocale({ de, en }, locale) ?? en;
  return overrides ? { ...base, ...overrides } : base;
}
