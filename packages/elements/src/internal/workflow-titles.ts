import { applicantDueAt, forLocale, textLookupFor } from '@civicflow/core/runtime';
import type { Api, DeepReadonly } from '@civicflow/core/runtime';

/** The parts of a program version (as `GET /v1/programs/{id}` answers it) that name a workflow's states. */
export type DefinitionTexts = Pick<DeepReadonly<Api.ProgramWithDefinition>, 'locales' | 'definition'>;

/** Titles of a program's workflow in a locale (the locale, its language, then the program's default locale). */
export interface WorkflowTitles {
  readonly program: string;
  state(id: string): string;
  event(id: string): string;
  /** The states in the order the workflow declares them. */
  readonly states: readonly string[];
  isFinal(id: string): boolean;
  /** A program text in the locale (for what the applicant is told in a state). */
  text(key: string): string | undefined;
  /** The due time of the running timer whose date a state tells its applicant (`applicant.due`), if one runs. */
  dueAt(state: string, running: readonly { readonly event: string; readonly due: string }[]): string | undefined;
}

export function workflowTitles(p: DefinitionTexts, locale: string): WorkflowTitles {
  const text = textLookupFor(p.definition.texts, p.locales, locale);
  const title = p.definition.title ?? {};
  const states = p.definition.workflow?.states ?? {};
  return {
    program: forLocale(title, locale) ?? title[p.locales[0] ?? ''] ?? '',
    state: (id) => text(`workflow.states.${id}.title`) ?? id,
    event: (id) => text(`workflow.events.${id}.title`) ?? id,
    states: Object.keys(states),
    isFinal: (id) => states[id]?.final === true,
    text,
    dueAt: (state, running) => applicantDueAt(p.definition.workflow, state, running),
  };
}
