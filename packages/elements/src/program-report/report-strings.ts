import { forLocale } from '@civicflow/core/runtime';

/** The wording of `<cf-program-report>`; `{name}` placeholders are filled in. */
export interface ReportStrings {
  heading: string;
  loading: string;
  failed: string;
  /** Shown with \`sign-in\` to someone not signed in at the server. */
  signInWithAccount: string;
  signInLink: string;
  signedInName: string;
  signOut: string;
  generatedAt: string;
  funnelTitle: string;
  funnelSummary: string;
  /** Participant monitoring (programs with `monitoring`). */
  monitoringTitle: string;
  monitoringSummary: string;
  monitoringIncomplete: string;
  indicator: string;
  reportingDate: string;
  women: string;
  men: string;
  nonBinary: string;
  noAnswer: string;
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
  periodLegend: string;
  periodHint: string;
  periodFrom: string;
  periodTo: string;
  periodApply: string;
  periodNotMonth: string;
  periodOrder: string;
  period: string;
  periodAll: string;
  periodOpenStart: string;
  periodOpenEnd: string;
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
  signInWithAccount: 'Please sign in with your work account to see the report.',
  signInLink: 'Sign in',
  signedInName: 'Signed in as {name}',
  signOut: 'Sign out',
  generatedAt: 'As of {date}. Counts and sums only, without personal data.',
  funnelTitle: 'Cases per state',
  funnelSummary: '{total} cases. {list}.',
  monitoringTitle: 'Participants by indicator and gender, as of {date}',
  monitoringSummary: '{countable} of {participants} participants can be counted. {list}.',
  monitoringIncomplete: '{count} participants cannot be counted yet: data is missing. The inbox lists them (filter “Countable”).',
  indicator: 'Indicator',
  reportingDate: 'Reporting date',
  women: 'Women',
  men: 'Men',
  nonBinary: 'Non-binary',
  noAnswer: 'No answer',
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
  periodLegend: 'Period',
  periodHint: 'Months as year and month, such as 2025-03. Leave a field empty to count from the first or up to the last month.',
  periodFrom: 'From month',
  periodTo: 'To month',
  periodApply: 'Show this period',
  periodNotMonth: 'Please give a month as year and month, such as 2025-03.',
  periodOrder: 'The first month must not come after the last one.',
  period: 'Cases opened, outcomes and sums from {from} to {to}; states, places and deadlines as they stand now.',
  periodAll: 'All months; states, places and deadlines as they stand now.',
  periodOpenStart: 'the first month',
  periodOpenEnd: 'the last month',
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
  signInWithAccount: 'Bitte melden Sie sich mit Ihrem Dienstkonto an, um den Bericht zu sehen.',
  signInLink: 'Anmelden',
  signedInName: 'Angemeldet als {name}',
  signOut: 'Abmelden',
  generatedAt: 'Stand: {date}. Nur Anzahlen und Summen, ohne personenbezogene Daten.',
  funnelTitle: 'Fälle je Status',
  funnelSummary: '{total} Fälle. {list}.',
  monitoringTitle: 'Teilnehmende nach Indikator und Geschlecht, Stand {date}',
  monitoringSummary: '{countable} von {participants} Teilnehmenden können gezählt werden. {list}.',
  monitoringIncomplete: '{count} Teilnehmende können noch nicht gezählt werden: Angaben fehlen. Der Posteingang zeigt sie (Filter „Zählbar“).',
  indicator: 'Indikator',
  reportingDate: 'Stichtag',
  women: 'Frauen',
  men: 'Männer',
  nonBinary: 'Nicht-binär',
  noAnswer: 'Keine Angabe',
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
  periodLegend: 'Zeitraum',
  periodHint: 'Monate als Jahr und Monat, zum Beispiel 2025-03. Ein leeres Feld zählt ab dem ersten oder bis zum letzten Monat.',
  periodFrom: 'Von Monat',
  periodTo: 'Bis Monat',
  periodApply: 'Zeitraum zeigen',
  periodNotMonth: 'Bitte geben Sie einen Monat als Jahr und Monat an, zum Beispiel 2025-03.',
  periodOrder: 'Der erste Monat darf nicht nach dem letzten liegen.',
  period: 'Neue Fälle, Ergebnisse und Summen von {from} bis {to}; Status, Plätze und Fristen wie sie jetzt stehen.',
  periodAll: 'Alle Monate; Status, Plätze und Fristen wie sie jetzt stehen.',
  periodOpenStart: 'dem ersten Monat',
  periodOpenEnd: 'zum letzten Monat',
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
