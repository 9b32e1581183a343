import { loadableLocaleOf, loadLocaleWords, matchLocale } from '@civicflow/core/runtime';
import type { LocaleStrings } from './strings/locale-strings.js';
import type { UiStrings } from './strings/en.js';
import { waitingDe, waitingEn } from './strings/waiting.js';

/**
 * The widget's words, each locale a module of its own that is imported when a page first shows that locale: a page
 * in German downloads no English words, and none of Arabic, Turkish, …. German and English are the catalogues every
 * other locale falls back to (`baseLocaleOf`); the others carry core's messages too. The embed bundle puts each
 * locale's module (and core's messages for a locale beyond German and English) into one file beside itself
 * (`cf-form.locale-<tag>.js`), which the browser imports from the embed file's own place, so `script-src 'self'`
 * (or the embed file's origin) is all it needs. `<cf-form>` starts the import when it connects, alongside the
 * program's definition, so the words are no extra round trip.
 */
const baseLoaders: Readonly<Record<string, () => Promise<UiStrings>>> = {
  // The loading notices live in the widget itself, so a page in English fetches no German words for them.
  de: () => import('./strings/de.js').then((m) => ({ ...waitingDe, ...m.de })),
  en: () => import('./strings/en.js').then((m) => ({ ...waitingEn, ...m.en })),
};

const loaders: Readonly<Record<string, () => Promise<{ readonly strings: LocaleStrings }>>> = {
  ar: () => import('./strings/locales/ar.js'),
  bg: () => import('./strings/locales/bg.js'),
  'de-x-ls': () => import('./strings/locales/de-x-ls.js'),
  ro: () => import('./strings/locales/ro.js'),
  ru: () => import('./strings/locales/ru.js'),
  tr: () => import('./strings/locales/tr.js'),
  uk: () => import('./strings/locales/uk.js'),
};

const baseLoaded: Record<string, UiStrings> = {};
const loaded: Record<string, LocaleStrings> = {};
const pending = new Map<string, Promise<void>>();

/** The German and English catalogues loaded so far (`ui-strings.ts` reads them). */
export const loadedBaseWords: Readonly<Record<string, UiStrings>> = baseLoaded;

/** The words loaded so far of the locales beyond German and English, by locale (`ui-strings.ts` and `case-strings.ts` read them). */
export const loadedWords: Readonly<Record<string, LocaleStrings>> = loaded;

/** The catalogue a tag's widget words come from, or fall back to: German for `de-CH` and `de-x-ls`, else English. */
export function baseLocaleOf(tag: string): string {
  return matchLocale(tag, ['de', 'en']) ?? 'en';
}

const has = (table: object, key: string) => Object.prototype.hasOwnProperty.call(table, key);

/** Whether a locale's words are there: its own (Arabic, …), else the German or English ones it falls back to. */
export function wordsReady(tag: string): boolean {
  const locale = loadableLocaleOf(tag);
  return locale === undefined ? has(baseLoaded, baseLocaleOf(tag)) : has(loaded, locale);
}

/** Imports one module of words once; a failure lets the next call try again. */
function once(key: string, load: () => Promise<void>): Promise<void> {
  let p = pending.get(key);
  if (!p) {
    p = load().catch((cause: unknown) => {
      pending.delete(key);
      throw cause;
    });
    pending.set(key, p);
  }
  return p;
}

/**
 * The German or English catalogue a tag falls back to (`baseLocaleOf`), once; resolves when it is there, rejects when
 * it cannot be fetched (`<cf-form>` then says it could not be loaded).
 */
export function loadBaseWords(tag: string): Promise<void> {
  const base = baseLocaleOf(tag);
  if (has(baseLoaded, base)) return Promise.resolve();
  return once(base, () => baseLoaders[base]!().then((strings) => void (baseLoaded[base] = strings)));
}

/**
 * The widget's and core's words for a locale beyond German and English (none for those), once: what
 * `<cf-case-status>` needs beside its own German and English.
 */
export function loadLocaleFile(tag: string): Promise<void> {
  const locale = loadableLocaleOf(tag);
  if (locale === undefined || has(loaded, locale)) return Promise.resolve();
  return once(
    locale,
    () => Promise.all([loaders[locale]!(), loadLocaleWords(locale)]).then(([{ strings }]) => void (loaded[locale] = strings)),
  );
}

/**
 * Loads the widget's and core's words for a locale, once: its own (Arabic, …, every key), else the German or
 * English ones; resolves when they are there. A locale whose own words cannot be loaded (the file is missing, the
 * network fails) rejects after fetching the German or English ones it falls back to, and the element shows those.
 */
export function loadWords(tag: string): Promise<void> {
  if (loadableLocaleOf(tag) === undefined) return loadBaseWords(tag);
  return loadLocaleFile(tag).catch((cause: unknown) => {
    const fail = () => Promise.reject(cause instanceof Error ? cause : new Error(String(cause)));
    return loadBaseWords(tag).then(fail, fail);
  });
}
