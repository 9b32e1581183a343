import type { Program, ValidationError } from '@civicflow/core';
import { escapePointerToken } from '@civicflow/core';
import { createCase, type Actor, type Case, type Refusal } from '@civicflow/workflow';
import { validateSubmission } from './validate-submission.js';

/** The state a case of a program without a workflow stays in. */
export const SUBMITTED_STATE = 'submitted';

export type OpenCaseResult =
  | { ok: true; case: Case }
  | { ok: false; errors: ValidationError[] }
  | { ok: false; refusal: Refusal };

/** The form a submission to a program fills: the workflow's `open.form`, else (without a workflow) the first form. */
export function submissionForm(program: Program): string | undefined {
  const wf = program.definition.workflow;
  if (wf) return wf.open?.form;
  return Object.keys(program.definition.forms)[0];
}

/**
 * Opens a case from submitted data, without side effects. With a workflow, `createCase` checks the actor's roles
 * and validates the data (core's `validate`, so the errors are exactly the browser's). A program without a
 * workflow only collects submissions: its cases stay in `submitted` and take no events.
 */
export function openCase(program: Program, id: string, actor: Actor, now: Date, formId: string | undefined, body: unknown, locale: string): OpenCaseResult {
  if (program.definition.workflow) {
    const r = createCase(program, id, actor, now, body, { locale });
    if (r.ok) return { ok: true, case: r.case };
    if (r.code === 'DATA_INVALID' && Array.isArray(r.details.errors)) return { ok: false, errors: r.details.errors as ValidationError[] };
    return { ok: false, refusal: r };
  }
  const checked = validateSubmission(program, formId!, body, { locale });
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
