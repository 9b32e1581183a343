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

/** Adds the pointers of what differs between two values that are not the same object to `out`. */
function collect(before: unknown, after: unknown, pointer: string, out: string[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    // Every key of either object once: those of `before`, then those only `after` has. A pointer is written only for
    // a field whose value is not the very same, so the fields an event leaves alone cost a comparison each.
    for (const key of Object.keys(before)) {
      const b = before[key];
      const a = after[key];
      if (b !== a) collect(b, a, `${pointer}/${escapePointerToken(key)}`, out);
    }
    for (const key of Object.keys(after)) {
      if (Object.hasOwn(before, key)) continue;
      const b = before[key];
      const a = after[key];
      if (b !== a) collect(b, a, `${pointer}/${escapePointerToken(key)}`, out);
    }
  } else if (!sameJson(before, after)) {
    out.push(pointer);
  }
}

/**
 * JSON Pointers of what differs between two JSON values: objects are compared field by field, anything else
 * (including lists) as a whole. Sorted, so equal changes give equal lists.
 */
export function changedPointers(before: unknown, after: unknown): string[] {
  const out: string[] = [];
  if (before !== after) collect(before, after, '', out);
  return out.sort();
}
