import { FimError, importFim, warningText, type FimErrorCode, type ImportReport } from '@civicflow/fim';
import { ProgramDocument, type Operation } from '../document/program-document.js';
import { detectStyle, indentAt, isOneLine, nodeAt, parseJsonText } from '../document/json-text.js';
import { designerError } from '../errors.js';
import type { DesignerLocale } from '../strings.js';
import { localesOf } from './form-model.js';
import { newProgramText, type NewProgramOptions } from './templates.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A file the designer was given: its name and its text. */
export interface ChosenFile {
  readonly name: string;
  readonly content: string;
}

/** What an import brought, in words a designer reads. */
export interface FimImport {
  /** The new form's id. */
  readonly formId: string;
  /** The schema's name as FIM writes it (German), which is the form's title. */
  readonly title: string;
  readonly fields: number;
  readonly groups: number;
  /** Every warning of the import, in the designer's language. */
  readonly warnings: readonly string[];
  /** How many code lists the schema names that were not among the files. */
  readonly unresolvedCodeLists: number;
  /** Files given beside the schema that were not code lists, and why. */
  readonly skipped: readonly string[];
  /** Languages of the program other than German: the imported texts are the German ones there, to be translated. */
  readonly untranslated: readonly string[];
}

// The words for what stops an import. FimError's own messages are English and name options of the API; a designer
// reads these instead.
const failures: Record<DesignerLocale, Partial<Record<FimErrorCode | 'NO_SCHEMA', string>>> = {
  de: {
    NO_SCHEMA: 'Keine der gewählten Dateien ist ein XDatenfelder-Dokument (2.0 oder 3.0.0).',
    XML_TOO_LARGE: 'Sie ist größer als 10 MiB.',
    XML_DOCTYPE: 'Sie deklariert einen DOCTYPE oder Entitäten, was FIM-Dateien nie tun.',
    XML_MALFORMED: 'Sie ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}).',
    XML_TOO_DEEP: 'Sie ist tiefer verschachtelt, als ein FIM-Schema sein kann.',
    NOT_XDATENFELDER: 'Sie ist kein XDatenfelder-Dokument.',
    MESSAGE_UNSUPPORTED: 'Diese Art XDatenfelder-Nachricht enthält kein Schema, keine Gruppe und kein Feld.',
    STRUCTURE_CYCLE: 'Eine ihrer Gruppen enthält sich selbst.',
    STRUCTURE_INVALID: 'Ihr Aufbau passt nicht zu XDatenfelder.',
    CODELIST_INVALID: 'Eine beigelegte Codeliste ist keine genericode-Liste.',
  },
  en: {
    NO_SCHEMA: 'None of the files chosen is an XDatenfelder document (2.0 or 3.0.0).',
    XML_TOO_LARGE: 'It is larger than 10 MiB.',
    XML_DOCTYPE: 'It declares a DOCTYPE or entities, which FIM files never do.',
    XML_MALFORMED: 'It is not well-formed XML (line {line}, column {column}).',
    XML_TOO_DEEP: 'It is nested more deeply than a FIM schema can be.',
    NOT_XDATENFELDER: 'It is not an XDatenfelder document.',
    MESSAGE_UNSUPPORTED: 'This kind of XDatenfelder message holds no schema, group or field.',
    STRUCTURE_CYCLE: 'One of its groups contains itself.',
    STRUCTURE_INVALID: 'Its structure does not fit XDatenfelder.',
    CODELIST_INVALID: 'A code list given with it is not a genericode list.',
  },
};

const skipWords: Record<DesignerLocale, Record<string, string>> = {
  de: { NOT_XML: '„{name}“ ist kein XML und bleibt außen vor.', XDATENFELDER: '„{name}“ ist ein weiteres XDatenfelder-Dokument und bleibt außen vor.', NOT_GENERICODE: '„{name}“ ist keine genericode-Codeliste und bleibt außen vor.', TOO_LARGE: '„{name}“ ist größer als 10 MiB und bleibt außen vor.' },
  en: { NOT_XML: '"{name}" is not XML and was left out.', XDATENFELDER: '"{name}" is another XDatenfelder document and was left out.', NOT_GENERICODE: '"{name}" is not a genericode code list and was left out.', TOO_LARGE: '"{name}" is larger than 10 MiB and was left out.' },
};

const fill = (template: string, params: Record<string, string | number | undefined>) => template.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? ''));

const xdatenfelder = /<([A-Za-z_][\w.-]*:)?xdatenfelder\./;

/**
 * Runs the FIM importer on the files chosen: the XDatenfelder document among them is the schema, the others are
 * offered as its code lists (the importer takes the genericode ones and names the rest).
 *
 * @throws DesignerError `DESIGNER_FIM_INVALID` when no file is a schema or the importer refuses it.
 */
function runImport(files: readonly ChosenFile[], formId: string, locale: DesignerLocale): { program: Json; report: ImportReport } {
  const schema = files.find((f) => xdatenfelder.test(f.content));
  if (!schema) throw designerError(locale, 'DESIGNER_FIM_INVALID', { file: files.map((f) => f.name).join(', '), reason: failures[locale].NO_SCHEMA! }, { key: files[0]?.name ?? '' });
  try {
    const { program, report } = importFim(schema.content, { formId, codelistFiles: files.filter((f) => f !== schema) });
    return { program, report };
  } catch (e) {
    if (!(e instanceof FimError)) throw e;
    const reason = fill(failures[locale][e.code] ?? e.message, { line: e.detail?.line, column: e.detail?.column });
    throw designerError(locale, 'DESIGNER_FIM_INVALID', { file: schema.name, reason }, { key: schema.name });
  }
}

/** A form id made from the schema's name ("Anmeldung eines Vereinsfests" → `anmeldungEinesVereinsfests`), not yet taken. */
function formIdFor(label: string, taken: ReadonlySet<string>): string {
  const words = label
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue').replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  let base = words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join('').slice(0, 40);
  if (!/^[A-Za-z]/.test(base)) base = `fim${base}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
  return id;
}

function summary(report: ImportReport, formId: string, title: string, locales: readonly string[], locale: DesignerLocale): FimImport {
  return {
    formId,
    title,
    fields: report.fields,
    groups: report.groups,
    warnings: report.warnings.map((w) => warningText(w, locale)),
    unresolvedCodeLists: report.codeLists.unresolved.length,
    skipped: report.codeLists.skipped.map((s) => fill(skipWords[locale][s.code] ?? s.reason, { name: s.name })),
    untranslated: locales.filter((l) => l !== 'de' && !l.startsWith('de-')),
  };
}

/** The form id the importer is given; its texts are renamed to the form's own id afterwards. */
const IMPORT_ID = 'fim';

/** The imported form's texts (German), keyed as the program keys them under the form's own id. */
const importedTexts = (program: Json, formId: string): Record<string, string> => {
  const texts = isObject(program.texts) && isObject(program.texts.de) ? program.texts.de : {};
  const from = `forms.${IMPORT_ID}.`;
  return Object.fromEntries(
    Object.entries(texts)
      .filter((e): e is [string, string] => typeof e[1] === 'string')
      .map(([k, v]) => [k.startsWith(from) ? `forms.${formId}.${k.slice(from.length)}` : k, v]),
  );
};

/** The imported form, its title (the schema's name) and the id it gets beside the forms `taken`. */
function imported(files: readonly ChosenFile[], taken: ReadonlySet<string>, locale: DesignerLocale) {
  const { program, report } = runImport(files, IMPORT_ID, locale);
  const title = String(isObject(program.title) ? program.title.de : '');
  const formId = formIdFor(title, taken);
  return { program, report, title, formId, form: (program.forms as Json)[IMPORT_ID], texts: importedTexts(program, formId) };
}

/**
 * Imports a FIM schema as a new form of the program, in one step that Undo takes back: the form (after the last) and
 * its texts, written in every language of the program (the FIM texts are German; elsewhere they wait for a
 * translation, which `FimImport.untranslated` says).
 *
 * @throws DesignerError `DESIGNER_FIM_INVALID`, and nothing changes.
 */
export function addFimForm(doc: ProgramDocument, files: readonly ChosenFile[], label?: string): FimImport {
  const forms = doc.get(['forms']);
  const { report, title, formId, form, texts } = imported(files, new Set(isObject(forms) ? Object.keys(forms) : []), doc.locale);
  const locales = localesOf(doc);
  // The edits are worked out on a copy, and the result becomes one step of the document. A real schema brings hundreds
  // of texts per language: added one operation at a time (each parsing the whole text again) that took seconds, so
  // each language's new texts are written after its last text in one insertion.
  const draft = ProgramDocument.parse(doc.text, doc.locale);
  const ops: Operation[] = [isObject(forms) ? { op: 'add', path: ['forms', formId], value: form } : { op: 'add', path: ['forms'], value: { [formId]: form } }];
  const all = doc.get(['texts']);
  const appended: string[] = [];
  if (!isObject(all)) ops.push({ op: 'add', path: ['texts'], value: Object.fromEntries(locales.map((l) => [l, texts])) });
  else {
    for (const l of locales) {
      const inLocale = all[l];
      if (!isObject(inLocale)) ops.push({ op: 'add', path: ['texts', l], value: texts });
      else if (Object.keys(texts).some((key) => key in inLocale) || Object.keys(inLocale).length === 0) {
        for (const [key, value] of Object.entries(texts)) ops.push(key in inLocale ? { op: 'replace', path: ['texts', l, key], value } : { op: 'add', path: ['texts', l, key], value });
      } else appended.push(l);
    }
  }
  draft.apply(ops, '');
  doc.replaceText(appendTexts(draft.text, appended, texts, doc.locale), label ?? `+ ${formId}`);
  return summary(report, formId, title, locales, doc.locale);
}

/**
 * The text with `texts` written after the last text of each of `locales` (objects with members, none of the keys
 * among them), one per line in the file's style, or beside them on a text written on one line.
 */
function appendTexts(text: string, locales: readonly string[], texts: Readonly<Record<string, string>>, locale: DesignerLocale): string {
  const { tree } = parseJsonText(text, locale);
  const style = detectStyle(text);
  const places = locales
    .map((l) => nodeAt(tree, ['texts', l])!)
    .map((node) => {
      const last = node.children!.at(-1)!;
      const inline = isOneLine(text, node);
      const separator = inline ? ', ' : `,${style.eol}${indentAt(text, last.offset)}`;
      return { offset: last.offset + last.length, content: Object.entries(texts).map(([k, v]) => `${separator}${JSON.stringify(k)}: ${JSON.stringify(v)}`).join('') };
    })
    .sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const p of places) out = out.slice(0, p.offset) + p.content + out.slice(p.offset);
  return out;
}

/**
 * A new program whose one form is a FIM schema: the id, title and languages asked for, the form and its texts (German
 * in every language until translated).
 *
 * @throws DesignerError as `newProgramText` and `addFimForm` do.
 */
export function programFromFim(files: readonly ChosenFile[], options: NewProgramOptions, locale: DesignerLocale = 'en'): { text: string; imported: FimImport } {
  const base = JSON.parse(newProgramText('empty', options, locale)) as Json;
  const { program, report, title, formId, form, texts } = imported(files, new Set(), locale);
  const locales = base.locales as string[];
  const description = isObject(program.description) ? program.description.de : undefined;
  const made: Json = {
    $schema: base.$schema,
    id: base.id,
    version: base.version,
    locales,
    title: base.title,
    ...(typeof description === 'string' ? { description: Object.fromEntries(locales.map((l) => [l, description])) } : {}),
    forms: { [formId]: form },
    texts: Object.fromEntries(locales.map((l) => [l, texts])),
  };
  return { text: JSON.stringify(made, null, 2) + '\n', imported: summary(report, formId, title, locales, locale) };
}
