import { isPatternSafe } from '@civicflow/core';
import type { FimCodeListRef, FimField } from './read-xdf.js';
import type { CodeList } from './read-genericode.js';
import type { ImportWarning, TextParams } from './report.js';
import { createWarning } from './messages.js';

/**
 * The characters of DIN SPEC 91379 (string.latin+ 1.2, the Latin, Greek and Cyrillic letters and signs of
 * Datentyp C) by Unicode block: Basic Latin, Latin-1, Latin Extended-A/B, the IPA letters and modifiers the
 * spec uses, the combining diacritics, Latin Extended Additional, Greek, Cyrillic and the euro sign. It admits
 * a few characters of those blocks that the spec leaves out, and refuses everything else (emoji, CJK,
 * control characters).
 */
export const latinPattern =
  '^[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A0-\\u024F\\u0259\\u0292\\u02B9-\\u02BF\\u02C8\\u02CC\\u0300-\\u036F\\u0370-\\u03FF\\u0400-\\u04FF\\u1E00-\\u1EFF\\u20AC]*$';

/** Hours and minutes, `00:00` to `23:59`. */
export const timePattern = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

export interface MappedField {
  readonly schema: Record<string, unknown>;
  /** Labels of the choices by value, for `options.<value>` texts. */
  readonly options?: ReadonlyMap<string, string>;
  readonly widget?: 'hidden';
}

type Warn = (code: ImportWarning['code'], params: TextParams) => void;

export interface CodeListLookup {
  /** The list a field's reference names; `other` when only another version of it was supplied. */
  find(ref: FimCodeListRef): { list: CodeList; other?: true } | undefined;
}

/**
 * The JSON Schema of one FIM Datenfeld: its Datentyp, its praezisierung and its choices. Problems that the
 * mapping works around are pushed to `warnings`.
 */
export function mapField(field: FimField, codeLists: CodeListLookup, warnings: ImportWarning[]): MappedField {
  const warn: Warn = (code, params) => warnings.push(createWarning(code, field.id, params));
  const schema: Record<string, unknown> = { 'x-fim-id': field.id };
  const options = choicesOf(field, codeLists, warn);
  if (field.limitsUnreadable !== undefined) warn('PRAEZISIERUNG_INVALID', { variant: 'json', value: field.limitsUnreadable });

  if (options) {
    schema['type'] = 'string';
    schema['enum'] = [...options.keys()];
  } else {
    Object.assign(schema, typeSchema(field, warn));
    if (schema['type'] === 'string' && !schema['format'] && !schema['contentEncoding'] && schema['pattern'] !== timePattern) addTextLimits(schema, field, warn);
    if (schema['type'] === 'number' || schema['type'] === 'integer') addNumberLimits(schema, field, warn);
  }
  if (field.feldart === 'locked') schema['readOnly'] = true;
  if (!['input', 'select', 'label', 'hidden', 'locked', ''].includes(field.feldart)) warn('FELDART_UNKNOWN', { feldart: field.feldart });
  const bool = schema['type'] === 'boolean' ? new Map([['true', 'Ja'], ['false', 'Nein']]) : undefined;
  return { schema, ...((options ?? bool) ? { options: (options ?? bool)! } : {}), ...(field.feldart === 'hidden' ? { widget: 'hidden' as const } : {}) };
}

function choicesOf(field: FimField, codeLists: CodeListLookup, warn: Warn): Map<string, string> | undefined {
  if (field.values) return new Map(field.values.map((v) => [v.code, v.label]));
  if (field.codeList) {
    const found = codeLists.find(field.codeList);
    const list = found?.list;
    if (!list) {
      warn('CODELIST_MISSING', { list: field.codeList.versionUri || field.codeList.urn, label: field.label });
      return undefined;
    }
    if (found.other) {
      warn('CODELIST_VERSION_DIFFERS', { label: field.label, wanted: field.codeList.versionUri || `${field.codeList.urn} version ${field.codeList.version}`, supplied: list.versionUri || `version ${list.version}` });
    }
    if (list.entries.length === 0) {
      warn('CODELIST_EMPTY', { list: list.versionUri || list.urn, label: field.label });
      return undefined;
    }
    return new Map(list.entries.map((e) => [e.code, e.label]));
  }
  if (field.feldart === 'select') warn('SELECT_WITHOUT_VALUES', { label: field.label });
  return undefined;
}

function typeSchema(field: FimField, warn: Warn): Record<string, unknown> {
  switch (field.datentyp) {
    case 'text':
      return { type: 'string' };
    case 'text_latin':
      return { type: 'string', pattern: latinPattern };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'time':
      return { type: 'string', pattern: timePattern };
    case 'bool':
      return { type: 'boolean', enum: [true, false] };
    case 'num':
    case 'num_currency':
      return { type: 'number' };
    case 'num_int':
      return { type: 'integer' };
    case 'file':
    case 'obj':
      return { type: 'string', contentEncoding: 'base64' };
    default:
      warn('DATATYPE_UNKNOWN', { datentyp: field.datentyp, label: field.label });
      return { type: 'string' };
  }
}

function addTextLimits(schema: Record<string, unknown>, field: FimField, warn: Warn): void {
  for (const key of ['minLength', 'maxLength'] as const) {
    const raw = field.limits[key];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 0) schema[key] = n;
    else warn('PRAEZISIERUNG_INVALID', { variant: 'integer', key, value: raw });
  }
  const pattern = field.limits.pattern;
  if (pattern === undefined) return;
  // FIM patterns are HTML input patterns, which must match the whole value.
  const anchored = `^(?:${pattern})$`;
  let compiles = true;
  try {
    new RegExp(anchored, 'u');
  } catch {
    compiles = false;
  }
  if (!compiles || !isPatternSafe(anchored)) {
    warn('PATTERN_UNSAFE', { variant: compiles ? 'slow' : 'invalid', pattern });
    return;
  }
  if (typeof schema['pattern'] === 'string') schema['allOf'] = [{ pattern: anchored }];
  else schema['pattern'] = anchored;
}

function addNumberLimits(schema: Record<string, unknown>, field: FimField, warn: Warn): void {
  for (const [key, target] of [['minValue', 'minimum'], ['maxValue', 'maximum']] as const) {
    const raw = field.limits[key];
    if (raw === undefined) continue;
    const n = Number(raw.replace(',', '.'));
    if (Number.isFinite(n)) schema[target] = n;
    else warn('PRAEZISIERUNG_INVALID', { variant: 'number', key, value: raw });
  }
}
