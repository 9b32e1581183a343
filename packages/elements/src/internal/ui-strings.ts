import { languageOf } from '@civicflow/core/runtime';
import type { UiStrings } from './strings/en.js';
import { waitingDe, waitingEn } from './strings/waiting.js';
import { baseLocaleOf, loadAllWords, wordsOf } from './locale-words.js';

export type { UiStrings };

/** The locales whose widget wording every other locale falls back to; each is two modules of its own (`loadWords`). */
export const builtInUiLocales: readonly string[] = ['de', 'en'];

/**
 * What `<cf-form>` says while its words are still on their way, or could not be fetched: only the notices of its
 * loading phase, so the page never shows a key or an empty box.
 */
const waiting: Readonly<Record<string, Pick<UiStrings, 'loading' | 'loadFailed'>>> = { de: waitingDe, en: waitingEn };

/** The first screen's words with the rest, by both: the same object each time, so an element given it renders nothing anew. */
const joined = new WeakMap<object, WeakMap<object, UiStrings>>();

function join(first: object, later: object): UiStrings {
  let byLater = joined.get(first);
  if (!byLater) joined.set(first, (byLater = new WeakMap()));
  let all = byLater.get(later);
  if (!all) byLater.set(later, (all = { ...first, ...later } as UiStrings));
  return all;
}

/**
 * The widget's wording for a locale, synchronously, from the words loaded so far: what the elements render with, once
 * they have loaded their words. Before any are loaded it has only `loading` and `loadFailed` (every other key is
 * undefined); before the second file of a language is there (the words of problems, the review, sending, …), only
 * those of the first screen. `loadUiStrings` waits for all of them. In order: its loaded words (Arabic, Leichte
 * Sprache, … once `loadWords` has brought them), else the German or English catalogue it falls back to
 * (`baseLocaleOf`: German for `de-x-ls` until its own words are there), else a catalogue already loaded, else only
 * the loading notices; a host's overrides (for a locale we do not ship, or its own tone) win over all of them.
 * `await loadWords(locale)` first for all the words.
 */
export function uiStrings(locale: string, overrides?: Partial<UiStrings>): UiStrings {
  const { first, later } = wordsOf(locale);
  const all = first === undefined ? (waiting[baseLocaleOf(locale)] as UiStrings) : later ? join(first, later) : (first as UiStrings);
  return overrides ? { ...all, ...overrides } : all;
}

/**
 * The widget's whole wording for a locale, once its words are loaded (`loadWords`): every key, as a host needs it to
 * start its own `strings` from. A locale whose own words cannot be fetched gets the German or English ones it falls
 * back to; rejects only when those cannot be fetched either.
 */
export async function loadUiStrings(locale: string, overrides?: Partial<UiStrings>): Promise<UiStrings> {
  await loadAllWords(locale);
  return uiStrings(locale, overrides);
}

/** Fills `{name}` placeholders (core's `fillMessage`): unknown names stay visible so a missing value is noticed. */
export { fillMessage as fillString } from '@civicflow/core/runtime';

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'yi', 'ckb', 'dv', 'ug']);

/** The writing direction of a locale. */
export function directionOf(locale: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(languageOf(locale)) ? 'rtl' : 'ltr';
}
