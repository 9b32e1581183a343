import type { CheckContext, ProgramCheck } from './context.js';
import type { DeepReadonly, Workflow } from '../../model/program.js';
import type { Transition, WorkflowAction } from '../../model/generated/program.js';
import { checkSubschemas, compileProblem } from './check-subschemas.js';
import { formLayout } from '../../runtime/layout.js';
import { listFormFields } from '../../runtime/form-fields.js';
import { escapePointerToken as esc } from '../../runtime/pointer.js';
import { isDuration } from '../../runtime/duration.js';

type Wf = DeepReadonly<Workflow>;
type Tr = DeepReadonly<Transition>;

/** One transition of the workflow, where it is written and which event and state it belongs to. */
interface Site {
  /** The state it is written in, or undefined for the workflow-level `on` (every non-final state). */
  readonly state: string | undefined;
  readonly event: string;
  readonly transition: Tr;
  readonly pointer: string;
}

/** The role deadlines send their events as; it needs no declaration. */
const SYSTEM_ROLE = 'system';

/** Whether a timer's duration is one civicflow can add to a date, and longer than nothing. */
function isTimerDuration(value: string): boolean {
  return isDuration(value) && /[1-9]/.test(value);
}

function transitionsOf(map: DeepReadonly<Record<string, Tr | readonly Tr[]>> | undefined, state: string | undefined, base: string): Site[] {
  const out: Site[] = [];
  for (const [event, value] of Object.entries(map ?? {})) {
    const at = `${base}/${esc(event)}`;
    if (Array.isArray(value)) (value as readonly Tr[]).forEach((transition, i) => out.push({ state, event, transition, pointer: `${at}/${i}` }));
    else out.push({ state, event, transition: value as Tr, pointer: at });
  }
  return out;
}

/** Every transition of a workflow: each state's own, then the workflow-level ones. */
function allSites(wf: Wf): Site[] {
  const sites = Object.entries(wf.states).flatMap(([name, state]) => transitionsOf(state.on, name, `/workflow/states/${esc(name)}/on`));
  return sites.concat(transitionsOf(wf.on, undefined, '/workflow/on'));
}

/** Events a state accepts: its own and, unless it is final, the workflow-level ones that do not lead to it. */
function acceptedBy(wf: Wf, sites: readonly Site[], state: string): Set<string> {
  const accepted = new Set<string>();
  const final = wf.states[state]?.final === true;
  for (const s of sites) {
    if (s.state === state) accepted.add(s.event);
    else if (s.state === undefined && !final && s.transition.target !== state) accepted.add(s.event);
  }
  return accepted;
}

/** States, targets, reachability, dead ends and final states. */
function checkStates(ctx: CheckContext, wf: Wf, sites: readonly Site[]): void {
  const states = new Set(Object.keys(wf.states));
  if (!states.has(wf.initial)) ctx.report('WORKFLOW_STATE_UNKNOWN', '/workflow/initial', { state: wf.initial });
  for (const s of sites) {
    const target = s.transition.target;
    if (target !== undefined && !states.has(target)) ctx.report('WORKFLOW_STATE_UNKNOWN', `${s.pointer}/target`, { state: target });
  }
  const reached = new Set<string>();
  const queue = states.has(wf.initial) ? [wf.initial] : [];
  while (queue.length > 0) {
    const state = queue.shift()!;
    if (reached.has(state)) continue;
    reached.add(state);
    const final = wf.states[state]?.final === true;
    for (const s of sites) {
      const target = s.transition.target;
      if (target === undefined || !states.has(target)) continue;
      if (s.state === state || (s.state === undefined && !final && target !== state)) queue.push(target);
    }
  }
  for (const [name, state] of Object.entries(wf.states)) {
    const at = `/workflow/states/${esc(name)}`;
    if (states.has(wf.initial) && !reached.has(name)) ctx.report('WORKFLOW_STATE_UNREACHABLE', at, { state: name });
    if (state.final) {
      if (Object.keys(state.on ?? {}).length > 0 || (state.after ?? []).length > 0) ctx.report('WORKFLOW_FINAL_STATE_EXITS', at, { state: name });
      continue;
    }
    const wayOut = sites.some(
      (s) => s.transition.target !== undefined && s.transition.target !== name && (s.state === name || s.state === undefined),
    );
    if (!wayOut) ctx.report('WORKFLOW_STATE_DEAD_END', at, { state: name });
  }
}

/** Declared events, the events transitions name, their forms, their roles and who can send them. */
function checkEvents(ctx: CheckContext, wf: Wf, sites: readonly Site[]): void {
  const roles = new Set(wf.roles);
  wf.roles.forEach((role, i) => {
    if (role === SYSTEM_ROLE) ctx.report('WORKFLOW_ROLE_RESERVED', `/workflow/roles/${i}`, { role });
  });
  for (const s of sites) {
    if (!Object.hasOwn(wf.events, s.event)) ctx.report('WORKFLOW_EVENT_UNKNOWN', s.pointer, { event: s.event });
  }
  const accepted = new Set(sites.map((s) => s.event));
  // The system sends the events of timers, deadlines and waiting lists.
  const sentByTimers = new Set([
    ...Object.values(wf.states).flatMap((st) => (st.after ?? []).map((t) => t.send)),
    ...Object.values(wf.deadlines ?? {}).map((d) => d.send),
    ...Object.values(wf.places ?? {}).flatMap((p) => (p.waitingList ? [p.waitingList.offer] : [])),
  ]);
  for (const [name, event] of Object.entries(wf.events)) {
    const at = `/workflow/events/${esc(name)}`;
    if (!accepted.has(name)) ctx.report('WORKFLOW_EVENT_UNUSED', at, { event: name });
    if (event.form !== undefined && !Object.hasOwn(ctx.definition.forms, event.form)) ctx.report('FORM_UNKNOWN', `${at}/form`, { form: event.form });
    event.roles.forEach((role, i) => {
      if (role !== SYSTEM_ROLE && !roles.has(role)) ctx.report('WORKFLOW_ROLE_UNKNOWN', `${at}/roles/${i}`, { role });
    });
    if (event.roles.length === 0 && !sentByTimers.has(name)) ctx.report('WORKFLOW_EVENT_NO_SENDER', `${at}/roles`, { event: name });
  }
  const open = wf.open;
  if (open?.form !== undefined && !Object.hasOwn(ctx.definition.forms, open.form)) ctx.report('FORM_UNKNOWN', '/workflow/open/form', { form: open.form });
  (open?.roles ?? []).forEach((role, i) => {
    if (!roles.has(role)) ctx.report('WORKFLOW_ROLE_UNKNOWN', `/workflow/open/roles/${i}`, { role });
  });
  (wf.personalDataRoles ?? []).forEach((role, i) => {
    if (!roles.has(role)) ctx.report('WORKFLOW_ROLE_UNKNOWN', `/workflow/personalDataRoles/${i}`, { role });
  });
}

/**
 * A timer gives exactly one of a valid duration, a moment (whose format the meta-schema checks) and a period's end
 * (which check-periods looks up); `late` only where there is a moment to be late for.
 */
function checkWhen(ctx: CheckContext, at: string, key: 'duration' | 'after', duration: string | undefined, moment: { at?: string; periodEnd?: string; late?: string }): void {
  const given = [duration, moment.at, moment.periodEnd].filter((v) => v !== undefined).length;
  if (given !== 1) ctx.report('WORKFLOW_TIMER_WHEN', at, { key });
  else if (duration !== undefined && !isTimerDuration(duration)) ctx.report('WORKFLOW_DURATION_INVALID', `${at}/${key}`, { value: duration });
  if (moment.late !== undefined && duration !== undefined) ctx.report('WORKFLOW_TIMER_LATE_WITHOUT_MOMENT', `${at}/late`);
}

/** State timers and deadlines: valid durations, declared events that are accepted where they arrive, used deadlines. */
function checkTimers(ctx: CheckContext, wf: Wf, sites: readonly Site[]): void {
  const declared = (event: string) => Object.hasOwn(wf.events, event);
  for (const [name, state] of Object.entries(wf.states)) {
    const accepted = acceptedBy(wf, sites, name);
    (state.after ?? []).forEach((timer, i) => {
      const at = `/workflow/states/${esc(name)}/after/${i}`;
      checkWhen(ctx, at, 'duration', timer.duration, timer);
      if (!declared(timer.send)) ctx.report('WORKFLOW_EVENT_UNKNOWN', `${at}/send`, { event: timer.send });
      else if (!accepted.has(timer.send)) ctx.report('WORKFLOW_TIMER_EVENT_NOT_ACCEPTED', `${at}/send`, { event: timer.send, state: name });
    });
  }
  const started = new Set<string>();
  for (const s of sites) for (const a of s.transition.actions ?? []) if (a.type === 'startDeadline') started.add(a.deadline);
  for (const [name, deadline] of Object.entries(wf.deadlines ?? {})) {
    const at = `/workflow/deadlines/${esc(name)}`;
    checkWhen(ctx, at, 'after', deadline.after, deadline);
    if (!declared(deadline.send)) ctx.report('WORKFLOW_EVENT_UNKNOWN', `${at}/send`, { event: deadline.send });
    else if (!sites.some((s) => s.event === deadline.send)) ctx.report('WORKFLOW_TIMER_EVENT_NOT_ACCEPTED', `${at}/send`, { event: deadline.send, state: '*' });
    if (!started.has(name)) ctx.report('WORKFLOW_DEADLINE_UNUSED', at, { deadline: name });
  }
}

/** The field paths of every form (`contact.email`), and of each form by id; fields inside lists are left out of the first. */
function fieldIndex(ctx: CheckContext): { any: Set<string>; settable: Set<string>; byForm: Map<string, Set<string>> } {
  const any = new Set<string>();
  const settable = new Set<string>();
  const byForm = new Map<string, Set<string>>();
  for (const [formId, form] of Object.entries(ctx.definition.forms)) {
    const own = new Set<string>();
    for (const field of formLayout(form).fields) {
      own.add(field.path);
      any.add(field.path);
      if (!field.inList) settable.add(field.path);
    }
    byForm.set(formId, own);
  }
  return { any, settable, byForm };
}

/** Property paths a schema names in `properties` and `required`, following combinators and items, with pointers. */
function namedPaths(schema: unknown, prefix: string, pointer: string, out: { path: string; pointer: string }[] = [], depth = 0): { path: string; pointer: string }[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema) || depth > 32) return out;
  const node = schema as Record<string, unknown>;
  const join = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const props = node['properties'];
  if (typeof props === 'object' && props !== null && !Array.isArray(props)) {
    for (const [name, sub] of Object.entries(props)) {
      const at = `${pointer}/properties/${esc(name)}`;
      out.push({ path: join(name), pointer: at });
      namedPaths(sub, join(name), at, out, depth + 1);
    }
  }
  if (Array.isArray(node['required'])) {
    node['required'].forEach((name, i) => {
      if (typeof name === 'string') out.push({ path: join(name), pointer: `${pointer}/required/${i}` });
    });
  }
  for (const key of ['not', 'if', 'then', 'else', 'items', 'contains']) namedPaths(node[key], prefix, `${pointer}/${key}`, out, depth + 1);
  for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems']) {
    const list = node[key];
    if (Array.isArray(list)) list.forEach((sub, i) => namedPaths(sub, prefix, `${pointer}/${key}/${i}`, out, depth + 1));
  }
  return out;
}

/** A guard compiles, and names only `data.<field of some form>` and `event.<field of the event's form>`. */
function checkGuard(ctx: CheckContext, site: Site, guard: unknown, fields: ReturnType<typeof fieldIndex>): void {
  const at = `${site.pointer}/guard`;
  if (!checkSubschemas(ctx, guard, at, false)) return;
  const problem = compileProblem(guard);
  if (problem) {
    ctx.report('CONDITION_INVALID', at, { detail: problem });
    return;
  }
  const formId = ctx.definition.workflow?.events[site.event]?.form;
  const eventFields = formId !== undefined ? fields.byForm.get(formId) : undefined;
  for (const { path, pointer } of namedPaths(guard, '', at)) {
    const [root, ...rest] = path.split('.');
    const field = rest.join('.');
    if (root === 'data' || root === 'event') {
      if (field === '') continue;
      const known = root === 'data' ? fields.any : (eventFields ?? new Set<string>());
      if (!known.has(field)) ctx.report('WORKFLOW_GUARD_FIELD_UNKNOWN', pointer, { field, scope: root, event: site.event, form: formId ?? '' });
    } else if (rest.length === 0) {
      ctx.report('WORKFLOW_GUARD_ROOT_UNKNOWN', pointer, { name: root });
    }
  }
}

/** Actions name declared outcomes, deadlines and fields; `merge` needs an event that carries a form. */
function checkAction(ctx: CheckContext, wf: Wf, site: Site, action: DeepReadonly<WorkflowAction>, at: string, fields: ReturnType<typeof fieldIndex>): void {
  switch (action.type) {
    case 'merge':
      if (Object.hasOwn(wf.events, site.event) && wf.events[site.event]!.form === undefined) ctx.report('WORKFLOW_MERGE_WITHOUT_FORM', at, { event: site.event });
      break;
    case 'set':
      if (!fields.settable.has(action.field)) ctx.report('WORKFLOW_FIELD_UNKNOWN', `${at}/field`, { field: action.field });
      break;
    case 'outcome':
      if (!(wf.outcomes ?? []).includes(action.outcome)) ctx.report('WORKFLOW_OUTCOME_UNKNOWN', `${at}/outcome`, { outcome: action.outcome });
      break;
    case 'startDeadline':
    case 'cancelDeadline':
      if (!Object.hasOwn(wf.deadlines ?? {}, action.deadline)) ctx.report('WORKFLOW_DEADLINE_UNKNOWN', `${at}/deadline`, { deadline: action.deadline });
      break;
  }
}

/** Guards and actions of every transition; transitions after an unconditional one for the same event can never be taken. */
function checkTransitions(ctx: CheckContext, wf: Wf, sites: readonly Site[]): void {
  const fields = fieldIndex(ctx);
  const unguarded = new Set<string>();
  for (const site of sites) {
    const key = `${site.state ?? ''}\u0000${site.event}`;
    if (unguarded.has(key)) ctx.report('WORKFLOW_TRANSITION_SHADOWED', site.pointer, { event: site.event });
    if (site.transition.guard !== undefined) checkGuard(ctx, site, site.transition.guard, fields);
    // A place or a budget can run out, so a transition that takes from one is as conditional as a guarded one.
    else if (site.transition.takesPlace === undefined && site.transition.withinBudget === undefined) unguarded.add(key);
    (site.transition.actions ?? []).forEach((action, i) => checkAction(ctx, wf, site, action, `${site.pointer}/actions/${i}`, fields));
  }
}

/** Report sums name a declared outcome, a number field of some form (outside lists, not personal data), and declared states to release in. */
function checkSums(ctx: CheckContext, wf: Wf): void {
  for (const [name, sum] of Object.entries(wf.sums ?? {})) {
    const at = `/workflow/sums/${esc(name)}`;
    if (!(wf.outcomes ?? []).includes(sum.outcome)) ctx.report('WORKFLOW_OUTCOME_UNKNOWN', `${at}/outcome`, { outcome: sum.outcome });
    const numeric = Object.values(ctx.definition.forms).some((form) =>
      listFormFields(form.schema).some((f) => {
        const type = f.schema['type'];
        return f.path === sum.field && !f.inList && !f.personal && (type === 'number' || type === 'integer');
      }),
    );
    if (!numeric) ctx.report('WORKFLOW_SUM_FIELD_INVALID', `${at}/field`, { sum: name, field: sum.field });
    (sum.releasedIn ?? []).forEach((state, i) => {
      if (!Object.hasOwn(wf.states, state)) ctx.report('WORKFLOW_STATE_UNKNOWN', `${at}/releasedIn/${i}`, { state });
    });
  }
}

/** The sources of a transition: its own state, or every open state but its target for a workflow-level one. */
function sourcesOf(wf: Wf, site: Site): string[] {
  if (site.state !== undefined) return [site.state];
  return Object.entries(wf.states)
    .filter(([name, st]) => !st.final && name !== site.transition.target)
    .map(([name]) => name);
}

/**
 * Places and budgets: transitions name declared ones; a transition that takes a place leads where the place is held,
 * and no transition fills a place without taking it; a waiting list waits in an open state without a place and
 * accepts its offer with a transition that takes one.
 */
function checkLimits(ctx: CheckContext, wf: Wf, sites: readonly Site[]): void {
  const places = wf.places ?? {};
  const states = new Set(Object.keys(wf.states));
  for (const site of sites) {
    const { takesPlace, withinBudget } = site.transition;
    if (takesPlace !== undefined) {
      const held = places[takesPlace]?.heldIn;
      if (!held) ctx.report('WORKFLOW_PLACES_UNKNOWN', `${site.pointer}/takesPlace`, { places: takesPlace });
      const lands = site.transition.target ?? site.state;
      if (held && lands !== undefined && states.has(lands) && !held.includes(lands)) {
        ctx.report('WORKFLOW_PLACE_NOT_HELD', `${site.pointer}/takesPlace`, { places: takesPlace, state: lands });
      }
    }
    if (withinBudget !== undefined && wf.sums?.[withinBudget]?.budget === undefined) {
      ctx.report('WORKFLOW_BUDGET_UNKNOWN', `${site.pointer}/withinBudget`, { sum: withinBudget });
    }
  }
  for (const [name, p] of Object.entries(places)) {
    const at = `/workflow/places/${esc(name)}`;
    p.heldIn.forEach((state, i) => {
      if (!states.has(state)) ctx.report('WORKFLOW_STATE_UNKNOWN', `${at}/heldIn/${i}`, { state });
    });
    for (const site of sites) {
      const target = site.transition.target;
      if (target === undefined || !p.heldIn.includes(target) || site.transition.takesPlace === name) continue;
      if (sourcesOf(wf, site).some((source) => !p.heldIn.includes(source))) ctx.report('WORKFLOW_PLACE_BYPASSED', site.pointer, { places: name, state: target });
    }
    const list = p.waitingList;
    if (!list) continue;
    if (!states.has(list.state)) {
      ctx.report('WORKFLOW_STATE_UNKNOWN', `${at}/waitingList/state`, { state: list.state });
      continue;
    }
    if (wf.states[list.state]!.final || p.heldIn.includes(list.state)) ctx.report('WORKFLOW_WAITING_STATE_INVALID', `${at}/waitingList/state`, { places: name, state: list.state });
    if (!Object.hasOwn(wf.events, list.offer)) {
      ctx.report('WORKFLOW_EVENT_UNKNOWN', `${at}/waitingList/offer`, { event: list.offer });
      continue;
    }
    const offered = sites.some((s) => s.event === list.offer && s.state === list.state && s.transition.takesPlace === name);
    if (!offered) ctx.report('WORKFLOW_OFFER_NOT_ACCEPTED', `${at}/waitingList/offer`, { places: name, event: list.offer, state: list.state });
  }
}

/**
 * The workflow is sound: states, events, roles, forms, outcomes and deadlines it names are declared; every state can
 * be reached and (unless final) left; every event is accepted somewhere; guards are valid schemas over fields that
 * exist; durations are ISO 8601; timer events are accepted where they arrive.
 */
export const checkWorkflow: ProgramCheck = (ctx) => {
  const wf = ctx.definition.workflow;
  if (!wf) return;
  const sites = allSites(wf);
  checkStates(ctx, wf, sites);
  checkEvents(ctx, wf, sites);
  checkTimers(ctx, wf, sites);
  checkTransitions(ctx, wf, sites);
  checkSums(ctx, wf);
  checkLimits(ctx, wf, sites);
};
