import type { FieldInfo } from '../form-fields.js';
import type { LaidOutField } from '../layout.js';

/** The controls a form field can be shown with. */
export type ControlKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'integer'
  | 'date'
  /** A date a person knows by heart (a date of birth) in three boxes: day, month, year. Only by the UI's `widget`. */
  | 'memorable-date'
  | 'email'
  | 'tel'
  | 'radio'
  | 'select'
  | 'checkbox'
  | 'checkboxes'
  | 'consent'
  | 'file'
  | 'group'
  | 'list'
  | 'hidden';

type Schema = Record<string, unknown>;

/** A tester: the rank with which it would render the field (higher wins), or -1 when it does not apply. */
export type ControlTester = (field: FieldInfo, entry: LaidOutField | undefined) => number;

/** Builds a tester that ranks `rank` when `predicate` holds. */
export const rankWith =
  (rank: number, predicate: (s: Schema, field: FieldInfo, entry: LaidOutField | undefined) => boolean): ControlTester =>
  (field, entry) =>
    predicate(field.schema, field, entry) ? rank : -1;

const typeIs = (s: Schema, t: string) => s['type'] === t || (Array.isArray(s['type']) && (s['type'] as unknown[]).includes(t));
/** The choices of a field: its `enum`, or the `const` of each `oneOf` branch. */
export function choicesOf(s: Schema): unknown[] | undefined {
  if (Array.isArray(s['enum'])) return s['enum'] as unknown[];
  const oneOf = s['oneOf'];
  if (Array.isArray(oneOf) && oneOf.length > 0 && oneOf.every((b) => typeof b === 'object' && b !== null && 'const' in b)) {
    return oneOf.map((b) => (b as Schema)['const']);
  }
  return undefined;
}
const itemsOf = (s: Schema) => (typeof s['items'] === 'object' && s['items'] !== null ? (s['items'] as Schema) : {});
const RADIO_LIMIT = 5;

/** The built-in ranking; a UI `widget` hint outranks them all. */
export const controlTesters: ReadonlyArray<readonly [ControlKind, ControlTester]> = [
  ['group', (f) => (f.kind === 'group' ? 10 : -1)],
  ['list', (f) => (f.kind === 'list' ? 10 : -1)],
  ['checkboxes', rankWith(9, (s) => typeIs(s, 'array') && s['uniqueItems'] === true && choicesOf(itemsOf(s)) !== undefined)],
  ['file', rankWith(8, (s) => typeof s['contentMediaType'] === 'string' || typeof s['contentEncoding'] === 'string')],
  ['consent', rankWith(7, (s) => typeIs(s, 'boolean') && s['const'] === true)],
  ['checkbox', rankWith(5, (s) => typeIs(s, 'boolean'))],
  ['radio', rankWith(6, (s) => (choicesOf(s)?.length ?? Infinity) <= RADIO_LIMIT)],
  ['select', rankWith(5, (s) => choicesOf(s) !== undefined)],
  ['date', rankWith(4, (s) => s['format'] === 'date')],
  ['email', rankWith(4, (s) => s['format'] === 'email')],
  ['tel', rankWith(4, (_s, _f, e) => e?.autocomplete?.split(' ').includes('tel') === true)],
  ['integer', rankWith(3, (s) => typeIs(s, 'integer'))],
  ['number', rankWith(2, (s) => typeIs(s, 'number'))],
  ['textarea', rankWith(2, (s) => typeIs(s, 'string') && typeof s['maxLength'] === 'number' && (s['maxLength'] as number) > 200)],
  ['text', () => 0],
];

/**
 * Picks the control for a field: the UI's `widget` hint when it suits the field, else the highest-ranked
 * built-in tester. Pure, so it is tested without a DOM; the widget renders what this decides.
 */
export function chooseControl(field: FieldInfo, entry?: LaidOutField): ControlKind {
  const hint = entry?.widget as ControlKind | undefined;
  if (hint && field.kind === 'value') return hint;
  let best: ControlKind = 'text';
  let bestRank = -1;
  for (const [kind, test] of controlTesters) {
    const rank = test(field, entry);
    if (rank > bestRank) {
      best = kind;
      bestRank = rank;
    }
  }
  return best;
}
