import { forLocale } from '@civicflow/core/runtime';

/** Wording of the inbox's list tools and assignment in English; `{name}` placeholders are filled by `fillString`. */
export const inboxEn = {
  searchLabel: 'Search',
  searchHelp: 'Reference or name',
  dueLabel: 'Deadline',
  dueAny: 'Any',
  dueOverdue: 'Overdue',
  dueSoon: 'Due within 7 days',
  assigneeLabel: 'Assigned to',
  assigneeAny: 'Anyone or no one',
  assigneeMe: 'My cases',
  assigneeNone: 'No one yet',
  sortLabel: 'Order',
  sortNewest: 'Newest first',
  sortOldest: 'Oldest first',
  sortUpdated: 'Last changed first',
  sortDue: 'Nearest deadline first',
  /** Participant monitoring: whether a participant's data is complete enough to count. */
  countableLabel: 'Countable',
  countableAny: 'All cases',
  countableYes: 'Participants who can be counted',
  countableNo: 'Participants with data missing',
  colCountable: 'Countable',
  countableYesCell: 'yes',
  countableNoCell: 'not yet:',
  missing: '{fields} missing',
  notParticipant: 'no participant',
  colAssignee: 'Assigned to',
  nobody: '–',
  me: '{name} (me)',
  meUnnamed: 'Me',
  /** Deadlines in words, by plural category of the number of days. */
  overdueToday: 'overdue since today',
  overdueOne: 'overdue by {days} day',
  overdueOther: 'overdue by {days} days',
  dueToday: 'due today',
  dueInOne: 'due in {days} day',
  dueInOther: 'due in {days} days',
  exportCsv: 'Download as CSV',
  exportFailed: 'The download could not be made (error {status}).',
  exportDone: 'The download has started: {file}.',
  assignmentTitle: 'Who works on this case',
  assignedTo: 'Assigned to {name} (by {by}, {date}).',
  assignedToMe: 'Assigned to you (by {by}, {date}).',
  /** Who assigned the case, when it was oneself. */
  byMe: 'you',
  /** The case taken by oneself. */
  tookIt: 'Assigned to you (you took it on {date}).',
  assignedSelf: 'The case is now assigned to you.',
  notAssigned: 'No one is assigned to this case yet.',
  assignToMe: 'Assign to me',
  assignTo: 'Assign to',
  assign: 'Assign',
  unassign: 'Remove assignment',
  assignNobody: 'No one',
  assigned: 'Assigned to {name}.',
  unassigned: 'The case is no longer assigned.',
  someone: 'a colleague',
  personalHidden: 'Your role does not see personal data: names, addresses and other personal answers are left out.',
  casesCaptionFiltered: '{program}: cases, page {page} ({filters})',
  filtersSearch: 'search “{text}”',
  /** The history's steps that civicflow itself records, not the program's workflow. */
  stepErasure: 'Personal data erased on request',
  stepRetention: 'Personal data erased: retention period over',
  stepMigration: 'Moved to a new version of the program',
  stepOther: 'Recorded by the system',
  /** A step that kept the case where it was. */
  stayed: '{state} (unchanged)',
  /** The role civicflow gives the office that erases personal data on request. */
  roleDataProtection: 'Data protection',
};

export type InboxStrings = typeof inboxEn;

export const inboxDe: InboxStrings = {
  searchLabel: 'Suche',
  searchHelp: 'Aktenzeichen oder Name',
  dueLabel: 'Frist',
  dueAny: 'Alle',
  dueOverdue: 'Überfällig',
  dueSoon: 'Fällig in 7 Tagen',
  assigneeLabel: 'Zuständig',
  assigneeAny: 'Alle',
  assigneeMe: 'Meine Fälle',
  assigneeNone: 'Noch niemand',
  sortLabel: 'Reihenfolge',
  sortNewest: 'Neueste zuerst',
  sortOldest: 'Älteste zuerst',
  sortUpdated: 'Zuletzt geändert zuerst',
  sortDue: 'Nächste Frist zuerst',
  countableLabel: 'Zählbar',
  countableAny: 'Alle Fälle',
  countableYes: 'Teilnehmende, die gezählt werden können',
  countableNo: 'Teilnehmende mit fehlenden Angaben',
  colCountable: 'Zählbar',
  countableYesCell: 'ja',
  countableNoCell: 'noch nicht:',
  missing: 'es fehlt: {fields}',
  notParticipant: 'keine Teilnahme',
  colAssignee: 'Zuständig',
  nobody: '–',
  me: '{name} (ich)',
  meUnnamed: 'Ich',
  overdueToday: 'überfällig seit heute',
  overdueOne: 'überfällig seit {days} Tag',
  overdueOther: 'überfällig seit {days} Tagen',
  dueToday: 'fällig heute',
  dueInOne: 'fällig in {days} Tag',
  dueInOther: 'fällig in {days} Tagen',
  exportCsv: 'Als CSV herunterladen',
  exportFailed: 'Die Datei konnte nicht erstellt werden (Fehler {status}).',
  exportDone: 'Der Download hat begonnen: {file}.',
  assignmentTitle: 'Wer den Fall bearbeitet',
  assignedTo: 'Zuständig: {name} (zugewiesen von {by}, {date}).',
  assignedToMe: 'Zuständig: Sie (zugewiesen von {by}, {date}).',
  byMe: 'Ihnen',
  tookIt: 'Zuständig: Sie (selbst übernommen am {date}).',
  assignedSelf: 'Der Fall ist jetzt Ihnen zugewiesen.',
  notAssigned: 'Für diesen Fall ist noch niemand zuständig.',
  assignToMe: 'Mir zuweisen',
  assignTo: 'Zuweisen an',
  assign: 'Zuweisen',
  unassign: 'Zuweisung aufheben',
  assignNobody: 'Niemand',
  assigned: 'Zugewiesen an {name}.',
  unassigned: 'Der Fall ist niemandem mehr zugewiesen.',
  someone: 'eine Kollegin oder ein Kollege',
  personalHidden: 'Ihre Rolle sieht keine persönlichen Daten: Namen, Anschriften und andere persönliche Angaben sind ausgeblendet.',
  casesCaptionFiltered: '{program}: Fälle, Seite {page} ({filters})',
  filtersSearch: 'Suche „{text}“',
  stepErasure: 'Persönliche Daten auf Antrag gelöscht',
  stepRetention: 'Persönliche Daten gelöscht: Aufbewahrungsfrist abgelaufen',
  stepMigration: 'In eine neue Version des Programms übernommen',
  stepOther: 'Vom System erfasst',
  stayed: '{state} (unverändert)',
  roleDataProtection: 'Datenschutz',
};

/** The inbox's wording for a locale: the exact tag, then its language, then English. */
export function inboxStrings(locale: string): InboxStrings {
  return forLocale({ de: inboxDe, en: inboxEn }, locale) ?? inboxEn;
}

const DAY = 86_400_000;

/** Midnight of a time's day, in the reader's time zone. */
function dayOf(t: Date): number {
  return new Date(t.getFullYear(), t.getMonth(), t.getDate()).getTime();
}

/** How urgent a deadline is: passed, due within `soonDays` days (today included), or later. */
export type DueKind = 'overdue' | 'soon' | 'later';

/**
 * A deadline in words, counted in calendar days: "überfällig seit 3 Tagen", "fällig heute", "fällig in 2 Tagen"; for a
 * deadline further off than `soonDays`, no words (the date says it). Words, not only a colour, tell the urgency.
 */
export function dueWords(due: string, now: Date, locale: string, s: InboxStrings, soonDays = 7): { kind: DueKind; text: string } {
  const at = new Date(due);
  const plural = new Intl.PluralRules(locale);
  const fill = (one: string, other: string, days: number) =>
    (plural.select(days) === 'one' ? one : other).replace('{days}', new Intl.NumberFormat(locale).format(days));
  const days = Math.round((dayOf(at) - dayOf(now)) / DAY);
  if (at.getTime() <= now.getTime()) {
    const ago = Math.max(0, -days);
    return { kind: 'overdue', text: ago === 0 ? s.overdueToday : fill(s.overdueOne, s.overdueOther, ago) };
  }
  if (days > soonDays) return { kind: 'later', text: '' };
  return { kind: 'soon', text: days <= 0 ? s.dueToday : fill(s.dueInOne, s.dueInOther, days) };
}
