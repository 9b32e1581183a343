import type { ValidationError } from './validation-error.js';
import type { MessageSource } from './map-errors.js';
import { messageFor } from './map-errors.js';
import { escapePointerToken } from './pointer.js';

/** Limits on submitted data, checked before any schema runs so that no input can crash or stall validation. */
export interface InputLimits {
  /** Deepest nesting of objects and arrays. Default 32. */
  maxDepth?: number;
  /** Longest string in UTF-16 code units. Default 100,000. */
  maxStringLength?: number;
  /** Most values (scalars, objects and arrays) in all. Default 100,000. */
  maxValues?: number;
}

/**
 * Keys input must not hold: those that could pollute a prototype where data is copied or merged, and every name an
 * object inherits (`toString`, `valueOf`, …), since data that shadows one breaks code that calls it on any object —
 * Ajv's equality check for `uniqueItems` among it. No form can declare such a field (the checks reserve these
 * names), so refusing them costs nothing legitimate.
 */
export const forbiddenKeys: readonly string[] = [...new Set(['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)])];
const FORBIDDEN_KEYS = new Set(forbiddenKeys);

/** Whether input must not hold this key (one of `forbiddenKeys`). */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

// A NUL, or a UTF-16 surrogate that is not half of a pair. JSON carries both, PostgreSQL keeps neither: text and
// jsonb refuse NUL, and jsonb refuses a lone surrogate (UTF-8, the database's encoding, has no form for one).
// With the u flag a pair is one code point above U+FFFF, so the range matches only a surrogate on its own.
const UNSTORABLE = /[\0\ud800-\udfff]/u;
/** `String.prototype.isWellFormed` (ES2024: no surrogate on its own), where the engine has it. */
const isWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/**
 * Whether a string can be stored as text: it holds no NUL character and no surrogate without its other half. The
 * engine's own search and `isWellFormed` take a third of the time the regular expression takes, which older engines use.
 */
export function isStorableText(text: string): boolean {
  return isWellFormed ? text.indexOf('\0') === -1 && isWellFormed.call(text) : !UNSTORABLE.test(text);
}
const MAX_REPORTED = 20;

/** The guard's limits with defaults filled in. */
export interface ResolvedLimits {
  readonly maxDepth: number;
  readonly maxStringLength: number;
  readonly maxValues: number;
}

export const defaultLimits: ResolvedLimits = { maxDepth: 32, maxStringLength: 100_000, maxValues: 100_000 };

export function resolveLimits(limits: InputLimits | undefined): ResolvedLimits {
  if (!limits) return defaultLimits;
  return {
    maxDepth: limits.maxDepth ?? defaultLimits.maxDepth,
    maxStringLength: limits.maxStringLength ?? defaultLimits.maxStringLength,
    maxValues: limits.maxValues ?? defaultLimits.maxValues,
  };
}

let budget = 0;

/**
 * Keys found fine before (no forbidden key, storable text): the same field names come in every submission, and one
 * lookup is cheaper than both checks. Bounded, so that data full of distinct keys cannot make it grow.
 */
const GOOD_KEYS = new Set<string>();

function isGoodKey(k: string): boolean {
  if (isForbiddenKey(k) || !isStorableText(k)) return false;
  if (GOOD_KEYS.size < 4096) GOOD_KEYS.add(k);
  return true;
}

/** Fast pass: true when the value is plain JSON within limits. No allocation; depth bounds the recursion. */
function isPlain(value: unknown, depth: number, l: ResolvedLimits): boolean {
  if (--budget < 0) return false;
  switch (typeof value) {
    case 'string':
      return value.length <= l.maxStringLength && isStorableText(value);
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth >= l.maxDepth) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isPlain(value[i], depth + 1, l)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (!GOOD_KEYS.has(k) && !isGoodKey(k)) return false;
    if (!isPlain((value as Record<string, unknown>)[k], depth + 1, l)) return false;
  }
  return true;
}

/**
 * Whether a value found `depth` levels down in the data is plain JSON within the limits, as `checkInput`'s
 * first look sees it there (counting only this value's own values towards the limit). For the places of a schema
 * that says nothing about what they hold (see `guardPlaces` in compile/).
 * @internal
 */
export function isPlainAt(value: unknown, depth: number, limits: ResolvedLimits): boolean {
  budget = limits.maxValues;
  return isPlain(value, depth, limits);
}

/**
 * `isPlainAt` for several values that share one budget of values: the budget left after this value, or -1 when
 * the value is not plain JSON within the limits or holds more values than `left`. For the places of data that a
 * schema refused (see `guardFreeDespiteErrors` in compile/).
 * @internal
 */
export function plainWithin(value: unknown, depth: number, limits: ResolvedLimits, left: number): number {
  budget = left;
  return isPlain(value, depth, limits) ? budget : -1;
}

interface Walk extends ResolvedLimits {
  count: number;
  path: string[];
  report: (path: readonly string[], code: string, params: Record<string, unknown>) => boolean;
}

/** Slow pass, only for bad data: finds each problem with its place. */
function walk(value: unknown, depth: number, w: Walk): boolean {
  if (++w.count > w.maxValues) return problem(w, 'tooLarge', { limit: w.maxValues }, true);
  switch (typeof value) {
    case 'string':
      if (value.length > w.maxStringLength) return problem(w, 'tooLong', { limit: w.maxStringLength });
      return isStorableText(value) || problem(w, 'textNotStorable', {});
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) || problem(w, 'notJson', { value: String(value) });
    case 'object':
      break;
    default:
      return problem(w, 'notJson', { type: typeof value });
  }
  if (value === null) return true;
  if (depth >= w.maxDepth) return problem(w, 'tooDeep', { limit: w.maxDepth });
  let ok = true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      w.path.push(String(i));
      const good = walk(value[i], depth + 1, w);
      w.path.pop();
      if (!good) {
        ok = false;
        if (w.count > w.maxValues) return false;
      }
    }
    return ok;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    return problem(w, 'notJson', { type: (value as object).constructor?.name ?? 'object' });
  }
  for (const key of Object.keys(value)) {
    w.path.push(key);
    const good = isForbiddenKey(key)
      ? problem(w, 'forbiddenKey', { key })
      : isStorableText(key)
        ? walk((value as Record<string, unknown>)[key], depth + 1, w)
        : problem(w, 'textNotStorable', {});
    w.path.pop();
    if (!good) {
      ok = false;
      if (w.count > w.maxValues) return false;
    }
  }
  return ok;
}

function problem(w: Walk, code: string, params: Record<string, unknown>, stop = false): false {
  if (!w.report(w.path, code, params) || stop) w.count = Number.POSITIVE_INFINITY;
  return false;
}

/**
 * Checks that a value is plain JSON data within limits: no prototype-polluting keys, no functions, dates,
 * class instances, non-finite numbers or cycles (a cycle trips the depth limit), and no text a database cannot
 * store (see `isStorableText`), in values or keys. Returns no errors for good data.
 */
export function checkInput(data: unknown, source: MessageSource, limits?: InputLimits | ResolvedLimits): ValidationError[] {
  const l = resolveLimits(limits);
  const errors: ValidationError[] = [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    errors.push({ pointer: '', code: 'notObject', message: messageFor(source, '', 'notObject', {}), params: {} });
    return errors;
  }
  budget = l.maxValues;
  if (isPlain(data, 0, l)) return errors;
  walk(data, 0, {
    ...l,
    count: 0,
    path: [],
    report: (path, code, params) => {
      const pointer = code === 'tooLarge' ? '' : path.map((t) => '/' + escapePointerToken(t)).join('');
      errors.push({ pointer, code, message: messageFor(source, pointer, code, params), params });
      return errors.length < MAX_REPORTED;
    },
  });
  return errors;
}

/**
 * The part of the input guard that data the widget makes itself can trip: strings longer than the limit (a
 * text without `maxLength`, a file read inline) and strings a database cannot store (pasted or typed); its keys
 * are the form's own. Validation without the guard runs this instead, so a person learns of it at the field, not
 * from the server after sending. Same codes, pointers and order as `checkInput`; no deeper than `maxDepth`, so
 * any data can be handed in.
 */
export function ownDataProblems(data: unknown, source: MessageSource, limits?: InputLimits | ResolvedLimits): ValidationError[] {
  // Not resolveLimits: the browser needs these two alone.
  const longest = limits?.maxStringLength ?? defaultLimits.maxStringLength;
  const deepest = limits?.maxDepth ?? defaultLimits.maxDepth;
  const errors: ValidationError[] = [];
  // The usual answer, nothing, found without the path and the closures that place a problem.
  if (ownDataFine(data, 0, longest, deepest)) return errors;
  const path: string[] = [];
  const report = (code: string, params: Record<string, unknown>) => {
    const pointer = path.map((t) => '/' + escapePointerToken(t)).join('');
    errors.push({ pointer, code, message: messageFor(source, pointer, code, params), params });
  };
  const visit = (value: unknown, depth: number): void => {
    if (errors.length >= MAX_REPORTED) return;
    if (typeof value === 'string') {
      if (value.length > longest) report('tooLong', { limit: longest });
      else if (!isStorableText(value)) report('textNotStorable', {});
    } else if (typeof value === 'object' && value !== null && depth < deepest) {
      for (const key of Object.keys(value)) {
        path.push(key);
        visit((value as Record<string, unknown>)[key], depth + 1);
        path.pop();
      }
    }
  };
  visit(data, 0);
  return errors;
}

/** Whether `ownDataProblems` finds nothing in a value: a walk that allocates nothing. */
function ownDataFine(value: unknown, depth: number, longest: number, deepest: number): boolean {
  if (typeof value === 'string') return value.length <= longest && isStorableText(value);
  if (typeof value !== 'object' || value === null || depth >= deepest) return true;
  // Every key, of lists too, as the walk that places problems takes them.
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) if (!ownDataFine((value as Record<string, unknown>)[keys[i]!], depth + 1, longest, deepest)) return false;
  return true;
}

/**
 * Strings a database cannot store (see `isStorableText`), as `textNotStorable` errors: the part of the input guard
 * that validation runs even where it skips the rest (a closed schema, whose own errors name any unknown key, and
 * cannot name this).
 */
export function unstorableText(data: unknown, source: MessageSource): ValidationError[] {
  return ownDataProblems(data, source, { maxStringLength: Infinity });
}
