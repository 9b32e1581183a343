import { keptByLaw, parsePointer, redact, type KeptByLaw, type Program } from '@civicflow/core';
import type { Actor, Applied, AuditEntry, Case } from '@civicflow/workflow';
import type { CaseStore, StoredCase } from '../store/case-store.js';
import type { ProgramRegistry } from '../programs/program-registry.js';
import { ERASURE_EVENT } from '../store/case-store.js';
import { ServerError } from '../errors.js';
import { dataRemoved } from './apply-retention.js';

/**
 * The role, held per program (`<program id>:dataProtection`), that may erase a case's personal data on request. It is
 * an office role outside the workflow: whoever handles requests under Art. 17 GDPR, such as the data protection officer.
 */
export const ERASURE_ROLE = 'dataProtection';

/** What an erasure request must say about itself: the office's reference for it (a file or ticket number). */
export const ERASURE_REASON = /^[A-Za-z0-9][A-Za-z0-9 ._:/#-]{0,99}$/;

/** A case's erasure, as recorded: the same for the request that erased it and for every repeat. */
export interface ErasureRecord {
  caseId: string;
  reference: string;
  /** When it was erased (ISO 8601). */
  erasedAt: string;
  /** The audit entry of the erasure: who, when, why, the pointers removed and those kept by law (never the values). */
  entry: AuditEntry;
}

export interface ErasureResult extends ErasureRecord {
  /** False when the case had been erased before and nothing changed now. */
  erased: boolean;
}

export interface EraseCaseOptions {
  store: CaseStore;
  programs: ProgramRegistry;
  caseId: string;
  /** Who erases, as the audit trail names them. */
  actor: Actor;
  /** The office's reference for the request (`ERASURE_REASON`): kept in the audit trail, so never a name. */
  reason: string;
  now: Date;
}

function hasPointer(data: unknown, pointer: string): boolean {
  let node = data;
  for (const token of parsePointer(pointer)) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, token)) return false;
    node = (node as Record<string, unknown>)[token];
  }
  return true;
}

/**
 * The case without its personal data (every field marked `x-personal-data` in any form of its program) except what the
 * law obliges keeping: a field with `x-retention-basis` stays until its retention has passed, counted from when the
 * data last changed, and the retention run removes it then. The audit entry names the pointers removed and those kept
 * with their basis. What the program does not mark stays, as do the state, the outcomes and the history: that the
 * case existed, when, and what happened in it. The case loses its running timers.
 */
export function eraseCaseData(program: Program, c: StoredCase, actor: Actor, reason: string, now: Date): Applied {
  const clock = { since: new Date(c.dataChangedAt), now };
  let data: Case['data'] = c.data;
  const held: KeptByLaw[] = [];
  for (const formId of Object.keys(program.definition.forms)) {
    data = redact(program, formId, data, { keepByLaw: clock });
    held.push(...keptByLaw(program, formId, c.data, clock));
  }
  // Forms share the case's data: a field one form keeps by law and another marks personal without a basis goes, so
  // only what is still there is named; a pointer two forms keep is named once.
  const kept = [...new Map(held.map((k) => [k.pointer, k])).values()].filter((k) => hasPointer(data, k.pointer));
  return dataRemoved(c, actor, ERASURE_EVENT, now, data, [], { reason, ...(kept.length > 0 ? { kept } : {}) });
}

/** The record of an erased case, from its audit trail. */
export function erasureOf(c: StoredCase): ErasureRecord | undefined {
  const entry = c.history.find((h) => h.event === ERASURE_EVENT);
  return entry && c.erasedAt ? { caseId: c.id, reference: c.reference, erasedAt: c.erasedAt, entry } : undefined;
}

/**
 * Erases a case's personal data on request, in one transaction under the case's row lock: the data, the running
 * timers and the digests its submission keys were stored with, plus one audit entry. Idempotent: a case erased before
 * is left as it is and answered with the first erasure's record (`erased: false`). Returns undefined when there is
 * no such case; throws `NOT_FOUND` when the server lacks the case's program version (it cannot tell what is personal).
 * Who may erase is the caller's to decide (the HTTP API asks for `ERASURE_ROLE`).
 */
export async function eraseCase(options: EraseCaseOptions): Promise<ErasureResult | undefined> {
  const { store, programs, caseId, actor, reason, now } = options;
  if (!ERASURE_REASON.test(reason)) throw new ServerError('BODY_INVALID', 'The reason must be a reference of 1 to 100 letters, digits or . _ : / # - and spaces', 400, { reason: '"reason": a file or ticket number' });
  let record: ErasureRecord | undefined;
  const result = await store.updateCase(caseId, undefined, now, (current) => {
    // The row is read under its lock, so `erasedAt` is current even after waiting for a concurrent erasure; the history
    // may be read from before that wait, so the first erasure's entry is looked up after this transaction.
    if (current.erasedAt) return { applied: [] };
    const program = programs.byRef(current.program);
    const at = current.program.lastIndexOf('@');
    if (!program) throw new ServerError('NOT_FOUND', `No program ${current.program}`, 404, { program: current.program.slice(0, at), version: current.program.slice(at + 1) });
    const applied = eraseCaseData(program, current, actor, reason, now);
    record = { caseId: current.id, reference: current.reference, erasedAt: applied.audit.at, entry: applied.audit };
    return { applied: [applied] };
  });
  if (!result) return undefined;
  if (record) return { ...record, erased: true };
  const stored = await store.getCase(caseId);
  const before = stored && erasureOf(stored);
  return before && { ...before, erased: false };
}
