import type { DeepReadonly, Migration, Program } from '@civicflow/core';
import { addDuration, periodEnd, toPointer, validate } from '@civicflow/core';
import type { Actor, AuditEntry, Case, CaseData, Timer } from './case.js';
import { WorkflowError } from './errors.js';
import { cloneJson } from './clone-json.js';
import { freezeNew } from './freeze-new.js';
import { setPath } from './set-path.js';

/** The event name of the audit entry a migration appends. Not an identifier, so no workflow can declare it. */
export const MIGRATION_EVENT = 'civicflow:migration';

/** Why a case cannot move to the newer version: where in its data (a JSON pointer), a stable code, a message. */
export interface MigrationProblem {
  /** The form of the newer version whose check failed, if it was one. */
  form?: string;
  pointer: string;
  /** A JSON Schema keyword of a form (`required`, `enum`, …), or `fieldUnknown`, `stateUnknown`, `caseFinal`. */
  code: string;
  message: string;
}

/** What a migration did to one case, or why it cannot. */
export type MigrateResult =
  | { ok: true; case: Case; audit: AuditEntry }
  | { ok: false; fromState: string; toState: string; problems: MigrationProblem[] };

const words = {
  en: {
    fieldUnknown: 'The data holds "{field}", which no form of the newer version has: remove or move it in the migration.',
    stateUnknown: 'The newer version has no state "{state}".',
    caseFinal: 'The case is closed; closed cases stay on their version.',
  },
  de: {
    fieldUnknown: 'Die Daten enthalten „{field}“, das kein Formular der neueren Version hat: Entfernen oder verschieben Sie es in der Übernahme.',
    stateUnknown: 'Die neuere Version hat keinen Zustand „{state}“.',
    caseFinal: 'Der Fall ist abgeschlossen; abgeschlossene Fälle bleiben bei ihrer Version.',
  },
};

const say = (locale: string, key: keyof (typeof words)['en'], params: Record<string, string>) =>
  words[locale.startsWith('de') ? 'de' : 'en'][key].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');

/** The migration of `to` for cases of `from`. Throws `WorkflowError` `MIGRATION_MISSING` when `to` has none. */
export function migrationOf(from: Program, to: Program): DeepReadonly<Migration> {
  const m = from.id === to.id ? to.definition.versions?.migrations?.find((x) => x.from === from.version) : undefined;
  if (!m) throw new WorkflowError('MIGRATION_MISSING', `${to.ref} has no migration from ${from.ref}`, to.id);
  return m;
}

const isObject = (v: unknown): v is CaseData => typeof v === 'object' && v !== null && !Array.isArray(v);

function getPath(data: CaseData, path: string): unknown {
  let node: unknown = data;
  for (const key of path.split('.')) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

function removePath(data: CaseData, path: string): CaseData {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (!Object.hasOwn(data, head)) return data;
  if (rest.length === 0) {
    const { [head]: _gone, ...others } = data;
    return others;
  }
  const inner = data[head];
  return isObject(inner) ? { ...data, [head]: removePath(inner, rest.join('.')) } : data;
}

const pointerOf = (path: string) => toPointer(path.split('.'));

/** The data after the migration's steps, in order, and the pointers of what they changed. */
export function migrateData(m: DeepReadonly<Migration>, data: CaseData): { data: CaseData; changed: string[] } {
  let out = data;
  const changed = new Set<string>();
  for (const step of m.data ?? []) {
    if (step.op === 'move') {
      const value = getPath(out, step.from);
      if (value === undefined) continue;
      out = setPath(removePath(out, step.from), step.path, value);
      changed.add(pointerOf(step.from)).add(pointerOf(step.path));
    } else if (step.op === 'remove') {
      if (getPath(out, step.path) === undefined) continue;
      out = removePath(out, step.path);
      changed.add(pointerOf(step.path));
    } else if (getPath(out, step.path) === undefined) {
      out = setPath(out, step.path, cloneJson(step.value));
      changed.add(pointerOf(step.path));
    }
  }
  return { data: out, changed: [...changed] };
}

/**
 * Checks migrated data against the newer version's forms: every top-level field belongs to one of them, and each form
 * the data holds a field of (a form the case filled in) is valid for the part of the data it declares.
 */
export function checkMigratedData(to: Program, data: CaseData, locale: string): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  const known = new Set<string>();
  for (const [formId, form] of Object.entries(to.definition.forms)) {
    const props = Object.keys((form.schema as { properties?: Record<string, unknown> }).properties ?? {});
    props.forEach((p) => known.add(p));
    const part = Object.fromEntries(props.filter((p) => Object.hasOwn(data, p)).map((p) => [p, data[p]]));
    if (Object.keys(part).length === 0) continue;
    const result = validate(to, formId, part, { locale });
    if (!result.valid) for (const e of result.errors) problems.push({ form: formId, pointer: e.pointer, code: e.code, message: e.message });
  }
  for (const key of Object.keys(data)) {
    if (!known.has(key)) problems.push({ pointer: toPointer([key]), code: 'fieldUnknown', message: say(locale, 'fieldUnknown', { field: key }) });
  }
  return problems;
}

/** When the case entered its current state: the last step into it from another state, or its opening. */
function enteredAt(c: Case): string {
  for (let i = c.history.length - 1; i >= 0; i--) {
    const h = c.history[i]!;
    if (h.to === c.state && h.from !== c.state) return h.at;
  }
  return c.history[0]?.at ?? new Date(0).toISOString();
}

function dueOf(to: Program, start: string, timer: { readonly duration?: string; readonly after?: string; readonly at?: string; readonly periodEnd?: string }): string {
  if (timer.periodEnd !== undefined) return (periodEnd(to.definition, timer.periodEnd) ?? new Date(start)).toISOString();
  if (timer.at !== undefined) return new Date(timer.at).toISOString();
  return addDuration(new Date(start), (timer.duration ?? timer.after)!).toISOString();
}

/** The case's timers after the migration, as `timers` says. A case that ends up in a final state has none. */
function migrateTimers(m: DeepReadonly<Migration>, to: Program, c: Case, state: string): Timer[] {
  const wf = to.definition.workflow;
  if (!wf || wf.states[state]?.final) return [];
  const mode = m.timers ?? 'keep';
  if (mode === 'drop') return [];
  if (mode === 'keep') {
    return c.timers.map((t) => (t.state === c.state && t.state !== state ? { ...t, id: t.id.replace(`after:${c.state}:`, `after:${state}:`), state } : { ...t }));
  }
  const start = c.timers.find((t) => t.state === c.state)?.startedAt ?? enteredAt(c);
  const stateTimers = (wf.states[state]?.after ?? []).map((t, i): Timer => ({ id: `after:${state}:${i}`, event: t.send, due: dueOf(to, start, t), startedAt: start, state }));
  const deadlines = c.timers.flatMap((t): Timer[] => {
    const d = t.deadline !== undefined ? wf.deadlines?.[t.deadline] : undefined;
    return d ? [{ id: t.id, event: d.send, due: dueOf(to, t.startedAt, d), startedAt: t.startedAt, deadline: t.deadline! }] : [];
  });
  return [...stateTimers, ...deadlines];
}

/**
 * Moves one open case of `from` to `to` by `to`'s migration: its state through the map, its data through the steps,
 * its timers as the migration says, and one audit entry (`civicflow:migration`, the pointers changed, both versions).
 * The case that comes back is checked against `to`'s forms; when it fails them, or its state has no place in `to`, the
 * problems come back instead and the case stays as it was. Pure: nothing is stored.
 */
export function migrateCase(from: Program, to: Program, c: Case, actor: Actor, now: Date, locale = 'en'): MigrateResult {
  const m = migrationOf(from, to);
  const state = m.states?.[c.state] ?? c.state;
  const fail = (problems: MigrationProblem[]): MigrateResult => ({ ok: false, fromState: c.state, toState: state, problems });
  if (from.definition.workflow?.states[c.state]?.final) return fail([{ pointer: '', code: 'caseFinal', message: say(locale, 'caseFinal', {}) }]);
  if (to.definition.workflow && !Object.hasOwn(to.definition.workflow.states, state)) {
    return fail([{ pointer: '', code: 'stateUnknown', message: say(locale, 'stateUnknown', { state }) }]);
  }
  const { data, changed } = migrateData(m, c.data);
  const problems = checkMigratedData(to, data, locale);
  if (problems.length > 0) return fail(problems);
  const audit: AuditEntry = {
    seq: c.version + 1,
    at: now.toISOString(),
    actor: actor.id,
    roles: [...actor.roles],
    event: MIGRATION_EVENT,
    from: c.state,
    to: state,
    changed,
    migration: { from: from.ref, to: to.ref, timers: m.timers ?? 'keep' },
  };
  const migrated: Case = freezeNew({
    ...c,
    program: to.ref,
    state,
    data: data === c.data ? c.data : cloneJson(data),
    timers: migrateTimers(m, to, c, state),
    version: audit.seq,
    history: [...c.history, audit],
  });
  return { ok: true, case: migrated, audit };
}
