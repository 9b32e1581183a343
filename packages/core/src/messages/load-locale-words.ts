import { addLocaleWords, catalogues, loadableLocaleOf, type LocaleWords } from './loadable.js';

/**
 * The module of each loadable locale's words (`loadableLocales`). Kept apart from loadable.ts: the widget's locale
 * files bring core's words along (`@civicflow/core/locales`), so a page that only asks which locale to load carries
 * none of these imports.
 */
const loaders: Readonly<Record<string, () => Promise<{ readonly words: LocaleWords }>>> = {
  ar: () => import('./locales/ar.js'),
  bg: () => import('./locales/bg.js'),
  'de-x-ls': () => import('./locales/de-x-ls.js'),
  ro: () => import('./locales/ro.js'),
  ru: () => import('./locales/ru.js'),
  tr: () => import('./locales/tr.js'),
  uk: () => import('./locales/uk.js'),
};

/**
 * Loads the words of the locale that fits `tag` (`loadableLocaleOf`) unless they are there already; resolves to
 * that locale, or undefined when there is none to load (the messages then stay those `builtInMessages` gives).
 */
export async function loadLocaleWords(tag: string): Promise<string | undefined> {
  const locale = loadableLocaleOf(tag);
  if (locale === undefined || Object.prototype.hasOwnProperty.call(catalogues, locale)) return locale;
  const { words } = await loaders[locale]!();
  addLocaleWords(locale, words);
  return locale;
}
