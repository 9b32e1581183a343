import type { RawError, ValidationError } from './validation-error.js';
import { builtInMessages, fillMessage, shownValue } from '../messages/index.js';
import { escapePointerToken, isUnderAny, maxErrors, pointerToFieldPath } from './pointer.js';
import { textsInLocale } from './texts-in-locale.js';

export { isUnderAny, maxErrors };

/** Texts of one program in one locale, with the built-in catalogue behind them. */
export interface MessageSource {
  readonly formId: string;
  /** The program's texts for the locale and the locales it falls back to (`de` for `de-x-ls`; may be empty). */
  readonly texts: Readonly<Record<string, string>>;
  /** The program's texts for its default locale, used when the requested locale lacks a key. */
  readonly fallbackTexts: Readonly<Record<string, string>>;
  readonly builtIn: Readonly<Record<string, string>>;
  /**
   * Messages already worked out, by schema location (then missing or extra property, and a limit): the same place
   * fails with the same words.
   */
  readonly cache: Map<string, Map<string | number, string>>;
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
    texts: textsInLocale(texts, locales, locale),
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

/** Up to this many raw errors, the errors listed so far are few enough to scan (there are at most this many). */
const FEW = 16;


/** Errors mapped up to a limit, and how many more there were. */
export interface MappedErrors {
  readonly errors: ValidationError[];
  /** How many errors lay beyond the limit (counted as carefully as the listed ones: once each, none of hidden fields). */
  readonly more: number;
}

/**
 * Turns Ajv's raw errors into civicflow's: a missing property points at the property, `if` noise is dropped,
 * errors inside a failed `anyOf`/`oneOf` collapse into it, duplicates go, and errors under hidden fields go.
 */
export function mapErrors(
  raw: readonly RawError[] | null | undefined,
  source: MessageSource,
  hidden?: readonly string[] | ((pointer: string, name?: string) => boolean),
): ValidationError[] {
  return mapErrorsWithin(raw, source, hidden, Number.POSITIVE_INFINITY).errors;
}

/**
 * `mapErrors` that lists at most `limit` errors and counts the rest. Each raw error is looked at a bounded number
 * of times (sets and maps instead of scans), so the work grows with the number of raw errors, never with its
 * square; only the listed errors get a message. The first error at a pointer with a code wins, in Ajv's order.
 */
export function mapErrorsWithin(
  raw: readonly RawError[] | null | undefined,
  source: MessageSource,
  hidden: readonly string[] | ((pointer: string, name?: string) => boolean) | undefined,
  limit: number,
  distinct = false,
): MappedErrors {
  if (!raw || raw.length === 0) return { errors: [], more: 0 };
  // Pointers already mapped, by code; a few errors (the usual case) are compared with those listed instead.
  // One comparison that every call makes: a second one that only some calls reach left V8's optimised code without
  // type feedback for it, and every call that reached it then left that code again (a deopt per validation).
  const seen = raw.length > Math.min(FEW, limit) ? new Map<string, Set<string>>() : undefined;
  // With `distinct`, a code whose errors all come from one schema location needs no set: that location names each
  // place once (see `errorsNameDistinctPlaces`). A set of thousands of pointers took five times as long as Ajv's errors.
  const first = firstLook(raw, seen !== undefined && distinct);
  // Ajv's schema paths are constants of its generated code, so these sets stay as small as the schema.
  const combinators = first.combinators;
  const inside = combinators && new Map<string, boolean>();
  const sole = first.sole;
  let lastCode: string | undefined;
  let lastSole = false;
  const out: ValidationError[] = [];
  let more = 0;
  for (const e of raw) {
    if (e.keyword === 'if') continue;
    if (combinators && inside) {
      let dropped = inside.get(e.schemaPath);
      if (dropped === undefined) inside.set(e.schemaPath, (dropped = isInsideAny(e.schemaPath, combinators)));
      if (dropped) continue;
    }
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
      if (typeof hidden === 'function' ? hidden(pointer, extra) : hidden.length > 0 && isUnderAny(pointer, hidden)) continue;
    }
    const code = e.keyword === 'false schema' ? 'falseSchema' : e.keyword;
    if (seen) {
      if (code !== lastCode) lastSole = sole !== undefined && sole.get((lastCode = code)) !== SEVERAL;
      if (lastSole) {
        if (out.length >= limit) more++;
        else out.push(mapped(e, source, pointer, code, extra));
        continue;
      }
      let pointers = seen.get(code);
      if (!pointers) seen.set(code, (pointers = new Set()));
      if (pointers.has(pointer)) continue;
      pointers.add(pointer);
    } else if (out.some((o) => o.code === code && o.pointer === pointer)) continue;
    if (out.length >= limit) {
      more++;
      continue;
    }
    out.push(mapped(e, source, pointer, code, extra));
  }
  return { errors: out, more };
}

/** One listed error, its message found once per schema location (and missing or extra property, and limit). */
function mapped(e: RawError, source: MessageSource, pointer: string, code: string, extra: string): ValidationError {
  let byExtra = source.cache.get(e.schemaPath);
  if (!byExtra) {
    if (source.cache.size > 5000) source.cache.clear();
    source.cache.set(e.schemaPath, (byExtra = new Map()));
  }
  // A limit taken from another field (`$data`) changes with the data, so it is part of the key: the number itself
  // where it is one and there is no property (no string to make on each call), else a string of both.
  const bound = e.params['limit'];
  const key = bound === undefined ? extra : typeof bound === 'number' && extra === '' ? bound : `${extra}\u0000${shownValue(bound)}`;
  let message = byExtra.get(key);
  if (message === undefined) {
    message = messageFor(source, pointer, code, e.params);
    if (byExtra.size < 100) byExtra.set(key, message);
  }
  return { pointer, code, message, params: e.params };
}

const SEVERAL = '';

/**
 * One look at every error (thousands of them on hostile data cost more to read than to count): the locations of the
 * failed `anyOf`/`oneOf`, and with `distinct`, for each code the one schema location all its errors come from, or
 * `SEVERAL` (also for `dependentRequired`, whose one location may name a missing property for each of several
 * present ones).
 */
function firstLook(raw: readonly RawError[], distinct: boolean): { combinators: Set<string> | undefined; sole: Map<string, string> | undefined } {
  let combinators: Set<string> | undefined;
  const sole = distinct ? new Map<string, string>() : undefined;
  let lastKeyword: string | undefined;
  let lastPath: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const e = raw[i]!;
    const keyword = e.keyword;
    const schemaPath = e.schemaPath;
    if (keyword === lastKeyword && schemaPath === lastPath) continue;
    lastKeyword = keyword;
    lastPath = schemaPath;
    if (COMBINATORS.has(keyword)) (combinators ??= new Set()).add(schemaPath);
    if (sole === undefined) continue;
    const code = keyword === 'false schema' ? 'falseSchema' : keyword;
    const at = sole.get(code);
    if (at === undefined) sole.set(code, code === 'dependentRequired' ? SEVERAL : schemaPath);
    else if (at !== schemaPath && at !== SEVERAL) sole.set(code, SEVERAL);
  }
  return { combinators, sole };
}

/** Keywords after which Ajv's errors at one schema location may name the same place twice. */
const REPEATING = new Set(['$ref', '$dynamicRef', '$recursiveRef', 'propertyNames', 'dependencies', 'dependentRequired']);

/**
 * Whether Ajv's errors for a schema name each place at most once per schema location and code: no schema location is
 * applied to one value twice (no references), none reports several failures at one place (`propertyNames`, one
 * property required by several others), and no `required` list names a property twice. Then `mapErrorsWithin` need
 * not keep a set of the pointers of a code whose errors all come from one location. A conservative look: such a
 * keyword anywhere, even as a property's name, answers no.
 */
export function errorsNameDistinctPlaces(schema: unknown): boolean {
  const fine = (node: unknown, depth: number): boolean => {
    if (depth > 64) return false;
    if (Array.isArray(node)) return node.every((n) => fine(n, depth + 1));
    if (typeof node !== 'object' || node === null) return true;
    for (const [key, value] of Object.entries(node)) {
      if (REPEATING.has(key)) return false;
      if (key === 'required' && Array.isArray(value) && new Set(value).size !== value.length) return false;
      if (!fine(value, depth + 1)) return false;
    }
    return true;
  };
  return fine(schema, 0);
}

/** Whether a schema path lies below one of the given paths (`#/anyOf` holds `#/anyOf/0/required`, not itself). */
function isInsideAny(schemaPath: string, roots: ReadonlySet<string>): boolean {
  for (let i = schemaPath.indexOf('/'); i !== -1; i = schemaPath.indexOf('/', i + 1)) if (roots.has(schemaPath.slice(0, i))) return true;
  return false;
}
