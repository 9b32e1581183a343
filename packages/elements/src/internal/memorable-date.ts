import type { FieldSpec } from './field-specs.js';
import { fillString, type UiStrings } from './ui-strings.js';

/** What the three boxes of a memorable date hold, as typed. */
export interface DateParts {
  readonly day: string;
  readonly month: string;
  readonly year: string;
}

export type DatePart = keyof DateParts;

/** Which boxes are wrong, and the sentence that says why. */
export interface DateProblem {
  readonly parts: readonly DatePart[];
  readonly message: string;
}

const EMPTY: DateParts = { day: '', month: '', year: '' };
const DIGITS = /^\d+$/;

/**
 * The boxes' text for a field's value: `YYYY-MM-DD` split at its dashes. A value of another shape (not one the boxes
 * made) goes whole into the year box, so that nothing is lost and the year's error says what is wrong.
 */
export function partsOfDate(value: unknown): DateParts {
  if (typeof value !== 'string' || value === '') return EMPTY;
  const m = /^([^-]*)-([^-]*)-([^-]*)$/.exec(value);
  return m ? { year: m[1]!, month: m[2]!, day: m[3]! } : { ...EMPTY, year: value };
}

/**
 * The value of what the boxes hold: an ISO date (`1987-03-27`) when all three are numbers and the year has four
 * digits, else the boxes' text joined the same way (`19-3-27`), which fails the field's `format` and survives a
 * refusal and a saved draft as typed. Empty boxes are no answer, so that `required` speaks.
 */
export function dateOfParts(parts: DateParts): string | undefined {
  const clean = (t: string) => t.trim().replace(/-/g, '');
  const day = clean(parts.day);
  const month = clean(parts.month);
  const year = clean(parts.year);
  if (!day && !month && !year) return undefined;
  const numeric = DIGITS.test(day) && DIGITS.test(month) && /^\d{4}$/.test(year);
  const two = (t: string) => (numeric ? String(Number(t)).padStart(2, '0') : t);
  return `${year}-${two(month)}-${two(day)}`;
}

const daysIn = (month: number, year: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** What is wrong with the boxes, naming the box: a missing part first, then day, month and year in turn. */
export function dateProblem(parts: DateParts, strings: UiStrings): DateProblem | undefined {
  const t = { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() };
  const missing = (['day', 'month', 'year'] as const).filter((p) => t[p] === '');
  if (missing.length === 3) return undefined;
  if (missing.length === 2) return { parts: missing, message: strings.dateIncomplete };
  if (missing.length === 1) {
    const part = missing[0]!;
    return { parts: missing, message: part === 'day' ? strings.dateDayMissing : part === 'month' ? strings.dateMonthMissing : strings.dateYearMissing };
  }
  const day = DIGITS.test(t.day) ? Number(t.day) : NaN;
  const month = DIGITS.test(t.month) ? Number(t.month) : NaN;
  if (!(day >= 1 && day <= 31)) return { parts: ['day'], message: strings.dateDayInvalid };
  if (!(month >= 1 && month <= 12)) return { parts: ['month'], message: strings.dateMonthInvalid };
  if (!/^\d{4}$/.test(t.year)) return { parts: ['year'], message: strings.dateYearInvalid };
  const days = daysIn(month, Number(t.year));
  if (day > days) return { parts: ['day'], message: fillString(strings.dateDayTooLarge, { days }) };
  return undefined;
}

/**
 * The message a field shows for its error: for three date boxes that do not make a date, the sentence that names the
 * wrong box (instead of the schema's "not a valid date"); else the error as it is.
 */
export function fieldMessage(spec: FieldSpec | undefined, value: unknown, message: string, strings: UiStrings): string {
  if (spec?.control !== 'memorable-date') return message;
  return dateProblem(partsOfDate(value), strings)?.message ?? message;
}
