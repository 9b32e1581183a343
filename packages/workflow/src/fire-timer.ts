import type { Program } from '@civicflow/core';
import type { AuditEntry, Case } from './case.js';
import type { ApplyResult, RefusalCode } from './errors.js';
import { SYSTEM_ACTOR } from './case.js';
import { applyEvent, type ApplyOptions } from './apply-event.js';
import { freezeNew } from './freeze-new.js';
import { refuse } from './refuse.js';

// Refusals that say the timer can never take effect on this case as it stands; keeping it would fire it forever.
// The others (not due, unknown timer, another program version) are about the call, and are returned.
const DROPPED_ON: ReadonlySet<RefusalCode> = new Set<RefusalCode>(['EVENT_NOT_ALLOWED', 'GUARD_FAILED', 'DATA_INVALID', 'CASE_FINAL', 'EVENT_UNKNOWN']);

/**
 * Fires a due timer: applies its event to the case as the `system` actor. If the case's state does not take the
 * event (a deadline running into a state that does not accept its event, a guard that fails, a form its event
 * would need, a finished case), the timer is dropped and the history records that it expired without effect
 * (`refused`), so a server never fires it again. Other refusals (not due, unknown timer, another program version)
 * come back as they are.
 */
export function fireTimer(program: Program, c: Case, timerId: string, now: Date, options: ApplyOptions = {}): ApplyResult {
  const timer = c.timers.find((t) => t.id === timerId);
  if (!timer) return refuse('TIMER_UNKNOWN', options.locale ?? program.locales[0] ?? 'en', { timer: timerId, event: '' }, { timer: timerId });
  const result = applyEvent(program, c, { type: timer.event, timer: timerId }, SYSTEM_ACTOR, now, options);
  if (result.ok || !DROPPED_ON.has(result.code)) return result;
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
