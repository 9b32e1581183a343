import { DEFAULT_TIME_ZONE, formatPeriodMoment, submissionWindow, type Program } from '@civicflow/core';
import type { Actor, Timer } from './case.js';
import type { CompiledWorkflow } from './compile-workflow.js';
import type { Refusal } from './errors.js';
import type { WorkflowTexts } from './workflow-texts.js';
import { refuse } from './refuse.js';

/**
 * The refusal of a submission of `formId` outside the periods in which the form takes submissions
 * (`submissions` of the form or the program): `PERIOD_NOT_STARTED` before the next one, `PERIOD_ENDED` after the
 * last, each with the period's name, its dates in the locale and the program's words on what to do instead.
 * Undefined while a period is open, for a form without periods, and for roles the rule exempts.
 */
export function periodRefusal(program: Program, formId: string, actor: Actor, now: Date, texts: WorkflowTexts): Refusal | undefined {
  const window = submissionWindow(program.definition, formId, now, actor.roles);
  if (window.open) return undefined;
  const { id, start, end, timeZone } = window.period;
  const locale = texts.locale;
  const params = {
    period: texts.period(id),
    start: formatPeriodMoment(start, locale, timeZone),
    end: formatPeriodMoment(end, locale, timeZone),
    instead: texts.periodInstead(id),
  };
  const details = { form: formId, period: id, start: start.toISOString(), end: end.toISOString(), timeZone };
  const r = refuse(window.when === 'before' ? 'PERIOD_NOT_STARTED' : 'PERIOD_ENDED', locale, params, details);
  return { ...r, message: r.message.trim() };
}

/** The time zone a timer's moment is told in: its period's, else the default one. */
function zoneOf(program: Program, compiled: CompiledWorkflow, timer: Timer): string {
  const [kind, name, index] = timer.id.split(':');
  const source = kind === 'after' ? compiled.workflow.states[name!]?.after?.[Number(index)] : compiled.workflow.deadlines?.[name!];
  const period = source?.periodEnd !== undefined ? program.definition.periods?.[source.periodEnd] : undefined;
  return period?.timeZone ?? DEFAULT_TIME_ZONE;
}

/** Whether a state timer's definition says a case may enter its state after its moment and get its event at once. */
function sendsLate(compiled: CompiledWorkflow, timer: Timer): boolean {
  const [kind, state, index] = timer.id.split(':');
  return kind === 'after' && compiled.workflow.states[state!]?.after?.[Number(index)]?.late === 'send';
}

/**
 * The refusal of a person's step that starts a timer whose fixed moment (`at`, `periodEnd`) has already passed:
 * `TIMER_PASSED`, unless the timer's `late` is `send` (the definition routes such a case through the timer's event).
 * A duration is never passed when it starts, so only timers at a fixed moment can be. Timers the case already had
 * are left to the rule that due timers go first.
 */
export function passedTimerRefusal(program: Program, compiled: CompiledWorkflow, before: readonly Timer[], after: readonly Timer[], now: Date, event: () => string, texts: WorkflowTexts): Refusal | undefined {
  const t = now.getTime();
  const passed = after.find((timer) => Date.parse(timer.due) <= t && !before.some((b) => b.id === timer.id && b.startedAt === timer.startedAt) && !sendsLate(compiled, timer));
  if (!passed) return undefined;
  const due = formatPeriodMoment(new Date(passed.due), texts.locale, zoneOf(program, compiled, passed));
  return refuse('TIMER_PASSED', texts.locale, { event: event(), due }, { timer: passed.id, event: passed.event, due: passed.due });
}
