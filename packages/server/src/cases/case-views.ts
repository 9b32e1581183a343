import type { Api, DeepReadonly, Program } from '@civicflow/core';
import { availableEvents, workflowTexts, type Actor, type LimitUsage } from '@civicflow/workflow';
import type { StoredCase } from '../store/case-store.js';
import { seesPersonalData, withoutAnyPersonalData } from './personal-access.js';

/** The steps the actor may take now, with their titles; with the limits' usage, a step needing a taken place says so. */
function offered(program: Program | undefined, c: StoredCase, actor: Actor, locale: string, usage: LimitUsage | undefined) {
  if (!program?.definition.workflow) return [];
  const texts = workflowTexts(program, locale);
  return availableEvents(program, c, actor, { usage, locale }).map((e) => ({ ...e, title: texts.event(e.event) }));
}

function stateTitle(program: Program | undefined, c: StoredCase, locale: string): string {
  return program?.definition.workflow ? workflowTexts(program, locale).state(c.state) : c.state;
}

/**
 * A case as a caseworker sees it: everything stored, with titles, the events they may send now, and the display
 * names of the people in its history (by actor id).
 */
export function caseworkerView(
  program: Program | undefined,
  c: StoredCase,
  actor: Actor,
  locale: string,
  people: Readonly<Record<string, string>> = {},
  usage?: LimitUsage,
): DeepReadonly<Api.CaseworkerCase> {
  // A role the workflow does not let see personal data gets the case without it (`personalDataRoles`).
  const hidden = program !== undefined && !seesPersonalData(program, actor.roles);
  // The applicant's language is the notices' business, not part of the answer.
  const { locale: _locale, ...stored } = c;
  return {
    ...stored,
    ...(hidden ? { data: withoutAnyPersonalData(program, c.data) } : {}),
    personalDataHidden: hidden,
    stateTitle: stateTitle(program, c, locale),
    availableEvents: offered(program, c, actor, locale, usage),
    people,
  };
}

/**
 * A case as its applicant sees it: where it stands, what happened when, and what they may do. Leaves out the
 * data (the applicant entered it; a leaked token should not reveal it) and who in the office did what.
 */
export function applicantView(program: Program | undefined, c: StoredCase, actor: Actor, locale: string, usage?: LimitUsage): DeepReadonly<Api.ApplicantStatus> {
  const texts = program?.definition.workflow ? workflowTexts(program, locale) : undefined;
  const title = (event: string | null) => (event === null ? null : (texts?.event(event) ?? event));
  return {
    id: c.id,
    reference: c.reference,
    program: c.program,
    state: c.state,
    stateTitle: stateTitle(program, c, locale),
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    outcomes: c.outcomes.map((o) => ({ ...o, title: texts?.outcome(o.outcome) ?? o.outcome })),
    deadlines: c.timers.map((t) => ({ event: t.event, title: texts?.event(t.event) ?? t.event, due: t.due })),
    history: c.history.map((h) => ({ at: h.at, event: h.event, title: title(h.event), from: h.from, to: h.to })),
    availableEvents: offered(program, c, actor, locale, usage),
  };
}
