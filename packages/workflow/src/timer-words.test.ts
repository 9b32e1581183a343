import { describe, expect, it } from 'vitest';
import { loadExample } from '@civicflow/test-support';
import { durationWords, timerWords } from './timer-words.js';

describe('timerWords', () => {
  const definition = loadExample('wir-vielfalt').definition;

  it('says a duration in words of the locale, in the dative after German "nach"', () => {
    expect(timerWords({ duration: 'P14D' }, definition, 'de')).toBe('nach 14 Tagen');
    expect(timerWords({ duration: 'P1D' }, definition, 'de')).toBe('nach 1 Tag');
    expect(timerWords({ duration: 'P14D' }, definition, 'en')).toBe('after 14 days');
    expect(durationWords('P1Y2M', 'de')).toBe('1 Jahr und 2 Monaten');
    expect(durationWords('P1Y2MT3H', 'en')).toBe('1 year, 2 months and 3 hours');
    expect(durationWords('PT48H', 'en')).toBe('48 hours');
    expect(durationWords('14 days', 'en')).toBeUndefined();
  });

  it('says a fixed moment and a period end as a date and time, in the zone they are meant in', () => {
    expect(timerWords({ at: '2019-03-31T23:59:00+02:00' }, definition, 'de')).toBe('am 31. März 2019, 23:59');
    expect(timerWords({ at: '2019-03-31T23:59:00+02:00' }, definition, 'en')).toBe('on March 31, 2019, 23:59');
    expect(timerWords({ periodEnd: 'call2019' }, definition, 'de')).toBe('am 30. November 2019, 23:59');
    expect(timerWords({ periodEnd: 'noSuchPeriod' }, definition, 'de')).toBeUndefined();
    expect(timerWords({ at: 'soon' }, definition, 'en')).toBeUndefined();
  });
});
