/**
 * The notices `<cf-form>` shows while its words are on their way, in German and English: part of the widget itself,
 * since the catalogues they belong to (`de.ts`, `en.ts`) are files of their own, fetched alongside the program.
 */
export const waitingDe = {
  loading: 'Das Formular wird geladen …',
  loadFailed: 'Das Formular konnte nicht geladen werden. Bitte laden Sie die Seite neu oder versuchen Sie es später noch einmal.',
};

export const waitingEn = {
  loading: 'Loading the form…',
  loadFailed: 'The form could not be loaded. Please reload the page or try again later.',
};
