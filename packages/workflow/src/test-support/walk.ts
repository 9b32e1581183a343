// Test helper: runs a walk from examples/<name>/cases/workflow-*.json with `playWalk`, and checks besides that every
// step gives the same on a case read back from JSON.
import { expect } from 'vitest';
import type { Program } from '@civicflow/core';
import { readCaseFile } from '@civicflow/test-support';
import type { Case } from '../case.js';
import { compileWorkflow } from '../compile-workflow.js';
import { toSnapshot } from '../to-snapshot.js';
import { playWalk, type Walk, type WalkStep } from '../walk.js';

export type { Walk, WalkStep };

/** The data a step sends: its `data`, or the `data` of the file named in `dataFrom`. */
export function dataOf(example: string, step: WalkStep): unknown {
  if (!step.dataFrom) return step.data;
  return readCaseFile<{ data: unknown }>(example, step.dataFrom).data;
}

/** The persisted XState snapshot of a case, as XState would store it. */
export function persisted(program: Program, c: Case): unknown {
  return compileWorkflow(program).machine.getPersistedSnapshot(toSnapshot(program, c));
}

/**
 * Runs a walk and checks each step's expectations. Every step is also applied to a copy of the case read back from
 * JSON, which must give the same result and the same XState snapshot. Returns the case at the end.
 */
export function runWalk(program: Program, example: string, walk: Walk): Case {
  const played = playWalk(program, walk, {
    caseId: `${example}-walk`,
    dataFrom: (file) => readCaseFile<{ data: unknown }>(example, file).data,
    onStep: ({ step, before, results, after }, replay) => {
      if (!before) return;
      const label = `step ${step}`;
      expect(replay(JSON.parse(JSON.stringify(before)) as Case), `${label}: the case read back from JSON continues identically`).toEqual(results);
      if (after && after !== before) {
        expect(after.version, label).toBe(before.version + results.length);
        expect(after.history.slice(0, before.history.length), label).toEqual(before.history);
        expect(persisted(program, JSON.parse(JSON.stringify(after)) as Case), `${label}: snapshot from JSON`).toEqual(persisted(program, after));
      }
    },
  });
  expect(played.mismatch, `${walk.about}`).toBeUndefined();
  return played.case!;
}
