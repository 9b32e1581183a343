import type { LaterLocaleStrings } from './locale-strings.js';

/**
 * The rest of the widget's English wording (`en.ts` holds what the first screen shows): problems, the review and
 * sending, fetched with the code that checks answers.
 */
export const enLater = {
  errorPrefix: 'Error:',
  errorSummaryTitle: 'There is a problem',
  moreErrors: 'Problems not listed here: {count} more.',
  backToReview: 'Back to checking your answers',
  reviewTitle: 'Check your answers before sending',
  reviewIntro: 'Please check your answers. You can still change them.',
  change: 'Change',
  sending: 'Sending…',
  nextTitle: 'What happens next',
  bringTitle: 'What to have ready',
  contactTitle: 'Whom to contact',
  copyDownload: 'Download your answers as a PDF',
  copyLoading: 'Loading the PDF…',
  copyFailed: 'The PDF could not be loaded just now. Please try again.',
  retrying: 'The connection failed. We will try again in {seconds} seconds. Your answers are kept.',
  failedNetwork: 'The form could not be sent because there is no connection. Your answers are kept. Please try again.',
  failedServer: 'The form could not be sent because the server cannot take it at the moment. Your answers are kept. Please try again later.',
  failedAnswer: 'The form could not be sent: the server did not accept it. Your answers are kept.',
  refusedTitle: 'The form was not accepted',
  answersKept: 'Your answers are kept.',
  continueNewVersion: 'Continue in the new version',
  versionChangedTitle: 'You are now in the new version of the form',
  versionChangedText: 'Your answers have been carried over. Please check them, add what is still missing, and send the form again.',
  notCarried: 'These answers could not be carried over:',
  versionLoadFailed: 'The new version of the form could not be loaded. Your answers are kept. Please try again.',
  blocked: 'The form cannot be sent from this page. Your answers are kept. Please let the operator of this website know.',
  supportCode: 'Reference for support: {code}',
  serverErrors: 'Some answers were not accepted. Please check the marked fields.',
  fileTooLarge: 'The file is too large. Please choose a file of at most {limit}.',
  fileWrongType: 'This kind of file cannot be accepted. Please choose a file of type {accept}.',
  fileFailed: 'The file could not be uploaded. Please try again.',
  dateIncomplete: 'Please enter the whole date: day, month and year.',
  dateDayMissing: 'Please enter the day as well.',
  dateMonthMissing: 'Please enter the month as well.',
  dateYearMissing: 'Please enter the year as well.',
  dateDayInvalid: 'The day must be a number from 1 to 31.',
  dateMonthInvalid: 'The month must be a number from 1 to 12.',
  dateYearInvalid: 'The year must have four digits, for example 1987.',
  dateDayTooLarge: 'The day must be a number from 1 to {days} in this month.',
};

/** What `locale-words.ts` imports. */
export const strings: LaterLocaleStrings = { ui: enLater };
