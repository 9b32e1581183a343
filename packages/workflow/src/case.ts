// The plain-JSON shapes a workflow works on. A server stores them as they are; nothing here holds a class or a Date.

/** The data of a case: the merged fields of the forms its events carried. */
export type CaseData = Record<string, unknown>;

/** Who sends an event: a person (or service) and the workflow roles they act in. */
export interface Actor {
  /** Stable id of the person or service, kept in the audit trail. */
  readonly id: string;
  /** The roles the actor has in this case, such as `coach` or `officer`. */
  readonly roles: readonly string[];
}

/** A timer that will send an event to the case: a state's `after` timer or a running deadline. */
export interface Timer {
  /** `after:<state>:<index>` for a state timer, `deadline:<name>` for a deadline. */
  id: string;
  /** The event the system sends when the timer is due. */
  event: string;
  /** When the timer is due (ISO 8601 date-time, UTC). */
  due: string;
  /** When the timer was started. */
  startedAt: string;
  /** The state whose `after` started it; leaving the state stops it. */
  state?: string;
  /** The deadline it runs for. */
  deadline?: string;
}

/** An outcome a case recorded, such as a language course started. */
export interface OutcomeRecord {
  outcome: string;
  /** When it was recorded (ISO 8601). */
  at: string;
}

/** One entry of a case's history: who did what, when, and what it changed. Holds no personal data, only pointers. */
export interface AuditEntry {
  /** The case version this entry produced: 1 for opening the case, then one more per applied event. */
  seq: number;
  /** When it happened (ISO 8601). */
  at: string;
  /** The actor's id (`system` for timers). */
  actor: string;
  /** The roles the actor acted in. */
  roles: string[];
  /** The event, or null for opening the case. */
  event: string | null;
  /** The state before, or null for opening the case. */
  from: string | null;
  /** The state after. */
  to: string;
  /** JSON Pointers (into the case data) of every field the event added, changed or removed. */
  changed: string[];
  /** JSON Pointer of the transition taken, in the program definition. */
  transition?: string;
  /** The timer that sent the event. */
  timer?: string;
  /** Outcomes recorded by this event. */
  outcomes?: string[];
  /** Set when a due timer's event was refused in the case's state: the timer was dropped and nothing else changed. */
  refused?: string;
  /** Why, for entries a server writes on request (an erasure: the office's reference for the request, never a name). */
  reason?: string;
  /**
   * For an erasure: the personal data it left because the law obliges keeping it until its retention has passed, by
   * JSON Pointer with the program's `x-retention-basis` (never the values). Absent when it kept nothing.
   */
  kept?: { pointer: string; basis: string }[];
  /**
   * For a migration (`civicflow:migration`): the program versions (`id@version`) the case moved from and to, and what
   * happened to its timers. The data before it stays with the store's record of the migration.
   */
  migration?: { from: string; to: string; timers: 'keep' | 'recompute' | 'drop' };
}

/** A case: where it stands in its program's workflow, its data, its timers and its history. Plain JSON. */
export interface Case {
  /** The case's id, chosen by whoever opens it. */
  id: string;
  /** `id@version` of the program it follows. */
  program: string;
  /** The current state. */
  state: string;
  data: CaseData;
  /** Grows by one with every change; equal to `history.length`. A store compares it to serialise concurrent events. */
  version: number;
  /** Timers that are running. */
  timers: Timer[];
  /** Outcomes recorded so far, oldest first. */
  outcomes: OutcomeRecord[];
  /** Every change, oldest first; never shortened. */
  history: AuditEntry[];
}

/** An event sent to a case. */
export interface CaseEvent {
  /** The event's name, as declared in the workflow's `events`. */
  type: string;
  /** The data of the event's form, if it carries one. */
  data?: unknown;
  /** The id of the timer that sends it (only the system actor sends timer events). */
  timer?: string;
}

/** The actor that fires timers. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', roles: Object.freeze(['system']) });
