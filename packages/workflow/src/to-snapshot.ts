import type { SnapshotFrom } from 'xstate';
import type { Program } from '@civicflow/core';
import type { Case } from './case.js';
import { compileWorkflow, type CompiledWorkflow } from './compile-workflow.js';

export type CaseSnapshot = SnapshotFrom<CompiledWorkflow['machine']>;

// Cases returned by this package are deeply frozen, so the snapshot computed with them stays true for them.
const snapshots = new WeakMap<Case, CaseSnapshot>();

/** @internal Remembers the snapshot a frozen case was computed from. */
export function rememberSnapshot(c: Case, snapshot: CaseSnapshot): void {
  snapshots.set(c, snapshot);
}

/**
 * The XState snapshot of a case: its state value and its context (data, timers, outcomes). A case read back from
 * JSON gives the same snapshot as the case it was written from.
 */
export function toSnapshot(program: Program, c: Case): CaseSnapshot {
  const known = snapshots.get(c);
  if (known) return known;
  const { machine } = compileWorkflow(program);
  return machine.resolveState({ value: c.state, context: { data: c.data, timers: c.timers, outcomes: c.outcomes } });
}
