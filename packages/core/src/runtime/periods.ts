import type { DeepReadonly, ProgramDefinition } from '../model/program.js';
import type { Period } from '../model/generated/program.js';

/** The time zone of a period that names none. */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** Keys of the program texts of a period: its name and what to do outside it. */
export const periodTextKeys = {
  title: (period: string) => `periods.${period}.title`,
  instead: (period: string) => `periods.${period}.instead`,
};

const LOCAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/;

/** A local date and time read as if it were UTC, in milliseconds; meaningful for what `isLocalDateTime` accepts. */
function wallClock(local: string): number {
  const [y, mo, d, h, mi, s = 0] = (local.match(/\d+/g) ?? []).map(Number);
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's wall clock at an instant, read as if it were UTC, minus the instant: the zone's offset then. */
function offsetAt(instant: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const { type, value } of f.formatToParts(instant)) p[type] = Number(value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(instant / 1000) * 1000;
}

/** Whether `timeZone` is an IANA time zone this JavaScript engine knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Whether a local date and time (`2019-11-30T23:59`) names a real day and time of the calendar. */
export function isLocalDateTime(local: string): boolean {
  // Date.UTC rolls 30 February over into March, and 24:00 into the next day: such a date is no date.
  return LOCAL.test(local) && new Date(wallClock(local)).toISOString().startsWith(local);
}

/**
 * The instant a local date and time (checked with `isLocalDateTime`) has in a time zone, by the zone's rules on that
 * date (summer time included). A wall time that a clock change skips (02:30 on the night clocks go forward) is read
 * with the offset before the change, so it lands just after the change.
 *
 * @throws RangeError for an unknown zone.
 */
export function localInstant(local: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const wall = wallClock(local);
  // The zone's offsets a day before and a day after are the ones it can have at that time (clocks change at most
  // once within two days). Of the two candidates the one whose wall clock shows the time asked for wins (the earlier
  // where a clock going back shows it twice); where neither does, the time was skipped, and the later is after it.
  const day = 86_400_000;
  const candidates = [wall - offsetAt(wall - day, timeZone), wall - offsetAt(wall + day, timeZone)];
  const fits = candidates.filter((t) => t + offsetAt(t, timeZone) === wall);
  return new Date(fits.length > 0 ? Math.min(...fits) : Math.max(...candidates));
}

/** A period's start and end as instants, with its time zone. */
export interface PeriodTimes {
  readonly id: string;
  readonly start: Date;
  readonly end: Date;
  readonly timeZone: string;
}

/** A period of the definition as instants. */
export function periodTimes(id: string, period: DeepReadonly<Period>): PeriodTimes {
  const timeZone = period.timeZone ?? DEFAULT_TIME_ZONE;
  return { id, start: localInstant(period.start, timeZone), end: localInstant(period.end, timeZone), timeZone };
}

/** The instant a period of the definition ends (what a timer's `periodEnd` means), or undefined for an unknown period. */
export function periodEnd(definition: DeepReadonly<ProgramDefinition>, id: string): Date | undefined {
  const period = definition.periods && Object.hasOwn(definition.periods, id) ? definition.periods[id] : undefined;
  return period ? localInstant(period.end, period.timeZone ?? DEFAULT_TIME_ZONE) : undefined;
}

/**
 * Whether a form takes submissions at an instant: `open`, or `before` its next period starts, or `after` its last
 * period ended, with that period. A form's own `submissions` replaces the program's; without either it is always
 * open. Roles named in `exemptRoles` may submit at any time.
 */
export type SubmissionWindow = { readonly open: true } | { readonly open: false; readonly when: 'before' | 'after'; readonly period: PeriodTimes };

/** When the form `formId` of a checked definition takes submissions, at `now`, for someone with `roles` (the public has none). */
export function submissionWindow(definition: DeepReadonly<ProgramDefinition>, formId: string, now: Date, roles: readonly string[] = []): SubmissionWindow {
  const rule = definition.forms[formId]?.submissions ?? definition.submissions;
  if (!rule || roles.some((r) => rule.exemptRoles?.includes(r))) return { open: true };
  let next: PeriodTimes | undefined;
  let last: PeriodTimes | undefined;
  for (const id of rule.periods) {
    const p = periodTimes(id, definition.periods![id]!);
    if (p.start > now) next = next && next.start <= p.start ? next : p;
    else if (now < p.end) return { open: true };
    else last = last && last.end >= p.end ? last : p;
  }
  if (next) return { open: false, when: 'before', period: next };
  return last ? { open: false, when: 'after', period: last } : { open: true };
}

/**
 * A moment of a period as a person reads it, in their language and in the period's time zone: a long date and the
 * time of day, with the zone's name added where the reader's own zone (`readerZone`) differs.
 */
export function formatPeriodMoment(instant: Date, locale: string, timeZone: string, readerZone?: string): string {
  const named = readerZone !== undefined && readerZone !== timeZone;
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone };
  return new Intl.DateTimeFormat(locale, named ? { ...options, timeZoneName: 'short' } : options).format(instant);
}
