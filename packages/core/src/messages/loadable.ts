import type { Messages } from './en.js';
import { localeFallbacks } from '../runtime/locale.js';
import type { AnswerWords } from './answer-words.js';

/**
 * The catalogues of validation messages loaded or added beyond the German and English ones that `messages/index.ts`
 * carries (`builtInMessages` reads both). Kept apart from those, so that a page that has not yet loaded the code
 * that validates can ask which locale to load, and load it, without carrying any catalogue.
 */
export const catalogues: Record<string, Messages> = {};

/** The answer words loaded or added beyond the German and English ones that `answer-words.ts` carries (`answerWords` reads both). */
export const addedAnswerWords: Record<string, AnswerWords> = {};

/** What a citizen reads from core in one locale: the validation messages and the words answers read with. */
export interface LocaleWords {
  readonly messages: Messages;
  readonly answerWords: AnswerWords;
}

/**
 * The locales whose words ship as modules of their own, loaded when asked for (`loadLocaleWords`), so that a page in
 * German carries none of them: Arabic, Bulgarian, Leichte Sprache (`de-x-ls`), Romanian, Russian, Turkish, Ukrainian.
 */
export const loadableLocales: readonly string[] = ['ar', 'bg', 'de-x-ls', 'ro', 'ru', 'tr', 'uk'];

/** Makes a locale's words built in from now on (a server registers all of them; a browser the one it shows). */
export function addLocaleWords(locale: string, words: LocaleWords): void {
  catalogues[locale] = words.messages;
  addedAnswerWords[locale] = words.answerWords;
}

/**
 * The loadable locale for a tag: the tag or one it falls back to (`ar` for `ar-EG`, `de-x-ls` for itself); none
 * for `de-CH`, whose German is built in.
 */
export function loadableLocaleOf(tag: string): string | undefined {
  return localeFallbacks(tag.toLowerCase()).find((f) => loadableLocales.includes(f));
}

/** Fills `{name}` placeholders from params; unknown names stay as they are. */
export function fillMessage(template: string, params: Readonly<Record<string, unknown>>): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => {
    // Only the params' own values: `{constructor}` must not print what every object inherits.
    const v = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
    return v === undefined ? whole : shownValue(v);
  });
}

/**
 * A param as a person reads it: a word or number as it is, a list joined with commas. Anything else is an object
 * from the data (a limit taken from another field that holds no date or number) and is shown as an ellipsis: its
 * own `toString`, which the data may have replaced (`{"toString": 1}`), is never called.
 */
export function shownValue(v: unknown): string {
  return Array.isArray(v) ? v.map(shownItem).join(', ') : shownItem(v);
}

const shownItem = (v: unknown): string => (v === null || (typeof v !== 'object' && typeof v !== 'function') ? String(v) : '…');
