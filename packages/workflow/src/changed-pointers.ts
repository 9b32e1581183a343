import { escapePointerToken } from '@civicflow/core';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
  }
  return false;
}

/**
 * JSON Pointers of what differs between two JSON values: objects are compared field by field, anything else
 * (including lists) as a whole. Sorted, so equal changes give equal lists.
 */
export function changedPointers(before: unknown, after: unknown, pointer = '', out: string[] = []): string[] {
  if (before === after) return out;
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      changedPointers(before[key], after[key], `${pointer}/${escapePointerToken(key)}`, out);
    }
  } else if (!sameJson(before, after)) {
    out.push(pointer);
  }
  return pointer === '' ? out.sort() : out;
}
