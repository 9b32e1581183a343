import formatsModule from 'ajv-formats/dist/formats.js';

type FormatDefinition = { validate: (s: string) => boolean; compare: (a: string, b: string) => number | undefined };
const ajvDate = (formatsModule as unknown as { fullFormats: { date: FormatDefinition } }).fullFormats.date;

/** Days of each month (index 1 to 12) outside a leap year. */
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The value of the ASCII digit at `i`, or -1 for any other character. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * Whether a text is a full date of RFC 3339 (`2024-02-29`): what ajv-formats' `date` accepts, character by character
 * instead of through a regular expression and its match array. Four digits of year (0000 to 9999, a leap year by the
 * Gregorian rule), two of month (01 to 12) and two of day (01 to the month's last day), nothing before or after.
 */
export function isFullDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y0 = digitAt(s, 0);
  const y1 = digitAt(s, 1);
  const y2 = digitAt(s, 2);
  const y3 = digitAt(s, 3);
  const m0 = digitAt(s, 5);
  const m1 = digitAt(s, 6);
  const d0 = digitAt(s, 8);
  const d1 = digitAt(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return false;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1) return false;
  if (day <= DAYS[month]!) return true;
  if (month !== 2 || day !== 29) return false;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/**
 * The `date` format of civicflow's Ajv at run time: `isFullDate`, with ajv-formats' comparison of dates (for
 * `formatMinimum` and the like). Precompiled modules keep ajv-formats' own check, which accepts the same texts.
 */
export const dateFormat: FormatDefinition = { validate: isFullDate, compare: ajvDate.compare };
