import { forLocale } from '../runtime/locale.js';

/** The words an answer reads with when the program has none of its own: yes, no, no answer, list entries, files. */
export interface AnswerWords {
  readonly yes: string;
  readonly no: string;
  readonly notAnswered: string;
  /** A list entry's heading; `{n}` is its number, from 1. */
  readonly entry: string;
  /** A file whose name is unknown. */
  readonly file: string;
}

const en: AnswerWords = { yes: 'Yes', no: 'No', notAnswered: 'Not answered', entry: 'Entry {n}', file: 'A file' };
const de: AnswerWords = { yes: 'Ja', no: 'Nein', notAnswered: 'Keine Angabe', entry: 'Eintrag {n}', file: 'Eine Datei' };

const byLocale: Record<string, AnswerWords> = { de, en };

/** Makes a locale's answer words built in from now on (see `addLocaleWords`). */
export function addAnswerWords(locale: string, words: AnswerWords): void {
  byLocale[locale] = words;
}

/** The built-in answer words for a locale (see `matchLocale`), else English. */
export function answerWords(locale: string): AnswerWords {
  return forLocale(byLocale, locale) ?? en;
}
