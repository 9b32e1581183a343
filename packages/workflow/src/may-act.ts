import type { Actor } from './case.js';
import type { CompiledWorkflow } from './compile-workflow.js';
import { SYSTEM_ACTOR } from './case.js';

const SYSTEM_ROLE = SYSTEM_ACTOR.roles[0]!;

/** Whether the actor acts as the system (fires timers). */
export function isSystem(actor: Actor): boolean {
  return actor.roles.includes(SYSTEM_ROLE);
}

/** The roles that may send an event: its declared roles, and the system role when a timer or a waiting list sends it. */
export function allowedRoles(compiled: CompiledWorkflow, event: string): string[] {
  const roles = [...(compiled.workflow.events[event]?.roles ?? [])];
  if ((compiled.timerEvents.has(event) || compiled.offerEvents.has(event)) && !roles.includes(SYSTEM_ROLE)) roles.push(SYSTEM_ROLE);
  return roles;
}

/** Whether one of the actor's roles is among the allowed ones. */
export function mayAct(actor: Actor, allowed: readonly string[]): boolean {
  return actor.roles.some((r) => allowed.includes(r));
}
