import type { DeepReadonly, Form } from '../model/program.js';
import type { JsonSchema } from '../model/json-schema.js';
import type { IssueCode } from '../runtime/errors.js';
import type { DerivedField } from '../runtime/derive.js';
import { listFormFields, type FieldInfo } from '../runtime/form-fields.js';
import { toPointer } from '../runtime/pointer.js';
import { parseExpression } from './parse-expression.js';

/** A problem of a form's derived fields, with its pointer inside the form schema. */
export interface DerivedProblem {
  readonly code: IssueCode;
  readonly pointer: string;
  readonly params: Record<string, unknown>;
}

/** The derived fields of a form in the order they are worked out, and what is wrong with them. */
export interface DerivedPlan {
  readonly fields: readonly DerivedField[];
  readonly problems: readonly DerivedProblem[];
}

const plans = new WeakMap<object, DerivedPlan>();

/**
 * Reads every `x-derived` of a form schema: each must be a single value outside lists, its expression must read
 * and name fields of the form, and no derived value may need itself. The fields come ordered so that a derived
 * value that others read is worked out before them.
 */
export function derivedPlan(form: DeepReadonly<Form>): DerivedPlan {
  const known = plans.get(form);
  if (known) return known;
  const fields = listFormFields(form.schema as JsonSchema);
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const problems: DerivedProblem[] = [];
  const found: { field: string; at: string; entry: DerivedField; reads: string[] }[] = [];
  for (const f of fields) {
    const source = f.schema['x-derived'];
    if (typeof source !== 'string') continue;
    const at = `${f.schemaPointer}/x-derived`;
    if (f.inList || f.kind !== 'value') {
      problems.push({ code: 'DERIVED_FIELD_INVALID', pointer: at, params: { field: f.path } });
      continue;
    }
    const parsed = parseExpression(source);
    for (const p of parsed.problems) problems.push({ code: p.code, pointer: at, params: { field: f.path, ...p.params } });
    const reads = parsed.fields.map((p) => p.join('.'));
    let complete = parsed.expression !== undefined;
    for (const r of new Set(reads)) {
      if (byPath.has(r)) continue;
      problems.push({ code: 'EXPRESSION_FIELD_UNKNOWN', pointer: at, params: { field: f.path, expression: source, name: r } });
      complete = false;
    }
    if (complete) found.push({ field: f.path, at, entry: { path: f.path.split('.'), expression: parsed.expression! }, reads });
  }
  const ordered = orderByUse(found, problems);
  const plan: DerivedPlan = { fields: withEditedFields(ordered, found, byPath), problems };
  plans.set(form, plan);
  return plan;
}

/**
 * Each derived field with the pointer of the field a person edits to change it: the first field its expression
 * reads (the list, for a field inside a list), or, where it reads a derived value, that value's.
 */
function withEditedFields(
  ordered: readonly DerivedField[],
  found: readonly { field: string; reads: string[] }[],
  byPath: ReadonlyMap<string, FieldInfo>,
): DerivedField[] {
  const edits = new Map<string, string>();
  const reads = new Map(found.map((d) => [d.field, d.reads]));
  return ordered.map((entry) => {
    const field = entry.path.join('.');
    let edit: string | undefined;
    for (const r of reads.get(field) ?? []) {
      edit = edits.get(r) ?? (reads.has(r) ? undefined : editedPointer(r, byPath));
      if (edit !== undefined) break;
    }
    if (edit === undefined) return entry;
    edits.set(field, edit);
    return { ...entry, edit };
  });
}

/** The pointer of a field outside lists, or of the outermost list that holds it. */
function editedPointer(path: string, byPath: ReadonlyMap<string, FieldInfo>): string {
  const names = path.split('.');
  for (let i = 1; i <= names.length; i++) {
    if (byPath.get(names.slice(0, i).join('.'))?.kind === 'list') return toPointer(names.slice(0, i));
  }
  return toPointer(names);
}

/** Derived fields, each after the derived fields it reads (directly, or by reading a group around them); loops are problems. */
function orderByUse(found: readonly { field: string; at: string; entry: DerivedField; reads: string[] }[], problems: DerivedProblem[]): DerivedField[] {
  const byField = new Map(found.map((d) => [d.field, d]));
  const uses = (d: (typeof found)[number]) => found.filter((o) => d.reads.some((r) => o.field === r || o.field.startsWith(r + '.')));
  const out: DerivedField[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (d: (typeof found)[number], trail: string[]): void => {
    const s = state.get(d.field);
    if (s === 'done') return;
    if (s === 'visiting') {
      const loop = [...trail.slice(trail.indexOf(d.field)), d.field];
      problems.push({ code: 'DERIVED_CYCLE', pointer: d.at, params: { field: d.field, cycle: loop.join(' → ') } });
      return;
    }
    state.set(d.field, 'visiting');
    for (const o of uses(d)) visit(byField.get(o.field)!, [...trail, d.field]);
    state.set(d.field, 'done');
    out.push(d.entry);
  };
  for (const d of found) visit(d, []);
  return out;
}
