import { ServerError } from '../errors.js';

/** The months a report covers, both ends included (`YYYY-MM`, UTC as the report counts); an end left out is open. */
export interface ReportRange {
  from?: string;
  to?: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * Reads `from` and `to` of the report's query. The report counts per calendar month (UTC), so its period is given in
 * whole months: a day inside a month would cut a bar in two without saying so. 400 `REPORT_RANGE_INVALID` for
 * anything else, or a `from` after the `to`.
 */
export function reportRange(query: (name: string) => string | undefined): ReportRange {
  const range: ReportRange = {};
  for (const parameter of ['from', 'to'] as const) {
    const value = query(parameter);
    if (value === undefined || value === '') continue;
    if (!MONTH.test(value)) throw new ServerError('REPORT_RANGE_INVALID', `${parameter} must be a month such as 2025-03`, 400, { parameter });
    range[parameter] = value;
  }
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw new ServerError('REPORT_RANGE_INVALID', 'from comes after to', 400, { parameter: 'from' });
  }
  return range;
}

/** Whether a month (`YYYY-MM`) lies in the range. */
export function inReportRange(month: string, range: ReportRange): boolean {
  return (range.from === undefined || month >= range.from) && (range.to === undefined || month <= range.to);
}
