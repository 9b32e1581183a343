import { fillMessage, forLocale, matchLocale } from '@civicflow/core';
import type { ServerErrorCode } from '../errors.js';

type Catalogue = Readonly<Record<ServerErrorCode, string>>;

const en: Catalogue = {
  BODY_INVALID: 'The request body is not valid JSON of the expected shape: {reason}',
  BODY_TOO_LARGE: 'The request body is larger than {limit} bytes.',
  BODY_TOO_DEEP: 'The request body nests objects or lists deeper than {limit} levels.',
  BODY_FORBIDDEN_KEY: 'The request body contains the key "{key}", which is not allowed.',
  BODY_TOO_MANY_VALUES: 'The request body holds more than {limit} values.',
  CONTENT_TYPE_UNSUPPORTED: 'Send the request body as application/json.',
  SUBMISSION_INVALID: 'The form is incomplete or has errors: {count} problem(s).',
  IDEMPOTENCY_KEY_INVALID: 'The Idempotency-Key header must be 8 to 200 letters, digits or the characters . _ : -',
  IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was already used for a different submission.',
  PARAMETER_INVALID: 'The parameter "{parameter}" is not valid.',
  REPORT_RANGE_INVALID: 'The report\'s period is not valid: "from" and "to" are months such as 2025-03, and "from" is not later than "to".',
  NOT_FOUND: 'Not found.',
  UNAUTHENTICATED: 'Please sign in: this needs valid credentials.',
  FORBIDDEN: 'You are not allowed to do this.',
  ASSIGNEE_UNKNOWN: 'This person is not known as a colleague in this program, so the case cannot be assigned to them.',
  TOKEN_EXPIRED: 'This link has expired. If you have questions about your application, please contact the office.',
  CASE_ERASED: 'The personal data of this case was erased on request; the case can no longer be viewed or changed here.',
  PRECONDITION_REQUIRED: 'Send the If-Match header with the case version you last saw.',
  VERSION_CONFLICT: 'The case was changed in the meantime (now version {actual}). Please reload it and try again.',
  EVENT_REFUSED: '{reason}',
  RATE_LIMITED: 'Too many requests. Please wait {retryAfter} seconds and try again.',
  INTERNAL: 'Something went wrong on our side. Nothing was saved; please try again later.',
  DATA_DIR_LOCKED: 'The database is in use by another server process.',
  PROGRAM_CONFLICT: 'Two different definitions of the same program version were given.',
  OPTION_INVALID: 'The server was started with an option it does not accept.',
  TOKEN_FILE_INVALID: 'The token file does not have the expected shape.',
  OIDC_CONFIG_INVALID: 'The sign-in settings are incomplete or wrong: {field}.',
  SIGN_IN_UNAVAILABLE: 'Signing in is not possible at the moment because the sign-in service cannot be reached. Please try again later.',
  SIGN_IN_FAILED: 'Signing in did not work. Please start again.',
  ORIGIN_REFUSED: 'This request came from another website and was refused, to protect your account. Please use the page of this service.',
  OUTBOX_MESSAGE_NOT_DEAD: 'Only a message that gave up can be sent again; this one is {state}.',
  WEBHOOK_INVALID: 'The webhook\'s "{field}" is not valid. A webhook needs "url" (an https or http address without user name or password), "events" (one or more of case.submitted, case.state_changed, case.deadline_fired, case.closed), and may have "includeData" (true or false) and "description" (up to 200 characters).',
  WEBHOOK_MESSAGE_NOT_REPLAYABLE: 'This webhook message cannot be sent again: it is {state}, and only one that gave up, or one sent without personal data, can be.',
  PROGRAM_VERSION_EXISTS: 'Version {version} of this program is published already with another definition. A published version never changes: give your definition a new version number.',
  PROGRAM_INVALID: 'The program definition has {count} problem(s); nothing was published.',
  MIGRATION_INVALID: 'Version {to} cannot take the open cases of version {from} as its migration says: {count} problem(s), listed in "problems".',
  MIGRATION_RUNNING: 'The open cases of version {from} are being moved already. Wait until that run has finished.',
  DRAFT_VERSION_REQUIRED: 'Send the If-Match header with the version of the draft you last loaded.',
  DRAFT_CONFLICT: 'Someone else saved this draft in the meantime (now version {current}). Your text was not saved and is not lost: load the other version, compare, and save again.',
  DRAFT_VERSION_NOT_NEWER: 'The draft has version {version}, but version {current} is live already. Give the draft a higher version number before publishing it.',
  VERSION_SUPERSEDED: 'This form has been replaced by a newer version (version {current}) and no longer accepts submissions. Please continue in the new version.',
  NOT_READY: 'This server is not ready to take requests ({reason}). Please try again shortly.',
};

const de: Catalogue = {
  BODY_INVALID: 'Der Inhalt der Anfrage ist kein gültiges JSON in der erwarteten Form: {reason}',
  BODY_TOO_LARGE: 'Der Inhalt der Anfrage ist größer als {limit} Bytes.',
  BODY_TOO_DEEP: 'Der Inhalt der Anfrage verschachtelt Objekte oder Listen tiefer als {limit} Ebenen.',
  BODY_FORBIDDEN_KEY: 'Der Inhalt der Anfrage enthält den nicht erlaubten Schlüssel „{key}“.',
  BODY_TOO_MANY_VALUES: 'Der Inhalt der Anfrage enthält mehr als {limit} Werte.',
  CONTENT_TYPE_UNSUPPORTED: 'Bitte senden Sie den Inhalt als application/json.',
  SUBMISSION_INVALID: 'Das Formular ist unvollständig oder fehlerhaft: {count} Problem(e).',
  IDEMPOTENCY_KEY_INVALID: 'Der Header Idempotency-Key muss aus 8 bis 200 Buchstaben, Ziffern oder den Zeichen . _ : - bestehen.',
  IDEMPOTENCY_KEY_REUSED: 'Dieser Idempotency-Key wurde schon für eine andere Einsendung verwendet.',
  PARAMETER_INVALID: 'Der Parameter „{parameter}“ ist ungültig.',
  REPORT_RANGE_INVALID: 'Der Zeitraum des Berichts ist ungültig: „from“ und „to“ sind Monate wie 2025-03, und „from“ liegt nicht nach „to“.',
  NOT_FOUND: 'Nicht gefunden.',
  UNAUTHENTICATED: 'Bitte melden Sie sich an: Dafür sind gültige Zugangsdaten nötig.',
  FORBIDDEN: 'Das dürfen Sie nicht.',
  ASSIGNEE_UNKNOWN: 'Diese Person ist in diesem Programm nicht als Kollegin oder Kollege bekannt; der Fall kann ihr nicht zugewiesen werden.',
  TOKEN_EXPIRED: 'Dieser Link ist abgelaufen. Bei Fragen zu Ihrem Antrag wenden Sie sich bitte an die zuständige Stelle.',
  CASE_ERASED: 'Die personenbezogenen Daten dieses Falls wurden auf Antrag gelöscht; der Fall kann hier nicht mehr eingesehen oder geändert werden.',
  PRECONDITION_REQUIRED: 'Bitte senden Sie den Header If-Match mit der zuletzt gesehenen Version des Falls.',
  VERSION_CONFLICT: 'Der Fall wurde inzwischen geändert (jetzt Version {actual}). Bitte laden Sie ihn neu und versuchen Sie es noch einmal.',
  EVENT_REFUSED: '{reason}',
  RATE_LIMITED: 'Zu viele Anfragen. Bitte warten Sie {retryAfter} Sekunden und versuchen Sie es dann noch einmal.',
  INTERNAL: 'Bei uns ist etwas schiefgegangen. Es wurde nichts gespeichert; bitte versuchen Sie es später noch einmal.',
  DATA_DIR_LOCKED: 'Die Datenbank wird von einem anderen Serverprozess benutzt.',
  PROGRAM_CONFLICT: 'Für dieselbe Programmversion wurden zwei verschiedene Definitionen angegeben.',
  OPTION_INVALID: 'Der Server wurde mit einer Einstellung gestartet, die er nicht annimmt.',
  TOKEN_FILE_INVALID: 'Die Token-Datei hat nicht die erwartete Form.',
  OIDC_CONFIG_INVALID: 'Die Einstellungen für die Anmeldung sind unvollständig oder falsch: {field}.',
  SIGN_IN_UNAVAILABLE: 'Die Anmeldung ist gerade nicht möglich, weil der Anmeldedienst nicht erreichbar ist. Bitte versuchen Sie es später noch einmal.',
  SIGN_IN_FAILED: 'Die Anmeldung hat nicht geklappt. Bitte beginnen Sie noch einmal.',
  ORIGIN_REFUSED: 'Diese Anfrage kam von einer anderen Website und wurde zum Schutz Ihres Zugangs abgelehnt. Bitte benutzen Sie die Seite dieses Dienstes.',
  OUTBOX_MESSAGE_NOT_DEAD: 'Nur eine Nachricht, deren Zustellung aufgegeben wurde, kann erneut gesendet werden; diese ist {state}.',
  WEBHOOK_INVALID: 'Beim Webhook ist „{field}“ ungültig. Ein Webhook braucht "url" (eine https- oder http-Adresse ohne Benutzername und Passwort) und "events" (eines oder mehrere von case.submitted, case.state_changed, case.deadline_fired, case.closed) und kann "includeData" (true oder false) und "description" (bis 200 Zeichen) haben.',
  WEBHOOK_MESSAGE_NOT_REPLAYABLE: 'Diese Webhook-Nachricht kann nicht erneut gesendet werden: Sie ist {state}, und das geht nur bei einer, deren Zustellung aufgegeben wurde, oder einer gesendeten ohne personenbezogene Daten.',
  PROGRAM_VERSION_EXISTS: 'Die Version {version} dieses Programms ist schon mit einer anderen Definition veröffentlicht. Eine veröffentlichte Version ändert sich nie: Geben Sie Ihrer Definition eine neue Versionsnummer.',
  PROGRAM_INVALID: 'Die Programmdefinition hat {count} Problem(e); es wurde nichts veröffentlicht.',
  MIGRATION_INVALID: 'Version {to} kann die offenen Fälle von Version {from} so, wie ihre Übernahme es sagt, nicht aufnehmen: {count} Problem(e), aufgeführt unter "problems".',
  MIGRATION_RUNNING: 'Die offenen Fälle von Version {from} werden schon übernommen. Warten Sie, bis dieser Lauf fertig ist.',
  DRAFT_VERSION_REQUIRED: 'Bitte senden Sie den Header If-Match mit der Version des Entwurfs, die Sie zuletzt geladen haben.',
  DRAFT_CONFLICT: 'Jemand anderes hat diesen Entwurf inzwischen gespeichert (jetzt Version {current}). Ihr Text wurde nicht gespeichert, ist aber nicht verloren: Laden Sie die andere Fassung, vergleichen Sie und speichern Sie erneut.',
  DRAFT_VERSION_NOT_NEWER: 'Der Entwurf hat die Version {version}, aber die Version {current} ist schon veröffentlicht. Geben Sie dem Entwurf eine höhere Versionsnummer, bevor Sie ihn veröffentlichen.',
  VERSION_SUPERSEDED: 'Dieses Formular wurde durch eine neuere Version (Version {current}) ersetzt und nimmt keine Anträge mehr an. Bitte machen Sie in der neuen Version weiter.',
  NOT_READY: 'Dieser Server nimmt gerade keine Anfragen an ({reason}). Bitte versuchen Sie es gleich noch einmal.',
};

const catalogues: Readonly<Record<string, Catalogue>> = { en, de };

/** Sentences added to a code's message when its params hold the named one. */
const notes: Readonly<Record<string, Partial<Record<ServerErrorCode, { param: string; text: string }>>>> = {
  en: { SUBMISSION_INVALID: { param: 'maxErrors', text: ' Only the first {maxErrors} are listed.' } },
  de: { SUBMISSION_INVALID: { param: 'maxErrors', text: ' Nur die ersten {maxErrors} sind aufgeführt.' } },
};

/** The locales the server's own messages come in. */
export const serverLocales = ['de', 'en'] as const;

/** The message for a code in `de` or `en` (anything else gets English), with `{name}` filled from `params`. */
export function serverMessage(code: ServerErrorCode, locale: string, params: Record<string, unknown> = {}): string {
  const note = (forLocale(notes, locale) ?? notes['en']!)[code];
  const added = note && Object.hasOwn(params, note.param) ? note.text : '';
  return fillMessage((forLocale(catalogues, locale) ?? en)[code] + added, params);
}

/**
 * The best of `available` for an `Accept-Language` header (RFC 9110 quality values, each range matched as
 * `matchLocale` does), or the first of `available` when nothing matches.
 */
export function negotiateLocale(header: string | undefined | null, available: readonly string[]): string {
  const fallback = available[0] ?? 'en';
  if (!header) return fallback;
  const ranges = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === '*') return fallback;
    const match = matchLocale(tag, available);
    if (match) return match;
  }
  return fallback;
}
