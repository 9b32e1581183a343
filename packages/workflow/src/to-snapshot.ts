import type { SnapshotFrom } from 'xstate';
import type { Program } from '@civicflow/core';
import type { Case } from './case.js';
import { compileWorkflow, type CompiledWorkflow } from './compile-workflow.js';

export type CaseSnapshot = SnapshotFrom<CompiledWorkflow['machine']>;

// The case the last step made, with its snapshot: the next step on it (a walk, a case a server keeps working on) needs
// no snapshot worked out afresh, and, since cases this package makes are deeply frozen, that snapshot stays true for it.
// One case, not a map of them: a WeakMap's entry per step cost about a sixth of applyEvent, mostly in garbage
// collection, while a case read back from JSON, as a server loads one, is never in it anyway.
let lastProgram: Program | undefined;
let lastCase: Case | undefined;
let lastSnapshot: CaseSnapshot | undefined;

/** @internal Remembers the snapshot a deeply frozen case was computed from with the program's machine, till the next step. */
export function rememberSnapshot(program: Program, c: Case, snapshot: CaseSnapshot): void {
  lastProgram = program;
  lastCase = c;
  lastSnapshot = snapshot;
}

/**
 * @internal The snapshot remembered for a case this package made in its last step with this program, else undefined.
 * A case with a remembered snapshot is deeply frozen, all of it.
 */
export function knownSnapshot(program: Program, c: Case): CaseSnapshot | undefined {
  return c === lastCase && program === lastProgram ? lastSnapshot : undefined;
}

/**
 * The XState snapshot of a case: its state value and its context (data, timers, outcomes). A case read back from
 * JSON gives the same snapshot as the case it was written from.
 */
export function toSnapshot(program: Program, c: Case): CaseSnapshot {
  return knownSnapshot(program, c) ?? resolveSnapshot(program, c);
}

/** @internal The snapshot of a case worked out from its state and context, as for a case read back from JSON. */
export function resolveSnapshot(program: Program, c: Case): CaseSnapshot {
  const { machine } = compileWorkflow(program);
  return machine.resolveState({ value: c.state, context: { data: c.data, timers: c.timers, outcomes: c.outcomes } });
}
