import type { Case } from './case.js';

/** Freezes a JSON value and everything in it, stopping at parts that are frozen already (shared with an older case). */
export function freezeNew<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) freezeNew(value[i]);
    else for (const key of Object.keys(value)) freezeNew((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * Freezes the case one step made from `before`, a case this package made and so deeply frozen: only what the step
 * made is looked at. The history's older entries, and the fields, timers and outcomes the step left as they were,
 * are `before`'s own, so a step costs the same on a case with a long history as on a new one.
 */
export function freezeStep(next: Case, before: Case): Case {
  Object.freeze(next);
  const history = next.history;
  Object.freeze(history);
  freezeNew(history[history.length - 1]);
  const data = next.data;
  if (data !== before.data && !Object.isFrozen(data)) {
    Object.freeze(data);
    for (const key of Object.keys(data)) {
      const value = data[key];
      if (value !== before.data[key]) freezeNew(value);
    }
  }
  if (next.timers !== before.timers) freezeNew(next.timers);
  if (next.outcomes !== before.outcomes) freezeNew(next.outcomes);
  return next;
}
