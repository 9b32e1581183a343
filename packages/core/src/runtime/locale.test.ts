import { describe, expect, it } from 'vitest';
import { forLocale, languageOf, matchLocale } from './locale.js';

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
