import type { DeepReadonly, ProgramDefinition } from '@civicflow/core';
import { DEFAULT_TIME_ZONE, isDuration, isLocalDateTime, localInstant } from '@civicflow/core';

/** When a timer or deadline comes: a duration, a fixed moment, or the end of one of the program's periods. */
export interface TimerWhen {
  readonly duration?: string | undefined;
  readonly at?: string | undefined;
  readonly periodEnd?: string | undefined;
}

type Unit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';
const UNITS: readonly Unit[] = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];

// German needs the dative after "nach" ("nach 14 Tagen"), which Intl's unit names (nominative) do not give.
const WORDS: Record<'de' | 'en', Record<Unit, readonly [string, string]>> = {
  de: { year: ['Jahr', 'Jahren'], month: ['Monat', 'Monaten'], week: ['Woche', 'Wochen'], day: ['Tag', 'Tagen'], hour: ['Stunde', 'Stunden'], minute: ['Minute', 'Minuten'], second: ['Sekunde', 'Sekunden'] },
  en: { year: ['year', 'years'], month: ['month', 'months'], week: ['week', 'weeks'], day: ['day', 'days'], hour: ['hour', 'hours'], minute: ['minute', 'minutes'], second: ['second', 'seconds'] },
};

const PARTS = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

const lang = (locale: string): 'de' | 'en' => (locale.toLowerCase().startsWith('de') ? 'de' : 'en');

/** An ISO 8601 duration in words of the locale: `P14D` → "14 Tagen" / "14 days", `P1Y2M` → "1 Jahr und 2 Monaten". */
export function durationWords(duration: string, locale: string): string | undefined {
  if (!isDuration(duration)) return undefined;
  const l = lang(locale);
  const numbers = new Intl.NumberFormat(locale);
  const parts = PARTS.exec(duration)!
    .slice(1)
    .map((n, i) => ({ n: Number(n ?? 0), unit: UNITS[i]! }))
    .filter((p) => p.n > 0)
    .map((p) => `${numbers.format(p.n)} ${WORDS[l][p.unit][p.n === 1 ? 0 : 1]}`);
  if (parts.length === 0) return l === 'de' ? 'sofort' : 'at once';
  const and = l === 'de' ? ' und ' : ' and ';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')}${and}${parts.at(-1)}`;
}

/** A moment as a person reads it, in the time zone given: "31. März 2019, 23:59" / "March 31, 2019, 23:59". */
export function momentWords(instant: Date, locale: string, timeZone: string): string {
  const date = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone }).format(instant);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(instant);
  return `${date}, ${time}`;
}

/**
 * When a timer comes, in words of the locale and never as an ISO text: "nach 14 Tagen" / "after 14 days", "am 31. März
 * 2019, 23:59" / "on March 31, 2019, 23:59". A period's end is shown in the period's time zone, a fixed moment in the
 * program's default zone. Undefined when the timer names nothing that can be read (a problem `loadProgram` reports).
 */
export function timerWords(timer: TimerWhen, definition: DeepReadonly<ProgramDefinition>, locale: string): string | undefined {
  const l = lang(locale);
  if (timer.duration !== undefined) {
    const words = durationWords(timer.duration, locale);
    return words === undefined ? undefined : `${l === 'de' ? 'nach' : 'after'} ${words}`;
  }
  let moment: string | undefined;
  if (timer.at !== undefined) {
    const instant = new Date(timer.at);
    if (!Number.isNaN(instant.getTime())) moment = momentWords(instant, locale, DEFAULT_TIME_ZONE);
  } else if (timer.periodEnd !== undefined) {
    const period = definition.periods && Object.hasOwn(definition.periods, timer.periodEnd) ? definition.periods[timer.periodEnd] : undefined;
    if (period && typeof period.end === 'string' && isLocalDateTime(period.end)) {
      const zone = period.timeZone ?? DEFAULT_TIME_ZONE;
      try {
        moment = momentWords(localInstant(period.end, zone), locale, zone);
      } catch {
        moment = undefined;
      }
    }
  }
  return moment === undefined ? undefined : `${l === 'de' ? 'am' : 'on'} ${moment}`;
}
