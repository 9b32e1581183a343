import type { waitingEn } from './waiting.js';
import type { enLater } from './en-later.js';

/**
 * The widget's own wording in English that a page may show before anyone types (`en-later.ts` holds the rest):
 * buttons, the step list, what a field says of itself, a closed form, a saved draft, the notices that a later part
 * could not be fetched, and the confirmation (a host may show it when the rest of the words could not be fetched).
 * `{name}` placeholders are filled in by `fillString`.
 */
export const en = {
  confirmationTitle: 'Thank you, your form has been sent',
  confirmationReference: 'Your reference',
  confirmationNote: 'Please keep this reference. You will need it if you contact us.',
  notYetOpenTitle: 'This form is not open yet',
  notYetOpenText: '{period} opens on {start} and runs until {end}.',
  closedTitle: 'This form is closed',
  closedText: '{period} ran until {end}.',
  required: '(required)',
  choose: 'Please choose',
  yes: 'Yes',
  no: 'No',
  notAnswered: 'Not answered',
  stepOf: 'Step {current} of {total}',
  progress: 'Progress',
  next: 'Continue',
  back: 'Back',
  toReview: 'Check your answers',
  send: 'Send',
  entry: 'Entry {n}',
  addEntry: 'Add an entry',
  removeEntry: 'Remove entry {n}',
  entryAdded: 'Entry {n} added.',
  entryRemoved: 'Entry {n} removed.',
  noEntries: 'No entries yet.',
  retryNow: 'Try again now',
  checkFailed: 'Your answers could not be checked because there is no connection. Your answers are kept. Please try again.',
  textsFailed: 'The next part of the form could not be loaded because there is no connection. Your answers are kept. Please try again.',
  resumeTitle: 'Continue where you left off?',
  resumeText: 'You started this form on {date}. Your answers were saved in this browser.',
  resume: 'Continue with saved answers',
  discard: 'Start again',
  draftNote: 'Your answers are saved in this browser until you send the form.',
  draftNoteNoPersonal: 'Your answers are saved in this browser until you send the form. Personal details are not saved.',
  deleteDraft: 'Delete saved answers',
  draftDeleted: 'Your saved answers have been deleted.',
  fileChosen: 'Chosen file: {name} ({size})',
  fileKept: 'A file has been added.',
  fileRemove: 'Remove file',
  fileUploading: 'Uploading {name}…',
  fileLimits: 'Allowed: {accept}, at most {limit}.',
  fileLimitSize: 'At most {limit}.',
  dateDay: 'Day',
  dateMonth: 'Month',
  dateYear: 'Year',
  dateHint: 'For example 27 3 1987.',
  language: 'Language',
};

/** The keys of the widget's wording: these, the rest (`en-later.ts`) and the loading notices, part of the widget itself. */
export type UiStrings = { [K in keyof typeof en | keyof typeof enLater | keyof typeof waitingEn]: string };

/** The words of the first screen, in one language file (`cf-form.locale-<tag>.js`). */
export type FirstWords = Omit<UiStrings, keyof typeof enLater>;

/** The rest, in a second file (`cf-form.locale-<tag>-later.js`), fetched with the code that checks answers. */
export type LaterWords = Pick<UiStrings, keyof typeof enLater>;
