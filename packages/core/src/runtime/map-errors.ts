import type { RawError, ValidationError } from './validation-error.js';
import { builtInMessages, fillMessage } from '../messages/index.js';
import { escapePointerToken, pointerToFieldPath } from './pointer.js';
import { forLocale } from './locale.js';

/** Texts of one program in one locale, with the built-in catalogue behind them. */
export interface MessageSource {
  readonly formId: string;
  /** The program's texts for the locale (may be empty). */
  readonly texts: Readonly<Record<string, string>>;
  /** The program's texts for its default locale, used when the requested locale lacks a key. */
  readonly fallbackTexts: Readonly<Record<string, string>>;
  readonly builtIn: Readonly<Record<string, string>>;
  /** Messages already worked out, by schema location (then missing or extra property): the same place fails with the same words. */
  readonly cache: Map<string, Map<string, string>>;
}

export function createMessageSource(
  formId: string,
  texts: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined,
  locales: readonly string[],
  locale: string,
): MessageSource {
  const defaultLocale = locales[0] ?? 'en';
  return {
    formId,
    texts: forLocale(texts, locale) ?? {},
    fallbackTexts: texts?.[defaultLocale] ?? {},
    builtIn: builtInMessages(locale),
    cache: new Map(),
  };
}

/** The keyword variant that picks a more precise built-in message (`format.email`, `type.integer`, `minLength.1`). */
function variantOf(code: string, params: Record<string, unknown>): string | undefined {
  switch (code) {
    case 'format':
      return String(params['format']);
    case 'type':
      return String(params['type']);
    case 'const':
      return String(params['allowedValue']);
    case 'minLength':
    case 'minItems':
      return params['limit'] === 1 ? '1' : undefined;
    default:
      return undefined;
  }
}

/** Finds the message for an error: the field's own text, the program's text for the code, then built-in. */
export function messageFor(source: MessageSource, pointer: string, code: string, params: Record<string, unknown>): string {
  const variant = variantOf(code, params);
  const field = pointerToFieldPath(pointer);
  const fieldKey = `forms.${source.formId}.fields.${field}.errors.${code}`;
  const programKey = `errors.${code}`;
  const template =
    (variant !== undefined && source.texts[`${fieldKey}.${variant}`]) ||
    source.texts[fieldKey] ||
    (variant !== undefined && source.texts[`${programKey}.${variant}`]) ||
    source.texts[programKey] ||
    (variant !== undefined && source.builtIn[`${code}.${variant}`]) ||
    source.builtIn[code] ||
    source.fallbackTexts[fieldKey] ||
    source.builtIn['type'] ||
    code;
  return fillMessage(template, params);
}

const COMBINATORS = new Set(['anyOf', 'oneOf']);

/**
 * Turns Ajv's raw errors into civicflow's: a missing property points at the property, `if` noise is dropped,
 * errors inside a failed `anyOf`/`oneOf` collapse into it, duplicates go, and errors under hidden fields go.
 */
export function mapErrors(
  raw: readonly RawError[] | null | undefined,
  source: MessageSource,
  hidden?: readonly string[] | ((pointer: string) => boolean),
): ValidationError[] {
  if (!raw || raw.length === 0) return [];
  const combinatorPaths: string[] = [];
  for (const e of raw) if (COMBINATORS.has(e.keyword)) combinatorPaths.push(e.schemaPath + '/');
  const out: ValidationError[] = [];
  for (const e of raw) {
    if (e.keyword === 'if') continue;
    if (combinatorPaths.length > 0 && combinatorPaths.some((p) => e.schemaPath.startsWith(p))) continue;
    let pointer = e.instancePath;
    let extra = '';
    if (e.keyword === 'required' || e.keyword === 'dependentRequired') {
      extra = String(e.params['missingProperty']);
      pointer += '/' + escapePointerToken(extra);
    } else if (e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') {
      extra = String(e.params[e.keyword === 'additionalProperties' ? 'additionalProperty' : 'unevaluatedProperty']);
      pointer += '/' + escapePointerToken(extra);
    }
    // Hidden values were removed before validation, so only a missing field can be a hidden one.
    if (hidden && extra && (e.keyword === 'required' || e.keyword === 'dependentRequired')) {
      if (typeof hidden === 'function' ? hidden(pointer) : hidden.length > 0 && isUnderAny(pointer, hidden)) continue;
    }
    const code = e.keyword === 'false schema' ? 'falseSchema' : e.keyword;
    if (isDuplicate(out, pointer, code)) continue;
    // Ajv's schema paths are constants of its generated code, so looking them up is cheap.
    let byExtra = source.cache.get(e.schemaPath);
    if (!byExtra) {
      if (source.cache.size > 5000) source.cache.clear();
      source.cache.set(e.schemaPath, (byExtra = new Map()));
    }
    let message = byExtra.get(extra);
    if (message === undefined) {
      message = messageFor(source, pointer, code, e.params);
      if (byExtra.size < 100) byExtra.set(extra, message);
    }
    out.push({ pointer, code, message, params: e.params });
  }
  return out;
}

/** Errors are few: a scan beats building keys for a set. */
function isDuplicate(out: readonly ValidationError[], pointer: string, code: string): boolean {
  for (const o of out) if (o.code === code && o.pointer === pointer) return true;
  return false;
}

/** Whether `pointer` equals one of `roots` or lies below it. */
export function isUnderAny(pointer: string, roots: readonly string[]): boolean {
  for (const r of roots) {
    if (pointer.startsWith(r) && (pointer.length === r.length || pointer.charCodeAt(r.length) === 47 /* '/' */)) return true;
  }
  return false;
}
