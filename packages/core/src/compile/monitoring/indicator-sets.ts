import type { JsonSchema } from '../../model/json-schema.js';

/** A moment of the monitoring: entering, leaving, and six months after leaving. */
export type MonitoringMomentName = 'entry' | 'leaving' | 'followUp';

export const MONITORING_MOMENTS: readonly MonitoringMomentName[] = ['entry', 'leaving', 'followUp'];

/** An input of an indicator set: what a program maps one of its fields to. */
export interface SetInput {
  /** When it is recorded: every participant who reached the moment must have answered it. */
  readonly moment: MonitoringMomentName;
  /**
   * The values the set knows (for a list, the values of its entries), each of which the program's field must offer;
   * absent for a number. A field may offer more (such as "none of these"): they count for no indicator.
   */
  readonly values?: readonly string[];
  /** A list of values (several may hold at once), a single value, or a whole number. */
  readonly kind: 'value' | 'list' | 'integer';
  /** A special category of personal data (Art. 9 GDPR): voluntary, so the field must offer "no answer". */
  readonly sensitive?: boolean;
}

/** An indicator of a set: the participants whose inputs match `when`, counted at `moment`. */
export interface SetIndicator {
  readonly moment: MonitoringMomentName;
  /** A condition (JSON Schema) over the participant's inputs, by input name. */
  readonly when: JsonSchema;
  readonly title: { readonly de: string; readonly en: string };
  /** Where the regulation names it. */
  readonly source: string;
}

export interface IndicatorSet {
  readonly inputs: Readonly<Record<string, SetInput>>;
  readonly indicators: Readonly<Record<string, SetIndicator>>;
}

/** Yes or no, and for special categories of personal data also "no answer". */
const YES_NO = ['yes', 'no'] as const;
const YES_NO_NONE = ['yes', 'no', 'noAnswer'] as const;
const is = (input: string, ...values: string[]): JsonSchema => ({ properties: { [input]: values.length === 1 ? { const: values[0] } : { enum: values } }, required: [input] });
const has = (input: string, ...values: string[]): JsonSchema => ({ properties: { [input]: { contains: values.length === 1 ? { const: values[0] } : { enum: values } } }, required: [input] });
const age = (min: number | undefined, max: number | undefined): JsonSchema => ({
  properties: { age: { ...(min !== undefined ? { minimum: min } : {}), ...(max !== undefined ? { maximum: max } : {}) } },
  required: ['age'],
});

const ANNEX = 'Regulation (EU) 2021/1057, Annex I';

/**
 * The common indicators for participants of the European Social Fund Plus 2021–2027 (Regulation (EU) 2021/1057,
 * Annex I): outputs at entry, immediate results on leaving (recorded up to four weeks after it), longer-term results
 * six months after leaving. docs/monitoring.md lists them with the points of the annex.
 */
const esfPlus2021: IndicatorSet = {
  inputs: {
    employmentStatus: { moment: 'entry', kind: 'value', values: ['unemployed', 'longTermUnemployed', 'inactive', 'employed', 'selfEmployed'] },
    age: { moment: 'entry', kind: 'integer' },
    education: { moment: 'entry', kind: 'value', values: ['isced0to2', 'isced3to4', 'isced5to8'] },
    disability: { moment: 'entry', kind: 'value', values: YES_NO_NONE, sensitive: true },
    thirdCountryNational: { moment: 'entry', kind: 'value', values: YES_NO },
    foreignBackground: { moment: 'entry', kind: 'value', values: YES_NO_NONE, sensitive: true },
    minority: { moment: 'entry', kind: 'value', values: YES_NO_NONE, sensitive: true },
    homeless: { moment: 'entry', kind: 'value', values: YES_NO },
    rural: { moment: 'entry', kind: 'value', values: YES_NO },
    situationOnLeaving: { moment: 'leaving', kind: 'list', values: ['jobSearching', 'education', 'qualification', 'employed', 'selfEmployed'] },
    situationAfterSixMonths: { moment: 'followUp', kind: 'list', values: ['employed', 'selfEmployed', 'improved'] },
  },
  indicators: {
    participants: { moment: 'entry', when: {}, title: { de: 'Teilnehmende insgesamt', en: 'Participants in total' }, source: `${ANNEX}, point 1.1 (total, calculated)` },
    unemployed: { moment: 'entry', when: is('employmentStatus', 'unemployed', 'longTermUnemployed'), title: { de: 'Arbeitslose, einschließlich Langzeitarbeitslose', en: 'Unemployed, including long-term unemployed' }, source: `${ANNEX}, point 1.1` },
    longTermUnemployed: { moment: 'entry', when: is('employmentStatus', 'longTermUnemployed'), title: { de: 'Langzeitarbeitslose', en: 'Long-term unemployed' }, source: `${ANNEX}, point 1.1` },
    inactive: { moment: 'entry', when: is('employmentStatus', 'inactive'), title: { de: 'Nichterwerbstätige', en: 'Inactive' }, source: `${ANNEX}, point 1.1` },
    employed: { moment: 'entry', when: is('employmentStatus', 'employed', 'selfEmployed'), title: { de: 'Erwerbstätige, einschließlich Selbstständige', en: 'Employed, including self-employed' }, source: `${ANNEX}, point 1.1` },
    under18: { moment: 'entry', when: age(undefined, 17), title: { de: 'Unter 18 Jahren', en: 'Below 18 years of age' }, source: `${ANNEX}, point 1.1` },
    age18to29: { moment: 'entry', when: age(18, 29), title: { de: '18 bis 29 Jahre', en: '18 to 29 years of age' }, source: `${ANNEX}, point 1.1` },
    age55plus: { moment: 'entry', when: age(55, undefined), title: { de: '55 Jahre und älter', en: '55 years of age and above' }, source: `${ANNEX}, point 1.1` },
    isced0to2: { moment: 'entry', when: is('education', 'isced0to2'), title: { de: 'Höchstens Sekundarbereich I (ISCED 0–2)', en: 'Lower secondary education or less (ISCED 0–2)' }, source: `${ANNEX}, point 1.1` },
    isced3to4: { moment: 'entry', when: is('education', 'isced3to4'), title: { de: 'Sekundarbereich II oder postsekundär (ISCED 3–4)', en: 'Upper secondary or post-secondary education (ISCED 3–4)' }, source: `${ANNEX}, point 1.1` },
    isced5to8: { moment: 'entry', when: is('education', 'isced5to8'), title: { de: 'Tertiäre Bildung (ISCED 5–8)', en: 'Tertiary education (ISCED 5–8)' }, source: `${ANNEX}, point 1.1` },
    disabilities: { moment: 'entry', when: is('disability', 'yes'), title: { de: 'Teilnehmende mit Behinderungen', en: 'Participants with disabilities' }, source: `${ANNEX}, point 1.3` },
    thirdCountryNationals: { moment: 'entry', when: is('thirdCountryNational', 'yes'), title: { de: 'Drittstaatsangehörige', en: 'Third-country nationals' }, source: `${ANNEX}, point 1.3` },
    foreignBackground: { moment: 'entry', when: is('foreignBackground', 'yes'), title: { de: 'Teilnehmende ausländischer Herkunft', en: 'Participants with a foreign background' }, source: `${ANNEX}, point 1.3` },
    minorities: { moment: 'entry', when: is('minority', 'yes'), title: { de: 'Angehörige von Minderheiten (auch marginalisierte Gemeinschaften wie Roma)', en: 'Minorities (including marginalised communities such as the Roma)' }, source: `${ANNEX}, point 1.3` },
    homeless: { moment: 'entry', when: is('homeless', 'yes'), title: { de: 'Obdachlose oder von Ausgrenzung auf dem Wohnungsmarkt Betroffene', en: 'Homeless or affected by housing exclusion' }, source: `${ANNEX}, point 1.3` },
    rural: { moment: 'entry', when: is('rural', 'yes'), title: { de: 'Teilnehmende aus ländlichen Gebieten', en: 'Participants from rural areas' }, source: `${ANNEX}, point 1.3` },
    jobSearchingOnLeaving: { moment: 'leaving', when: has('situationOnLeaving', 'jobSearching'), title: { de: 'Nach der Teilnahme auf Arbeitsuche', en: 'Engaged in job searching upon leaving' }, source: `${ANNEX}, point 3` },
    educationOnLeaving: { moment: 'leaving', when: has('situationOnLeaving', 'education'), title: { de: 'Nach der Teilnahme in schulischer oder beruflicher Bildung', en: 'In education or training upon leaving' }, source: `${ANNEX}, point 3` },
    qualificationOnLeaving: { moment: 'leaving', when: has('situationOnLeaving', 'qualification'), title: { de: 'Nach der Teilnahme mit erlangter Qualifizierung', en: 'Gaining a qualification upon leaving' }, source: `${ANNEX}, point 3` },
    employedOnLeaving: { moment: 'leaving', when: has('situationOnLeaving', 'employed', 'selfEmployed'), title: { de: 'Nach der Teilnahme erwerbstätig, einschließlich Selbstständige', en: 'In employment, including self-employment, upon leaving' }, source: `${ANNEX}, point 3` },
    employedAfterSixMonths: { moment: 'followUp', when: has('situationAfterSixMonths', 'employed', 'selfEmployed'), title: { de: 'Sechs Monate nach der Teilnahme erwerbstätig, einschließlich Selbstständige', en: 'In employment, including self-employment, six months after leaving' }, source: `${ANNEX}, point 4` },
    improvedAfterSixMonths: { moment: 'followUp', when: has('situationAfterSixMonths', 'improved'), title: { de: 'Sechs Monate nach der Teilnahme mit verbesserter Arbeitsmarktsituation', en: 'With an improved labour market situation six months after leaving' }, source: `${ANNEX}, point 4` },
  },
};

/** The indicator sets a program can name in `monitoring.uses`. */
export const indicatorSets: Readonly<Record<string, IndicatorSet>> = { 'esf-plus-2021': esfPlus2021 };
