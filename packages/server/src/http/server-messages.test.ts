import { describe, expect, it } from 'vitest';
import { negotiateLocale, serverMessage } from './server-messages.js';

describe('negotiateLocale', () => {
  it('picks the best available language by quality, then by order', () => {
    expect(negotiateLocale('en-GB,en;q=0.9,de;q=0.8', ['de', 'en'])).toBe('en');
    expect(negotiateLocale('fr;q=0.9, de;q=0.5, en;q=0.4', ['de', 'en'])).toBe('de');
    expect(negotiateLocale('de-AT', ['de', 'en'])).toBe('de');
    expect(negotiateLocale('EN', ['de', 'en'])).toBe('en');
  });

  it('falls back to the first available language', () => {
    expect(negotiateLocale(undefined, ['de', 'en'])).toBe('de');
    expect(negotiateLocale('', ['en', 'de'])).toBe('en');
    expect(negotiateLocale('fr, *;q=0.1', ['de', 'en'])).toBe('de');
    expect(negotiateLocale('en;q=0', ['de', 'en'])).toBe('de');
    expect(negotiateLocale(';;;,,q=,', ['de', 'en'])).toBe('de');
  });
});

describe('serverMessage', () => {
  it('fills parameters in German and English', () => {
    expect(serverMessage('BODY_TOO_LARGE', 'en', { limit: 10 })).toBe('The request body is larger than 10 bytes.');
    expect(serverMessage('BODY_TOO_LARGE', 'de-DE', { limit: 10 })).toBe('Der Inhalt der Anfrage ist größer als 10 Bytes.');
    expect(serverMessage('NOT_FOUND', 'fr')).toBe('Not found.');
  });

  it('leaves placeholders without a value as they are and never reads inherited properties', () => {
    expect(serverMessage('PARAMETER_INVALID', 'en')).toBe('The parameter "{parameter}" is not valid.');
    expect(serverMessage('PARAMETER_INVALID', 'en', Object.create({ parameter: 'x' }))).toBe('The parameter "{parameter}" is not valid.');
  });
});
