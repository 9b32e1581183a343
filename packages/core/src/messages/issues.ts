import type { IssueCode } from '../errors.js';

type Catalogue = Readonly<Record<IssueCode | 'meta', string>>;

const en: Catalogue = {
  meta: 'Does not match the program format: {detail}.',
  NOT_JSON: 'The definition is not valid JSON: {detail}.',
  SCHEMA_INVALID: 'Does not match the program format: {detail}.',
  FORM_SCHEMA_INVALID: 'The form schema cannot be compiled: {detail}.',
  FORM_ROOT_NOT_OBJECT: 'A form schema must describe an object ("type": "object" with "properties").',
  PROPERTY_NAME_INVALID: 'The property name "{name}" is not allowed: use a letter followed by letters, digits or underscores, and none of __proto__, constructor, prototype.',
  CONDITION_INVALID: 'This condition is not a valid JSON Schema: {detail}.',
  UI_FIELD_UNKNOWN: 'The field "{field}" does not exist in the form schema.',
  UI_FIELD_DUPLICATE: 'The field "{field}" is placed more than once.',
  UI_FIELD_MISSING: 'The field "{field}" is on no page, so nobody could fill it in.',
  UI_PAGE_DUPLICATE: 'The page id "{id}" is used more than once in this form.',
  UI_CHILDREN_NOT_GROUP: 'Only a group (object) or a list of groups can have "fields"; "{field}" is neither.',
  TEXT_MISSING: 'The text "{key}" is missing for locale "{locale}".',
  TEXT_LOCALE_UNKNOWN: 'Texts are given for locale "{locale}", which is not in "locales".',
  PATTERN_UNSAFE: 'The pattern {pattern} can take exponential or very long time on some inputs (catastrophic backtracking); simplify it, for example by removing nested or overlapping repetition.',
  RETENTION_INVALID: 'x-retention must be an ISO 8601 duration such as "P3Y" or "P6M"; "{value}" is not.',
  FORM_UNKNOWN: 'There is no form "{form}" in this program.',
  WORKFLOW_INVALID: '{detail}',
};

const de: Catalogue = {
  meta: 'Entspricht nicht dem Programmformat: {detail}.',
  NOT_JSON: 'Die Definition ist kein gültiges JSON: {detail}.',
  SCHEMA_INVALID: 'Entspricht nicht dem Programmformat: {detail}.',
  FORM_SCHEMA_INVALID: 'Das Formularschema lässt sich nicht übersetzen: {detail}.',
  FORM_ROOT_NOT_OBJECT: 'Ein Formularschema muss ein Objekt beschreiben ("type": "object" mit "properties").',
  PROPERTY_NAME_INVALID: 'Der Eigenschaftsname „{name}“ ist nicht erlaubt: Verwenden Sie einen Buchstaben, gefolgt von Buchstaben, Ziffern oder Unterstrichen, und keinen der Namen __proto__, constructor, prototype.',
  CONDITION_INVALID: 'Diese Bedingung ist kein gültiges JSON Schema: {detail}.',
  UI_FIELD_UNKNOWN: 'Das Feld „{field}“ gibt es im Formularschema nicht.',
  UI_FIELD_DUPLICATE: 'Das Feld „{field}“ ist mehrfach platziert.',
  UI_FIELD_MISSING: 'Das Feld „{field}“ steht auf keiner Seite und könnte nie ausgefüllt werden.',
  UI_PAGE_DUPLICATE: 'Die Seiten-ID „{id}“ kommt in diesem Formular mehrfach vor.',
  UI_CHILDREN_NOT_GROUP: 'Nur eine Gruppe (Objekt) oder eine Liste von Gruppen kann "fields" haben; „{field}“ ist keins von beiden.',
  TEXT_MISSING: 'Der Text „{key}“ fehlt für die Sprache „{locale}“.',
  TEXT_LOCALE_UNKNOWN: 'Es gibt Texte für die Sprache „{locale}“, die nicht in "locales" steht.',
  PATTERN_UNSAFE: 'Das Muster {pattern} kann bei manchen Eingaben exponentiell lange laufen (katastrophales Backtracking); vereinfachen Sie es, etwa ohne verschachtelte oder überlappende Wiederholungen.',
  RETENTION_INVALID: 'x-retention muss eine ISO-8601-Dauer wie "P3Y" oder "P6M" sein; "{value}" ist keine.',
  FORM_UNKNOWN: 'Ein Formular „{form}“ gibt es in diesem Programm nicht.',
  WORKFLOW_INVALID: '{detail}',
};

/** The designer-facing message for a definition problem, in German or English (other locales get English). */
export function issueMessage(locale: string, code: IssueCode | 'meta'): string {
  return (locale.startsWith('de') ? de : en)[code];
}
