import type { Actor } from './case.js';
import type { CompiledWorkflow } from './compile-workflow.js';
import { SYSTEM_ACTOR } from './case.js';

const SYSTEM_ROLE = SYSTEM_ACTOR.roles[0]!;

/** Whether the actor acts as the system (fires timers). */
export function isSystem(actor: Actor): boolean {
  return actor.roles.includes(SYSTEM_ROLE);
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * The roles that may send an event: its declared roles, and the system role when a timer or a waiting list sends it.
 * Worked out once per program (shared and frozen: copy it to hand it on).
 */
export function allowedRoles(compiled: CompiledWorkflow, event: string): readonly string[] {
  return compiled.roles.get(event) ?? NONE;
}

/** Whether one of the actor's roles is among the allowed ones. */
export function mayAct(actor: Actor, allowed: readonly string[]): boolean {
  const roles = actor.roles;
  for (let i = 0; i < roles.length; i++) if (allowed.includes(roles[i]!)) return true;
  return false;
}
