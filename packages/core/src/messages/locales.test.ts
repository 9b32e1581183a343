import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { builtInMessages, loadableLocaleOf, loadableLocales, loadLocaleWords, type LocaleWords } from './index.js';
import { answerWords } from './answer-words.js';
import * as entry from '../locales.js';

const placeholders = (text: string) => [...text.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]).sort();

describe('the loadable locales', () => {
  it('are Arabic, Bulgarian, Leichte Sprache, Romanian, Russian, Turkish and Ukrainian', () => {
    expect([...loadableLocales].sort()).toEqual(['ar', 'bg', 'de-x-ls', 'ro', 'ru', 'tr', 'uk']);
  });

  it('are found for a tag, its region or its own private-use variant, not for German or English', () => {
    expect(loadableLocaleOf('ar-EG')).toBe('ar');
    expect(loadableLocaleOf('DE-x-LS')).toBe('de-x-ls');
    expect(loadableLocaleOf('de-CH')).toBeUndefined();
    expect(loadableLocaleOf('en')).toBeUndefined();
  });

  it.each(['ar', 'bg', 'de-x-ls', 'ro', 'ru', 'tr', 'uk'])('%s: loads on demand, then has every message with the same placeholders', async (locale) => {
    expect(await loadLocaleWords(locale)).toBe(locale);
    const messages = builtInMessages(locale);
    expect(messages).not.toBe(builtInMessages('en'));
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [code, text] of Object.entries(en)) {
      expect(placeholders(messages[code]!), `${locale} ${code}`).toEqual(placeholders(text));
      // The English wording copied over would be a missing translation.
      if (locale !== 'de-x-ls') expect(messages[code], `${locale} ${code}`).not.toBe(text);
    }
    expect(placeholders(answerWords(locale).entry)).toEqual(['n']);
    expect(answerWords(`${locale}-XY`)).toBe(answerWords(locale));
  });

  it('are each in the entry the widget\'s locale files import, the same words loadLocaleWords loads', async () => {
    const byLocale: Record<string, LocaleWords> = { ar: entry.ar, bg: entry.bg, 'de-x-ls': entry.deXLs, ro: entry.ro, ru: entry.ru, tr: entry.tr, uk: entry.uk };
    expect(Object.keys(byLocale).sort()).toEqual([...loadableLocales].sort());
    for (const locale of loadableLocales) {
      await loadLocaleWords(locale);
      expect(builtInMessages(locale), locale).toBe(byLocale[locale]!.messages);
      expect(answerWords(locale), locale).toBe(byLocale[locale]!.answerWords);
    }
  });

  it('leaves German built in for a regional tag and loads nothing for it', async () => {
    expect(await loadLocaleWords('de-AT')).toBeUndefined();
    expect(builtInMessages('de-AT')).toBe(builtInMessages('de'));
  });
});

describe('Leichte Sprache', () => {
  it('says things in short sentences of its own, and German where it is asked for German', async () => {
    await loadLocaleWords('de-x-ls');
    expect(builtInMessages('de-x-ls')['required']).toBe('Dieses Feld ist leer. Bitte schreiben Sie hier etwas.');
    expect(builtInMessages('de')['required']).toBe('Bitte füllen Sie dieses Feld aus.');
    // One statement per sentence: no sentence of the catalogue has a comma-joined second clause with "um … zu".
    for (const text of Object.values(builtInMessages('de-x-ls'))) expect(text).not.toMatch(/, um /);
  });
});
