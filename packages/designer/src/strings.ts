import type { DesignerErrorCode } from './errors.js';

/** The designer's own words: German and English. */
export type DesignerLocale = 'de' | 'en';

export interface DesignerWords {
  errors: Record<DesignerErrorCode, string>;
  /** Parse errors of jsonc-parser, by its error name. */
  parse: Record<string, string>;
  ui: Record<string, string>;
  kinds: Record<string, string>;
}

const de: DesignerWords = {
  errors: {
    DESIGNER_NOT_JSON: 'Das ist kein gültiges JSON: {reason} in Zeile {line}, Spalte {column}. Es wurde nichts geändert.',
    DESIGNER_PATH_MISSING: 'Diese Stelle gibt es im Programm nicht (mehr).',
    DESIGNER_KEY_TAKEN: 'Der Name „{key}“ ist hier schon vergeben.',
    DESIGNER_KEY_INVALID: 'Der Name „{key}“ geht nicht: Er darf nur Buchstaben, Ziffern und Unterstriche enthalten und muss mit einem Buchstaben beginnen.',
    DESIGNER_PATTERN_INVALID: 'Das Muster ist kein gültiger regulärer Ausdruck: {reason}',
    DESIGNER_PATTERN_UNSAFE: 'Dieses Muster kann bei manchen Eingaben extrem lange rechnen (katastrophales Backtracking). Bitte einfacher fassen.',
    DESIGNER_CONSTRAINT_INVALID: 'Der Wert „{value}“ passt nicht zu „{constraint}“: erwartet ist eine ganze Zahl ab 0 oder eine Zahl.',
    DESIGNER_OPTION_INVALID: 'Der Wert „{value}“ geht nicht: nur Buchstaben, Ziffern, „_“ und „-“, beginnend mit einem Buchstaben oder einer Ziffer.',
    DESIGNER_LAST_OPTION: 'Eine Auswahl braucht mindestens eine Option; diese bleibt.',
    DESIGNER_LAST_CHILD: 'Eine Gruppe braucht mindestens ein Feld; dieses bleibt.',
    DESIGNER_LAST_PAGE: 'Ein Formular braucht mindestens eine Seite; diese bleibt.',
  },
  parse: {
    InvalidSymbol: 'unerwartetes Zeichen',
    InvalidNumberFormat: 'ungültige Zahl',
    PropertyNameExpected: 'Eigenschaftsname erwartet',
    ValueExpected: 'Wert erwartet',
    ColonExpected: 'Doppelpunkt erwartet',
    CommaExpected: 'Komma erwartet',
    CloseBraceExpected: '„}“ erwartet',
    CloseBracketExpected: '„]“ erwartet',
    EndOfFileExpected: 'Ende des Textes erwartet',
    InvalidCommentToken: 'Kommentare sind in JSON nicht erlaubt',
    UnexpectedEndOfComment: 'Kommentar nicht beendet',
    UnexpectedEndOfString: 'Zeichenkette nicht beendet',
    UnexpectedEndOfNumber: 'Zahl nicht beendet',
    InvalidUnicode: 'ungültige Unicode-Folge',
    InvalidEscapeCharacter: 'ungültiges Escape-Zeichen',
    InvalidCharacter: 'ungültiges Zeichen',
  },
  ui: {
    title: 'Programm gestalten',
    outline: 'Gliederung',
    form: 'Formular',
    page: 'Seite',
    field: 'Feld',
    properties: 'Eigenschaften',
    noSelection: 'Wählen Sie links ein Feld aus.',
    label: 'Beschriftung',
    help: 'Hilfetext',
    key: 'Technischer Name',
    rename: 'Umbenennen',
    kind: 'Art',
    required: 'Pflichtfeld',
    minLength: 'Mindestlänge',
    maxLength: 'Höchstlänge',
    minimum: 'Kleinster Wert',
    maximum: 'Größter Wert',
    pattern: 'Muster (regulärer Ausdruck)',
    personalData: 'Personenbezogene Daten',
    retention: 'Aufbewahrung (ISO-8601-Dauer, z. B. P3Y)',
    apply: 'Übernehmen',
    addField: 'Feld hinzufügen',
    addPage: 'Seite hinzufügen',
    newFieldKind: 'Art des neuen Feldes',
    remove: 'Löschen',
    duplicate: 'Duplizieren',
    moveUp: 'Nach oben',
    moveDown: 'Nach unten',
    undo: 'Rückgängig',
    redo: 'Wiederholen',
    save: 'Speichern',
    saveAnyway: 'Trotz Problemen speichern',
    saveRefused: 'Das Programm hat {count} Problem(e); „civicflow check“ würde es ablehnen. Trotzdem speichern?',
    saved: 'Gespeichert.',
    problems: 'Probleme',
    noProblems: 'Keine Probleme: „civicflow check“ nimmt das Programm an.',
    goTo: 'Hingehen',
    preview: 'Vorschau',
    previewLocale: 'Sprache der Vorschau',
    previewUnavailable: 'Die Vorschau erscheint wieder, sobald die Probleme behoben sind.',
    restored: 'Eine ungespeicherte Arbeitskopie vom {time} wurde wiederhergestellt.',
    discardRestored: 'Verwerfen und Datei laden',
    moved: '„{label}“ ist jetzt an Position {position} von {count} auf Seite „{page}“.',
    added: '„{label}“ wurde hinzugefügt.',
    removed: '„{label}“ wurde gelöscht.',
    duplicated: '„{label}“ wurde dupliziert.',
    undone: 'Rückgängig gemacht: {what}',
    redone: 'Wiederholt: {what}',
    nothingToUndo: 'Nichts rückgängig zu machen.',
    nothingToRedo: 'Nichts zu wiederholen.',
    shortcuts: 'Tastatur: Pfeiltasten in der Gliederung, Alt+Pfeil hoch/runter verschiebt, Einfg fügt ein Feld hinzu, Entf löscht, Strg+D dupliziert, Strg+Z / Strg+Umschalt+Z.',
    empty: 'Kein Programm geladen.',
    notJsonHere: 'Die Datei ist kein gültiges JSON.',
    language: 'Sprache',
    fieldCount: '{count} Felder',
    json: 'JSON',
    jsonHint: 'Der Programmtext, wie er gespeichert wird. Änderungen hier gelten erst mit „JSON übernehmen“; was kein gültiges JSON ist, wird mit Zeile und Spalte abgelehnt.',
    applyJson: 'JSON übernehmen',
    revertJson: 'Änderungen am JSON verwerfen',
    jsonApplied: 'Das JSON wurde übernommen.',
  },
  kinds: {
    text: 'Text',
    textarea: 'Langer Text',
    integer: 'Ganze Zahl',
    number: 'Zahl',
    amount: 'Betrag',
    date: 'Datum',
    email: 'E-Mail-Adresse',
    phone: 'Telefonnummer',
    boolean: 'Ja/Nein',
    consent: 'Einwilligung',
    choice: 'Auswahl (eine)',
    choices: 'Auswahl (mehrere)',
    file: 'Datei',
    group: 'Gruppe',
    list: 'Wiederholte Gruppe',
    other: 'Sonstiges',
  },
};

const en: DesignerWords = {
  errors: {
    DESIGNER_NOT_JSON: 'This is not valid JSON: {reason} at line {line}, column {column}. Nothing was changed.',
    DESIGNER_PATH_MISSING: 'This place does not exist in the program (any more).',
    DESIGNER_KEY_TAKEN: 'The name "{key}" is already used here.',
    DESIGNER_KEY_INVALID: 'The name "{key}" cannot be used: only letters, digits and underscores, starting with a letter.',
    DESIGNER_PATTERN_INVALID: 'The pattern is not a valid regular expression: {reason}',
    DESIGNER_PATTERN_UNSAFE: 'This pattern can take extremely long on some input (catastrophic backtracking). Please write it more simply.',
    DESIGNER_CONSTRAINT_INVALID: 'The value "{value}" does not fit "{constraint}": a whole number from 0, or a number, is expected.',
    DESIGNER_OPTION_INVALID: 'The value "{value}" cannot be used: only letters, digits, "_" and "-", starting with a letter or digit.',
    DESIGNER_LAST_OPTION: 'A choice needs at least one option; this one stays.',
    DESIGNER_LAST_CHILD: 'A group needs at least one field; this one stays.',
    DESIGNER_LAST_PAGE: 'A form needs at least one page; this one stays.',
  },
  parse: {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'property name expected',
    ValueExpected: 'value expected',
    ColonExpected: 'colon expected',
    CommaExpected: 'comma expected',
    CloseBraceExpected: '"}" expected',
    CloseBracketExpected: '"]" expected',
    EndOfFileExpected: 'end of text expected',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unfinished comment',
    UnexpectedEndOfString: 'unfinished string',
    UnexpectedEndOfNumber: 'unfinished number',
    InvalidUnicode: 'invalid Unicode sequence',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character',
  },
  ui: {
    title: 'Design a program',
    outline: 'Outline',
    form: 'Form',
    page: 'Page',
    field: 'Field',
    properties: 'Properties',
    noSelection: 'Choose a field in the outline.',
    label: 'Label',
    help: 'Help text',
    key: 'Technical name',
    rename: 'Rename',
    kind: 'Kind',
    required: 'Required',
    minLength: 'Minimum length',
    maxLength: 'Maximum length',
    minimum: 'Smallest value',
    maximum: 'Largest value',
    pattern: 'Pattern (regular expression)',
    personalData: 'Personal data',
    retention: 'Retention (ISO 8601 duration, e.g. P3Y)',
    apply: 'Apply',
    addField: 'Add field',
    addPage: 'Add page',
    newFieldKind: 'Kind of the new field',
    remove: 'Delete',
    duplicate: 'Duplicate',
    moveUp: 'Move up',
    moveDown: 'Move down',
    undo: 'Undo',
    redo: 'Redo',
    save: 'Save',
    saveAnyway: 'Save despite problems',
    saveRefused: 'The program has {count} problem(s); "civicflow check" would refuse it. Save anyway?',
    saved: 'Saved.',
    problems: 'Problems',
    noProblems: 'No problems: "civicflow check" accepts the program.',
    goTo: 'Go there',
    preview: 'Preview',
    previewLocale: 'Language of the preview',
    previewUnavailable: 'The preview shows again once the problems are fixed.',
    restored: 'An unsaved working copy from {time} was restored.',
    discardRestored: 'Discard it and load the file',
    moved: '"{label}" is now at position {position} of {count} on page "{page}".',
    added: '"{label}" was added.',
    removed: '"{label}" was deleted.',
    duplicated: '"{label}" was duplicated.',
    undone: 'Undone: {what}',
    redone: 'Redone: {what}',
    nothingToUndo: 'Nothing to undo.',
    nothingToRedo: 'Nothing to redo.',
    shortcuts: 'Keyboard: arrow keys in the outline, Alt+Arrow Up/Down moves, Insert adds a field, Delete deletes, Ctrl+D duplicates, Ctrl+Z / Ctrl+Shift+Z.',
    empty: 'No program loaded.',
    notJsonHere: 'The file is not valid JSON.',
    language: 'Language',
    fieldCount: '{count} fields',
    json: 'JSON',
    jsonHint: 'The program text as it will be saved. Changes here take effect with "Apply JSON"; text that is not valid JSON is refused with its line and column.',
    applyJson: 'Apply JSON',
    revertJson: 'Discard changes to the JSON',
    jsonApplied: 'The JSON was applied.',
  },
  kinds: {
    text: 'Text',
    textarea: 'Long text',
    integer: 'Whole number',
    number: 'Number',
    amount: 'Amount',
    date: 'Date',
    email: 'E-mail address',
    phone: 'Phone number',
    boolean: 'Yes/No',
    consent: 'Consent',
    choice: 'Choice (one)',
    choices: 'Choice (several)',
    file: 'File',
    group: 'Group',
    list: 'Repeated group',
    other: 'Other',
  },
};

/** The designer's words in a locale; anything but German is English. */
export function designerWords(locale: string): DesignerWords {
  return locale.toLowerCase().startsWith('de') ? de : en;
}

/** `designerWords(locale).ui[key]` with `{placeholders}` filled. */
export function uiText(locale: string, key: string, params: Record<string, string | number> = {}): string {
  const t = designerWords(locale).ui[key] ?? key;
  return t.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? ''));
}

/**
 * A locale's name in the designer's language, for the labels of the texts side by side: "Arabisch" for `ar` in a
 * German designer. Leichte Sprache (`de-x-ls`) has no name in the browser's tables, so it has its own.
 */
export function localeName(tag: string, designerLocale: string): string {
  const german = designerLocale.toLowerCase().startsWith('de');
  if (tag.toLowerCase() === 'de-x-ls') return german ? 'Leichte Sprache' : 'Easy German (Leichte Sprache)';
  try {
    const name = new Intl.DisplayNames([german ? 'de' : 'en'], { type: 'language' }).of(tag);
    if (name && name !== tag) return name.charAt(0).toUpperCase() + name.slice(1);
  } catch {
    // A tag the browser's tables do not take: the tag itself names it.
  }
  return tag;
}
