import type { Program } from '@civicflow/core';

/** How a submission of a form opens a case: with the form as the case's opening data, or as the data of a first event. */
export interface SubmissionRoute {
  form: string;
  /** The event of the initial state that carries the form, sent right after the case opens. */
  event?: string;
}

interface FirstEvent {
  event: string;
  form: string;
  roles: readonly string[];
}

/** The events a new case accepts that carry a form, in the order the workflow declares them. */
function firstEvents(program: Program): FirstEvent[] {
  const wf = program.definition.workflow!;
  const accepted = new Set([...Object.keys(wf.states[wf.initial]?.on ?? {}), ...Object.keys(wf.on ?? {})]);
  return Object.entries(wf.events)
    .filter(([name, e]) => accepted.has(name) && e.form !== undefined)
    .map(([event, e]) => ({ event, form: e.form!, roles: e.roles }));
}

/**
 * Every form a submission to the program may carry: the workflow's opening form (`workflow.open.form`), else each
 * form an event of a new case carries. A program without a workflow takes any of its forms.
 */
export function submissionForms(program: Program): string[] {
  const wf = program.definition.workflow;
  if (!wf) return Object.keys(program.definition.forms);
  if (wf.open?.form !== undefined) return [wf.open.form];
  return [...new Set(firstEvents(program).map((e) => e.form))];
}

/**
 * Where a submission of `form` goes. With a workflow that has an opening form (`workflow.open.form`), only that
 * form, which opens the case with its data. A workflow that opens cases empty takes any form carried by an event
 * the new case accepts (such as `SUBMIT` with the application): the case opens and takes that event in one step;
 * when several events carry the form, one that the sender's `roles` may send is preferred. A program without a
 * workflow takes any of its forms.
 *
 * @param form The form submitted; without it, the opening form, else the only form a first event carries, else the
 *   only one among those the sender's `roles` may send (without a workflow, the program's first form).
 * @returns The route, or undefined when the form cannot open a case (or, without `form`, when the choice is not clear).
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
  const mayDo = candidates.filter((e) => e.roles.some((r) => roles.includes(r)));
  if (form === undefined) {
    // Without a form asked for, the choice is clear when one form opens cases, or one form among those the sender may send.
    const formsOf = (events: FirstEvent[]) => new Set(events.map((e) => e.form));
    const chosen = formsOf(candidates).size === 1 ? candidates : formsOf(mayDo).size === 1 ? mayDo : [];
    const pick = chosen.find((e) => mayDo.includes(e)) ?? chosen[0];
    return pick && { form: pick.form, event: pick.event };
  }
  const pick = mayDo[0] ?? candidates[0];
  return pick && { form: pick.form, event: pick.event };
}
