import { addLocaleWords, loadableLocaleOf, matchLocale, type LocaleWords } from '@civicflow/core/runtime';
import type { LaterLocaleStrings, LocaleStrings } from './strings/locale-strings.js';
import { waitingDe, waitingEn } from './strings/waiting.js';
import { once } from './once.js';

/**
 * The widget's words, each locale two modules of its own that are imported when a page first shows that locale: a
 * page in German downloads no English words, and none of Arabic, Turkish, …. The first module holds what a page may
 * show before anyone types (buttons, the step list, what a field says of itself, a closed form, a saved draft, the
 * notices that a later part could not be fetched, the confirmation); the second the rest (problems, the review,
 * sending, and for a locale beyond German and English the case status page's words and core's messages).
 * German and English are the catalogues every other locale falls back to (`baseLocaleOf`).
 *
 * The embed bundle puts each into a file beside itself, `cf-form.locale-<tag>.js` and `cf-form.locale-<tag>-later.js`,
 * which the browser imports from the embed file's own place, so `script-src 'self'` (or the embed file's origin) is
 * all it needs. `<cf-form>` starts the import of the first when it connects, alongside the program's definition, so
 * it is no extra round trip; the second comes with the code that checks answers (`FormLoader.__texts`), at the
 * person's first focus or keystroke, and nothing that needs its words shows before it is there.
 */
const firstFiles: Readonly<Record<string, () => Promise<{ readonly strings: LocaleStrings }>>> = {
  // The loading notices live in the widget itself, so a page in English fetches no German words for them.
  de: () => import('./strings/de.js').then((m) => ({ strings: { ui: { ...waitingDe, ...m.de } } })),
  en: () => import('./strings/en.js').then((m) => ({ strings: { ui: { ...waitingEn, ...m.en } } })),
  ar: () => import('./strings/locales/ar.js'),
  bg: () => import('./strings/locales/bg.js'),
  'de-x-ls': () => import('./strings/locales/de-x-ls.js'),
  ro: () => import('./strings/locales/ro.js'),
  ru: () => import('./strings/locales/ru.js'),
  tr: () => import('./strings/locales/tr.js'),
  uk: () => import('./strings/locales/uk.js'),
};

/** What a file of words gives: the widget's, and with the rest of a locale's words core's (`@civicflow/core/locales`). */
interface WordsFile<T> {
  readonly strings: T;
  readonly core?: LocaleWords;
}

/**
 * The second file of each locale, by catalogue (a test stands a failing import in here, to see the form say that the
 * words could not be fetched and fetch them again).
 */
export const laterFiles: Record<string, () => Promise<WordsFile<LaterLocaleStrings>>> = {
  de: () => import('./strings/de-later.js'),
  en: () => import('./strings/en-later.js'),
  ar: () => import('./strings/locales/ar-later.js'),
  bg: () => import('./strings/locales/bg-later.js'),
  'de-x-ls': () => import('./strings/locales/de-x-ls-later.js'),
  ro: () => import('./strings/locales/ro-later.js'),
  ru: () => import('./strings/locales/ru-later.js'),
  tr: () => import('./strings/locales/tr-later.js'),
  uk: () => import('./strings/locales/uk-later.js'),
};

const first: Record<string, LocaleStrings> = {};
const later: Record<string, LaterLocaleStrings> = {};
const pending = new Map<string, Promise<void>>();
/** The locales beyond German and English whose own words could not all be fetched: they show the fallback's. */
const fellBack = new Set<string>();

/** The words of the first screen loaded so far, by catalogue: `de`, `en`, `ar`, … (`ui-strings.ts` reads them). */
export const loadedFirstWords: Readonly<Record<string, LocaleStrings>> = first;

/** The rest of the words loaded so far, by catalogue (`ui-strings.ts` and `case-strings.ts` read them). */
export const loadedLaterWords: Readonly<Record<string, LaterLocaleStrings>> = later;

/** The catalogue a tag's widget words come from, or fall back to: German for `de-CH` and `de-x-ls`, else English. */
export function baseLocaleOf(tag: string): string {
  return matchLocale(tag, ['de', 'en']) ?? 'en';
}

const has = (table: object, key: string) => Object.prototype.hasOwnProperty.call(table, key);

/** Whether the words of a locale's first screen are there: its own (Arabic, …), else the German or English ones. */
export function wordsReady(tag: string): boolean {
  return has(first, loadableLocaleOf(tag) ?? baseLocaleOf(tag));
}

/**
 * The words a tag is shown in, from those loaded so far (`uiStrings` reads them): its own (Arabic, …), else the
 * German or English ones it falls back to (`baseLocaleOf`), else a catalogue already loaded. The rest of the words
 * (`later`) are its own, or the fallback's once its own could not be fetched (`loadWords` rejected), never another
 * language's while its own are on their way; undefined while none are there.
 */
export function wordsOf(tag: string): { readonly first?: LocaleStrings['ui']; readonly later?: LaterLocaleStrings['ui'] } {
  const own = loadableLocaleOf(tag);
  const base = baseLocaleOf(tag);
  const ownFirst = own !== undefined ? first[own] : undefined;
  const shown = ownFirst ?? first[base] ?? first['de'] ?? first['en'];
  const fallback = own === undefined || fellBack.has(own) ? later[base] : undefined;
  const rest = ownFirst ? (later[own!] ?? fallback) : shown === first[base] ? fallback : undefined;
  return { first: shown?.ui, later: rest?.ui };
}

/**
 * Whether all of a locale's words are there, those of its first screen and the rest: its own (Arabic, …), or, once
 * its own could not be fetched, the German or English ones it falls back to.
 */
export function allWordsReady(tag: string): boolean {
  const { first: shown, later: rest } = wordsOf(tag);
  return shown !== undefined && rest !== undefined;
}

/** Imports one file of words once, keeping its words in `table`; a failure lets the next call try again. */
function load<T>(table: Record<string, T>, files: Readonly<Record<string, () => Promise<WordsFile<T>>>>, key: string): Promise<void> {
  if (has(table, key)) return Promise.resolve();
  const name = (table as object) === later ? `${key}-later` : key;
  return once(pending, name, () =>
    files[key]!().then((m) => {
      // Core's messages of a locale beyond German and English come with the rest of its words.
      if (m.core) addLocaleWords(key, m.core);
      table[key] = m.strings;
    }),
  );
}

/**
 * One of a locale's two files, once: its own (Arabic, …), else the German or English one; resolves when it is there.
 * A locale whose own cannot be loaded (the file is missing, the network fails) rejects after fetching the German or
 * English one it falls back to, which the element then shows.
 */
function loadEither<T>(table: Record<string, T>, files: Readonly<Record<string, () => Promise<WordsFile<T>>>>, tag: string): Promise<void> {
  const own = loadableLocaleOf(tag);
  const base = () => load(table, files, baseLocaleOf(tag));
  if (own === undefined) return base();
  return load(table, files, own).catch((cause: unknown) => {
    const fail = () => Promise.reject(cause instanceof Error ? cause : new Error(String(cause)));
    return base().then(fail, fail);
  });
}

/**
 * The German or English words of the first screen that a tag falls back to (`baseLocaleOf`), once; resolves when they
 * are there, rejects when they cannot be fetched (`<cf-form>` then says it could not be loaded).
 */
export function loadBaseWords(tag: string): Promise<void> {
  return load(first, firstFiles, baseLocaleOf(tag));
}

/** The words of a locale's first screen, once (see `loadEither`). */
export function loadFirstWords(tag: string): Promise<void> {
  return loadEither(first, firstFiles, tag);
}

/**
 * The rest of a locale's words, once: problems, the review, sending, and for a locale beyond German
 * and English the case status page's words and core's messages (`addLocaleWords`); see `loadEither`.
 */
export function loadLaterWords(tag: string): Promise<void> {
  return loadEither(later, laterFiles, tag);
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
        const own = loadableLocaleOf(tag);
        if (own !== undefined) fellBack.add(own);
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
