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

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_REPORTED = 20;

interface Walk {
  maxDepth: number;
  maxString: number;
  maxValues: number;
  count: number;
  path: string[];
  report?: (path: readonly string[], code: string, params: Record<string, unknown>) => boolean;
}

/** Walks the value depth-first; without `report` it stops at the first problem. Depth is bounded, so recursion is safe. */
function walk(value: unknown, depth: number, w: Walk): boolean {
  if (++w.count > w.maxValues) return problem(w, 'tooLarge', { limit: w.maxValues }, true);
  switch (typeof value) {
    case 'string':
      return value.length <= w.maxString || problem(w, 'tooLong', { limit: w.maxString });
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
        if (!w.report || w.count > w.maxValues) return false;
      }
    }
    return ok;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    return problem(w, 'notJson', { type: (value as object).constructor?.name ?? 'object' });
  }
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    w.path.push(key);
    const good = FORBIDDEN_KEYS.has(key)
      ? problem(w, 'forbiddenKey', { key })
      : walk((value as Record<string, unknown>)[key], depth + 1, w);
    w.path.pop();
    if (!good) {
      ok = false;
      if (!w.report || w.count > w.maxValues) return false;
    }
  }
  return ok;
}

function problem(w: Walk, code: string, params: Record<string, unknown>, stop = false): false {
  if (w.report && !w.report(w.path, code, params)) w.count = Number.POSITIVE_INFINITY;
  if (stop) w.count = Number.POSITIVE_INFINITY;
  return false;
}

/**
 * Checks that a value is plain JSON data within limits: no prototype-polluting keys, no functions, dates,
 * class instances, non-finite numbers or cycles (a cycle trips the depth limit). Returns no errors for good data.
 */
export function checkInput(data: unknown, source: MessageSource, limits: InputLimits = {}): ValidationError[] {
  const base = {
    maxDepth: limits.maxDepth ?? 32,
    maxString: limits.maxStringLength ?? 100_000,
    maxValues: limits.maxValues ?? 100_000,
  };
  const errors: ValidationError[] = [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    errors.push({ pointer: '', code: 'notObject', message: messageFor(source, '', 'notObject', {}), params: {} });
    return errors;
  }
  // Fast pass without bookkeeping: good data, the common case, costs one cheap walk.
  if (walk(data, 0, { ...base, count: 0, path: [] })) return errors;
  walk(data, 0, {
    ...base,
    count: 0,
    path: [],
    report: (path, code, params) => {
      const pointer = code === 'tooLarge' ? '' : path.map(escapePointerToken).map((t) => '/' + t).join('');
      errors.push({ pointer, code, message: messageFor(source, pointer, code, params), params });
      return errors.length < MAX_REPORTED;
    },
  });
  return errors;
}
