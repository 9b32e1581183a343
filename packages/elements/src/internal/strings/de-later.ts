import type { LaterWords } from './en.js';
import type { LaterLocaleStrings } from './locale-strings.js';

/**
 * The rest of the widget's German wording (`de.ts` holds what the first screen shows): problems, the review and
 * sending, fetched with the code that checks answers.
 */
export const deLater: LaterWords = {
  errorPrefix: 'Fehler:',
  errorSummaryTitle: 'Bitte prüfen Sie Ihre Angaben',
  moreErrors: 'Hier nicht aufgeführt: {count} weitere Probleme.',
  backToReview: 'Zurück zur Prüfung der Angaben',
  reviewTitle: 'Bitte prüfen Sie Ihre Angaben vor dem Absenden',
  reviewIntro: 'Bitte prüfen Sie Ihre Angaben. Sie können sie noch ändern.',
  change: 'Ändern',
  sending: 'Wird gesendet …',
  nextTitle: 'Wie es weitergeht',
  bringTitle: 'Was Sie bereithalten sollten',
  contactTitle: 'An wen Sie sich wenden können',
  copyDownload: 'Ihre Angaben als PDF herunterladen',
  copyLoading: 'Das PDF wird geladen …',
  copyFailed: 'Das PDF konnte gerade nicht geladen werden. Bitte versuchen Sie es noch einmal.',
  retrying: 'Die Verbindung ist fehlgeschlagen. Wir versuchen es in {seconds} Sekunden noch einmal. Ihre Angaben bleiben erhalten.',
  failedNetwork: 'Das Formular konnte nicht gesendet werden, weil keine Verbindung besteht. Ihre Angaben bleiben erhalten. Bitte versuchen Sie es noch einmal.',
  failedServer: 'Das Formular konnte nicht gesendet werden, weil der Server es gerade nicht annehmen kann. Ihre Angaben bleiben erhalten. Bitte versuchen Sie es später noch einmal.',
  failedAnswer: 'Das Formular konnte nicht gesendet werden: Der Server hat es nicht angenommen. Ihre Angaben bleiben erhalten.',
  refusedTitle: 'Das Formular wurde nicht angenommen',
  answersKept: 'Ihre Angaben bleiben erhalten.',
  continueNewVersion: 'In der neuen Version weitermachen',
  versionChangedTitle: 'Sie sind jetzt in der neuen Version des Formulars',
  versionChangedText: 'Ihre Angaben wurden übernommen. Bitte prüfen Sie sie, ergänzen Sie, was noch fehlt, und senden Sie das Formular noch einmal ab.',
  notCarried: 'Diese Angaben konnten nicht übernommen werden:',
  versionLoadFailed: 'Die neue Version des Formulars konnte nicht geladen werden. Ihre Angaben bleiben erhalten. Bitte versuchen Sie es noch einmal.',
  blocked: 'Das Formular kann von dieser Seite aus nicht gesendet werden. Ihre Angaben bleiben erhalten. Bitte geben Sie dem Betreiber dieser Website Bescheid.',
  supportCode: 'Angabe für Rückfragen: {code}',
  serverErrors: 'Einige Angaben wurden nicht angenommen. Bitte prüfen Sie die markierten Felder.',
  fileTooLarge: 'Die Datei ist zu groß. Bitte wählen Sie eine Datei mit höchstens {limit}.',
  fileWrongType: 'Diese Art von Datei kann nicht angenommen werden. Bitte wählen Sie eine Datei vom Typ {accept}.',
  fileFailed: 'Die Datei konnte nicht hochgeladen werden. Bitte versuchen Sie es noch einmal.',
  dateIncomplete: 'Bitte geben Sie das ganze Datum an: Tag, Monat und Jahr.',
  dateDayMissing: 'Bitte geben Sie auch den Tag an.',
  dateMonthMissing: 'Bitte geben Sie auch den Monat an.',
  dateYearMissing: 'Bitte geben Sie auch das Jahr an.',
  dateDayInvalid: 'Der Tag muss eine Zahl von 1 bis 31 sein.',
  dateMonthInvalid: 'Der Monat muss eine Zahl von 1 bis 12 sein.',
  dateYearInvalid: 'Das Jahr muss vier Ziffern haben, zum Beispiel 1987.',
  dateDayTooLarge: 'Der Tag muss in diesem Monat eine Zahl von 1 bis {days} sein.',
};

/** What `locale-words.ts` imports. */
export const strings: LaterLocaleStrings = { ui: deLater };
