import { forLocale, languageOf, loadableLocaleOf } from '@civicflow/core/runtime';
import { de } from './strings/de.js';
import { en, type UiStrings } from './strings/en.js';
import { loadedWords } from './locale-words.js';

export type { UiStrings };

const catalogues: Readonly<Record<string, UiStrings>> = { de, en };

/** The locales whose widget wording is built in; the others (`loadableLocales` of core) come on demand (`loadWords`). */
export const builtInUiLocales: readonly string[] = Object.keys(catalogues);

/**
 * The widget's wording for a locale: its loaded words (Arabic, Leichte Sprache, … once `loadWords` has brought
 * them), else the built-in catalogue that fits (core's `matchLocale`: German for `de-x-ls` until then), else
 * English; a host's overrides (for a locale we do not ship, or its own tone) win over all of them.
 */
export function uiStrings(locale: string, overrides?: Partial<UiStrings>): UiStrings {
  const loadable = loadableLocaleOf(locale);
  const base = (loadable !== undefined ? loadedWords[loadable]?.ui : undefined) ?? forLocale(catalogues, locale) ?? en;
  return overrides ? { ...base, ...overrides } : base;
}

/** Fills `{name}` placeholders (core's `fillMessage`): unknown names stay visible so a missing value is noticed. */
export { fillMessage as fillString } from '@civicflow/core/runtime';

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'yi', 'ckb', 'dv', 'ug']);

/** The writing direction of a locale. */
export function directionOf(locale: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(languageOf(locale)) ? 'rtl' : 'ltr';
}

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
