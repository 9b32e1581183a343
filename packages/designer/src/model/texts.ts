import { parse as parseCsv, CsvError } from 'csv-parse/browser/esm/sync';
import { stringify } from 'csv-stringify/browser/esm/sync';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ProgramDocument } from '../document/program-document.js';
import { designerError } from '../errors.js';
import { uiText } from '../strings.js';
import { localesOf, textOperations } from './form-model.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** One text of the program: its key and its wording per locale (a missing one absent). */
export interface TextRow {
  readonly key: string;
  readonly values: Readonly<Record<string, string>>;
}

export interface TextTable {
  readonly locales: readonly string[];
  /** Every key any locale has, in the order of the first locale that has it. */
  readonly rows: readonly TextRow[];
  /** Per locale, how many keys it lacks that another locale has. */
  readonly missing: Readonly<Record<string, number>>;
}

/** Every text of the program by its locales, and how many each locale lacks. */
export function textTable(doc: ProgramDocument): TextTable {
  const locales = localesOf(doc);
  const texts = doc.get(['texts']);
  const keys: string[] = [];
  const seen = new Set<string>();
  const values: Record<string, Record<string, string>> = {};
  for (const l of locales) {
    const inLocale = isObject(texts) ? texts[l] : undefined;
    if (!isObject(inLocale)) continue;
    for (const [k, v] of Object.entries(inLocale)) {
      if (typeof v !== 'string') continue;
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
      (values[k] ??= {})[l] = v;
    }
  }
  const rows = keys.map((key) => ({ key, values: values[key]! }));
  const missing = Object.fromEntries(locales.map((l) => [l, rows.filter((r) => r.values[l] === undefined).length]));
  return { locales, rows, missing };
}

/** Sets (or with an empty text removes) one text in one locale, as one step. */
export function setText(doc: ProgramDocument, locale: string, key: string, text: string, label = `${key} (${locale})`): void {
  doc.apply(textOperations(doc, locale, key, text === '' ? undefined : text), label);
}

/** A text an import would change: its key, locale, wording now (absent when missing) and after. */
export interface TextChange {
  readonly key: string;
  readonly locale: string;
  readonly before?: string;
  readonly after: string;
}

/** What an import would do, before it is applied. */
export interface TextImport {
  readonly changes: readonly TextChange[];
  /** Keys the file names that the program has in no locale: left out, never added. */
  readonly unknownKeys: readonly string[];
}

/**
 * The texts as CSV for translators and spreadsheets: a header `key,<locale>,…`, then one row per key; a missing text
 * is an empty cell. Line breaks and quotes inside texts are quoted as RFC 4180 says (csv-stringify writes it).
 */
export function exportCsv(doc: ProgramDocument): string {
  const t = textTable(doc);
  return stringify([['key', ...t.locales], ...t.rows.map((r) => [r.key, ...t.locales.map((l) => r.values[l] ?? '')])], { record_delimiter: 'windows' });
}

function compare(doc: ProgramDocument, incoming: Iterable<[key: string, locale: string, text: string]>): TextImport {
  const t = textTable(doc);
  const known = new Map(t.rows.map((r) => [r.key, r]));
  const changes: TextChange[] = [];
  const unknown = new Set<string>();
  for (const [key, locale, text] of incoming) {
    const row = known.get(key);
    if (!row) {
      unknown.add(key);
      continue;
    }
    // An empty text says nothing: it never removes a wording.
    if (text === '' || row.values[locale] === text) continue;
    changes.push({ key, locale, ...(row.values[locale] === undefined ? {} : { before: row.values[locale] }), after: text });
  }
  return { changes, unknownKeys: [...unknown] };
}

/**
 * Reads texts from CSV (as `exportCsv` writes it, or as a spreadsheet saves it: with or without a byte order mark,
 * separated by commas or semicolons) and says what would change.
 *
 * @throws DesignerError `DESIGNER_IMPORT_INVALID` for text that is not such a CSV, `DESIGNER_IMPORT_LOCALE` for a
 * column of a language the program does not have.
 */
export function importCsv(doc: ProgramDocument, text: string): TextImport {
  const where = (row: number) => ({ where: uiText(doc.locale, 'importRow', { row }) });
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  // A spreadsheet saved in German separates with semicolons.
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let rows: string[][];
  try {
    rows = parseCsv(clean, { delimiter, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    throw designerError(doc.locale, 'DESIGNER_IMPORT_INVALID', where((e as CsvError & { lines?: number }).lines ?? 1));
  }
  const [header, ...body] = rows;
  if (!header || header[0]?.trim().toLowerCase() !== 'key' || header.length < 2) throw designerError(doc.locale, 'DESIGNER_IMPORT_INVALID', where(1));
  const locales = localesOf(doc);
  const columns = header.slice(1).map((h) => h.trim());
  for (const c of columns) if (!locales.includes(c)) throw designerError(doc.locale, 'DESIGNER_IMPORT_LOCALE', { locale: c });
  function* cells(): Generator<[string, string, string]> {
    for (const row of body) {
      const key = row[0]?.trim() ?? '';
      if (!key) continue;
      for (let i = 0; i < columns.length; i++) yield [key, columns[i]!, row[i + 1] ?? ''];
    }
  }
  return compare(doc, cells());
}

const xliffNs = 'urn:oasis:names:tc:xliff:document:2.0';

/**
 * The texts of one locale as XLIFF 2.0 for a translator: one `<unit>` per text key (its `id`), source in the
 * program's first locale, target in `target` (absent where the text is missing). fast-xml-parser writes the XML.
 */
export function exportXliff(doc: ProgramDocument, target: string): string {
  const t = textTable(doc);
  const source = t.locales[0]!;
  const id = doc.get(['id']);
  const units = t.rows.map((r) => ({
    '@_id': r.key,
    segment: { source: r.values[source] ?? '', ...(r.values[target] === undefined ? {} : { target: r.values[target] }) },
  }));
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: false });
  const body = builder.build({
    xliff: { '@_xmlns': xliffNs, '@_version': '2.0', '@_srcLang': source, '@_trgLang': target, file: { '@_id': typeof id === 'string' ? id : 'program', unit: units } },
  }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

type Node = Record<string, unknown>;
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** The text of an element as the parser gives it: a string, or an object with `#text` (when it has attributes). */
const textOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : isObject(v) && typeof v['#text'] === 'string' ? v['#text'] : isObject(v) && Object.keys(v).every((k) => k.startsWith('@_')) ? '' : undefined);

/**
 * Reads the targets of an XLIFF 2 file (as `exportXliff` writes it, translated; units in groups too, the segments of
 * a unit joined) and says what would change.
 *
 * @throws DesignerError `DESIGNER_IMPORT_INVALID` for text that is not XLIFF 2, `DESIGNER_IMPORT_LOCALE` for a target
 * language the program does not have.
 */
export function importXliff(doc: ProgramDocument, text: string): TextImport {
  const invalid = () => designerError(doc.locale, 'DESIGNER_IMPORT_INVALID', { where: '' });
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw designerError(doc.locale, 'DESIGNER_IMPORT_INVALID', { where: uiText(doc.locale, 'importRow', { row: valid.err.line }) });
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false, trimValues: false });
  const root = (parser.parse(text) as Node).xliff;
  if (!isObject(root) || root['@_xmlns'] !== xliffNs) throw invalid();
  const target = typeof root['@_trgLang'] === 'string' ? root['@_trgLang'] : '';
  if (!localesOf(doc).includes(target)) throw designerError(doc.locale, 'DESIGNER_IMPORT_LOCALE', { locale: target || '–' });
  const found: [string, string, string][] = [];
  const units = (container: Node) => {
    for (const u of list(container.unit)) {
      if (!isObject(u) || typeof u['@_id'] !== 'string') throw invalid();
      const parts = list(u.segment).map((seg) => (isObject(seg) ? textOf(seg.target) : undefined));
      if (parts.some((p) => p === undefined)) continue;
      found.push([u['@_id'], target, parts.join('')]);
    }
    for (const g of list(container.group)) if (isObject(g)) units(g);
  };
  for (const f of list(root.file)) if (isObject(f)) units(f);
  return compare(doc, found);
}

/** Applies an import's changes as one step. */
export function applyTextChanges(doc: ProgramDocument, changes: readonly TextChange[], label: string): void {
  if (changes.length === 0) return;
  const [first, ...rest] = changes;
  doc.apply(textOperations(doc, first!.locale, first!.key, first!.after), label);
  // Each change is worked out on the text the one before made; one undo takes back the whole import.
  for (const c of rest) doc.amend(textOperations(doc, c.locale, c.key, c.after));
}

