import type { ImportWarning, ImportWarningCode, RuleReason, RuleReasonCode, TextParams } from './report.js';

/** The languages the import's words are written in. */
export type FimLocale = 'de' | 'en';

type Catalogue = Readonly<Record<string, string>>;

// A key with a dot is a variant of its code, chosen by the param `variant` (`PATTERN_UNSAFE.invalid`).
const en: Catalogue = {
  CODELIST_MISSING: 'the code list {list} was not supplied; "{label}" is a free-text field until it is (pass it with codelists / --codelists)',
  CODELIST_VERSION_DIFFERS: '"{label}" references {wanted}; only {supplied} was supplied, and its values are used',
  CODELIST_EMPTY: 'the code list {list} has no entries; "{label}" is a free-text field',
  SELECT_WITHOUT_VALUES: '"{label}" is a selection without a code list or values; it is a free-text field',
  'PRAEZISIERUNG_INVALID.json': 'the praezisierung "{value}" is not JSON; the field has no limits',
  'PRAEZISIERUNG_INVALID.integer': '{key} "{value}" is not a whole number; it is left out',
  'PRAEZISIERUNG_INVALID.number': '{key} "{value}" is not a number; it is left out',
  'PATTERN_UNSAFE.slow': 'the pattern "{pattern}" could take exponential time on some inputs; it is left out',
  'PATTERN_UNSAFE.invalid': 'the pattern "{pattern}" is not a valid regular expression; it is left out',
  DATATYPE_UNKNOWN: 'the Datentyp "{datentyp}" is unknown; "{label}" is a text field',
  FELDART_UNKNOWN: 'the Feldart "{feldart}" is unknown; the field is an input',
  LABEL_AS_HELP: 'the static text "{label}" is shown as help text of the next field (or of its group)',
  RULE_NOT_UNDERSTOOD: 'rule {id} "{name}" was not turned into a condition: {reason}',
  RULE_NOT_APPLIED: 'rule {id} "{name}" was read but not applied: {reason}',

  RULE_CALCULATION: 'it is a calculation (Regeltyp B); the import carries no calculations over',
  RULE_NO_TEXT: 'it has no free text (freitextRegel or definition)',
  RULE_NO_IF: 'it has no "wenn" (if) clause',
  RULE_SENTENCES: 'it has more than one sentence',
  RULE_IF_TWICE: 'it has more than one "wenn" clause',
  RULE_NO_CONSEQUENCE: 'the "wenn" clause is not followed by a consequence',
  RULE_CONSEQUENCE_UNKNOWN: 'its consequence "{phrase}" is none the import knows (required, shown, hidden, exactly one of)',
  RULE_ONLY_UNCLEAR: 'its consequence "{phrase}" says "nur" (only) where the import does not know what it restricts',
  RULE_EITHER_UNCLEAR: 'it says "entweder" (either) without two fields, groups or tests joined by "oder"',
  RULE_TOKEN_UNKNOWN: 'it holds "{token}", which the import does not read',
  RULE_EXCEPTION: 'its condition has "{word}", which the import does not read',
  RULE_CONDITION_EMPTY: 'its "wenn" clause is empty',
  RULE_NO_FIELD: 'a part of its condition ("{part}") names no field id',
  RULE_QUOTED_TEXTS: '{field} is followed by {count} quoted texts and a test of its own',
  RULE_WORDS_UNKNOWN: 'its test of {field} has words the import does not read: "{words}"',
  RULE_COMPARISON_UNKNOWN: 'its test of {field} compares with "{words}", which the import does not read',
  RULE_COMPARES_NOTHING: 'its test of {field} compares with nothing',
  RULE_TWO_OPERANDS: 'its test of {field} holds two numbers or dates',
  RULE_NUMBER_AND_VALUE: 'its test of {field} compares with a number and names a value',
  RULE_YES_AND_NO: 'its test of {field} says both yes and no',
  RULE_TEST_UNCLEAR: 'its test of {field} does not say what it asks (a value, yes or no, a comparison)',
  RULE_DAY_WITHOUT_AGE: 'its test of {field} names a day to count on, but compares no age',
  RULE_NO_TARGET: 'it names no field or group to act on, and belongs to the whole schema',
  RULE_ID_UNKNOWN: '{id} is not part of this schema',
  'RULE_ID_AMBIGUOUS.outside': '{id} occurs only outside the element the rule belongs to, so it is not clear which one is meant',
  'RULE_ID_AMBIGUOUS.several': '{id} occurs several times, so it is not clear which one is meant',
  RULE_IN_LIST: '{id} is repeated or lies inside a repeatable group',
  RULE_TESTED_AND_TARGET: '{id} is both tested and acted on',
  RULE_GROUP_VALUE: '{id} is a group, and a group has no value to compare',
  RULE_NOT_YES_NO: 'the condition asks for yes or no, but {id} is not a yes/no field',
  RULE_NOT_NUMBER: 'it compares {id} with the number {number}, but {id} is not a number field',
  RULE_NOT_DATE: 'it compares {id} with the date {date}, but {id} is not a date field',
  'RULE_NOT_DATE.day': 'it counts an age on the day {id} names, but {id} is not a date field',
  RULE_AGE_NOT_DATE: 'it compares an age, but {id} is neither a date nor a number',
  'RULE_AGE_NOT_DATE.day': 'it counts an age on a day it names, but {id} is not a date of birth to count from',
  RULE_AGE_NO_DAY:
    "it compares the age given by the date {id} with {years} years but names no day to count it on, and today's date cannot be part of a condition; name the day in the rule, or pass it with ageOn / --age-on",
  'RULE_VALUE_UNKNOWN.choice': '"{value}" is not a choice of {id}',
  'RULE_VALUE_UNKNOWN.yesno': '"{value}" is not a value of the yes/no field {id}',
  RULE_LABEL_AMBIGUOUS: '"{value}" is the label of {count} choices of {id}',
  RULE_CODELIST_MISSING: 'the code list of {id} was not supplied, so "{value}" cannot be matched to a code',
  'RULE_VALUE_INVALID.number': '{id} is a number field and "{value}" is not a number',
  'RULE_VALUE_INVALID.other': '{id} cannot hold the value "{value}"',
};

const de: Catalogue = {
  CODELIST_MISSING: 'Die Codeliste {list} wurde nicht mitgegeben; „{label}“ ist ein Freitextfeld, bis sie mitgegeben wird (mit codelists / --codelists)',
  CODELIST_VERSION_DIFFERS: '„{label}“ verweist auf {wanted}; mitgegeben wurde nur {supplied}, deren Werte verwendet werden',
  CODELIST_EMPTY: 'Die Codeliste {list} hat keine Einträge; „{label}“ ist ein Freitextfeld',
  SELECT_WITHOUT_VALUES: '„{label}“ ist eine Auswahl ohne Codeliste und ohne Werte; es ist ein Freitextfeld',
  'PRAEZISIERUNG_INVALID.json': 'Die Präzisierung „{value}“ ist kein JSON; das Feld hat keine Grenzen',
  'PRAEZISIERUNG_INVALID.integer': '{key} „{value}“ ist keine ganze Zahl und wird weggelassen',
  'PRAEZISIERUNG_INVALID.number': '{key} „{value}“ ist keine Zahl und wird weggelassen',
  'PATTERN_UNSAFE.slow': 'Das Muster „{pattern}“ kann bei manchen Eingaben exponentiell lange brauchen und wird weggelassen',
  'PATTERN_UNSAFE.invalid': 'Das Muster „{pattern}“ ist kein gültiger regulärer Ausdruck und wird weggelassen',
  DATATYPE_UNKNOWN: 'Der Datentyp „{datentyp}“ ist unbekannt; „{label}“ ist ein Textfeld',
  FELDART_UNKNOWN: 'Die Feldart „{feldart}“ ist unbekannt; das Feld ist eine Eingabe',
  LABEL_AS_HELP: 'Der statische Text „{label}“ wird als Hilfetext des nächsten Felds (oder seiner Gruppe) gezeigt',
  RULE_NOT_UNDERSTOOD: 'Regel {id} „{name}“ wurde nicht zur Bedingung: {reason}',
  RULE_NOT_APPLIED: 'Regel {id} „{name}“ wurde gelesen, aber nicht übernommen: {reason}',

  RULE_CALCULATION: 'Sie ist eine Berechnung (Regeltyp B); Berechnungen übernimmt der Import nicht',
  RULE_NO_TEXT: 'Sie hat keinen Freitext (freitextRegel oder definition)',
  RULE_NO_IF: 'Sie hat keinen Wenn-Satz',
  RULE_SENTENCES: 'Sie hat mehr als einen Satz',
  RULE_IF_TWICE: 'Sie hat mehr als einen Wenn-Satz',
  RULE_NO_CONSEQUENCE: 'Auf den Wenn-Satz folgt keine Folge',
  RULE_CONSEQUENCE_UNKNOWN: 'Ihre Folge „{phrase}“ kennt der Import nicht (Pflicht, eingeblendet, ausgeblendet, genau eines von)',
  RULE_ONLY_UNCLEAR: 'Ihre Folge „{phrase}“ sagt „nur“, ohne dass klar ist, was es einschränkt',
  RULE_EITHER_UNCLEAR: 'Sie sagt „entweder“ ohne zwei Felder, Gruppen oder Prüfungen, die „oder“ verbindet',
  RULE_TOKEN_UNKNOWN: 'Sie enthält „{token}“, was der Import nicht liest',
  RULE_EXCEPTION: 'Ihre Bedingung enthält „{word}“, was der Import nicht liest',
  RULE_CONDITION_EMPTY: 'Ihr Wenn-Satz ist leer',
  RULE_NO_FIELD: 'Ein Teil ihrer Bedingung („{part}“) nennt keine Feldkennung',
  RULE_QUOTED_TEXTS: 'Auf {field} folgen {count} Texte in Anführungszeichen und eine eigene Prüfung',
  RULE_WORDS_UNKNOWN: 'Ihre Prüfung von {field} enthält Wörter, die der Import nicht liest: „{words}“',
  RULE_COMPARISON_UNKNOWN: 'Ihre Prüfung von {field} vergleicht mit „{words}“, was der Import nicht liest',
  RULE_COMPARES_NOTHING: 'Ihre Prüfung von {field} vergleicht mit nichts',
  RULE_TWO_OPERANDS: 'Ihre Prüfung von {field} enthält zwei Zahlen oder Daten',
  RULE_NUMBER_AND_VALUE: 'Ihre Prüfung von {field} vergleicht mit einer Zahl und nennt zugleich einen Wert',
  RULE_YES_AND_NO: 'Ihre Prüfung von {field} sagt zugleich ja und nein',
  RULE_TEST_UNCLEAR: 'Ihre Prüfung von {field} sagt nicht, was sie prüft (einen Wert, ja oder nein, einen Vergleich)',
  RULE_DAY_WITHOUT_AGE: 'Ihre Prüfung von {field} nennt einen Stichtag, vergleicht aber kein Alter',
  RULE_NO_TARGET: 'Sie nennt kein Feld und keine Gruppe, auf die sie wirkt, und gehört zum ganzen Schema',
  RULE_ID_UNKNOWN: '{id} gehört nicht zu diesem Schema',
  'RULE_ID_AMBIGUOUS.outside': '{id} kommt nur außerhalb des Elements vor, zu dem die Regel gehört; es ist nicht klar, welches gemeint ist',
  'RULE_ID_AMBIGUOUS.several': '{id} kommt mehrmals vor; es ist nicht klar, welches gemeint ist',
  RULE_IN_LIST: '{id} wiederholt sich oder liegt in einer wiederholbaren Gruppe',
  RULE_TESTED_AND_TARGET: '{id} wird zugleich geprüft und von der Regel betroffen',
  RULE_GROUP_VALUE: '{id} ist eine Gruppe, und eine Gruppe hat keinen Wert zum Vergleichen',
  RULE_NOT_YES_NO: 'Die Bedingung fragt nach ja oder nein, aber {id} ist kein Ja/Nein-Feld',
  RULE_NOT_NUMBER: 'Sie vergleicht {id} mit der Zahl {number}, aber {id} ist kein Zahlenfeld',
  RULE_NOT_DATE: 'Sie vergleicht {id} mit dem Datum {date}, aber {id} ist kein Datumsfeld',
  'RULE_NOT_DATE.day': 'Sie zählt ein Alter am Tag, den {id} nennt, aber {id} ist kein Datumsfeld',
  RULE_AGE_NOT_DATE: 'Sie vergleicht ein Alter, aber {id} ist weder ein Datum noch eine Zahl',
  'RULE_AGE_NOT_DATE.day': 'Sie zählt ein Alter an einem genannten Tag, aber {id} ist kein Geburtsdatum, von dem aus gezählt werden kann',
  RULE_AGE_NO_DAY:
    'Sie vergleicht das Alter nach dem Datum {id} mit {years} Jahren, nennt aber keinen Stichtag, und das heutige Datum kann nicht Teil einer Bedingung sein; nennen Sie den Stichtag in der Regel oder geben Sie ihn mit ageOn / --age-on an',
  'RULE_VALUE_UNKNOWN.choice': '„{value}“ ist keine Auswahl von {id}',
  'RULE_VALUE_UNKNOWN.yesno': '„{value}“ ist kein Wert des Ja/Nein-Felds {id}',
  RULE_LABEL_AMBIGUOUS: '„{value}“ ist die Bezeichnung von {count} Auswahlen von {id}',
  RULE_CODELIST_MISSING: 'Die Codeliste von {id} wurde nicht mitgegeben, daher kann „{value}“ keinem Code zugeordnet werden',
  'RULE_VALUE_INVALID.number': '{id} ist ein Zahlenfeld, und „{value}“ ist keine Zahl',
  'RULE_VALUE_INVALID.other': '{id} kann den Wert „{value}“ nicht aufnehmen',
};

const catalogues: Readonly<Record<FimLocale, Catalogue>> = { de, en };

/**
 * The words of an import warning or a rule's reason in German or English (any other locale gets English),
 * filled with its params.
 */
export function fimText(locale: string, code: ImportWarningCode | RuleReasonCode, params: TextParams = {}): string {
  const catalogue = catalogues[locale === 'de' || locale.startsWith('de-') ? 'de' : 'en'];
  const variant = params['variant'];
  const template = (variant !== undefined && catalogue[`${code}.${variant}`]) || catalogue[code] || code;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] !== undefined ? String(params[name]) : whole));
}

/** Why a rule was not applied, in German or English. */
export function ruleReasonText(reason: RuleReason, locale: string): string {
  return fimText(locale, reason.code, reason.params);
}

/** An import warning in German or English; a rule's warning says why in the same language. */
export function warningText(warning: ImportWarning, locale: string): string {
  return fimText(locale, warning.code, warning.reason ? { ...warning.params, reason: ruleReasonText(warning.reason, locale) } : warning.params);
}

/** @internal A warning with its English message. */
export function createWarning(code: ImportWarningCode, fimId: string, params: TextParams, reason?: RuleReason): ImportWarning {
  const warning = { code, fimId, params, ...(reason ? { reason } : {}) };
  return { ...warning, message: warningText({ ...warning, message: '' }, 'en') };
}
