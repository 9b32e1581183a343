import { describe, expect, it } from 'vitest';
import { forLocale, languageOf, localeChain, localeFallbacks, matchLocale, textLookupFor } from './locale.js';
import { textsInLocale } from './texts-in-locale.js';

describe('languageOf', () => {
  it('gives the language of a tag in lower case', () => {
    expect(languageOf('de')).toBe('de');
    expect(languageOf('de-CH')).toBe('de');
    expect(languageOf('DE-ch')).toBe('de');
    expect(languageOf('en-GB')).toBe('en');
    expect(languageOf('ar')).toBe('ar');
  });

  it('gives an empty language for an empty tag', () => {
    expect(languageOf('')).toBe('');
  });
});

describe('matchLocale', () => {
  const available = ['de', 'en'];

  it('picks the tag itself', () => {
    expect(matchLocale('de', available)).toBe('de');
    expect(matchLocale('en', ['en-GB', 'en'])).toBe('en');
  });

  it('picks the language of a regional tag', () => {
    expect(matchLocale('de-CH', available)).toBe('de');
    expect(matchLocale('en-GB', available)).toBe('en');
  });

  it('compares tags without regard to case and answers with the available spelling', () => {
    expect(matchLocale('DE-ch', available)).toBe('de');
    expect(matchLocale('de-ch', ['de-CH', 'de'])).toBe('de-CH');
    expect(matchLocale('EN', available)).toBe('en');
  });

  it('picks a regional locale of the same language when the language itself is missing', () => {
    expect(matchLocale('de', ['en', 'de-CH'])).toBe('de-CH');
    expect(matchLocale('de-AT', ['de-CH', 'de'])).toBe('de');
  });

  it('finds nothing for a language that is not available, an unknown tag or an empty one', () => {
    expect(matchLocale('ar', available)).toBeUndefined();
    expect(matchLocale('x-unknown', available)).toBeUndefined();
    expect(matchLocale('', available)).toBeUndefined();
    expect(matchLocale('de', [])).toBeUndefined();
  });
});

describe('forLocale', () => {
  const table = { de: 'Hallo', en: 'Hello' };

  it('gives the entry of the tag, else of its language', () => {
    expect(forLocale(table, 'de')).toBe('Hallo');
    expect(forLocale(table, 'de-CH')).toBe('Hallo');
    expect(forLocale(table, 'DE-ch')).toBe('Hallo');
    expect(forLocale(table, 'en-GB')).toBe('Hello');
  });

  it('gives nothing for a locale the table lacks, so the caller picks its default', () => {
    expect(forLocale(table, 'ar')).toBeUndefined();
    expect(forLocale(table, 'unknown')).toBeUndefined();
    expect(forLocale(table, '')).toBeUndefined();
    expect(forLocale(undefined, 'de')).toBeUndefined();
  });

  it('does not take what an object inherits for a locale', () => {
    expect(forLocale(table, 'constructor')).toBeUndefined();
  });
});

describe('localeFallbacks', () => {
  it('truncates a tag subtag by subtag, a private-use singleton going with what follows it', () => {
    expect(localeFallbacks('de-x-ls')).toEqual(['de-x-ls', 'de']);
    expect(localeFallbacks('de-CH-x-ls')).toEqual(['de-CH-x-ls', 'de-CH', 'de']);
    expect(localeFallbacks('ar')).toEqual(['ar']);
    expect(localeFallbacks('')).toEqual([]);
  });
});

describe('localeChain and textLookupFor', () => {
  const texts = {
    de: { title: 'Anmeldung', help: 'Füllen Sie das Formular aus.', only: 'nur deutsch' },
    'de-x-ls': { help: 'Bitte schreiben Sie Ihre Angaben in das Formular.' },
    ar: { title: 'التسجيل', help: 'املأ الاستمارة.' },
    en: { title: 'Registration' },
  };
  const locales = ['de', 'en', 'ar', 'de-x-ls'];

  it('asks Leichte Sprache first, then German, for a page in Leichte Sprache', () => {
    expect(localeChain('de-x-ls', locales)).toEqual(['de-x-ls', 'de']);
    const text = textLookupFor(texts, locales, 'de-x-ls');
    expect(text('help')).toBe('Bitte schreiben Sie Ihre Angaben in das Formular.');
    expect(text('title')).toBe('Anmeldung');
    expect(text('missing')).toBeUndefined();
  });

  it('asks a language without a parent, then the default locale', () => {
    expect(localeChain('ar-EG', locales)).toEqual(['ar', 'de']);
    expect(textLookupFor(texts, locales, 'ar')('only')).toBe('nur deutsch');
    expect(textLookupFor(texts, locales, 'ar')('title')).toBe('التسجيل');
    expect(localeChain('fr', locales)).toEqual(['de']);
  });

  it('gives the texts of a locale itself with those it falls back to, but not the default of another language', () => {
    expect(textsInLocale(texts, locales, 'de-x-ls')).toEqual({ ...texts.de, ...texts['de-x-ls'] });
    expect(textsInLocale(texts, locales, 'en')).toBe(texts.en);
    expect(textsInLocale(texts, locales, 'fr')).toEqual({});
  });
});

describe('matchLocale with variants', () => {
  it('prefers the longest tag a tag falls back to over its language', () => {
    expect(matchLocale('de-x-ls-CH', ['de', 'de-x-ls'])).toBe('de-x-ls');
    expect(matchLocale('de-CH-x-ls', ['de', 'de-CH'])).toBe('de-CH');
    expect(matchLocale('de-x-ls', ['de', 'en'])).toBe('de');
    expect(matchLocale('de-AT', ['de-x-ls', 'de'])).toBe('de');
  });
});
