import { forLocale } from '../runtime/locale.js';
import { addedAnswerWords } from './loadable.js';

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

/** The built-in answer words for a locale (see `matchLocale`), else English. */
export function answerWords(locale: string): AnswerWords {
  return forLocale({ de, en, ...addedAnswerWords }, locale) ?? en;
}
