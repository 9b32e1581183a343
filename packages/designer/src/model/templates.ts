import { designerError } from '../errors.js';
import type { DesignerLocale } from '../strings.js';

/** The programs a designer can start from. */
export const templateIds = ['intake', 'empty'] as const;
export type TemplateId = (typeof templateIds)[number];

/** What the designer asks before it makes a new program. */
export interface NewProgramOptions {
  /** The program's id: lower-case letters, digits and hyphens, starting with a letter. */
  readonly id: string;
  /** The program's title; one text is written in every language, to be translated. */
  readonly title: string;
  /** Its languages as BCP 47 tags, the default first. */
  readonly locales: readonly string[];
}

type Json = Record<string, unknown>;
/** A text of a template in German and English; other languages start with the English one, to be translated. */
type Words = readonly [de: string, en: string];

const programId = /^[a-z][a-z0-9-]{0,62}$/;
// A BCP 47 tag as the program schema's `locale` takes it, checked here so that the form is refused with words
// instead of opening a program whose first problem is its own languages.
const localeTag = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*(-x(-[A-Za-z0-9]{1,8})+)?$/;

/**
 * The text of a new program made from a template: a file `loadProgram` accepts as it is, with its texts in every
 * language asked for (German and English written out, other languages starting with the English words).
 *
 * @throws DesignerError `DESIGNER_PROGRAM_ID_INVALID`, `DESIGNER_PROGRAM_TITLE_EMPTY` or `DESIGNER_LOCALES_INVALID`.
 */
export function newProgramText(template: TemplateId, options: NewProgramOptions, locale: DesignerLocale = 'en'): string {
  const id = options.id.trim();
  const title = options.title.trim();
  const locales = options.locales.map((l) => l.trim()).filter((l) => l !== '');
  if (!programId.test(id)) throw designerError(locale, 'DESIGNER_PROGRAM_ID_INVALID', { id }, { key: 'id' });
  if (title === '') throw designerError(locale, 'DESIGNER_PROGRAM_TITLE_EMPTY', {}, { key: 'title' });
  const bad = locales.find((l) => !localeTag.test(l));
  if (locales.length === 0 || bad !== undefined || new Set(locales).size !== locales.length) {
    throw designerError(locale, 'DESIGNER_LOCALES_INVALID', { locales: options.locales.join(', ') }, { key: 'locales' });
  }
  const made = template === 'intake' ? intake() : empty();
  const texts = Object.fromEntries(locales.map((l) => [l, Object.fromEntries(Object.entries(made.texts).map(([k, w]) => [k, wordsIn(w, l)]))]));
  const program: Json = {
    $schema: 'https://civicflow.dev/schemas/program.schema.json',
    id,
    version: '0.1.0',
    locales,
    title: Object.fromEntries(locales.map((l) => [l, title])),
    forms: made.forms,
    ...(made.workflow ? { workflow: made.workflow } : {}),
    texts,
  };
  return JSON.stringify(program, null, 2) + '\n';
}

function wordsIn(words: Words, locale: string): string {
  return locale === 'de' || locale.startsWith('de-') ? words[0] : words[1];
}

/** How long the intake keeps personal data after the case: three years, the usual limitation period (§ 195 BGB). */
const RETENTION = 'P3Y';
const personal = { 'x-personal-data': true, 'x-retention': RETENTION };

interface Made {
  forms: Json;
  workflow?: Json;
  texts: Record<string, Words>;
}

/** One form with one page and one text field: the least a program needs. */
function empty(): Made {
  return {
    forms: {
      antrag: {
        schema: { type: 'object', additionalProperties: false, properties: { text1: { type: 'string', maxLength: 200 } } },
        ui: { pages: [{ id: 'page1', fields: ['text1'] }] },
      },
    },
    texts: {
      'forms.antrag.title': ['Antrag', 'Application'],
      'forms.antrag.pages.page1.title': ['Angaben', 'Details'],
      'forms.antrag.fields.text1.label': ['Text 1', 'Text 1'],
    },
  };
}

/**
 * An application with a person, an address in Germany, contact and consent, and a workflow from received over in
 * review to decided: the building blocks most programs of the federal catalogue start with.
 */
function intake(): Made {
  const text = (maxLength: number, extra: Json = {}) => ({ type: 'string', minLength: 1, maxLength, ...personal, ...extra });
  const schema = {
    type: 'object',
    additionalProperties: false,
    required: ['person', 'address', 'contact', 'consent'],
    properties: {
      person: {
        type: 'object',
        additionalProperties: false,
        required: ['givenName', 'familyName', 'birthDate'],
        properties: {
          givenName: text(100),
          familyName: text(100),
          birthDate: { type: 'string', format: 'date', ...personal },
        },
      },
      address: {
        type: 'object',
        additionalProperties: false,
        required: ['street', 'houseNumber', 'postalCode', 'city'],
        properties: {
          street: text(100),
          houseNumber: text(10),
          postalCode: { type: 'string', pattern: '^[0-9]{5}$', maxLength: 5, ...personal },
          city: text(100),
        },
      },
      contact: {
        type: 'object',
        additionalProperties: false,
        required: ['email'],
        properties: {
          email: { type: 'string', format: 'email', maxLength: 254, ...personal },
          phone: { type: 'string', maxLength: 30, pattern: '^\\+?[0-9 ()/-]{3,30}$', ...personal },
        },
      },
      consent: { type: 'boolean', const: true },
    },
  };
  const ui = {
    pages: [
      { id: 'person', fields: [{ field: 'person', fields: [{ field: 'givenName', autocomplete: 'given-name' }, { field: 'familyName', autocomplete: 'family-name' }, { field: 'birthDate', autocomplete: 'bday' }] }] },
      {
        id: 'address',
        fields: [
          {
            field: 'address',
            fields: [
              { field: 'street', autocomplete: 'address-line1' },
              'houseNumber',
              { field: 'postalCode', autocomplete: 'postal-code' },
              { field: 'city', autocomplete: 'address-level2' },
            ],
          },
        ],
      },
      { id: 'contact', fields: [{ field: 'contact', fields: [{ field: 'email', autocomplete: 'email' }, { field: 'phone', autocomplete: 'tel' }] }] },
      { id: 'consent', fields: [{ field: 'consent', widget: 'consent' }] },
    ],
  };
  const workflow = {
    initial: 'received',
    open: { form: 'antrag', roles: ['applicant'] },
    roles: ['applicant', 'officer'],
    events: {
      START_REVIEW: { roles: ['officer'] },
      DECIDE: { roles: ['officer'] },
    },
    states: {
      received: { on: { START_REVIEW: { target: 'inReview' } } },
      inReview: { on: { DECIDE: { target: 'decided' } } },
      decided: { final: true },
    },
  };
  const f = 'forms.antrag.fields.';
  return {
    forms: { antrag: { schema, ui } },
    workflow,
    texts: {
      'forms.antrag.title': ['Antrag', 'Application'],
      'forms.antrag.pages.person.title': ['Angaben zur Person', 'About you'],
      'forms.antrag.pages.address.title': ['Anschrift', 'Address'],
      'forms.antrag.pages.contact.title': ['Kontakt', 'Contact'],
      'forms.antrag.pages.consent.title': ['Einwilligung', 'Consent'],
      [`${f}person.label`]: ['Person', 'Person'],
      [`${f}person.givenName.label`]: ['Vorname', 'Given name'],
      [`${f}person.familyName.label`]: ['Familienname', 'Family name'],
      [`${f}person.birthDate.label`]: ['Geburtsdatum', 'Date of birth'],
      [`${f}address.label`]: ['Anschrift in Deutschland', 'Address in Germany'],
      [`${f}address.street.label`]: ['Straße', 'Street'],
      [`${f}address.houseNumber.label`]: ['Hausnummer', 'House number'],
      [`${f}address.postalCode.label`]: ['Postleitzahl', 'Postcode'],
      [`${f}address.postalCode.help`]: ['Fünf Ziffern, zum Beispiel 10115.', 'Five digits, for example 10115.'],
      [`${f}address.postalCode.errors.pattern`]: ['Bitte geben Sie eine Postleitzahl mit fünf Ziffern an.', 'Please enter a postcode of five digits.'],
      [`${f}address.city.label`]: ['Ort', 'Town or city'],
      [`${f}contact.label`]: ['Kontakt', 'Contact'],
      [`${f}contact.email.label`]: ['E-Mail-Adresse', 'Email address'],
      [`${f}contact.phone.label`]: ['Telefonnummer (freiwillig)', 'Phone number (optional)'],
      [`${f}consent.label`]: [
        'Ich willige ein, dass meine Angaben zur Bearbeitung dieses Antrags verarbeitet und drei Jahre nach Abschluss gelöscht werden.',
        'I agree that my details are processed to handle this application and deleted three years after it is closed.',
      ],
      'workflow.roles.applicant': ['Antragstellerin oder Antragsteller', 'Applicant'],
      'workflow.roles.officer': ['Sachbearbeitung', 'Case officer'],
      'workflow.states.received.title': ['Eingegangen', 'Received'],
      'workflow.states.inReview.title': ['In Prüfung', 'In review'],
      'workflow.states.decided.title': ['Entschieden', 'Decided'],
      'workflow.events.START_REVIEW.title': ['Prüfung beginnen', 'Start the review'],
      'workflow.events.DECIDE.title': ['Entscheiden', 'Decide'],
    },
  };
}
