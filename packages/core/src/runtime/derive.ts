import type { Evaluate, Expression } from './expression.js';
import { compileExpression } from './expression.js';

/** A field whose value is computed from the form's other answers (`x-derived`), as its plan carries it. */
export interface DerivedField {
  /** The field's property names from the form's root (a derived field never lies inside a list). */
  readonly path: readonly string[];
  readonly expression: Expression;
  /**
   * The pointer of the field a person changes to change this value (the first field its expression reads, or the
   * list that holds it): errors of the derived value are shown there, since nobody can edit the value itself.
   */
  readonly edit?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const compiled = new WeakMap<readonly DerivedField[], readonly Evaluate[]>();

function evaluators(fields: readonly DerivedField[]): readonly Evaluate[] {
  let out = compiled.get(fields);
  if (!out) compiled.set(fields, (out = fields.map((f) => compileExpression(f.expression))));
  return out;
}

/**
 * The data with every derived field set to its value for the data, in the plan's order (a value that others use
 * comes first); a field without a value is removed. Whatever the data held there is replaced: a value the person
 * cannot type is never taken from outside. With `present`, only fields the data holds are worked out again (after
 * hidden fields were removed, a hidden derived field stays away). Copy on write: the data itself comes back when
 * nothing changed.
 */
export function deriveValues(fields: readonly DerivedField[] | undefined, data: Obj, options: { present?: boolean } = {}): Obj {
  if (!fields || fields.length === 0) return data;
  const run = evaluators(fields);
  let out = data;
  for (let i = 0; i < fields.length; i++) {
    const path = fields[i]!.path;
    if (options.present && !hasPath(out, path)) continue;
    const found = run[i]!(out);
    const value = found === null ? undefined : found;
    // The usual case, a value at the top that the data already holds (the widget sent it), costs one comparison.
    if (path.length === 1 && value !== undefined && out[path[0]!] === value) continue;
    out = putAt(out, path, 0, value);
  }
  return out;
}

/** @internal */
export function hasPath(data: unknown, path: readonly string[]): boolean {
  let node = data;
  for (const t of path) {
    if (!isObj(node) || !Object.prototype.hasOwnProperty.call(node, t)) return false;
    node = node[t];
  }
  return true;
}

/**
 * `node` with `value` at `path` (from `i` on), copying only what changes; groups on the way are made when a value needs them.
 * @internal
 */
export function putAt(node: Obj, path: readonly string[], i: number, value: unknown): Obj {
  const key = path[i]!;
  const has = Object.prototype.hasOwnProperty.call(node, key);
  if (i === path.length - 1) {
    if (value === undefined) {
      if (!has) return node;
      const copy = { ...node };
      delete copy[key];
      return copy;
    }
    if (has && node[key] === value) return node;
    return { ...node, [key]: value };
  }
  const inner = has ? node[key] : undefined;
  if (!isObj(inner)) {
    // No group to hold the value (or something else where a group belongs, which validation then reports): a missing
    // group is made only for a value, never left behind empty.
    if (value === undefined || (has && inner !== undefined)) return node;
    return { ...node, [key]: putAt({}, path, i + 1, value) };
  }
  const next = putAt(inner, path, i + 1, value);
  return next === inner ? node : { ...node, [key]: next };
}
