import type { FieldSpec } from './field-specs.js';
import type { UiStrings } from './ui-strings.js';

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
export const DIGITS = /^\d+$/;

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

/** What says which box is wrong, and why (`dateProblem`), once it is there: see `useDateProblem`. */
let problemOf: ((parts: DateParts, strings: UiStrings) => DateProblem | undefined) | undefined;

/**
 * Hands over what says which of the boxes is wrong (date-problem.ts). A date has a problem only once its answer was
 * checked, so the embed bundle gets this with the code that checks answers (`cf-form.validation.js`); the package's
 * define.ts hands it over at once. Until then a date's error marks all three boxes and keeps its own words.
 */
export function useDateProblem(problem: typeof problemOf): void {
  problemOf = problem;
}

/** The boxes that make a date's error: the one named by its problem, else all three (an error of the whole date). */
export function wrongDateParts(parts: DateParts, strings: UiStrings): readonly DatePart[] {
  return problemOf?.(parts, strings)?.parts ?? ['day', 'month', 'year'];
}

/**
 * The message a field shows for its error: for three date boxes that do not make a date, the sentence that names the
 * wrong box (instead of the schema's "not a valid date"); else the error as it is.
 */
export function fieldMessage(spec: FieldSpec | undefined, value: unknown, message: string, strings: UiStrings): string {
  if (spec?.control !== 'memorable-date') return message;
  return problemOf?.(partsOfDate(value), strings)?.message ?? message;
}
