import type { AuditEntry, Case } from './case.js';

/** Why an event (or opening a case) was refused. Callers branch on these, never on messages. */
export type RefusalCode =
  /** The case follows another program or another version of it. */
  | 'PROGRAM_MISMATCH'
  /** The case is in a state the workflow does not have (for example written by another version). */
  | 'STATE_UNKNOWN'
  /** The case is in a final state and accepts no events. */
  | 'CASE_FINAL'
  /** The workflow declares no such event. */
  | 'EVENT_UNKNOWN'
  /** The event exists, but the case's current state does not accept it. */
  | 'EVENT_NOT_ALLOWED'
  /** None of the actor's roles may send this event (or open a case). */
  | 'ROLE_FORBIDDEN'
  /** The event's data does not match its form; `details.errors` holds core's validation errors. */
  | 'DATA_INVALID'
  /** Every transition for the event has a guard, and none holds; `details.failed` says which. */
  | 'GUARD_FAILED'
  /** A transition whose guard holds would take a place (`takesPlace`), and all are taken; `details` has `places`, `count`, `used`. */
  | 'NO_PLACE_FREE'
  /** A transition whose guard holds would go beyond a budget (`withinBudget`); `details` has `sum`, `budget`, `used`, `amount`. */
  | 'BUDGET_EXCEEDED'
  /** The case has no running timer with this id (for this event). */
  | 'TIMER_UNKNOWN'
  /** The timer is not due yet. */
  | 'TIMER_NOT_DUE'
  /** The form takes submissions in periods, and the next one has not started; `details.period` names it. */
  | 'PERIOD_NOT_STARTED'
  /** The form takes submissions in periods, and the last one has ended; `details.period` names it. */
  | 'PERIOD_ENDED'
  /** The step would enter a state whose fixed-moment timer has already passed (and whose `late` is not `send`). */
  | 'TIMER_PASSED'
  /** Timers of the case are due: fire them first (`dueTimers`, `fireTimer`), so events happen in the order of time. */
  | 'TIMERS_DUE';

/** A refused event: nothing changed. `details` carries data such as the allowed roles or the validation errors. */
export interface Refusal {
  readonly ok: false;
  readonly code: RefusalCode;
  /** A plain-language explanation in the requested locale (German or English). */
  readonly message: string;
  readonly details: Record<string, unknown>;
}

/** An applied event: the new case and the audit entry appended to its history. */
export interface Applied {
  readonly ok: true;
  readonly case: Case;
  readonly audit: AuditEntry;
}

/** What `applyEvent`, `createCase` and `fireTimer` return. */
export type ApplyResult = Applied | Refusal;

/** Codes of errors the workflow API throws when it is called with something it cannot work with. */
export type WorkflowErrorCode = 'WORKFLOW_MISSING' | 'MIGRATION_MISSING';

/** Thrown where an API promises a result it cannot give, such as compiling a program without a workflow. */
export class WorkflowError extends Error {
  constructor(
    readonly code: WorkflowErrorCode,
    message: string,
    readonly programId?: string,
  ) {
    super(`${message} [${code}]`);
    this.name = 'WorkflowError';
  }
}
