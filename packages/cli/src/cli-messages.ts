// The CLI's own wording. Problems in a program come localised from core; these are the lines around them.
// A counted message has a form per plural category of its language (`Intl.PluralRules`); `other` is always there.
import { fillMessage, languageOf, matchLocale } from '@civicflow/core';

type Template = string | ({ readonly other: string } & Readonly<Partial<Record<Intl.LDMLPluralRule, string>>>);
type Catalogue = Readonly<Record<MessageKey, Template>>;

export type MessageKey =
  | 'fileNotFound'
  | 'isDirectory'
  | 'fileUnreadable'
  | 'notJson'
  | 'writeFailed'
  | 'problems'
  | 'ok'
  | 'forms'
  | 'fields'
  | 'wroteTypes'
  | 'built'
  | 'unknownForms'
  | 'unknownLocales'
  | 'importedFim'
  | 'fimWarning'
  | 'fimRuleNotUnderstood';

const en: Catalogue = {
  fileNotFound: 'cannot read {file}: there is no such file',
  isDirectory: 'cannot read {file}: it is a directory, not a program file',
  fileUnreadable: 'cannot read {file}: {detail}',
  notJson: '{file}:{line}:{column}: not valid JSON: {detail}',
  writeFailed: 'cannot write {file}: {detail}',
  problems: { one: '{count} problem in {file}', other: '{count} problems in {file}' },
  ok: 'OK {ref}: {forms}, {fields}, locales {locales}, hash {hash}',
  forms: { one: '{count} form', other: '{count} forms' },
  fields: { one: '{count} field', other: '{count} fields' },
  wroteTypes: 'Wrote {file} ({names})',
  built: 'Built {ref} into {dir}:',
  unknownForms: { one: '{file} has no form {names}; its forms are {known}', other: '{file} has no forms {names}; its forms are {known}' },
  unknownLocales: { one: '{file} has no locale {names}; its locales are {known}', other: '{file} has no locales {names}; its locales are {known}' },
  importedFim: 'Wrote {file}: FIM {id} {version} (XDatenfelder {standard}), {fields} in {groups} groups, {applied} of {rules} rules applied',
  fimWarning: 'warning {code} {id}: {message}',
  fimRuleNotUnderstood: 'rule {id} not understood ({reason}): {text}',
};

const de: Catalogue = {
  fileNotFound: '{file} lässt sich nicht lesen: Diese Datei gibt es nicht',
  isDirectory: '{file} lässt sich nicht lesen: Das ist ein Verzeichnis, keine Programmdatei',
  fileUnreadable: '{file} lässt sich nicht lesen: {detail}',
  notJson: '{file}:{line}:{column}: kein gültiges JSON: {detail}',
  writeFailed: '{file} lässt sich nicht schreiben: {detail}',
  problems: { one: '{count} Problem in {file}', other: '{count} Probleme in {file}' },
  ok: 'OK {ref}: {forms}, {fields}, Sprachen {locales}, Hash {hash}',
  forms: { one: '{count} Formular', other: '{count} Formulare' },
  fields: { one: '{count} Feld', other: '{count} Felder' },
  wroteTypes: '{file} geschrieben ({names})',
  built: '{ref} nach {dir} gebaut:',
  unknownForms: { one: '{file} hat kein Formular {names}; seine Formulare sind {known}', other: '{file} hat keine Formulare {names}; seine Formulare sind {known}' },
  unknownLocales: { one: '{file} hat keine Sprache {names}; seine Sprachen sind {known}', other: '{file} hat keine Sprachen {names}; seine Sprachen sind {known}' },
  importedFim: '{file} geschrieben: FIM {id} {version} (XDatenfelder {standard}), {fields} in {groups} Gruppen, {applied} von {rules} Regeln übernommen',
  fimWarning: 'Warnung {code} {id}: {message}',
  fimRuleNotUnderstood: 'Regel {id} nicht verstanden ({reason}): {text}',
};

const catalogues: Readonly<Record<string, Catalogue>> = { en, de };
const pluralRules = new Map<string, Intl.PluralRules>();

function pluralOf(language: string, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  return rules.select(count);
}

/** The locales the CLI speaks; the same as core's built-in ones. */
export const cliLocales: readonly string[] = Object.keys(catalogues);

/** A name in the quotation marks of a locale: "intake" in English, „intake“ in German. */
export function cliQuote(locale: string, text: string): string {
  return languageOf(locale) === 'de' ? `„${text}“` : `"${text}"`;
}

/**
 * A CLI message in a locale (English when the locale is unknown), with `{name}` placeholders filled.
 * A `count` parameter picks the plural form by the rules of the catalogue's language.
 */
export function cliMessage(locale: string, key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  const language = matchLocale(locale, cliLocales) ?? 'en';
  const template = catalogues[language]![key];
  const text = typeof template === 'string' ? template : (template[pluralOf(language, Number(params['count']))] ?? template.other);
  return fillMessage(text, params);
}
