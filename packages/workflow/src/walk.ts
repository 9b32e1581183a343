// Walks: a case's way through a workflow written down as steps and what must follow each, kept beside a program as
// `cases/workflow-*.json`. `playWalk` plays one and says where it first goes another way; the tests of the examples
// and the designer's saved walks both use it.
import type { Program } from '@civicflow/core';
import type { Actor, Case } from './case.js';
import type { ApplyResult } from './errors.js';
import { applyEvent } from './apply-event.js';
import { createCase } from './create-case.js';
import { dueTimers } from './due-timers.js';
import { fireTimer } from './fire-timer.js';
import type { LimitUsage } from './limits.js';

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

/** A walk: who takes part, how the case is opened, and its steps. */
export interface Walk {
  about: string;
  locale: string;
  actors: Record<string, Actor>;
  open: WalkStep;
  steps: WalkStep[];
  expect?: { outcomes?: string[] };
}

/**
 * Where a walk went another way than it says: the step (0 for the opening, then 1, 2, … for `steps`; `steps.length
 * + 1` for the walk's final `expect`) and what differs. `expected` and `actual` are names and codes, for a caller to
 * put in words.
 */
export type WalkMismatch =
  | { step: number; kind: 'actor'; expected: string; actual?: undefined }
  | { step: number; kind: 'notRefused'; expected: string; actual: string }
  | { step: number; kind: 'refusedOtherwise'; expected: string; actual: string; message: string }
  | { step: number; kind: 'refused'; expected?: string; actual: string; message: string }
  | { step: number; kind: 'state'; expected: string; actual: string }
  | { step: number; kind: 'outcomes' | 'changed' | 'timers' | 'errors'; expected: string[]; actual: string[] }
  | { step: number; kind: 'message'; expected: string; actual: string };

/** What one step of a walk gave. */
export interface PlayedStep {
  /** 0 for the opening, then the step's place in `steps` plus one. */
  readonly step: number;
  readonly before: Case | undefined;
  /** The results, in order: one for an event, one per timer fired for `fireDue`. */
  readonly results: readonly ApplyResult[];
  readonly after: Case | undefined;
}

export interface PlayOptions {
  /** The data of a step's `dataFrom` file (its `data`); without it, such a step sends no data. */
  readonly dataFrom?: (file: string) => unknown;
  /** A case id for the walk's case (default `walk`). */
  readonly caseId?: string;
  /** Runs the step again from `before` (a test does, on a copy read back from JSON): the same results are expected. */
  readonly onStep?: (played: PlayedStep, replay: (from: Case) => ApplyResult[]) => void;
}

/** The result of playing a walk: the case at the end (or where it went another way), and the first mismatch. */
export interface PlayedWalk {
  readonly case: Case | undefined;
  readonly mismatch?: WalkMismatch;
}

const sorted = (xs: readonly string[]) => [...xs].sort();
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Fires every timer due at `now`, one after the other, as a server would; stops at the first refusal. */
export function fireAllDue(program: Program, c: Case, now: Date, locale?: string): ApplyResult[] {
  const results: ApplyResult[] = [];
  let current = c;
  for (;;) {
    const [next] = dueTimers(current, now);
    if (!next) return results;
    const r = fireTimer(program, current, next.id, now, locale === undefined ? {} : { locale });
    results.push(r);
    if (!r.ok) return results;
    current = r.case;
  }
}

/** The data a step sends: its `data`, or what `dataFrom` reads. */
function dataOf(step: WalkStep, options: PlayOptions): unknown {
  return step.dataFrom && options.dataFrom ? options.dataFrom(step.dataFrom) : step.data;
}

/** Compares a step's results with what it says must follow; returns the case after it, or the first mismatch. */
function checkStep(n: number, step: WalkStep, before: Case | undefined, results: readonly ApplyResult[]): { case: Case | undefined; mismatch?: WalkMismatch } {
  const last = results[results.length - 1];
  if (step.refused) {
    if (!last || last.ok) return { case: last?.ok ? last.case : before, mismatch: { step: n, kind: 'notRefused', expected: step.refused, actual: last?.ok ? last.case.state : (before?.state ?? '') } };
    if (last.code !== step.refused) return { case: before, mismatch: { step: n, kind: 'refusedOtherwise', expected: step.refused, actual: last.code, message: last.message } };
    if (step.message !== undefined && last.message !== step.message) return { case: before, mismatch: { step: n, kind: 'message', expected: step.message, actual: last.message } };
    if (step.errors) {
      const errors = ((last.details['errors'] ?? []) as { pointer: string; code: string }[]).map((e) => `${e.pointer} ${e.code}`);
      if (!same(sorted(errors), sorted(step.errors))) return { case: before, mismatch: { step: n, kind: 'errors', expected: step.errors, actual: errors } };
    }
    return { case: before };
  }
  const refusal = results.find((r) => !r.ok);
  if (refusal && !refusal.ok) return { case: before, mismatch: { step: n, kind: 'refused', ...(step.expect === undefined ? {} : { expected: step.expect }), actual: refusal.code, message: refusal.message } };
  const after = last?.ok ? last.case : before;
  if (!after) return { case: after, mismatch: { step: n, kind: 'state', expected: step.expect ?? '', actual: '' } };
  if (step.expect !== undefined && after.state !== step.expect) return { case: after, mismatch: { step: n, kind: 'state', expected: step.expect, actual: after.state } };
  const recorded = after.outcomes.slice(before?.outcomes.length ?? 0).map((o) => o.outcome);
  if (!same(recorded, step.outcomes ?? [])) return { case: after, mismatch: { step: n, kind: 'outcomes', expected: step.outcomes ?? [], actual: recorded } };
  if (step.changed) {
    const changed = results.flatMap((r) => (r.ok ? r.audit.changed : []));
    if (!same(changed, step.changed)) return { case: after, mismatch: { step: n, kind: 'changed', expected: step.changed, actual: changed } };
  }
  if (step.timers) {
    const timers = sorted(after.timers.map((t) => t.id));
    if (!same(timers, sorted(step.timers))) return { case: after, mismatch: { step: n, kind: 'timers', expected: step.timers, actual: timers } };
  }
  return { case: after };
}

/**
 * Plays a walk on a program: opens the case, applies each step (an event, or every timer due at its time) and
 * compares what follows with what the step says. Stops at the first step that goes another way.
 */
export function playWalk(program: Program, walk: Walk, options: PlayOptions = {}): PlayedWalk {
  const opts = (step: WalkStep) => ({ locale: walk.locale, ...(step.usage ? { usage: step.usage } : {}) });
  const actorOf = (name: string | undefined): Actor | undefined => (name !== undefined && Object.hasOwn(walk.actors, name) ? walk.actors[name] : undefined);
  const opener = actorOf(walk.open.as);
  if (!opener) return { case: undefined, mismatch: { step: 0, kind: 'actor', expected: walk.open.as ?? '' } };
  const opened = createCase(program, options.caseId ?? 'walk', opener, new Date(walk.open.at), dataOf(walk.open, options), opts(walk.open));
  options.onStep?.({ step: 0, before: undefined, results: [opened], after: opened.ok ? opened.case : undefined }, () => [opened]);
  const first = checkStep(0, walk.open, undefined, [opened]);
  if (first.mismatch) return first;
  let c = first.case;
  for (const [i, step] of walk.steps.entries()) {
    const n = i + 1;
    const now = new Date(step.at);
    const actor = step.fireDue ? undefined : actorOf(step.as);
    if (!step.fireDue && !actor) return { case: c, mismatch: { step: n, kind: 'actor', expected: step.as ?? '' } };
    const run = (from: Case): ApplyResult[] => (step.fireDue ? fireAllDue(program, from, now, walk.locale) : [applyEvent(program, from, { type: step.send ?? '', data: dataOf(step, options) }, actor!, now, opts(step))]);
    const results = run(c!);
    const checked = checkStep(n, step, c, results);
    options.onStep?.({ step: n, before: c, results, after: checked.case }, run);
    if (checked.mismatch) return checked;
    c = checked.case;
  }
  if (walk.expect?.outcomes) {
    const all = c!.outcomes.map((o) => o.outcome);
    if (!same(all, walk.expect.outcomes)) return { case: c, mismatch: { step: walk.steps.length + 1, kind: 'outcomes', expected: walk.expect.outcomes, actual: all } };
  }
  return { case: c };
}
