import { maxErrors, type Program } from '@civicflow/core';
import type { Actor, AuditEntry, Case, CaseData, CaseEvent } from './case.js';
import type { ApplyResult, Refusal } from './errors.js';
import { compileWorkflow, TAKEN, type CompiledWorkflow, type MachineEvent, type ReturnedAction } from './compile-workflow.js';
import { isoTime } from './iso-time.js';
import { knownSnapshot, rememberSnapshot, resolveSnapshot } from './to-snapshot.js';
import { changedPointers } from './changed-pointers.js';
import { freezeNew, freezeStep } from './freeze-new.js';
import { readFormData, refuseData } from './read-form-data.js';
import { refuse } from './refuse.js';
import { workflowTexts, type WorkflowTexts } from './workflow-texts.js';
import { allowedRoles, isSystem, mayAct } from './may-act.js';
import { dueTimers } from './due-timers.js';
import { passedTimerRefusal, periodRefusal } from './period-refusal.js';
import { checkLimits, limitRefusal, type LimitUsage } from './limits.js';

export interface ApplyOptions {
  /** Locale of refusal messages and validation errors; defaults to the program's first locale. */
  locale?: string;
  /**
   * How much of the workflow's `places` and budgets (`sums` with a `budget`) the program's other cases use now. Only
   * transitions with `takesPlace` or `withinBudget` look at it; without it those limits count as unused, so a caller
   * running such a workflow for many cases must count (see docs/workflows.md, "Places and budgets").
   */
  usage?: LimitUsage;
}

/** The program's texts, looked up only when a refusal needs them: applied events never do (one object per call). */
class LazyTexts implements WorkflowTexts {
  private texts: WorkflowTexts | undefined;
  constructor(
    private readonly program: Program,
    readonly locale: string,
  ) {}
  private get(): WorkflowTexts {
    return (this.texts ??= workflowTexts(this.program, this.locale));
  }
  state(n: string) {
    return this.get().state(n);
  }
  event(n: string) {
    return this.get().event(n);
  }
  role(n: string) {
    return this.get().role(n);
  }
  outcome(n: string) {
    return this.get().outcome(n);
  }
  period(n: string) {
    return this.get().period(n);
  }
  periodInstead(n: string) {
    return this.get().periodInstead(n);
  }
  places(n: string) {
    return this.get().places(n);
  }
}

/** Whether a timer of the case is due at `t` (milliseconds): `dueTimers` without making the list. */
function anyDue(c: Case, t: number): boolean {
  const timers = c.timers;
  for (let i = 0; i < timers.length; i++) if (Date.parse(timers[i]!.due) <= t) return true;
  return false;
}

/** The refusal for an event the case cannot take as it stands, before its data is looked at; undefined if it may go on. */
function refusalBefore(compiled: CompiledWorkflow, c: Case, event: CaseEvent, actor: Actor, now: Date, texts: WorkflowTexts): Refusal | undefined {
  const { program, workflow: wf } = compiled;
  const locale = texts.locale;
  if (c.program !== program.ref) return refuse('PROGRAM_MISMATCH', locale, { caseProgram: c.program, program: program.ref });
  const state = wf.states[c.state];
  if (!state || !Object.hasOwn(wf.states, c.state)) return refuse('STATE_UNKNOWN', locale, { state: c.state });
  if (state.final) return refuse('CASE_FINAL', locale, { state: texts.state(c.state) }, { state: c.state });
  if (!Object.hasOwn(wf.events, event.type)) return refuse('EVENT_UNKNOWN', locale, { event: event.type });
  // The names of the event and the state, in the locale's words: looked up only for a refusal.
  const params = () => ({ event: texts.event(event.type), state: texts.state(c.state) });
  const accepted = compiled.transitions.get(c.state)!;
  if (!accepted.has(event.type)) return refuse('EVENT_NOT_ALLOWED', locale, params(), { event: event.type, state: c.state, accepted: [...accepted.keys()] });
  const allowed = allowedRoles(compiled, event.type);
  const system = isSystem(actor);
  if (!mayAct(actor, allowed) || (event.timer !== undefined && !system)) {
    return refuse('ROLE_FORBIDDEN', locale, { ...params(), allowed: allowed.map((r) => texts.role(r)) }, { event: event.type, allowed: [...allowed], roles: [...actor.roles] });
  }
  if (system) {
    // A waiting list's offer comes from the system without a timer: whoever frees a place sends it.
    if (event.timer === undefined && compiled.offerEvents.has(event.type)) return undefined;
    const timer = c.timers.find((t) => t.id === event.timer && t.event === event.type);
    if (!timer) return refuse('TIMER_UNKNOWN', locale, { ...params(), timer: event.timer ?? '' }, { event: event.type, timer: event.timer });
    if (Date.parse(timer.due) > now.getTime()) return refuse('TIMER_NOT_DUE', locale, { ...params(), timer: timer.id, due: timer.due }, { timer: timer.id, due: timer.due });
    return undefined;
  }
  // A person's event waits for expired deadlines: an application sent after its deadline must not slip through
  // because the server had not fired the timer yet.
  if (!anyDue(c, now.getTime())) return undefined;
  const due = dueTimers(c, now);
  return refuse('TIMERS_DUE', locale, { timers: due.map((t) => texts.event(t.event)) }, { timers: due.map((t) => t.id) });
}

/** Which guards of the event's transitions failed, with Ajv's reasons (keywords and data pointers, no values). */
function failedGuards(compiled: CompiledWorkflow, c: Case, type: string, data: CaseData) {
  const sites = compiled.transitions.get(c.state)?.get(type) ?? [];
  return sites.map((site) => {
    const guard = compiled.guards.get(`${site.pointer}/guard`)!;
    guard({ data: c.data, event: data });
    const raw = guard.errors ?? [];
    // As many reasons as a validation lists, and how many more: a guard over long lists can fail at every item.
    const errors = raw.slice(0, maxErrors).map((e) => ({ pointer: e.instancePath, keyword: e.keyword }));
    return { transition: site.pointer, guard: guard.pointer, errors, ...(raw.length > maxErrors ? { moreErrors: raw.length - maxErrors } : {}) };
  });
}

/**
 * Why no transition was taken when a limit, not a guard, stood in the way: the first transition whose guard holds
 * but whose place or budget does not fit. Undefined when the guards alone explain it.
 */
function refusalForLimits(compiled: CompiledWorkflow, c: Case, type: string, data: CaseData, usage: LimitUsage | undefined, texts: WorkflowTexts): Refusal | undefined {
  const wf = compiled.workflow;
  for (const site of compiled.transitions.get(c.state)?.get(type) ?? []) {
    const guard = compiled.guards.get(`${site.pointer}/guard`);
    if (guard && !guard({ data: c.data, event: data })) continue;
    const limit = checkLimits(wf, site.transition, c.data, data, usage);
    if (!limit || limit.fits) continue;
    return limitRefusal(wf, limit, type, texts, { event: type, state: c.state, transition: site.pointer, ...limit.details });
  }
  return undefined;
}

/**
 * Applies an event to a case, without side effects: checks the case's program and state, the event, the actor's
 * roles, that no timer is due (fire those first), that the event's form takes submissions now (its periods), the
 * event's data against its form and the transition guards, then takes the transition with XState's pure transition (see `CompiledWorkflow.transition`). Returns the new
 * case (deeply frozen, version + 1, history + 1) and its audit entry, or a refusal saying why nothing changed. The
 * input case is never changed. A person's step into a state whose fixed-moment timer has already passed is refused
 * (`TIMER_PASSED`) unless that timer's `late` is `send`.
 *
 * @param now The time the event happens at; timers started by it count from here.
 */
export function applyEvent(program: Program, c: Case, event: CaseEvent, actor: Actor, now: Date, options: ApplyOptions = {}): ApplyResult {
  const locale = options.locale ?? program.locales[0] ?? 'en';
  const compiled = compileWorkflow(program);
  const texts = new LazyTexts(program, locale);
  const refusal = refusalBefore(compiled, c, event, actor, now, texts);
  if (refusal) return refusal;
  const system = isSystem(actor);
  const formId = compiled.workflow.events[event.type]!.form;
  const outside = formId !== undefined && !system ? periodRefusal(program, formId, actor, now, texts) : undefined;
  if (outside) return outside;
  const read = readFormData(program, formId, event.data, locale);
  if (!read.ok) {
    return refuseData(read, locale, texts.event(event.type), { event: event.type, form: formId });
  }
  const at = isoTime(now);
  const plain: MachineEvent = { type: event.type, data: read.data, at };
  const input: MachineEvent =
    event.timer === undefined && options.usage === undefined
      ? plain
      : { ...plain, ...(event.timer === undefined ? {} : { timer: event.timer }), ...(options.usage === undefined ? {} : { usage: options.usage }) };
  // A case this package made comes with its snapshot and is deeply frozen; one read back from JSON is neither.
  const known = knownSnapshot(program, c);
  const [next, actions] = compiled.transition(known ?? resolveSnapshot(program, c), input);
  let taken: ReturnedAction | undefined;
  for (let i = 0; i < actions.length && taken === undefined; i++) if (actions[i]!.type === TAKEN) taken = actions[i];
  if (!taken) {
    const params = { event: texts.event(event.type), state: texts.state(c.state) };
    return refusalForLimits(compiled, c, event.type, read.data, options.usage, texts) ?? refuse('GUARD_FAILED', locale, params, { event: event.type, state: c.state, failed: failedGuards(compiled, c, event.type, read.data) });
  }
  const context = next.context;
  // A system event (a timer that fired late) is never refused for it: the case would keep a due timer for ever. Only
  // a step that changed the timers can have started one.
  if (!system && context.timers !== c.timers) {
    const passed = passedTimerRefusal(program, compiled, c.timers, context.timers, now, () => texts.event(event.type), texts);
    if (passed) return passed;
  }
  const audit: AuditEntry = {
    seq: c.version + 1,
    at,
    actor: actor.id,
    roles: [...actor.roles],
    event: event.type,
    from: c.state,
    to: next.value as string,
    changed: changedPointers(c.data, context.data),
    transition: (taken.params as { pointer: string }).pointer,
  };
  if (event.timer !== undefined) audit.timer = event.timer;
  if (context.outcomes.length > c.outcomes.length) audit.outcomes = context.outcomes.slice(c.outcomes.length).map((o) => o.outcome);
  const updated: Case = {
    id: c.id,
    program: c.program,
    state: audit.to,
    data: context.data as CaseData,
    version: audit.seq,
    timers: context.timers as Case['timers'],
    outcomes: context.outcomes as Case['outcomes'],
    history: [...c.history, audit],
  };
  if (known) freezeStep(updated, c);
  else freezeNew(updated);
  rememberSnapshot(program, updated, next);
  return { ok: true, case: updated, audit };
}
