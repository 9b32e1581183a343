import { addLocaleWords } from './index.js';
import { words as ar } from './locales/ar.js';
import { words as bg } from './locales/bg.js';
import { words as deXLs } from './locales/de-x-ls.js';
import { words as ro } from './locales/ro.js';
import { words as ru } from './locales/ru.js';
import { words as tr } from './locales/tr.js';
import { words as uk } from './locales/uk.js';

/**
 * Makes the words of every locale built in. Node's entry point does it: a server answers in any of them and
 * size does not matter there, while a browser loads only the locale it shows (`loadLocaleWords`).
 */
export function addAllLocaleWords(): void {
  const all = { ar, bg, 'de-x-ls': deXLs, ro, ru, tr, uk };
  for (const [locale, words] of Object.entries(all)) addLocaleWords(locale, words);
}
