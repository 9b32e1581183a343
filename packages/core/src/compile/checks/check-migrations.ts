import type { ProgramCheck, CheckContext } from './context.js';
import type { DeepReadonly, Program, ProgramDefinition } from '../../model/program.js';
import type { Issue } from '../../runtime/errors.js';
import { createCheckContext } from './context.js';
import { listFormFields } from '../../runtime/form-fields.js';
import { escapePointerToken as esc } from '../../runtime/pointer.js';

/** The dotted paths of every field outside lists in a program's forms, and of the groups that hold them. */
export function migrationFields(def: DeepReadonly<ProgramDefinition>): Set<string> {
  const fields = new Set<string>();
  for (const form of Object.values(def.forms)) {
    for (const f of listFormFields(form.schema)) if (!f.inList) fields.add(f.path);
  }
  return fields;
}

/**
 * A version's own `versions.migrations`: each older version named once and not this one, every target state a state of
 * this version, and every place data moves to or gets a default at a field of this version's forms. What they need of
 * the older version is checked against it with `checkMigration`.
 */
export const checkMigrations: ProgramCheck = (ctx) => {
  const def = ctx.definition;
  const migrations = def.versions?.migrations ?? [];
  const states = new Set(Object.keys(def.workflow?.states ?? {}));
  const fields = migrationFields(def);
  const seen = new Set<string>();
  migrations.forEach((m, i) => {
    const at = `/versions/migrations/${i}`;
    if (m.from === def.version) ctx.report('MIGRATION_FROM_SELF', `${at}/from`, { version: m.from });
    else if (seen.has(m.from)) ctx.report('MIGRATION_FROM_DUPLICATE', `${at}/from`, { version: m.from });
    seen.add(m.from);
    for (const [old, target] of Object.entries(m.states ?? {})) {
      if (!states.has(target)) ctx.report('MIGRATION_STATE_UNKNOWN', `${at}/states/${esc(old)}`, { state: target });
    }
    (m.data ?? []).forEach((step, j) => {
      if (step.op !== 'remove' && !fields.has(step.path)) ctx.report('MIGRATION_FIELD_UNKNOWN', `${at}/data/${j}/path`, { field: step.path });
    });
  });
};

/** The state timers' and deadlines' events of a workflow. */
function timerEvents(def: DeepReadonly<ProgramDefinition>): Set<string> {
  const wf = def.workflow;
  if (!wf) return new Set();
  return new Set([...Object.values(wf.states).flatMap((s) => (s.after ?? []).map((t) => t.send)), ...Object.values(wf.deadlines ?? {}).map((d) => d.send)]);
}

function reportAgainst(ctx: CheckContext, from: Program, to: Program): void {
  const def = to.definition;
  const migrations = def.versions?.migrations ?? [];
  const i = migrations.findIndex((m) => m.from === from.version);
  if (from.id !== def.id || i < 0) {
    ctx.report('MIGRATION_MISSING', '/versions', { from: from.ref, version: def.version });
    return;
  }
  const m = migrations[i]!;
  const at = `/versions/migrations/${i}`;
  const oldStates = from.definition.workflow?.states ?? {};
  const newStates = new Set(Object.keys(def.workflow?.states ?? {}));
  const map = m.states ?? {};
  for (const old of Object.keys(map)) {
    if (!Object.hasOwn(oldStates, old)) ctx.report('MIGRATION_SOURCE_STATE_UNKNOWN', `${at}/states/${esc(old)}`, { state: old, from: from.version });
  }
  for (const [name, state] of Object.entries(oldStates)) {
    if (state.final || Object.hasOwn(map, name) || newStates.has(name)) continue;
    ctx.report('MIGRATION_STATE_UNMAPPED', m.states ? `${at}/states` : at, { state: name, from: from.version });
  }
  const oldFields = migrationFields(from.definition);
  (m.data ?? []).forEach((step, j) => {
    if (step.op === 'move' && !oldFields.has(step.from)) ctx.report('MIGRATION_SOURCE_FIELD_UNKNOWN', `${at}/data/${j}/from`, { field: step.from, from: from.version });
    if (step.op === 'remove' && !oldFields.has(step.path)) ctx.report('MIGRATION_SOURCE_FIELD_UNKNOWN', `${at}/data/${j}/path`, { field: step.path, from: from.version });
  });
  if ((m.timers ?? 'keep') === 'keep') {
    const events = new Set(Object.keys(def.workflow?.events ?? {}));
    for (const event of timerEvents(from.definition)) {
      if (!events.has(event)) ctx.report('MIGRATION_TIMER_EVENT_UNKNOWN', m.timers ? `${at}/timers` : at, { event, from: from.version });
    }
  }
}

/**
 * Checks the migration of `to` from `from` (both loaded) against the older version: `to` has a migration from it, the
 * states it maps exist in it, every open state it has either is mapped or exists in `to` too, the fields it moves and
 * removes are fields of its forms, and timers kept send events `to` knows. Returns the problems (empty when none), with
 * pointers into `to`'s definition and messages in `locale` (`de` or `en`, the default).
 */
export function checkMigration(from: Program, to: Program, locale = 'en'): Issue[] {
  const issues: Issue[] = [];
  reportAgainst(createCheckContext(to.definition, locale, issues), from, to);
  return issues;
}
