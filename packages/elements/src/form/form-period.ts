import type { TemplateResult } from '../internal/lit.js';
import type { FormSessionBase, PeriodTimes } from '@civicflow/core/runtime';
import type { FormView } from './render-form.js';

/** A form outside its periods: whether its next period is still to come (`before`) or its last has ended. */
export interface ClosedForm {
  readonly when: 'before' | 'after';
  readonly period: PeriodTimes;
  /** What the form shows instead of its fields. */
  __render(view: FormView): TemplateResult;
}

/** The server's `/v1/clock` beside an `action` under `…/v1/…`, or undefined for an action elsewhere. */
function clockUrl(action: string | undefined): string | undefined {
  const at = action?.indexOf('/v1/') ?? -1;
  return at < 0 ? undefined : `${action!.slice(0, at)}/v1/clock`;
}

/**
 * The time to decide by: the server's, when the form sends to a civicflow server (which decides again on
 * sending, and may run at another date than the visitor's computer), else this computer's.
 */
async function now(action: string | undefined): Promise<Date> {
  const url = clockUrl(action);
  if (url) {
    try {
      const answer = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
      const time = answer.ok ? Date.parse(((await answer.json()) as { now?: string }).now ?? '') : NaN;
      if (!Number.isNaN(time)) return new Date(time);
    } catch {
      // No answer: this computer's clock, and the server's refusal should it be wrong.
    }
  }
  return new Date();
}

/**
 * Whether the session's form is closed at `at` (else now), for the public (the widget's sender has no roles):
 * undefined for a form that takes submissions then or has no periods. Only for a form with periods does it ask the
 * server's time and import the code that decides and draws a closed form (`form-closed.ts`), both at once. Rejects
 * when that code cannot be fetched.
 */
export async function closedForm(session: FormSessionBase, action: string | undefined, at?: Date): Promise<ClosedForm | undefined> {
  const definition = session.compiled.program.definition;
  if (!(definition.forms[session.formId]?.submissions ?? definition.submissions)) return undefined;
  const [{ closedAt }, time] = await Promise.all([import('./form-closed.js'), at ?? now(action)]);
  return closedAt(session, time);
}
