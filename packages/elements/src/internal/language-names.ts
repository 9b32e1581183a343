import { forLocale } from '@civicflow/core/runtime';

/**
 * Names of languages in themselves, for a language switch: a reader looks for their own language's name, written
 * as they write it. Leichte Sprache has no name a browser knows; the others are as `Intl.DisplayNames` gives them
 * with the language itself as display locale, capitalised as a menu item is.
 */
const OWN_NAMES: Readonly<Record<string, string>> = {
  de: 'Deutsch',
  'de-x-ls': 'Leichte Sprache',
  en: 'English',
  ar: 'العربية',
  bg: 'Български',
  ro: 'Română',
  ru: 'Русский',
  tr: 'Türkçe',
  uk: 'Українська',
};

/** A locale's name in its own language: `Türkçe` for `tr`, `Leichte Sprache` for `de-x-ls`. */
export function languageName(locale: string): string {
  const exact = Object.keys(OWN_NAMES).find((l) => l === locale.toLowerCase());
  if (exact !== undefined) return OWN_NAMES[exact]!;
  try {
    // A regional tag is named with its region, in its own language: `Deutsch (Schweiz)` for `de-CH`.
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale);
    if (name) return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    // A tag Intl does not take: the name of its language, or the tag itself, must do.
  }
  return forLocale(OWN_NAMES, locale) ?? locale;
}
