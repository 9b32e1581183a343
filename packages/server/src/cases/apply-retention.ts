import { addDuration, personalFields, redact, escapePointerToken, type Program } from '@civicflow/core';
import { SYSTEM_ACTOR, type Applied, type AuditEntry, type Case } from '@civicflow/workflow';
import type { CaseStore, StoredCase } from '../store/case-store.js';
import type { ProgramRegistry } from '../programs/program-registry.js';
import { RETENTION_EVENT } from '../store/case-store.js';

export interface RetentionSummary {
  /** Cases looked at (those whose data is old enough for the shortest retention of their program). */
  checked: number;
  /** Cases that lost personal data in this run. */
  anonymised: number;
  /** Fields removed in all. */
  fieldsRemoved: number;
}

export interface RetentionOptions {
  store: CaseStore;
  programs: ProgramRegistry;
  now: Date;
  /** Cases per page while walking a program. Default 200. */
  pageSize?: number;
}

/**
 * Pointers of everything `before` has and `after` lacks, at the deepest level where they differ.
 * @internal Also what an erasure records.
 */
export function removedPointers(before: unknown, after: unknown, at = ''): string[] {
  if (typeof before !== 'object' || before === null || typeof after !== 'object' || after === null) return before === after ? [] : [at];
  const out: string[] = [];
  for (const key of Object.keys(before)) {
    const pointer = `${at}/${escapePointerToken(key)}`;
    if (!Object.hasOwn(after, key)) out.push(pointer);
    else out.push(...removedPointers((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], pointer));
  }
  return out;
}

/** The case without its personal data whose retention has passed, counted from when its data last changed. */
export function expireCase(program: Program, c: StoredCase, now: Date): Applied | undefined {
  let data: Case['data'] = c.data;
  const since = new Date(c.dataChangedAt);
  for (const formId of Object.keys(program.definition.forms)) data = redact(program, formId, data, { expired: { since, now } });
  const changed = removedPointers(c.data, data);
  if (changed.length === 0) return undefined;
  return dataRemoved(c, SYSTEM_ACTOR, RETENTION_EVENT, now, data, c.timers, { changed });
}

/**
 * A case after an office removed data from it (retention, erasure): the same state and outcomes, the given data and
 * timers, and one audit entry that names what was removed (`extra.changed`, or worked out) — never the values.
 */
export function dataRemoved(
  c: StoredCase,
  actor: { id: string; roles: readonly string[] },
  event: string,
  now: Date,
  data: Case['data'],
  timers: Case['timers'],
  extra: Partial<AuditEntry> = {},
): Applied {
  const audit: AuditEntry = {
    seq: c.version + 1,
    at: now.toISOString(),
    actor: actor.id,
    roles: [...actor.roles],
    event,
    from: c.state,
    to: c.state,
    changed: removedPointers(c.data, data),
    ...extra,
  };
  const next: Case = { id: c.id, program: c.program, state: c.state, data, version: audit.seq, timers, outcomes: c.outcomes, history: [...c.history, audit] };
  return { ok: true, case: next, audit };
}

/** The latest time data could have changed and already be due for removal: `now` minus the shortest retention, at least. */
function oldestCutoff(programs: Program[], now: Date): Date | undefined {
  let cutoff: Date | undefined;
  for (const p of programs) {
    for (const formId of Object.keys(p.definition.forms)) {
      for (const f of personalFields(p, formId)) {
        if (f.retention === undefined) continue;
        // The duration's length from 1 January 1970, less four days, is no longer than it is from any other start
        // (months differ by three days at most), so the cutoff never skips a case that is due.
        const span = addDuration(new Date(0), f.retention).getTime();
        const lower = new Date(now.getTime() - span + 4 * 86_400_000);
        if (!cutoff || lower > cutoff) cutoff = lower;
      }
    }
  }
  return cutoff;
}

/**
 * Removes personal data past its `x-retention` from every case of the served programs. Each case changes in its own
 * transaction, under its row lock, and gets an audit entry (`civicflow:retention`, actor `system`) that lists the
 * pointers removed, never the values. Cases keep their state, outcomes and history, so reports stay whole.
 * Safe to run again and from several processes.
 */
export async function applyRetention(options: RetentionOptions): Promise<RetentionSummary> {
  const { store, programs, now } = options;
  const pageSize = options.pageSize ?? 200;
  const summary: RetentionSummary = { checked: 0, anonymised: 0, fieldsRemoved: 0 };
  for (const programId of programs.ids()) {
    const versions = programs.list().filter((p) => p.id === programId);
    const changedBefore = oldestCutoff(versions, now);
    if (!changedBefore) continue;
    let after: string | null = null;
    for (;;) {
      const ids = await store.caseIds(programId, after, pageSize, changedBefore);
      for (const id of ids) {
        summary.checked++;
        const result = await store.updateCase(id, undefined, now, (current) => {
          const program = programs.byRef(current.program);
          const applied = program && expireCase(program, current, now);
          return { applied: applied ? [applied] : [] };
        });
        const audit = result?.applied[0]?.audit;
        if (audit) {
          summary.anonymised++;
          summary.fieldsRemoved += audit.changed.length;
        }
      }
      if (ids.length < pageSize) break;
      after = ids[ids.length - 1]!;
    }
  }
  return summary;
}
