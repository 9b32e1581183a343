import { DurationInvalidError } from './errors.js';

// Years, months, weeks, days and a time part, each a whole number: at least one component after `P`, and a `T`
// only in front of a time component. One pattern for the checks of a definition and for the arithmetic, so a
// duration that passes `check` is always one the server can add.
const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Whether a value is an ISO 8601 duration civicflow can add to a date (`P14D`, `P6M`, `PT48H`, `P1Y2M`). */
export function isDuration(value: unknown): value is string {
  return typeof value === 'string' && DURATION.test(value);
}

/**
 * Adds an ISO 8601 duration (years, months, weeks, days, hours, minutes, seconds) to a date, in UTC.
 *
 * @throws DurationInvalidError `DURATION_INVALID` when `duration` is not one `isDuration` accepts.
 */
export function addDuration(date: Date, duration: string): Date {
  const m = DURATION.exec(duration);
  if (!m) throw new DurationInvalidError(duration);
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number, number];
  const out = new Date(date.getTime());
  out.setUTCFullYear(out.getUTCFullYear() + y, out.getUTCMonth() + mo, out.getUTCDate() + w * 7 + d);
  out.setUTCHours(out.getUTCHours() + h, out.getUTCMinutes() + mi, out.getUTCSeconds() + s);
  return out;
}
