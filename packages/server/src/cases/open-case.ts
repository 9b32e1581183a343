import type { Program, ValidationError } from '@civicflow/core';
import { escapePointerToken } from '@civicflow/core';
import { createCase, type Actor, type Case, type Refusal } from '@civicflow/workflow';
import { applyCaseEvent } from './apply-case-event.js';
import { validateSubmission } from './validate-submission.js';

/** The state a case of a program without a workflow stays in. */
export const SUBMITTED_STATE = 'submitted';

/** How a submission of a form opens a case: with the form as the case's opening data, or as the data of a first event. */
export interface SubmissionRoute {
  form: string;
  /** The event of the initial state that carries the form, sent right after the case opens. */
  event?: string;
}

export type OpenCaseResult =
  | { ok: true; case: Case }
  | { ok: false; errors: ValidationError[] }
  | { ok: false; refusal: Refusal };

/** The events a new case accepts that carry a form, in the order the workflow declares them. */
function firstEvents(program: Program): { event: string; form: string; roles: readonly string[] }[] {
  const wf = program.definition.workflow!;
  const accepted = new Set([...Object.keys(wf.states[wf.initial]?.on ?? {}), ...Object.keys(wf.on ?? {})]);
  return Object.entries(wf.events)
    .filter(([name, e]) => accepted.has(name) && e.form !== undefined)
    .map(([event, e]) => ({ event, form: e.form!, roles: e.roles }));
}

/** Every form a submission to the program may carry. */
export function submissionForms(program: Program): string[] {
  const wf = program.definition.workflow;
  if (!wf) return Object.keys(program.definition.forms);
  if (wf.open?.form !== undefined) return [wf.open.form];
  return [...new Set(firstEvents(program).map((e) => e.form))];
}

/**
 * Where a submission of `form` goes. With a workflow that has an opening form (`workflow.open.form`), only that
 * form, which opens the case with its data. A workflow that opens cases empty takes any form carried by an event
 * the new case accepts (such as `SUBMIT` with the application): the case opens and takes that event in one step.
 * Without `form`: the opening form, else the only form a first event carries. An event the sender's roles may send is preferred. Undefined
 * when the form cannot open a case (or, without `form`, when the choice is not clear).
 */
export function submissionRoute(program: Program, form: string | undefined, roles: readonly string[]): SubmissionRoute | undefined {
  const wf = program.definition.workflow;
  const known = (id: string) => Object.hasOwn(program.definition.forms, id);
  if (!wf) {
    const chosen = form ?? Object.keys(program.definition.forms)[0];
    return chosen !== undefined && known(chosen) ? { form: chosen } : undefined;
  }
  // A workflow with an opening form needs its data to open a case, so that form is the only way in.
  if (wf.open?.form !== undefined) return form === undefined || form === wf.open.form ? { form: wf.open.form } : undefined;
  const candidates = firstEvents(program).filter((e) => form === undefined || e.form === form);
  if (form === undefined && new Set(candidates.map((e) => e.form)).size !== 1) return undefined;
  const pick = candidates.find((e) => e.roles.some((r) => roles.includes(r))) ?? candidates[0];
  return pick && { form: pick.form, event: pick.event };
}

/**
 * Opens a case from submitted data, without side effects. With a workflow, `createCase` (and `applyEvent` for a
 * route through a first event) check the actor's roles and validate the data with core's `validate`, so the errors
 * are exactly the browser's. A program without a workflow only collects submissions: its cases stay in `submitted`
 * and take no events.
 */
export function openCase(program: Program, id: string, actor: Actor, now: Date, route: SubmissionRoute, body: unknown, locale: string): OpenCaseResult {
  const failed = (r: Refusal): OpenCaseResult =>
    r.code === 'DATA_INVALID' && Array.isArray(r.details.errors) ? { ok: false, errors: r.details.errors as ValidationError[] } : { ok: false, refusal: r };
  if (program.definition.workflow) {
    const opened = createCase(program, id, actor, now, route.event === undefined ? body : undefined, { locale });
    if (!opened.ok) return failed(opened);
    if (route.event === undefined) return { ok: true, case: opened.case };
    // A deadline that is already over (a call for applications that closed) fires first and the event is refused.
    const first = applyCaseEvent(program, opened.case, { type: route.event, data: body }, actor, now, locale);
    return first.refusal ? failed(first.refusal) : { ok: true, case: first.applied[first.applied.length - 1]!.case };
  }
  const checked = validateSubmission(program, route.form, body, { locale });
  if (!checked.valid) return { ok: false, errors: checked.errors };
  const data = checked.data as Record<string, unknown>;
  const at = now.toISOString();
  return {
    ok: true,
    case: {
      id,
      program: program.ref,
      state: SUBMITTED_STATE,
      data,
      version: 1,
      timers: [],
      outcomes: [],
      history: [
        {
          seq: 1,
          at,
          actor: actor.id,
          roles: [...actor.roles],
          event: null,
          from: null,
          to: SUBMITTED_STATE,
          changed: Object.keys(data).map((k) => `/${escapePointerToken(k)}`),
        },
      ],
    },
  };
}
