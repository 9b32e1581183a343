import type { Case, Timer } from './case.js';

/** The case's timers that are due at `now` (due time not after it), earliest first. Fire each with `fireTimer`. */
export function dueTimers(c: Case, now: Date): Timer[] {
  if (c.timers.length === 0) return [];
  const t = now.getTime();
  return c.timers
    .filter((timer) => Date.parse(timer.due) <= t)
    .sort((a, b) => Date.parse(a.due) - Date.parse(b.due) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
