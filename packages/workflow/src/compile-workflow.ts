import { assign, createActor, setup } from 'xstate';
import type { ActorScope, AnyActorScope, SnapshotFrom } from 'xstate';
import type { DeepReadonly, Program, StateTimer, Transition, Workflow, WorkflowAction } from '@civicflow/core';
import { addDuration, createAjv, periodEnd } from '@civicflow/core';
import type { CaseData, OutcomeRecord, Timer } from './case.js';
import { WorkflowError } from './errors.js';
import { transitionsByState, type TransitionSite } from './transitions-by-state.js';
import { setPath } from './set-path.js';
import { checkLimits, type LimitUsage } from './limits.js';
import { SYSTEM_ACTOR } from './case.js';

const SYSTEM_ROLE = SYSTEM_ACTOR.roles[0]!;

/** What the machine keeps between events: exactly the parts of a case that transitions change. */
export interface CaseContext {
  readonly data: CaseData;
  readonly timers: readonly Timer[];
  readonly outcomes: readonly OutcomeRecord[];
}

/** An event as the machine sees it: checked, with the validated data of its form and the time it happens. */
export interface MachineEvent {
  readonly type: string;
  readonly data: CaseData;
  /** ISO 8601 time the event is applied at. */
  readonly at: string;
  readonly timer?: string;
  /** How much of the workflow's places and budgets the other cases use, for transitions that take from them. */
  readonly usage?: LimitUsage;
}

/** The machine's input when a case is opened. */
export interface MachineInput {
  readonly data: CaseData;
  readonly at: string;
}

/** A guard compiled from its JSON Schema. */
export interface CompiledGuard {
  /** JSON Pointer of the guard in the program definition. */
  readonly pointer: string;
  (value: { data: CaseData; event: CaseData }): boolean;
  errors?: readonly { instancePath: string; keyword: string; params: unknown }[] | null;
}

/** Name of the marker action every transition starts with; pure `transition` returns it, so callers know which transition was taken. */
export const TAKEN = 'taken';

function timeOf(event: { at?: string; input?: { at?: string } }): string {
  return event.at ?? event.input?.at ?? new Date(0).toISOString();
}

/** When a timer started at `start` is due: at its fixed moment, or its duration later. */
function dueAt(start: string, duration: string | undefined, moment: string | undefined): string {
  return moment !== undefined ? new Date(moment).toISOString() : addDuration(new Date(start), duration!).toISOString();
}

/** The fixed catalogue of actions, as XState `assign`s over the case context. */
function catalogue() {
  type Args = { context: CaseContext; event: MachineEvent };
  return {
    [TAKEN]: () => {},
    merge: assign(({ context, event }: Args) => ({ data: { ...context.data, ...event.data } })),
    set: assign(({ context }: Args, params: { field: string; value: unknown }) => ({ data: setPath(context.data, params.field, structuredClone(params.value)) })),
    outcome: assign(({ context, event }: Args, params: { outcome: string }) => ({ outcomes: [...context.outcomes, { outcome: params.outcome, at: timeOf(event) }] })),
    startDeadline: assign(({ context, event }: Args, params: { deadline: string; after?: string; at?: string; send: string }) => {
      const at = timeOf(event);
      const id = `deadline:${params.deadline}`;
      const timer: Timer = { id, event: params.send, due: dueAt(at, params.after, params.at), startedAt: at, deadline: params.deadline };
      return { timers: [...context.timers.filter((t) => t.id !== id), timer] };
    }),
    cancelDeadline: assign(({ context }: Args, params: { deadline: string }) => ({ timers: context.timers.filter((t) => t.deadline !== params.deadline) })),
    consumeTimer: assign(({ context, event }: Args) => (event.timer === undefined ? {} : { timers: context.timers.filter((t) => t.id !== event.timer) })),
    startTimers: assign(({ context, event }: Args, params: { state: string; after: readonly DeepReadonly<StateTimer>[] }) => {
      const at = timeOf(event);
      const started = params.after.map((t, i): Timer => ({
        id: `after:${params.state}:${i}`,
        event: t.send,
        due: dueAt(at, t.duration, t.at),
        startedAt: at,
        state: params.state,
      }));
      return { timers: [...context.timers.filter((t) => t.state !== params.state), ...started] };
    }),
    stopTimers: assign(({ context }: Args, params: { state: string }) => ({ timers: context.timers.filter((t) => t.state !== params.state) })),
    clearTimers: assign(() => ({ timers: [] })),
  };
}

/** A timer's fixed moment: its `at`, or the end of the period it names (worked out once, when the workflow is compiled). */
function momentOf(program: Program, timer: { readonly at?: string; readonly periodEnd?: string }): string | undefined {
  return timer.periodEnd !== undefined ? periodEnd(program.definition, timer.periodEnd)?.toISOString() : timer.at;
}

function actionConfig(program: Program, wf: DeepReadonly<Workflow>, action: DeepReadonly<WorkflowAction>) {
  switch (action.type) {
    case 'merge':
      return { type: 'merge' };
    case 'set':
      return { type: 'set', params: { field: action.field, value: action.value } };
    case 'outcome':
      return { type: 'outcome', params: { outcome: action.outcome } };
    case 'startDeadline': {
      const d = wf.deadlines![action.deadline]!;
      return { type: 'startDeadline', params: { deadline: action.deadline, after: d.after, at: momentOf(program, d), send: d.send } };
    }
    case 'cancelDeadline':
      return { type: 'cancelDeadline', params: { deadline: action.deadline } };
  }
}

function buildMachine(
  program: Program,
  wf: DeepReadonly<Workflow>,
  byState: Map<string, Map<string, TransitionSite[]>>,
  timerEvents: ReadonlySet<string>,
  guards: CompiledGuard[],
) {
  const ajv = createAjv();
  const states: Record<string, object> = {};
  for (const [name, state] of Object.entries(wf.states)) {
    const on: Record<string, object[]> = {};
    for (const [event, sites] of byState.get(name)!) {
      on[event] = sites.map((site) => {
        const actions: object[] = [{ type: TAKEN, params: { pointer: site.pointer } }];
        if (timerEvents.has(event)) actions.push({ type: 'consumeTimer' });
        for (const a of site.transition.actions ?? []) actions.push(actionConfig(program, wf, a));
        const config: Record<string, unknown> = { actions };
        if (site.transition.target !== undefined) config['target'] = site.transition.target;
        let index: number | undefined;
        if (site.transition.guard !== undefined) {
          const check = Object.assign(ajv.compile(site.transition.guard as object), { pointer: `${site.pointer}/guard` }) as unknown as CompiledGuard;
          index = guards.length;
          guards.push(check);
        }
        if (site.transition.takesPlace !== undefined || site.transition.withinBudget !== undefined) {
          config['guard'] = { type: 'limited', params: { index, transition: site.transition } };
        } else if (index !== undefined) config['guard'] = { type: 'schema', params: { index } };
        return config;
      });
    }
    const after = (state.after ?? []).map((t) => ({ ...t, at: momentOf(program, t) }));
    states[name] = {
      ...(state.final ? { type: 'final', entry: [{ type: 'clearTimers' }] } : {}),
      ...(after.length > 0 ? { entry: [{ type: 'startTimers', params: { state: name, after } }], exit: [{ type: 'stopTimers', params: { state: name } }] } : {}),
      on,
    };
  }
  return setup({
    types: {} as { context: CaseContext; events: MachineEvent; input: MachineInput },
    actions: catalogue() as never,
    guards: {
      schema: ({ context, event }: { context: CaseContext; event: MachineEvent }, params: { index: number }) =>
        guards[params.index]!({ data: context.data as CaseData, event: event.data }),
      // The definition's guard first: a limit is only looked at for a transition that would otherwise be taken.
      limited: ({ context, event }: { context: CaseContext; event: MachineEvent }, params: { index?: number; transition: DeepReadonly<Transition> }) =>
        (params.index === undefined || guards[params.index]!({ data: context.data as CaseData, event: event.data })) &&
        checkLimits(wf, params.transition, context.data as CaseData, event.data, event.usage)!.fits,
    },
  }).createMachine({
    id: program.id,
    initial: wf.initial,
    // XState's pure transition() builds an inert actor, and with it an initial snapshot without input, on every
    // call: without input the context must still come out cheaply, not as a thrown error.
    context: ({ input }) => ({ data: input?.data ?? {}, timers: [], outcomes: [] }),
    states: states as never,
  });
}

type Machine = ReturnType<typeof buildMachine>;

/** An action the pure transition returns instead of running it; only the marker action is looked at. */
export interface ReturnedAction {
  readonly type: string;
  readonly params?: unknown;
}

/**
 * XState's pure transition, as `transition(machine, snapshot, event)` computes it, with one inert actor scope kept
 * for the machine. `transition()` builds a throwaway actor (and its system and initial snapshot) on every call, which
 * measured at half the cost of applying an event. The scope is never started and runs nothing: like `transition()`,
 * it only collects the actions. The machine spawns no actors, so the scope's system stays empty. The opening step is
 * `initialTransition(machine, input)` the same way: `getInitialSnapshot` with the kept scope instead of a new one.
 *
 * When the initial state has no timers and is not final, its entry runs no action, so every case opens with the same
 * snapshot but for the data: that snapshot is worked out once, with its shared parts frozen, and each opening copies
 * it with a context of its own (see `openingTemplate`).
 */
function createPureTransition(machine: Machine, wf: DeepReadonly<Workflow>) {
  const self = createActor(machine, { input: { data: {}, at: new Date(0).toISOString() } });
  let collected: ReturnedAction[] = [];
  const scope = {
    self,
    id: '',
    sessionId: '',
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    system: self.system,
    actionExecutor: (action: ReturnedAction) => void collected.push(action),
  };
  const inert = scope as unknown as ActorScope<SnapshotFrom<Machine>, MachineEvent> & AnyActorScope;
  const initial = (input: MachineInput): [SnapshotFrom<Machine>, ReturnedAction[]] => {
    const actions: ReturnedAction[] = [];
    collected = actions;
    const first = machine.getInitialSnapshot(inert, input);
    return [first, actions];
  };
  const start = wf.states[wf.initial];
  const template = start !== undefined && !start.final && (start.after ?? []).length === 0 ? openingTemplate(initial({ data: {}, at: new Date(0).toISOString() })) : undefined;
  return {
    transition: (snapshot: SnapshotFrom<Machine>, event: MachineEvent): [SnapshotFrom<Machine>, ReturnedAction[]] => {
      const actions: ReturnedAction[] = [];
      collected = actions;
      const next = machine.transition(snapshot, event, inert);
      return [next, actions];
    },
    initial: template ?? initial,
  };
}

/**
 * The opening step of a workflow whose initial state runs no entry action, from one snapshot worked out ahead. The
 * XState opening step (pre-initial state, entry set, macrostep) measured at a third of opening a case through a first
 * event, and it only ever yields that snapshot with the input's data. The template is only ever copied: its state
 * node list, children and history are frozen (XState builds new ones on a transition rather than changing them), the
 * tag set and the context are new for each case, so no two cases share anything they could change.
 */
function openingTemplate([snapshot, actions]: [SnapshotFrom<Machine>, ReturnedAction[]]) {
  if (snapshot.status !== 'active' || snapshot.context.timers.length > 0 || snapshot.context.outcomes.length > 0) return undefined;
  const base = { ...snapshot };
  Object.freeze(base._nodes);
  Object.freeze(base.children);
  Object.freeze(base.historyValue);
  const opening = Object.freeze(actions.map((a) => Object.freeze({ ...a })));
  return (input: MachineInput): [SnapshotFrom<Machine>, ReturnedAction[]] => [
    { ...base, tags: new Set(base.tags), context: { data: input.data ?? {}, timers: [], outcomes: [] } },
    [...opening],
  ];
}

/** The roles that may send each event: its declared roles, and the system role when a timer or a waiting list sends it. */
function rolesByEvent(wf: DeepReadonly<Workflow>, timerEvents: ReadonlySet<string>, offerEvents: ReadonlySet<string>): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const [event, declared] of Object.entries(wf.events)) {
    const roles = [...(declared.roles ?? [])];
    if ((timerEvents.has(event) || offerEvents.has(event)) && !roles.includes(SYSTEM_ROLE)) roles.push(SYSTEM_ROLE);
    out.set(event, Object.freeze(roles));
  }
  return out;
}

/** A program's workflow compiled once: the XState machine and what `applyEvent` looks up per event. */
export interface CompiledWorkflow {
  readonly program: Program;
  readonly workflow: DeepReadonly<Workflow>;
  /** The XState v5 machine (built with `setup()`); drive it with XState's pure `transition`. */
  readonly machine: Machine;
  /** XState's pure transition on `machine`: the next snapshot and the actions it would run (none are run). */
  readonly transition: (snapshot: SnapshotFrom<Machine>, event: MachineEvent) => [SnapshotFrom<Machine>, ReturnedAction[]];
  /** XState's pure `initialTransition` on `machine`: the snapshot a case opens with and the actions it would run. */
  readonly initial: (input: MachineInput) => [SnapshotFrom<Machine>, ReturnedAction[]];
  /** Transitions per state and event, in the order they are tried. */
  readonly transitions: ReadonlyMap<string, ReadonlyMap<string, readonly TransitionSite[]>>;
  /** Compiled guards by the guard's pointer in the definition. */
  readonly guards: ReadonlyMap<string, CompiledGuard>;
  /** Events that state timers and deadlines send; the system actor may send them. */
  readonly timerEvents: ReadonlySet<string>;
  /** Events the system sends to offer a free place to a waiting case (a waiting list's `offer`). */
  readonly offerEvents: ReadonlySet<string>;
  /** The roles that may send each event (see `allowedRoles`), worked out once. */
  readonly roles: ReadonlyMap<string, readonly string[]>;
}

const cache = new WeakMap<Program, CompiledWorkflow>();

/**
 * Compiles a program's workflow to an XState v5 machine built with `setup()`: guards and actions come from a fixed
 * catalogue, guards are the definition's JSON Schemas compiled with core's Ajv settings. Compiled once per program.
 *
 * @throws WorkflowError `WORKFLOW_MISSING` when the program has no workflow.
 */
export function compileWorkflow(program: Program): CompiledWorkflow {
  const known = cache.get(program);
  if (known) return known;
  const wf = program.definition.workflow;
  if (!wf) throw new WorkflowError('WORKFLOW_MISSING', `Program "${program.id}" has no workflow`, program.id);
  const transitions = transitionsByState(wf);
  const timerEvents = new Set([...Object.values(wf.states).flatMap((s) => (s.after ?? []).map((t) => t.send)), ...Object.values(wf.deadlines ?? {}).map((d) => d.send)]);
  const guards: CompiledGuard[] = [];
  const machine = buildMachine(program, wf, transitions, timerEvents, guards);
  const offerEvents = new Set(Object.values(wf.places ?? {}).flatMap((p) => (p.waitingList ? [p.waitingList.offer] : [])));
  const pure = createPureTransition(machine, wf);
  const compiled: CompiledWorkflow = Object.freeze({
    program,
    workflow: wf,
    machine,
    transition: pure.transition,
    initial: pure.initial,
    transitions,
    guards: new Map(guards.map((g) => [g.pointer, g])),
    timerEvents,
    offerEvents,
    roles: rolesByEvent(wf, timerEvents, offerEvents),
  });
  cache.set(program, compiled);
  return compiled;
}
