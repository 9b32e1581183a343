// The CLI's own wording. Problems in a program come localised from core; these are the lines around them.
// A counted message has a form per plural category of its language (`Intl.PluralRules`); `other` is always there.
import { fillMessage, languageOf, matchLocale } from '@civicflow/core';

type Template = string | ({ readonly other: string } & Readonly<Partial<Record<Intl.LDMLPluralRule, string>>>);
type Catalogue = Readonly<Record<MessageKey, Template>>;

export type MessageKey =
  | 'fileNotFound'
  | 'isDirectory'
  | 'folderMissing'
  | 'fileUnreadable'
  | 'notJson'
  | 'writeFailed'
  | 'problems'
  | 'ok'
  | 'forms'
  | 'fields'
  | 'textsMissing'
  | 'textsFromFallback'
  | 'wroteTypes'
  | 'built'
  | 'unknownForms'
  | 'unknownLocales'
  | 'publicPathInvalid'
  | 'embedPathInvalid'
  | 'importedFim'
  | 'fimWarning'
  | 'fimAgeOnInvalid'
  | 'fimRuleNotUnderstood'
  | 'fimRuleNotApplied'
  | 'fimCodeListSkipped'
  | 'fimCodeListsUnresolved'
  | 'fimSkipNotXml'
  | 'fimSkipXdatenfelder'
  | 'fimSkipNotGenericode'
  | 'fimSkipTooLarge'
  | 'reasonInvalid'
  | 'actorMissing'
  | 'storeMissing'
  | 'storeLocked'
  | 'storeUnavailable'
  | 'erased'
  | 'alreadyErased'
  | 'keptByLaw'
  | 'caseNotFound'
  | 'caseProgramMissing'
  | 'published'
  | 'publishedBefore'
  | 'publishRefused'
  | 'serverUnreachable'
  | 'serverAnswerInvalid'
  | 'tokenMissing'
  | 'serverMissing'
  | 'migrateDryRun'
  | 'migrateCase'
  | 'migrateCaseFails'
  | 'migrateMore'
  | 'migrateStarted'
  | 'migrateRunning'
  | 'migrateProgress'
  | 'migrateFinished'
  | 'migrateFailure'
  | 'migrateVersion'
  | 'migrateRefused';

const en: Catalogue = {
  fileNotFound: 'cannot read {file}: there is no such file',
  isDirectory: 'cannot read {file}: it is a directory, not a program file',
  folderMissing: 'cannot open {file}: the folder {folder} does not exist; create it first, or give a file in a folder that exists',
  fileUnreadable: 'cannot read {file}: {detail}',
  notJson: '{file}:{line}:{column}: not valid JSON: {detail}',
  writeFailed: 'cannot write {file}: {detail}',
  problems: { one: '{count} problem in {file}', other: '{count} problems in {file}' },
  ok: 'OK {ref}: {forms}, {fields}, locales {locales}, hash {hash}',
  forms: { one: '{count} form', other: '{count} forms' },
  fields: { one: '{count} field', other: '{count} fields' },
  textsMissing: { one: '{count} text is missing for locale "{locale}": {keys}', other: '{count} texts are missing for locale "{locale}", the first: {keys}' },
  textsFromFallback: { one: '{locale}: {count} text is shown in {from}, not written for {locale}: {keys}', other: '{locale}: {count} texts are shown in {from}, not written for {locale}, the first: {keys}' },
  wroteTypes: 'Wrote {file} ({names})',
  built: 'Built {ref} into {dir}:',
  unknownForms: { one: '{file} has no form {names}; its forms are {known}', other: '{file} has no forms {names}; its forms are {known}' },
  unknownLocales: { one: '{file} has no locale {names}; its locales are {known}', other: '{file} has no locales {names}; its locales are {known}' },
  publicPathInvalid: '--public-path "{path}" needs --browser and must end with "/", e.g. /cf/zweite-chance/1.0.0/',
  embedPathInvalid: '--embed-path "{path}" needs --browser and must end with "/", e.g. /civicflow/',
  importedFim: 'Wrote {file}: FIM {id} {version} (XDatenfelder {standard}), {fields} in {groups} groups, {applied} of {rules} rules applied',
  fimWarning: 'warning {code} {id}: {message}',
  fimAgeOnInvalid: '--age-on "{value}" is not a day written YYYY-MM-DD, such as 2026-06-30',
  fimRuleNotUnderstood: 'rule {id} not understood ({reason}): {text}',
  fimRuleNotApplied: 'rule {id} read but not applied ({reason}): {text}',
  fimCodeListSkipped: 'skipped {file} among the code lists: {reason}',
  fimCodeListsUnresolved: { one: 'no code list given for {lists}', other: 'no code lists given for {lists}' },
  fimSkipNotXml: 'it is not XML',
  fimSkipXdatenfelder: 'it is an XDatenfelder schema, not a code list',
  fimSkipNotGenericode: 'it is XML, but not a genericode code list',
  fimSkipTooLarge: 'it is larger than the limit',
  reasonInvalid: '--reason must be the reference of the request (a file or ticket number): 1 to 100 letters, digits, spaces or . _ : / # -, starting with a letter or digit; it stays in the audit trail, so never a name',
  actorMissing: '--actor must name who erases (an id, not a name)',
  storeMissing: 'there is no store at {store}: the folder does not exist',
  storeLocked: 'a running server holds it; stop the server, or erase through its HTTP API',
  storeUnavailable: 'cannot open the store {store}: {detail}',
  erased: 'erased {reference} ({id}): {fields} removed',
  alreadyErased: '{reference} ({id}) was erased before, at {at}; nothing changed',
  keptByLaw: '  kept, as {basis} requires, until its retention has passed: {pointers}',
  caseNotFound: 'no case {case}',
  caseProgramMissing: 'case {case} follows a program version not given with --programs; nothing changed',
  published: 'published {ref} (hash {hash}) at {at}; new submissions go to {current}',
  publishedBefore: '{ref} was published before with the same definition, at {at}; nothing changed',
  publishRefused: 'the server refused to publish {ref}: {message} [{code}]',
  serverUnreachable: 'cannot reach the server {server}: {detail}',
  serverAnswerInvalid: 'the server {server} answered {status}, not as a civicflow server does',
  tokenMissing: 'the token is missing: add --token <token> or set CIVICFLOW_TOKEN (a token with the role <program>:publish)',
  serverMissing: 'the server is missing: add --server <url> or set CIVICFLOW_SERVER',
  migrateDryRun: '{from} → {to}: {total} open case(s), {migrating} would move, {failing} would fail (nothing was changed)',
  migrateCase: '  {reference}: {fromState} → {toState}',
  migrateCaseFails: '  {reference}: {fromState} → {toState} fails: {problems}',
  migrateMore: '  … and {count} more',
  migrateStarted: 'started moving the open cases of {from} to {to} ({total} case(s)); run {run}',
  migrateRunning: 'the open cases of {from} are moving to {to} already; run {run}',
  migrateProgress: '{migrated} moved, {failed} failed, {remaining} left',
  migrateFinished: 'finished at {at}: {migrated} moved to {to}, {failed} failed and stay on {from}',
  migrateFailure: '  {reference} ({fromState} → {toState}): {problems}',
  migrateVersion: '{version}{current}: {open} open case(s), {cases} in all',
  migrateRefused: 'the server refused: {message} [{code}]',
};

const de: Catalogue = {
  fileNotFound: '{file} lässt sich nicht lesen: Diese Datei gibt es nicht',
  isDirectory: '{file} lässt sich nicht lesen: Das ist ein Verzeichnis, keine Programmdatei',
  folderMissing: '{file} lässt sich nicht öffnen: Den Ordner {folder} gibt es nicht. Legen Sie ihn zuerst an oder geben Sie eine Datei in einem vorhandenen Ordner an',
  fileUnreadable: '{file} lässt sich nicht lesen: {detail}',
  notJson: '{file}:{line}:{column}: kein gültiges JSON: {detail}',
  writeFailed: '{file} lässt sich nicht schreiben: {detail}',
  problems: { one: '{count} Problem in {file}', other: '{count} Probleme in {file}' },
  ok: 'OK {ref}: {forms}, {fields}, Sprachen {locales}, Hash {hash}',
  forms: { one: '{count} Formular', other: '{count} Formulare' },
  fields: { one: '{count} Feld', other: '{count} Felder' },
  textsMissing: { one: 'Für die Sprache „{locale}“ fehlt {count} Text: {keys}', other: 'Für die Sprache „{locale}“ fehlen {count} Texte, die ersten: {keys}' },
  textsFromFallback: { one: '{locale}: {count} Text wird in {from} gezeigt, er ist für {locale} nicht geschrieben: {keys}', other: '{locale}: {count} Texte werden in {from} gezeigt, sie sind für {locale} nicht geschrieben, die ersten: {keys}' },
  wroteTypes: '{file} geschrieben ({names})',
  built: '{ref} nach {dir} gebaut:',
  unknownForms: { one: '{file} hat kein Formular {names}; seine Formulare sind {known}', other: '{file} hat keine Formulare {names}; seine Formulare sind {known}' },
  unknownLocales: { one: '{file} hat keine Sprache {names}; seine Sprachen sind {known}', other: '{file} hat keine Sprachen {names}; seine Sprachen sind {known}' },
  publicPathInvalid: '--public-path „{path}“ geht nur mit --browser und muss auf „/“ enden, z. B. /cf/zweite-chance/1.0.0/',
  embedPathInvalid: '--embed-path „{path}“ geht nur mit --browser und muss auf „/“ enden, z. B. /civicflow/',
  importedFim: '{file} geschrieben: FIM {id} {version} (XDatenfelder {standard}), {fields} in {groups} Gruppen, {applied} von {rules} Regeln übernommen',
  fimWarning: 'Warnung {code} {id}: {message}',
  fimAgeOnInvalid: '--age-on „{value}“ ist kein Tag in der Form JJJJ-MM-TT, wie 2026-06-30',
  fimRuleNotUnderstood: 'Regel {id} nicht verstanden ({reason}): {text}',
  fimRuleNotApplied: 'Regel {id} gelesen, aber nicht übernommen ({reason}): {text}',
  fimCodeListSkipped: '{file} unter den Codelisten übersprungen: {reason}',
  fimCodeListsUnresolved: { one: 'keine Codeliste angegeben für {lists}', other: 'keine Codelisten angegeben für {lists}' },
  fimSkipNotXml: 'Das ist kein XML',
  fimSkipXdatenfelder: 'Das ist ein XDatenfelder-Schema, keine Codeliste',
  fimSkipNotGenericode: 'Das ist XML, aber keine Genericode-Codeliste',
  fimSkipTooLarge: 'Die Datei ist größer als erlaubt',
  reasonInvalid: '--reason muss das Zeichen des Antrags sein (ein Akten- oder Vorgangszeichen): 1 bis 100 Buchstaben, Ziffern, Leerzeichen oder . _ : / # -, am Anfang ein Buchstabe oder eine Ziffer; es bleibt im Protokoll, also nie ein Name',
  actorMissing: '--actor muss angeben, wer löscht (eine Kennung, kein Name)',
  storeMissing: 'unter {store} gibt es keine Datenbank: Das Verzeichnis existiert nicht',
  storeLocked: 'ein laufender Server hält sie; beenden Sie den Server oder löschen Sie über seine HTTP-Schnittstelle',
  storeUnavailable: 'die Datenbank {store} lässt sich nicht öffnen: {detail}',
  erased: '{reference} ({id}) gelöscht: {fields} entfernt',
  alreadyErased: '{reference} ({id}) war schon gelöscht, am {at}; nichts geändert',
  keptByLaw: '  aufbewahrt nach {basis}, bis die Aufbewahrungsfrist abgelaufen ist: {pointers}',
  caseNotFound: 'kein Fall {case}',
  caseProgramMissing: 'Fall {case} folgt einer Programmversion, die --programs nicht nennt; nichts geändert',
  published: '{ref} veröffentlicht (Hash {hash}) am {at}; neue Anträge gehen an {current}',
  publishedBefore: '{ref} war schon mit derselben Definition veröffentlicht, am {at}; nichts geändert',
  publishRefused: 'der Server hat {ref} nicht veröffentlicht: {message} [{code}]',
  serverUnreachable: 'der Server {server} ist nicht erreichbar: {detail}',
  serverAnswerInvalid: 'der Server {server} antwortete {status}, nicht wie ein civicflow-Server',
  tokenMissing: 'das Token fehlt: Geben Sie --token <token> an oder setzen Sie CIVICFLOW_TOKEN (ein Token mit der Rolle <programm>:publish)',
  serverMissing: 'der Server fehlt: Geben Sie --server <url> an oder setzen Sie CIVICFLOW_SERVER',
  migrateDryRun: '{from} → {to}: {total} offene(r) Fall/Fälle, {migrating} würden wechseln, {failing} würden scheitern (nichts wurde geändert)',
  migrateCase: '  {reference}: {fromState} → {toState}',
  migrateCaseFails: '  {reference}: {fromState} → {toState} scheitert: {problems}',
  migrateMore: '  … und {count} weitere',
  migrateStarted: 'die offenen Fälle von {from} wechseln jetzt zu {to} ({total} Fall/Fälle); Lauf {run}',
  migrateRunning: 'die offenen Fälle von {from} wechseln schon zu {to}; Lauf {run}',
  migrateProgress: '{migrated} gewechselt, {failed} gescheitert, {remaining} offen',
  migrateFinished: 'fertig am {at}: {migrated} zu {to} gewechselt, {failed} gescheitert und bleiben bei {from}',
  migrateFailure: '  {reference} ({fromState} → {toState}): {problems}',
  migrateVersion: '{version}{current}: {open} offene(r) Fall/Fälle, {cases} insgesamt',
  migrateRefused: 'der Server hat abgelehnt: {message} [{code}]',
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
