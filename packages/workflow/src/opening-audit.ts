import type { Actor, AuditEntry, CaseData } from './case.js';
import { changedPointers } from './changed-pointers.js';

/**
 * The first entry of a case's history: who opened it, into which state, and the JSON pointers of the fields its
 * opening data filled in, sorted (`changedPointers` from nothing, as later entries record their changes).
 */
export function openingAudit(actor: Actor, at: string, to: string, data: CaseData): AuditEntry {
  return { seq: 1, at, actor: actor.id, roles: [...actor.roles], event: null, from: null, to, changed: changedPointers({}, data) };
}
