import type { Program } from '@civicflow/core';
import type { AuditEntry, Case } from './case.js';
import type { ApplyResult } from './errors.js';
import { SYSTEM_ACTOR } from './case.js';
import { applyEvent, type ApplyOptions } from './apply-event.js';
import { freezeNew } from './freeze-new.js';
import { refuse } from './refuse.js';

/**
 * Fires a due timer: applies its event to the case as the `system` actor. If the case's state does not take the
 * event (a deadline running into a state that does not accept its event, or a guard that fails), the timer is
 * dropped and the history records that it expired without effect (`refused`), so a server never fires it again.
 * Other refusals (not due, unknown timer) come back as they are.
 */
export function fireTimer(program: Program, c: Case, timerId: string, now: Date, options: ApplyOptions = {}): ApplyResult {
  const timer = c.timers.find((t) => t.id === timerId);
  if (!timer) return refuse('TIMER_UNKNOWN', options.locale ?? program.locales[0] ?? 'en', { timer: timerId, event: '' }, { timer: timerId });
  const result = applyEvent(program, c, { type: timer.event, timer: timerId }, SYSTEM_ACTOR, now, options);
  if (result.ok || (result.code !== 'EVENT_NOT_ALLOWED' && result.code !== 'GUARD_FAILED')) return result;
  const audit: AuditEntry = {
    seq: c.version + 1,
    at: now.toISOString(),
    actor: SYSTEM_ACTOR.id,
    roles: [...SYSTEM_ACTOR.roles],
    event: timer.event,
    from: c.state,
    to: c.state,
    changed: [],
    timer: timer.id,
    refused: result.code,
  };
  const updated: Case = freezeNew({ ...c, version: audit.seq, timers: c.timers.filter((t) => t.id !== timerId), history: [...c.history, audit] });
  return { ok: true, case: updated, audit };
}
