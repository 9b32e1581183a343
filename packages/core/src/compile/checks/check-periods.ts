import type { ProgramCheck } from './context.js';
import { DEFAULT_TIME_ZONE, isLocalDateTime, isTimeZone, localInstant } from '../../runtime/periods.js';
import { escapePointerToken as esc } from '../../runtime/pointer.js';
import { isDuration } from '../../runtime/duration.js';

/**
 * Periods: real local dates and times, a known time zone, an end after the start; and every place that names a
 * period (`submissions` of the program and of each form, timers' and deadlines' `periodEnd`) names a declared one.
 * Roles exempt from a submission rule are roles of the workflow. The period's texts are checked with the others.
 * And the other time of a program: how long older versions accept submissions (`versions.acceptPreviousFor`).
 */
export const checkPeriods: ProgramCheck = (ctx) => {
  const def = ctx.definition;
  const periods = def.periods ?? {};
  for (const [id, period] of Object.entries(periods)) {
    const at = `/periods/${esc(id)}`;
    const zone = period.timeZone ?? DEFAULT_TIME_ZONE;
    const zoneOk = isTimeZone(zone);
    if (!zoneOk) ctx.report('PERIOD_TIME_ZONE_INVALID', `${at}/timeZone`, { value: zone });
    const startOk = isLocalDateTime(period.start);
    const endOk = isLocalDateTime(period.end);
    if (!startOk) ctx.report('PERIOD_TIME_INVALID', `${at}/start`, { value: period.start });
    if (!endOk) ctx.report('PERIOD_TIME_INVALID', `${at}/end`, { value: period.end });
    if (zoneOk && startOk && endOk && localInstant(period.end, zone).getTime() <= localInstant(period.start, zone).getTime()) {
      ctx.report('PERIOD_END_BEFORE_START', `${at}/end`, { period: id, start: period.start, end: period.end });
    }
  }
  // How long older versions accept after this one is published: a duration the server can add (P0D is allowed).
  const acceptPrevious = def.versions?.acceptPreviousFor;
  if (acceptPrevious !== undefined && !isDuration(acceptPrevious)) ctx.report('VERSIONS_DURATION_INVALID', '/versions/acceptPreviousFor', { value: acceptPrevious });
  const known = (id: string) => Object.hasOwn(periods, id);
  const roles = new Set(def.workflow?.roles ?? []);
  const rules = [{ rule: def.submissions, at: '/submissions' }, ...Object.entries(def.forms).map(([id, form]) => ({ rule: form.submissions, at: `/forms/${esc(id)}/submissions` }))];
  for (const { rule, at } of rules) {
    if (!rule) continue;
    rule.periods.forEach((id, i) => {
      if (!known(id)) ctx.report('PERIOD_UNKNOWN', `${at}/periods/${i}`, { period: id });
    });
    (rule.exemptRoles ?? []).forEach((role, i) => {
      if (!roles.has(role)) ctx.report('WORKFLOW_ROLE_UNKNOWN', `${at}/exemptRoles/${i}`, { role });
    });
  }
  const wf = def.workflow;
  if (!wf) return;
  for (const [name, state] of Object.entries(wf.states)) {
    (state.after ?? []).forEach((timer, i) => {
      if (timer.periodEnd !== undefined && !known(timer.periodEnd)) ctx.report('PERIOD_UNKNOWN', `/workflow/states/${esc(name)}/after/${i}/periodEnd`, { period: timer.periodEnd });
    });
  }
  for (const [name, deadline] of Object.entries(wf.deadlines ?? {})) {
    if (deadline.periodEnd !== undefined && !known(deadline.periodEnd)) ctx.report('PERIOD_UNKNOWN', `/workflow/deadlines/${esc(name)}/periodEnd`, { period: deadline.periodEnd });
  }
};
