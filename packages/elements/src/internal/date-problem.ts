// Which box of a memorable date is wrong, and the sentence that says why: wanted only once a date's answer was
// checked, so the embed build puts it into cf-form.validation.js, which hands it over (`useDateProblem`).
import { DIGITS, type DateProblem, type DateParts } from './memorable-date.js';
import { fillString, type UiStrings } from './ui-strings.js';

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

