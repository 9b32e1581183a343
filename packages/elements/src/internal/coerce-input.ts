import type { ControlKind } from '@civicflow/core/runtime';

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/**
 * The data value for what a person typed. Empty text removes the value, so that `required` speaks rather
 * than `minLength`. A number that does not parse stays text, so that the schema's `type` message explains it.
 */
export function valueFromText(control: ControlKind, raw: string): unknown {
  if (raw.trim() === '') return undefined;
  if (control === 'integer' || control === 'number') {
    const t = raw.trim();
    // A comma is the decimal separator in German and many other locales.
    return NUMBER.test(t) ? Number(t.replace(',', '.')) : t;
  }
  return raw;
}

/** The text a control shows for a data value. */
export function textFromValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
