import { de } from './de.js';
import { en } from './en.js';
import { forLocale } from '../runtime/locale.js';
import { catalogues } from './loadable.js';

export type { MessageKey, Messages } from './en.js';
export { addLocaleWords, fillMessage, shownValue, loadableLocaleOf, loadableLocales, type LocaleWords } from './loadable.js';
export { loadLocaleWords } from './load-locale-words.js';

/** The locales whose messages ship built in (more come with `addLocaleWords` or `loadLocaleWords`). */
export const builtInLocales: readonly string[] = ['de', 'en'];

/** The built-in catalogue for a locale (see `matchLocale`), else English. */
export function builtInMessages(locale: string): Readonly<Record<string, string>> {
  return forLocale({ de, en, ...catalogues }, locale) ?? en;
}
