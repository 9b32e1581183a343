import type { Program } from '@civicflow/core';
import { matchLocale, periodTextKeys, workflowTextKeys } from '@civicflow/core';

/** Names of a workflow's parts in one locale, from the program's texts. */
export interface WorkflowTexts {
  readonly locale: string;
  state(name: string): string;
  event(name: string): string;
  role(name: string): string;
  outcome(name: string): string;
  /** A period's name, and what to do outside it (empty if the program says nothing). */
  period(name: string): string;
  periodInstead(name: string): string;
  /** The title of an entry of `places`. */
  places(name: string): string;
}

/**
 * Looks up the titles of states and events and the names of roles and outcomes in the program's texts: the
 * locale asked for (or the best match of it, see `matchLocale`), then the program's locales in order, then the
 * plain name.
 */
export function workflowTexts(program: Pick<Program, 'definition' | 'locales'>, locale: string = program.locales[0] ?? 'en'): WorkflowTexts {
  const texts = program.definition.texts ?? {};
  const order = [matchLocale(locale, Object.keys(texts)) ?? locale, ...program.locales];
  const lookup = (key: string, fallback: string) => {
    for (const l of order) {
      const t = texts[l]?.[key];
      if (typeof t === 'string' && t !== '') return t;
    }
    return fallback;
  };
  return {
    locale,
    state: (name) => lookup(workflowTextKeys.stateTitle(name), name),
    event: (name) => lookup(workflowTextKeys.eventTitle(name), name),
    role: (name) => lookup(workflowTextKeys.role(name), name),
    outcome: (name) => lookup(workflowTextKeys.outcome(name), name),
    period: (name) => lookup(periodTextKeys.title(name), name),
    periodInstead: (name) => lookup(periodTextKeys.instead(name), ''),
    places: (name) => lookup(workflowTextKeys.places(name), name),
  };
}
