import { describe, expect, it } from 'vitest';
import { loadExample } from '@civicflow/test-support';
import { missingWords, monitoringPlan, readParticipant, indicatorTitle } from './monitoring-plan.js';

const program = loadExample('gemeinsam-fuer-hagen');
const plan = monitoringPlan(program)!;

/** Leyla's case data after entry, leaving and follow-up (as the walk workflow-participant-monitoring records it). */
const leyla = {
  contactDate: '2025-01-06', house: 'altenhagen', channel: 'referral', givenName: 'Leyla', ageGroup: 'from25to54', concern: ['language', 'job'],
  sessionDate: '2025-01-13', topics: ['languageCourse'],
  entryDate: '2025-01-13', consent: true, familyName: 'Demir', birthDate: '1990-05-02', ageAtEntry: 34, gender: 'female',
  employmentStatus: 'longTermUnemployed', education: 'isced0to2', thirdCountryNational: 'yes', foreignBackground: 'yes',
  disability: 'noAnswer', minority: 'noAnswer', homeless: 'no', rural: 'no',
  leftOn: '2025-06-30', situationOnLeaving: ['languageCourse', 'jobSearching'],
  followUpOn: '2026-01-12', situationAfterSixMonths: ['miniJob'],
};

describe('readParticipant', () => {
  it('counts a participant for the indicators of each moment reached, mapping the program’s values to the set’s', () => {
    const r = readParticipant(plan, leyla);
    expect(r).toMatchObject({ participant: true, countable: true, gender: 'women', missing: [], dates: { entry: '2025-01-13', leaving: '2025-06-30', followUp: '2026-01-12' } });
    expect(r.indicators).toEqual([
      'participants', 'unemployed', 'longTermUnemployed', 'isced0to2', 'thirdCountryNationals', 'foreignBackground',
      'jobSearchingOnLeaving', 'educationOnLeaving', 'employedAfterSixMonths', 'languageCourseOnLeaving',
    ]);
  });

  it('counts the results of a moment only once it is reached', () => {
    const { leftOn: _l, situationOnLeaving: _s, followUpOn: _f, situationAfterSixMonths: _a, ...atEntry } = leyla;
    const r = readParticipant(plan, { ...atEntry, situationOnLeaving: ['languageCourse'] });
    expect(r.indicators).not.toContain('educationOnLeaving');
    expect(r.dates).toEqual({ entry: '2025-01-13' });
  });

  it('sorts the age at entry into the regulation’s groups', () => {
    expect(readParticipant(plan, { ...leyla, ageAtEntry: 17 }).indicators).toContain('under18');
    expect(readParticipant(plan, { ...leyla, ageAtEntry: 18 }).indicators).toContain('age18to29');
    expect(readParticipant(plan, { ...leyla, ageAtEntry: 29 }).indicators).toContain('age18to29');
    expect(readParticipant(plan, { ...leyla, ageAtEntry: 30 }).indicators.filter((i) => i.startsWith('age') || i === 'under18')).toEqual([]);
    expect(readParticipant(plan, { ...leyla, ageAtEntry: 55 }).indicators).toContain('age55plus');
  });

  it('is no participant before the entry questionnaire: a short contact', () => {
    const r = readParticipant(plan, { contactDate: '2025-01-06', givenName: 'Leyla' });
    expect(r).toMatchObject({ participant: false, countable: false, indicators: [], missing: [] });
  });

  it('lists what a participant lacks, in words, per moment; "no answer" is an answer', () => {
    const { gender: _g, education: _e, ...rest } = leyla;
    const r = readParticipant(plan, { ...rest, situationOnLeaving: [] });
    expect(r.countable).toBe(false);
    expect(r.missing.map((m) => `${m.moment} ${m.path}`)).toEqual(['entry gender', 'entry education', 'leaving situationOnLeaving']);
    expect(missingWords(plan, r.missing, 'de')).toEqual(['Geschlecht', 'Höchster Bildungsabschluss', 'Situation beim Austritt']);
    expect(missingWords(plan, r.missing, 'en')).toEqual(['Gender', 'Highest level of education', 'Situation on leaving']);
    expect(r.gender).toBe('noAnswer');
  });

  it('recognises the same person written another way, and tells two people apart', () => {
    const a = readParticipant(plan, leyla).personKey;
    expect(readParticipant(plan, { ...leyla, givenName: ' leyla ', familyName: 'DEMIR' }).personKey).toBe(a);
    expect(readParticipant(plan, { ...leyla, birthDate: '1990-05-03' }).personKey).not.toBe(a);
    expect(readParticipant(plan, { ...leyla, familyName: '' }).personKey).toBeUndefined();
  });

  it('names the set’s indicators in German and English and the program’s own from its texts', () => {
    expect(indicatorTitle(plan, 'longTermUnemployed', 'de')).toBe('Langzeitarbeitslose');
    expect(indicatorTitle(plan, 'longTermUnemployed', 'en')).toBe('Long-term unemployed');
    expect(indicatorTitle(plan, 'miniJobOnLeaving', 'ar')).toBe('في وظيفة صغيرة عند المغادرة');
  });
});
