import { loadableLocaleOf, loadLocaleWords, matchLocale } from '@civicflow/core/runtime';
import type { LaterLocaleStrings, LocaleStrings } from './strings/locale-strings.js';
import type { FirstWords, LaterWords } from './strings/en.js';
import { waitingDe, waitingEn } from './strings/waiting.js';

/**
 * The widget's words, each locale two modules of its own that are imported when a page first shows that locale: a
 * page in German downloads no English words, and none of Arabic, Turkish, …. The first module holds what a page may
 * show before anyone types (buttons, the step list, what a field says of itself, a closed form, a saved draft, the
 * notices that a later part could not be fetched); the second the rest (problems, the review, sending, the
 * confirmation, and for a locale beyond German and English the case status page's words and core's messages).
 * German and English are the catalogues every other locale falls back to (`baseLocaleOf`).
 *
 * The embed bundle puts each into a file beside itself, `cf-form.locale-<tag>.js` and `cf-form.locale-<tag>-later.js`,
 * which the browser imports from the embed file's own place, so `script-src 'self'` (or the embed file's origin) is
 * all it needs. `<cf-form>` starts the import of the first when it connects, alongside the program's definition, so
 * it is no extra round trip; the second comes with the code that checks answers (`FormLoader.__texts`), at the
 * person's first focus or keystroke, and nothing that needs its words shows before it is there.
 */
const baseLoaders: Readonly<Record<string, () => Promise<FirstWords>>> = {
  // The loading notices live in the widget itself, so a page in English fetches no German words for them.
  de: () => import('./strings/de.js').then((m) => ({ ...waitingDe, ...m.de })),
  en: () => import('./strings/en.js').then((m) => ({ ...waitingEn, ...m.en })),
};

/**
 * How the rest of the German and English words are imported, by catalogue (a test stands a failing import in here, to
 * see the form say that they could not be fetched and fetch them again).
 */
export const baseLaterLoaders: Record<string, () => Promise<LaterWords>> = {
  de: () => import('./strings/de-later.js').then((m) => m.deLater),
  en: () => import('./strings/en-later.js').then((m) => m.enLater),
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

const laterLoaders: Readonly<Record<string, () => Promise<{ readonly strings: LaterLocaleStrings }>>> = {
  ar: () => import('./strings/locales/ar-later.js'),
  bg: () => import('./strings/locales/bg-later.js'),
  'de-x-ls': () => import('./strings/locales/de-x-ls-later.js'),
  ro: () => import('./strings/locales/ro-later.js'),
  ru: () => import('./strings/locales/ru-later.js'),
  tr: () => import('./strings/locales/tr-later.js'),
  uk: () => import('./strings/locales/uk-later.js'),
};

const baseLoaded: Record<string, FirstWords> = {};
const baseLaterLoaded: Record<string, LaterWords> = {};
const loaded: Record<string, LocaleStrings> = {};
const laterLoaded: Record<string, LaterLocaleStrings> = {};
const pending = new Map<string, Promise<void>>();
/** The locales beyond German and English whose own words could not all be fetched: they show the fallback's. */
const fellBack = new Set<string>();

/** The German and English words of the first screen loaded so far (`ui-strings.ts` reads them). */
export const loadedBaseWords: Readonly<Record<string, FirstWords>> = baseLoaded;

/** The rest of the German and English words loaded so far. */
export const loadedBaseLaterWords: Readonly<Record<string, LaterWords>> = baseLaterLoaded;

/** The first screen's words loaded so far of the locales beyond German and English, by locale. */
export const loadedWords: Readonly<Record<string, LocaleStrings>> = loaded;

/** The rest of the words loaded so far of the locales beyond German and English (`case-strings.ts` reads them too). */
export const loadedLaterWords: Readonly<Record<string, LaterLocaleStrings>> = laterLoaded;

/** The catalogue a tag's widget words come from, or fall back to: German for `de-CH` and `de-x-ls`, else English. */
export function baseLocaleOf(tag: string): string {
  return matchLocale(tag, ['de', 'en']) ?? 'en';
}

const has = (table: object, key: string) => Object.prototype.hasOwnProperty.call(table, key);

/** Whether the words of a locale's first screen are there: its own (Arabic, …), else the German or English ones. */
export function wordsReady(tag: string): boolean {
  const locale = loadableLocaleOf(tag);
  return locale === undefined ? has(baseLoaded, baseLocaleOf(tag)) : has(loaded, locale);
}

/**
 * Whether all of a locale's words are there, those of its first screen and the rest: its own (Arabic, …), or, once
 * its own could not be fetched (`loadWords` rejected), the German or English ones it falls back to.
 */
export function allWordsReady(tag: string): boolean {
  const locale = loadableLocaleOf(tag);
  const base = baseLocaleOf(tag);
  const fallback = has(baseLoaded, base) && has(baseLaterLoaded, base);
  if (locale === undefined) return fallback;
  return (has(loaded, locale) && has(laterLoaded, locale)) || (fellBack.has(locale) && (has(loaded, locale) || has(baseLoaded, base)) && (has(laterLoaded, locale) || has(baseLaterLoaded, base)));
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

/** A rejection with `cause` once `fallback` has settled: the words a locale falls back to are fetched first. */
function failAfter(fallback: Promise<void>, cause: unknown): Promise<never> {
  const fail = () => Promise.reject(cause instanceof Error ? cause : new Error(String(cause)));
  return fallback.then(fail, fail);
}

/**
 * The German or English words of the first screen that a tag falls back to (`baseLocaleOf`), once; resolves when they
 * are there, rejects when they cannot be fetched (`<cf-form>` then says it could not be loaded).
 */
export function loadBaseWords(tag: string): Promise<void> {
  const base = baseLocaleOf(tag);
  if (has(baseLoaded, base)) return Promise.resolve();
  return once(base, () => baseLoaders[base]!().then((strings) => void (baseLoaded[base] = strings)));
}

/** The rest of the German or English words a tag falls back to, once. */
function loadBaseLaterWords(tag: string): Promise<void> {
  const base = baseLocaleOf(tag);
  if (has(baseLaterLoaded, base)) return Promise.resolve();
  return once(`${base}-later`, () => baseLaterLoaders[base]!().then((strings) => void (baseLaterLoaded[base] = strings)));
}

/**
 * The words of a locale's first screen, once: its own (Arabic, …), else the German or English ones; resolves when
 * they are there. A locale whose own words cannot be loaded (the file is missing, the network fails) rejects after
 * fetching the German or English ones it falls back to, and the element shows those.
 */
export function loadFirstWords(tag: string): Promise<void> {
  const locale = loadableLocaleOf(tag);
  if (locale === undefined) return loadBaseWords(tag);
  if (has(loaded, locale)) return Promise.resolve();
  return once(locale, () => loaders[locale]!().then(({ strings }) => void (loaded[locale] = strings))).catch((cause: unknown) =>
    failAfter(loadBaseWords(tag), cause),
  );
}

/**
 * The rest of a locale's words, once: problems, the review, sending, the confirmation, and for a locale beyond German
 * and English the case status page's words and core's messages (`loadLocaleWords`). A locale whose own cannot be
 * loaded rejects after fetching the German or English ones it falls back to.
 */
export function loadLaterWords(tag: string): Promise<void> {
  const locale = loadableLocaleOf(tag);
  if (locale === undefined) return loadBaseLaterWords(tag);
  if (has(laterLoaded, locale)) return Promise.resolve();
  return once(`${locale}-later`, () =>
    Promise.all([laterLoaders[locale]!(), loadLocaleWords(locale)]).then(([{ strings }]) => void (laterLoaded[locale] = strings)),
  ).catch((cause: unknown) => failAfter(loadBaseLaterWords(tag), cause));
}

/** Every word of a locale beyond German and English, its case status page's too (none for those): `<cf-case-status>`'s. */
export function loadLocaleFile(tag: string): Promise<void> {
  if (loadableLocaleOf(tag) === undefined) return Promise.resolve();
  return loadWords(tag);
}

/**
 * Loads all the widget's and core's words for a locale, once, both its files: its own (Arabic, …, every key), else
 * the German or English ones; resolves when they are there. A locale whose own words cannot be loaded rejects after
 * fetching the German or English ones it falls back to, and the element shows those.
 */
export function loadWords(tag: string): Promise<void> {
  const both = [loadFirstWords(tag), loadLaterWords(tag)];
  return Promise.all(both).then(
    () => undefined,
    (cause: unknown) =>
      Promise.allSettled(both).then(() => {
        const locale = loadableLocaleOf(tag);
        if (locale !== undefined) fellBack.add(locale);
        throw cause instanceof Error ? cause : new Error(String(cause));
      }),
  );
}

/**
 * Every word a locale shows, both its files: its own, else (they cannot be fetched) the German or English ones it
 * falls back to; rejects only when those cannot be fetched either. Once it resolves, `allWordsReady` holds.
 */
export function loadAllWords(tag: string): Promise<void> {
  return loadWords(tag).catch(() => loadWords(baseLocaleOf(tag)));
}
