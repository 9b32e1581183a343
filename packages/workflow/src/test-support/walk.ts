// Test helper: runs a walk from examples/<name>/cases/workflow-*.json through the workflow API.
import { expect } from 'vitest';
import type { Program } from '@civicflow/core';
import { readCaseFile } from '@civicflow/test-support';
import type { Actor, Case } from '../case.js';
import type { ApplyResult } from '../errors.js';
import { applyEvent } from '../apply-event.js';
import { createCase } from '../create-case.js';
import { dueTimers } from '../due-timers.js';
import { fireTimer } from '../fire-timer.js';
import { compileWorkflow } from '../compile-workflow.js';
import { toSnapshot } from '../to-snapshot.js';
import type { LimitUsage } from '../limits.js';

/** One step of a walk: a person sends an event, or the system fires every timer due at `at`. */
export interface WalkStep {
  at: string;
  as?: string;
  send?: string;
  fireDue?: boolean;
  data?: unknown;
  /** A file in the same cases/ folder whose `data` is the event's data. */
  dataFrom?: string;
  /** The state the case is in afterwards. */
  expect?: string;
  /** The refusal code, when the step must be refused. */
  refused?: string;
  /** For DATA_INVALID: the validation errors as `pointer code`. */
  errors?: string[];
  /** Outcomes this step records. */
  outcomes?: string[];
  /** JSON Pointers of the case data the step changes. */
  changed?: string[];
  /** Ids of the timers running afterwards. */
  timers?: string[];
  /** How much of the places and budgets the program's other cases use when the step is applied, as a server counts it. */
  usage?: LimitUsage;
  /** For a refusal: the message it must say, word for word. */
  message?: string;
}

export interface Walk {
  about: string;
  locale: string;
  actors: Record<string, Actor>;
  open: WalkStep;
  steps: WalkStep[];
  expect?: { outcomes?: string[] };
}

/** The data a step sends: its `data`, or the `data` of the file named in `dataFrom`. */
export function dataOf(example: string, step: WalkStep): unknown {
  if (!step.dataFrom) return step.data;
  return readCaseFile<{ data: unknown }>(example, step.dataFrom).data;
}

/** Fires every timer due at `now`, one after the other, as a server would. */
function fireAllDue(program: Program, c: Case, now: Date): ApplyResult[] {
  const results: ApplyResult[] = [];
  let current = c;
  for (;;) {
    const [next] = dueTimers(current, now);
    if (!next) return results;
    const r = fireTimer(program, current, next.id, now);
    results.push(r);
    if (!r.ok) return results;
    current = r.case;
  }
}

/** The persisted XState snapshot of a case, as XState would store it. */
export function persisted(program: Program, c: Case): unknown {
  return compileWorkflow(program).machine.getPersistedSnapshot(toSnapshot(program, c));
}

function checkStep(label: string, step: WalkStep, before: Case | undefined, results: ApplyResult[]): Case | undefined {
  const last = results[results.length - 1];
  if (step.refused) {
    expect(last?.ok, `${label} should be refused`).toBe(false);
    if (last && !last.ok) {
      expect(last.code, `${label}: ${last.message}`).toBe(step.refused);
      expect(last.message).not.toBe('');
      if (step.message !== undefined) expect(last.message, label).toBe(step.message);
      if (step.errors) {
        const errors = (last.details['errors'] as { pointer: string; code: string }[]).map((e) => `${e.pointer} ${e.code}`);
        expect(errors.sort(), label).toEqual([...step.errors].sort());
      }
    }
    return before;
  }
  const after = last?.ok ? last.case : before;
  for (const r of results) expect(r.ok, `${label}: ${r.ok ? '' : `${r.code} ${r.message}`}`).toBe(true);
  expect(after, label).toBeDefined();
  if (step.expect) expect(after!.state, label).toBe(step.expect);
  const recorded = after!.outcomes.slice(before?.outcomes.length ?? 0).map((o) => o.outcome);
  expect(recorded, `${label}: outcomes`).toEqual(step.outcomes ?? []);
  if (step.changed) expect(results.flatMap((r) => (r.ok ? r.audit.changed : [])), `${label}: changed`).toEqual(step.changed);
  if (step.timers) expect(after!.timers.map((t) => t.id).sort(), `${label}: timers`).toEqual([...step.timers].sort());
  return after;
}

/**
 * Runs a walk and checks each step's expectations. Every step is also applied to a copy of the case read back from
 * JSON, which must give the same result and the same XState snapshot. Returns the case at the end.
 */
export function runWalk(program: Program, example: string, walk: Walk): Case {
  const actor = (name: string | undefined) => walk.actors[name ?? '']!;
  const opts = (step?: WalkStep) => ({ locale: walk.locale, ...(step?.usage ? { usage: step.usage } : {}) });
  const opened = createCase(program, `${example}-walk`, actor(walk.open.as), new Date(walk.open.at), dataOf(example, walk.open), opts());
  let c = checkStep('open', walk.open, undefined, [opened]);
  walk.steps.forEach((step, i) => {
    const label = `step ${i + 1} (${step.send ?? 'fire due timers'} at ${step.at})`;
    const now = new Date(step.at);
    const stored = JSON.parse(JSON.stringify(c)) as Case;
    const run = (from: Case) => (step.fireDue ? fireAllDue(program, from, now) : [applyEvent(program, from, { type: step.send!, data: dataOf(example, step) }, actor(step.as), now, opts(step))]);
    const results = run(c!);
    expect(run(stored), `${label}: the case read back from JSON continues identically`).toEqual(results);
    const next = checkStep(label, step, c, results)!;
    if (next !== c) {
      expect(next.version, label).toBe(c!.version + results.length);
      expect(next.history.slice(0, c!.history.length), label).toEqual(c!.history);
      expect(persisted(program, JSON.parse(JSON.stringify(next)) as Case), `${label}: snapshot from JSON`).toEqual(persisted(program, next));
    }
    c = next;
  });
  if (walk.expect?.outcomes) expect(c!.outcomes.map((o) => o.outcome)).toEqual(walk.expect.outcomes);
  return c!;
}
