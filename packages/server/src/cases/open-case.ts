import type { Program, ValidationError } from '@civicflow/core';
import { createCase, createSubmittedCase, periodRefusal, workflowTexts, type Actor, type Case, type LimitUsage, type Refusal, type SubmissionRoute } from '@civicflow/workflow';
import { applyCaseEvent } from './apply-case-event.js';

export type OpenCaseResult =
  | { ok: true; case: Case }
  | { ok: false; errors: ValidationError[]; moreErrors?: number }
  | { ok: false; refusal: Refusal };

/**
 * Opens a case from submitted data, without side effects. With a workflow, `createCase` (and `applyEvent` for a
 * route through a first event) check the actor's roles and validate the data with core's `validate`, so the errors
 * are exactly the browser's. A program without a workflow only collects submissions: `createSubmittedCase` opens its
 * cases in `submitted`, where they stay and take no events. `usage` counts the program's places and budgets for a
 * first event that takes from them.
 */
export function openCase(program: Program, id: string, actor: Actor, now: Date, route: SubmissionRoute, body: unknown, locale: string, usage?: LimitUsage): OpenCaseResult {
  const failed = (r: Refusal): OpenCaseResult => {
    if (r.code !== 'DATA_INVALID' || !Array.isArray(r.details.errors)) return { ok: false, refusal: r };
    const errors = r.details.errors as ValidationError[];
    return typeof r.details.moreErrors === 'number' ? { ok: false, errors, moreErrors: r.details.moreErrors } : { ok: false, errors };
  };
  // Outside the form's periods nothing is opened: the sender learns that the call is closed, not why a case was refused.
  const outside = periodRefusal(program, route.form, actor, now, workflowTexts(program, locale));
  if (outside) return { ok: false, refusal: outside };
  if (!program.definition.workflow) {
    const collected = createSubmittedCase(program, route.form, id, actor, now, body, { locale });
    return collected.ok ? { ok: true, case: collected.case } : failed(collected);
  }
  const opened = createCase(program, id, actor, now, route.event === undefined ? body : undefined, { locale });
  if (!opened.ok) return failed(opened);
  if (route.event === undefined) return { ok: true, case: opened.case };
  // A deadline that is already over (a call for applications that closed) fires first and the event is refused.
  const first = applyCaseEvent(program, opened.case, { type: route.event, data: body }, actor, now, locale, usage);
  return first.refusal ? failed(first.refusal) : { ok: true, case: first.applied[first.applied.length - 1]!.case };
}
