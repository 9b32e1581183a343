// Two versions of a small program that exists for the tests alone, published to the real server that web-test-runner
// starts (scripts/wtr-api-server.mjs gives the token): 1.1.0 drops the phone number, renames the street to the
// address, no longer offers help in the garden or on Saturdays, allows fewer hours, drops the notes on the times,
// and asks for the district. 1.1.0 sets no `versions.acceptPreviousFor`,
// so from its publication on the server refuses 1.0.0 submissions (VERSION_SUPERSEDED).
import type { ProgramDefinition, ValidatorsModule } from '@civicflow/core/runtime';

export const VERSIONS_PROGRAM = 'nachbarschaftshilfe';
const PUBLISHER = 'test-only-nachbarschaftshilfe-publisher';

const base = (version: string) => `/v1/programs/${VERSIONS_PROGRAM}/versions/${version}`;

/** Where a page loads a version's browser module and sends the form, as the server's links say. */
export const versionLinks = (version: string) => ({ src: `${base(version)}/browser/validators.js?forms=request`, action: `${base(version)}/submissions` });

const texts = (de: Record<string, string>, en: Record<string, string>) => ({
  de: { 'forms.request.title': 'Hilfe anfragen', 'forms.request.pages.one.title': 'Ihre Anfrage', ...de },
  en: { 'forms.request.title': 'Ask for help', 'forms.request.pages.one.title': 'Your request', ...en },
});

const HELP = { de: { shopping: 'Einkaufen', garden: 'Garten', paperwork: 'Papierkram' }, en: { shopping: 'Shopping', garden: 'Garden', paperwork: 'Paperwork' } };
const options = (locale: 'de' | 'en', kinds: readonly (keyof typeof HELP.de)[]) =>
  Object.fromEntries(kinds.map((k) => [`forms.request.fields.helpKind.options.${k}`, HELP[locale][k]]));

/** When help is welcome: a list of days, each with a note in 1.0.0; 1.1.0 drops Saturday and the notes. */
const times = (days: readonly (keyof typeof DAYS.de)[], withNote: boolean) => ({
  type: 'array',
  maxItems: 5,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['day'],
    properties: { day: { enum: [...days] }, ...(withNote ? { note: { type: 'string', maxLength: 200 } } : {}) },
  },
});
const DAYS = { de: { mon: 'Montag', tue: 'Dienstag', sat: 'Samstag' }, en: { mon: 'Monday', tue: 'Tuesday', sat: 'Saturday' } };
const timeTexts = (locale: 'de' | 'en', days: readonly (keyof typeof DAYS.de)[], withNote: boolean) => ({
  'forms.request.fields.times.label': locale === 'de' ? 'Zeiten' : 'Times',
  'forms.request.fields.languages.label': locale === 'de' ? 'Sprachen' : 'Languages',
  'forms.request.fields.times.day.label': locale === 'de' ? 'Tag' : 'Day',
  ...(withNote ? { 'forms.request.fields.times.note.label': locale === 'de' ? 'Hinweis zur Zeit' : 'Note on the time' } : {}),
  ...Object.fromEntries(days.map((d) => [`forms.request.fields.times.day.options.${d}`, DAYS[locale][d]])),
});

export function versionOne(): ProgramDefinition {
  const kinds = ['shopping', 'garden', 'paperwork'] as const;
  return {
    id: VERSIONS_PROGRAM,
    version: '1.0.0',
    locales: ['de', 'en'],
    title: { de: 'Nachbarschaftshilfe', en: 'Neighbourly help' },
    forms: {
      request: {
        schema: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'helpKind', 'consent'],
          properties: {
            name: { type: 'string', minLength: 2, maxLength: 80 },
            phone: { type: 'string', maxLength: 30 },
            street: { type: 'string', maxLength: 100 },
            helpKind: { enum: [...kinds] },
            hours: { type: 'integer', minimum: 1, maximum: 40 },
            times: times(['mon', 'tue', 'sat'], true),
            languages: { type: 'array', uniqueItems: true, items: { enum: ['de', 'en', 'tr'] } },
            consent: { type: 'boolean', const: true },
          },
        },
        ui: { review: true, pages: [{ id: 'one', fields: ['name', 'phone', 'street', 'helpKind', 'hours', 'times', 'languages', 'consent'] }] },
      },
    },
    texts: texts(
      {
        'forms.request.fields.name.label': 'Name',
        'forms.request.fields.phone.label': 'Telefon',
        'forms.request.fields.street.label': 'Straße und Hausnummer',
        'forms.request.fields.helpKind.label': 'Art der Hilfe',
        'forms.request.fields.hours.label': 'Stunden in der Woche',
        'forms.request.fields.consent.label': 'Ich bin einverstanden',
        ...options('de', kinds),
        ...timeTexts('de', ['mon', 'tue', 'sat'], true),
      },
      {
        'forms.request.fields.name.label': 'Name',
        'forms.request.fields.phone.label': 'Phone',
        'forms.request.fields.street.label': 'Street and number',
        'forms.request.fields.helpKind.label': 'Kind of help',
        'forms.request.fields.hours.label': 'Hours a week',
        'forms.request.fields.consent.label': 'I agree',
        ...options('en', kinds),
        ...timeTexts('en', ['mon', 'tue', 'sat'], true),
      },
    ),
  } as unknown as ProgramDefinition;
}

export function versionTwo(): ProgramDefinition {
  const kinds = ['shopping', 'paperwork'] as const;
  return {
    id: VERSIONS_PROGRAM,
    version: '1.1.0',
    locales: ['de', 'en'],
    title: { de: 'Nachbarschaftshilfe', en: 'Neighbourly help' },
    forms: {
      request: {
        schema: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'helpKind', 'district', 'consent'],
          properties: {
            name: { type: 'string', minLength: 2, maxLength: 80 },
            address: { type: 'string', maxLength: 100 },
            helpKind: { enum: [...kinds] },
            hours: { type: 'integer', minimum: 1, maximum: 10 },
            district: { enum: ['nord', 'sued'] },
            times: times(['mon', 'tue'], false),
            languages: { type: 'array', uniqueItems: true, items: { enum: ['de', 'en', 'tr'] } },
            consent: { type: 'boolean', const: true },
          },
        },
        ui: { review: true, pages: [{ id: 'one', fields: ['name', 'address', 'helpKind', 'hours', 'district', 'times', 'languages', 'consent'] }] },
      },
    },
    texts: texts(
      {
        'forms.request.fields.name.label': 'Name',
        'forms.request.fields.address.label': 'Anschrift',
        'forms.request.fields.helpKind.label': 'Art der Hilfe',
        'forms.request.fields.hours.label': 'Stunden in der Woche',
        'forms.request.fields.district.label': 'Stadtteil',
        'forms.request.fields.district.options.nord': 'Nord',
        'forms.request.fields.district.options.sued': 'Süd',
        'forms.request.fields.consent.label': 'Ich bin einverstanden',
        ...options('de', kinds),
        ...timeTexts('de', ['mon', 'tue'], false),
      },
      {
        'forms.request.fields.name.label': 'Name',
        'forms.request.fields.address.label': 'Address',
        'forms.request.fields.helpKind.label': 'Kind of help',
        'forms.request.fields.hours.label': 'Hours a week',
        'forms.request.fields.district.label': 'District',
        'forms.request.fields.district.options.nord': 'North',
        'forms.request.fields.district.options.sued': 'South',
        'forms.request.fields.consent.label': 'I agree',
        ...options('en', kinds),
        ...timeTexts('en', ['mon', 'tue'], false),
      },
    ),
  } as unknown as ProgramDefinition;
}

/** Publishes a version (again: the same definition answers 200); fails on anything else. */
export async function publish(definition: ProgramDefinition): Promise<void> {
  const res = await fetch(`/v1/programs/${VERSIONS_PROGRAM}/versions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${PUBLISHER}` },
    body: JSON.stringify(definition),
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`publishing ${definition.version} answered ${res.status}: ${await res.text()}`);
}

/** A version's all-in-one validators module (definition included), as a server or a test loads it. */
export async function versionModule(version: string): Promise<ValidatorsModule> {
  return (await import(/* @vite-ignore */ `${base(version)}/validators.js`)) as ValidatorsModule;
}
