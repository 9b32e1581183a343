import { forLocale, languageOf } from '@civicflow/core/runtime';
import { de } from './strings/de.js';
import { en, type UiStrings } from './strings/en.js';

export type { UiStrings };

const catalogues: Readonly<Record<string, UiStrings>> = { de, en };

/** The locales whose widget wording is built in. */
export const builtInUiLocales: readonly string[] = Object.keys(catalogues);

/**
 * The widget's wording for a locale (core's `matchLocale`), else English; a host's overrides
 * (for a locale we do not ship, or its own tone) win over all of them.
 */
export function uiStrings(locale: string, overrides?: Partial<UiStrings>): UiStrings {
  const base = forLocale(catalogues, locale) ?? en;
  return overrides ? { ...base, ...overrides } : base;
}

/** Fills `{name}` placeholders (core's `fillMessage`): unknown names stay visible so a missing value is noticed. */
export { fillMessage as fillString } from '@civicflow/core/runtime';

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'yi', 'ckb', 'dv', 'ug']);

/** The writing direction of a locale. */
export function directionOf(locale: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(languageOf(locale)) ? 'rtl' : 'ltr';
}
