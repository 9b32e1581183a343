import type { Program } from '@civicflow/core';
import { applyEvent, dueTimers, fireTimer, type Actor, type Applied, type Case, type CaseEvent, type LimitUsage } from '@civicflow/workflow';
import type { ChangeResult } from '../store/case-store.js';

/**
 * Fires the case's due timers as the system, oldest first, and returns what they applied. A timer whose event the
 * workflow refuses outright (which `fireTimer` reserves for timers that vanished or are not due) ends the run.
 */
export function fireDueTimers(program: Program, c: Case, now: Date, usage?: LimitUsage): Applied[] {
  const applied: Applied[] = [];
  let current = c;
  for (const timer of dueTimers(current, now)) {
    const r = fireTimer(program, current, timer.id, now, usage ? { usage } : {});
    if (!r.ok) break;
    applied.push(r);
    current = r.case;
  }
  return applied;
}

/**
 * A person's event on a case, pure: first the timers that are due (so that nothing slips past an expired deadline
 * because the scheduler had not run yet), then the event. The timers count even when the event is refused. A timer
 * the event started at a moment already past (a definition's `late: "send"`) fires at once after it. `usage` is
 * how much of the program's places and budgets the other cases use, as the store counted it under the limits' locks.
 */
export function applyCaseEvent(program: Program, c: Case, event: CaseEvent, actor: Actor, now: Date, locale: string, usage?: LimitUsage): ChangeResult {
  const applied = fireDueTimers(program, c, now, usage);
  const current = applied[applied.length - 1]?.case ?? c;
  const r = applyEvent(program, current, event, actor, now, usage ? { locale, usage } : { locale });
  return r.ok ? { applied: [...applied, r, ...fireDueTimers(program, r.case, now, usage)] } : { applied, refusal: r };
}
