import { loadableLocaleOf, loadLocaleWords } from '@civicflow/core/runtime';
import type { LocaleStrings } from './strings/locale-strings.js';

/**
 * The widget's words in the locales beyond German and English, each a module of its own that is imported when a
 * page first shows that locale: a page in German downloads none of them. The embed bundle puts each locale's module
 * and core's messages for it into one file beside itself (`cf-form.locale-<tag>.js`), which the browser imports
 * from the embed file's own place, so `script-src 'self'` (or the embed file's origin) is all it needs.
 */
const loaders: Readonly<Record<string, () => Promise<{ readonly strings: LocaleStrings }>>> = {
  ar: () => import('./strings/locales/ar.js'),
  bg: () => import('./strings/locales/bg.js'),
  'de-x-ls': () => import('./strings/locales/de-x-ls.js'),
  ro: () => import('./strings/locales/ro.js'),
  ru: () => import('./strings/locales/ru.js'),
  tr: () => import('./strings/locales/tr.js'),
  uk: () => import('./strings/locales/uk.js'),
};

const loaded: Record<string, LocaleStrings> = {};
const pending = new Map<string, Promise<void>>();

/** The words loaded so far, by locale (`ui-strings.ts` and `case-strings.ts` read them). */
export const loadedWords: Readonly<Record<string, LocaleStrings>> = loaded;

/** Whether a locale's words are there (built in, loaded, or none to load): the element can show it at once. */
export function wordsReady(tag: string): boolean {
  const locale = loadableLocaleOf(tag);
  return locale === undefined || Object.prototype.hasOwnProperty.call(loaded, locale);
}

/**
 * Loads the widget's and core's words for a locale, once; resolves when they are there. A locale that cannot be
 * loaded (the file is missing, the network fails) rejects, and the element keeps showing the words it has.
 */
export function loadWords(tag: string): Promise<void> {
  const locale = loadableLocaleOf(tag);
  if (locale === undefined || Object.prototype.hasOwnProperty.call(loaded, locale)) return Promise.resolve();
  let load = pending.get(locale);
  if (!load) {
    load = Promise.all([loaders[locale]!(), loadLocaleWords(locale)]).then(
      ([{ strings }]) => {
        loaded[locale] = strings;
      },
      (cause: unknown) => {
        pending.delete(locale);
        throw cause;
      },
    );
    pending.set(locale, load);
  }
  return load;
}
