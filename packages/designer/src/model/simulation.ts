// The simulation of a case in the designer: the same engine as the server (`@civicflow/workflow`), played step by step
// with a clock the designer moves, described in words, and written out as a walk (`cases/workflow-<name>.json`).
import { addDuration, DEFAULT_TIME_ZONE, type Program } from '@civicflow/core';
import {
  applyEvent,
  availableEvents,
  createCase,
  fireAllDue,
  momentWords,
  playWalk,
  workflowTexts,
  type Actor,
  type ApplyResult,
  type AvailableEvent,
  type Case,
  type Timer,
  type Walk,
  type WalkMismatch,
  type WalkStep,
} from '@civicflow/workflow';
import { simText } from './simulation-words.js';

/** One step the designer took: opening the case, an event sent as a role, or the clock moved on. */
export interface SimulationStep {
  readonly kind: 'open' | 'event' | 'clock';
  /** The time of the step (ISO 8601, UTC). */
  readonly at: string;
  /** The role acting (not for the clock). */
  readonly role?: string;
  readonly event?: string;
  readonly data?: unknown;
  /** What the engine answered: one result for opening and events, one per timer fired for the clock. */
  readonly results: readonly ApplyResult[];
  /** The case before and after (the same case after a refusal; undefined before the opening). */
  readonly before: Case | undefined;
  readonly after: Case | undefined;
}

/** A case being walked: its steps so far (the last one is the case now), and the clock. */
export interface Simulation {
  readonly steps: readonly SimulationStep[];
  /** The time now in the walk (ISO 8601). */
  readonly now: string;
}

/** A role of the workflow acting alone: the simulation's people are their roles. */
export const actorOf = (role: string): Actor => ({ id: role, roles: [role] });

/** The case now, or undefined before it was opened (or when opening was refused). */
export function caseOf(sim: Simulation): Case | undefined {
  return sim.steps.at(-1)?.after;
}

/** The roles that may open a case: `workflow.open.roles`, else every role. */
export function openingRoles(program: Program): string[] {
  const wf = program.definition.workflow;
  return wf ? [...(wf.open?.roles ?? wf.roles)] : [];
}

/** The form a case is opened with, if any. */
export function openingForm(program: Program): string | undefined {
  return program.definition.workflow?.open?.form;
}

/** Opens a case as `role` at `at` with the opening form's data; a refusal is kept as the step (and nothing is open). */
export function openCase(program: Program, role: string, at: Date, data: unknown, locale: string): Simulation {
  const result = createCase(program, 'simulation', actorOf(role), at, data, { locale });
  const step: SimulationStep = { kind: 'open', at: at.toISOString(), role, ...(data === undefined ? {} : { data }), results: [result], before: undefined, after: result.ok ? result.case : undefined };
  return { steps: [step], now: step.at };
}

/** The events `role` can send now (as a caseworker's screen offers them). */
export function offeredEvents(program: Program, sim: Simulation, role: string, locale: string): AvailableEvent[] {
  const c = caseOf(sim);
  return c ? availableEvents(program, c, actorOf(role), { locale }) : [];
}

/** Sends `event` as `role` at the walk's time; a refusal is kept as a step, and the case stays as it was. */
export function sendEvent(program: Program, sim: Simulation, role: string, event: string, data: unknown, locale: string): Simulation {
  const before = caseOf(sim);
  if (!before) return sim;
  const result = applyEvent(program, before, data === undefined ? { type: event } : { type: event, data }, actorOf(role), new Date(sim.now), { locale });
  const step: SimulationStep = { kind: 'event', at: sim.now, role, event, ...(data === undefined ? {} : { data }), results: [result], before, after: result.ok ? result.case : before };
  return { steps: [...sim.steps, step], now: sim.now };
}

/** The running timer that comes first, if any. */
export function nextTimer(sim: Simulation): Timer | undefined {
  const c = caseOf(sim);
  return c?.timers.reduce<Timer | undefined>((first, t) => (!first || Date.parse(t.due) < Date.parse(first.due) ? t : first), undefined);
}

/**
 * Moves the clock on, to the next timer's due time (no `duration`) or by an ISO 8601 duration, and fires every timer
 * due then, as a server's scheduler would. A case without a running timer and no duration stays as it is.
 */
export function moveClock(program: Program, sim: Simulation, locale: string, duration?: string): Simulation {
  const before = caseOf(sim);
  if (!before) return sim;
  const timer = nextTimer(sim);
  const now = duration !== undefined ? addDuration(new Date(sim.now), duration) : timer ? new Date(Math.max(Date.parse(timer.due), Date.parse(sim.now))) : undefined;
  return now ? clockTo(program, sim, now, locale) : sim;
}

/** Moves the clock on to `now` and fires every timer due then. */
export function clockTo(program: Program, sim: Simulation, now: Date, locale: string): Simulation {
  const before = caseOf(sim);
  if (!before) return sim;
  const results = fireAllDue(program, before, now, locale);
  const last = results.at(-1);
  const after = last?.ok ? last.case : before;
  const step: SimulationStep = { kind: 'clock', at: now.toISOString(), results, before, after };
  return { steps: [...sim.steps, step], now: step.at };
}

/**
 * The same steps taken on another program (the designer changed it): the same roles, times and answers, each step
 * answered afresh. Steps after the case was closed or refused its opening are taken as far as they go.
 */
export function replay(program: Program, sim: Simulation, locale: string): Simulation {
  const [open, ...rest] = sim.steps;
  let next = openCase(program, open!.role!, new Date(open!.at), open!.data, locale);
  for (const s of rest) {
    if (!caseOf(next)) break;
    next = s.kind === 'clock' ? clockTo(program, next, new Date(s.at), locale) : sendEvent(program, next, s.role!, s.event!, s.data, locale);
  }
  return next;
}

/** The walk without its last step (the clock goes back with it); undefined when only the opening was left. */
export function undoStep(sim: Simulation): Simulation | undefined {
  const steps = sim.steps.slice(0, -1);
  if (steps.length === 0) return undefined;
  return { steps, now: steps.at(-1)!.at };
}

// ---- in words

/** What a step did, in the designer's language: no codes, ids or JSON. */
export interface StepWords {
  /** The step in a line: who did what. */
  readonly title: string;
  /** Set when the engine refused the step: why, in words. */
  readonly refused?: string;
  /** The validation messages of refused data, if that was the reason. */
  readonly errors?: readonly string[];
  /** The guard's result for the transition taken. */
  readonly guard?: string;
  /** Where the case is now. */
  readonly next?: string;
  readonly timersStarted: readonly string[];
  readonly timersStopped?: string;
  /** For the clock: the timers that came due. */
  readonly fired?: string;
  readonly outcomes?: string;
  /** The history entries the step wrote, in words. */
  readonly audit: readonly string[];
}

const moment = (iso: string, locale: string) => momentWords(new Date(iso), locale, DEFAULT_TIME_ZONE);
const quoted = (text: string, locale: string) => (locale === 'de' ? `„${text}“` : `“${text}”`);
const list = (xs: readonly string[], locale: string) => (xs.length ? xs.join(', ') : simText(locale, 'none'));

/** The label of a field of the case data, by a JSON Pointer into it: the first form that has the field names it. */
function fieldName(program: Program, pointer: string, textLocale: string): string {
  const path = pointer.split('/').slice(1).filter((p) => !/^\d+$/.test(p)).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const texts = program.definition.texts ?? {};
  const inLocale = texts[textLocale] ?? texts[program.locales[0] ?? ''] ?? {};
  for (let n = path.length; n > 0; n--) {
    const key = path.slice(0, n).join('.');
    for (const form of Object.keys(program.definition.forms)) {
      const label = inLocale[`forms.${form}.fields.${key}.label`];
      if (typeof label === 'string' && label !== '') return label;
    }
  }
  return path.join(' › ');
}

/** The transition definition an audit entry's pointer names, if it has a guard. */
function hasGuard(program: Program, pointer: string | undefined): boolean {
  if (!pointer) return false;
  let node: unknown = program.definition;
  for (const part of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node !== null && typeof node === 'object' && 'guard' in node;
}

/**
 * A step in words: `locale` is the designer's language (for the sentences and refusals), `textLocale` the language of
 * the program's own words (state and event titles).
 */
export function stepWords(program: Program, step: SimulationStep, locale: string, textLocale: string): StepWords {
  const t = workflowTexts(program, textLocale);
  const role = step.role === undefined ? simText(locale, 'system') : t.role(step.role);
  const title =
    step.kind === 'open'
      ? simText(locale, 'stepOpen', { role })
      : step.kind === 'event'
        ? simText(locale, 'stepEvent', { role, event: t.event(step.event!) })
        : simText(locale, 'stepClock', { time: moment(step.at, locale) });
  const refusal = step.results.find((r) => !r.ok);
  const audit: string[] = [];
  for (const r of step.results) {
    if (!r.ok) continue;
    const a = r.audit;
    const what =
      a.event === null
        ? simText(locale, 'auditOpened', { to: t.state(a.to) })
        : simText(locale, a.timer ? 'auditTimer' : 'auditMoved', { event: t.event(a.event), from: t.state(a.from ?? a.to), to: t.state(a.to) });
    const who = a.actor === 'system' ? simText(locale, 'system') : a.roles.map((x) => t.role(x)).join(', ');
    const changed = a.changed.length ? simText(locale, 'auditChanged', { list: [...new Set(a.changed.map((p) => fieldName(program, p, textLocale)))].join(', ') }) : '';
    audit.push(simText(locale, 'audit', { seq: a.seq, time: moment(a.at, locale), who, what, changed }));
  }
  const before = step.before?.timers ?? [];
  const after = step.after?.timers ?? [];
  const key = (x: Timer) => `${x.id} ${x.startedAt}`;
  const started = after.filter((x) => !before.some((b) => key(b) === key(x))).map((x) => simText(locale, 'timerStarted', { event: t.event(x.event), due: moment(x.due, locale) }));
  // A timer that fired came due; it is not said to be stopped as well.
  const fired = new Set(step.results.flatMap((r) => (r.ok && r.audit.timer ? [r.audit.timer] : [])));
  const stopped = before.filter((b) => !fired.has(b.id) && !after.some((x) => key(x) === key(b))).map((x) => quoted(t.event(x.event), locale));
  const newOutcomes = (step.after?.outcomes ?? []).slice(step.before?.outcomes.length ?? 0).map((o) => t.outcome(o.outcome));
  const words: {
    title: string;
    refused?: string;
    errors?: string[];
    guard?: string;
    next?: string;
    timersStarted: string[];
    timersStopped?: string;
    fired?: string;
    outcomes?: string;
    audit: string[];
  } = { title, timersStarted: started, audit };
  if (refusal && !refusal.ok) {
    words.refused = simText(locale, 'refused', { reason: refusal.message });
    const errors = refusal.details['errors'];
    if (Array.isArray(errors) && errors.length) words.errors = errors.map((e: { message?: unknown }) => String(e.message ?? ''));
  }
  const last = step.results.filter((r) => r.ok).at(-1);
  if (step.kind === 'event' && last?.ok) {
    words.guard = hasGuard(program, last.audit.transition) ? simText(locale, 'guardHeld', { event: t.event(step.event!) }) : simText(locale, 'noGuard');
  }
  if (step.after) words.next = simText(locale, step.after.state === step.before?.state ? 'stays' : 'next', { state: t.state(step.after.state) });
  if (stopped.length) words.timersStopped = simText(locale, 'timersStopped', { list: stopped.join(', ') });
  if (step.kind === 'clock') {
    const fired = step.results.flatMap((r) => (r.ok && r.audit.event ? [t.event(r.audit.event)] : []));
    words.fired = fired.length ? simText(locale, 'fired', { list: fired.join(', ') }) : simText(locale, 'firedNone');
  }
  if (newOutcomes.length) words.outcomes = simText(locale, 'outcomes', { list: newOutcomes.join(', ') });
  return words;
}

// ---- saved as a walk

/** A walk's name as a file takes it: `workflow-<name>.json`. */
export const WALK_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * The simulation as a walk in the format of `cases/workflow-*.json`: each role that acted is an actor, each step says
 * what followed it (the state, the refusal, the outcomes, the timers running), so that playing it again checks the
 * workflow still does the same.
 */
export function toWalk(sim: Simulation, about: string, locale: string): Walk {
  const roles = [...new Set(sim.steps.flatMap((s) => (s.role === undefined ? [] : [s.role])))];
  const actors = Object.fromEntries(roles.map((r) => [r, actorOf(r)]));
  const expectOf = (s: SimulationStep): Partial<WalkStep> => {
    const refusal = s.results.find((r) => !r.ok);
    if (refusal && !refusal.ok) return { refused: refusal.code };
    const outcomes = (s.after?.outcomes ?? []).slice(s.before?.outcomes.length ?? 0).map((o) => o.outcome);
    return { expect: s.after!.state, ...(outcomes.length ? { outcomes } : {}), timers: s.after!.timers.map((x) => x.id).sort() };
  };
  const [open, ...rest] = sim.steps;
  const walkStep = (s: SimulationStep): WalkStep =>
    s.kind === 'clock'
      ? { at: s.at, fireDue: true, ...expectOf(s) }
      : { at: s.at, as: s.role!, ...(s.kind === 'event' ? { send: s.event! } : {}), ...(s.data === undefined ? {} : { data: s.data }), ...expectOf(s) };
  return { about, locale, actors, open: walkStep(open!), steps: rest.map(walkStep) };
}

/** The walk as the text of its file: two-space JSON, one line per step as the examples' files are read best. */
export function walkText(walk: Walk): string {
  const steps = walk.steps.map((s) => `    ${JSON.stringify(s)}`).join(',\n');
  return `{\n  "about": ${JSON.stringify(walk.about)},\n  "locale": ${JSON.stringify(walk.locale)},\n  "actors": ${JSON.stringify(walk.actors)},\n  "open": ${JSON.stringify(walk.open)},\n  "steps": [\n${steps}${steps ? '\n' : ''}  ]\n}\n`;
}

/** A walk saved beside the program: its name (`workflow-<name>.json`) and the file's text. */
export interface SavedWalk {
  readonly name: string;
  readonly text: string;
}

/** What playing a saved walk on the program gave: whether it passes, and if not where and why, in words. */
export interface WalkCheck {
  readonly name: string;
  readonly about: string;
  readonly passes: boolean;
  readonly reason?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a walk file's text, or undefined when it is not a walk. */
export function readWalk(text: string): Walk | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(v) || !isObject(v.actors) || !isObject(v.open) || !Array.isArray(v.steps) || typeof v.open.at !== 'string') return undefined;
  if (!v.steps.every((s) => isObject(s) && typeof s.at === 'string')) return undefined;
  return { about: typeof v.about === 'string' ? v.about : '', locale: typeof v.locale === 'string' ? v.locale : 'en', ...(v as object) } as Walk;
}

/** Plays each saved walk on the program and says in words where one now goes another way. */
export function checkWalks(program: Program, walks: readonly SavedWalk[], locale: string, textLocale: string): WalkCheck[] {
  return walks.map(({ name, text }) => {
    const walk = readWalk(text);
    if (!walk) return { name, about: '', passes: false, reason: simText(locale, 'walkNotReadable') };
    let played;
    try {
      played = playWalk(program, walk);
    } catch {
      return { name, about: walk.about, passes: false, reason: simText(locale, 'walkNotReadable') };
    }
    if (!played.mismatch) return { name, about: walk.about, passes: true };
    return { name, about: walk.about, passes: false, reason: mismatchWords(program, walk, played.mismatch, locale, textLocale) };
  });
}

/** Where and why a walk went another way, in words. */
export function mismatchWords(program: Program, walk: Walk, m: WalkMismatch, locale: string, textLocale: string): string {
  const t = workflowTexts(program, textLocale);
  const quote = (xs: readonly string[], name: (x: string) => string) => list(xs.map((x) => quoted(name(x), locale)), locale);
  let reason: string;
  switch (m.kind) {
    case 'actor':
      reason = simText(locale, 'mActor', { expected: m.expected });
      break;
    case 'notRefused':
      reason = simText(locale, 'mNotRefused', { actual: t.state(m.actual) });
      break;
    case 'refusedOtherwise':
      reason = simText(locale, 'mRefusedOtherwise', { message: m.message });
      break;
    case 'refused':
      reason = simText(locale, 'mRefused', { message: m.message });
      break;
    case 'state':
      reason = simText(locale, 'mState', { expected: t.state(m.expected), actual: t.state(m.actual) });
      break;
    case 'outcomes':
      reason = simText(locale, 'mOutcomes', { expected: quote(m.expected, t.outcome), actual: quote(m.actual, t.outcome) });
      break;
    case 'changed':
      reason = simText(locale, 'mChanged', { expected: quote(m.expected, (p) => fieldName(program, p, textLocale)), actual: quote(m.actual, (p) => fieldName(program, p, textLocale)) });
      break;
    case 'timers':
      reason = simText(locale, 'mTimers', { expected: quote(m.expected, (id) => timerTitle(program, id, textLocale)), actual: quote(m.actual, (id) => timerTitle(program, id, textLocale)) });
      break;
    case 'errors':
      reason = simText(locale, 'mErrors');
      break;
    case 'message':
      reason = simText(locale, 'mMessage', { actual: m.actual });
      break;
  }
  if (m.step === 0) return simText(locale, 'walkAtOpen', { reason });
  if (m.step > walk.steps.length) return simText(locale, 'walkAtEnd', { reason });
  const step = walk.steps[m.step - 1]!;
  const what = step.fireDue ? simText(locale, 'walkFire') : `${step.as !== undefined && walk.actors[step.as] ? walk.actors[step.as]!.roles.map(t.role).join(', ') : (step.as ?? '')}: ${t.event(step.send ?? '')}`;
  return simText(locale, 'walkAt', { n: m.step, what, reason });
}

/** A timer in words by its id: the event it sends (`after:<state>:<i>` → the state's i-th timer; `deadline:<name>` → the deadline's event). */
function timerTitle(program: Program, id: string, textLocale: string): string {
  const wf = program.definition.workflow;
  const t = workflowTexts(program, textLocale);
  const [kind, a, b] = id.split(':');
  if (kind === 'after' && a && wf?.states[a]?.after?.[Number(b)]) return t.event(wf.states[a].after[Number(b)]!.send);
  if (kind === 'deadline' && a && wf?.deadlines?.[a]) return t.event(wf.deadlines[a].send);
  return t.state(a ?? id);
}
