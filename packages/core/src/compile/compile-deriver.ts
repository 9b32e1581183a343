import type { DerivedField } from '../runtime/derive.js';
import type { Expression } from '../runtime/expression.js';
import { expressionHelpers } from '../runtime/expression.js';
import { putAt, hasPath } from '../runtime/derive.js';

/** Works out a form's derived values, as `deriveValues` does (see there for `present`). */
export type Deriver = (data: Record<string, unknown>, present: boolean) => Record<string, unknown>;

const compiled = new WeakMap<readonly DerivedField[], Deriver>();

/**
 * A form's derived values as one generated function, for `validate` (Ajv at run time generates code the same way, so
 * this runs where Ajv does, never in the widget). It calls the very helpers the widget's closures call, on the same
 * tree; a server validating many submissions then pays about what the arithmetic costs, instead of a closure call per
 * step of every expression.
 */
export function compileDeriver(fields: readonly DerivedField[]): Deriver {
  const known = compiled.get(fields);
  if (known) return known;
  const consts: string[] = [];
  const paths = new Map<string, string>();
  const pathConst = (path: readonly string[]): string => {
    const key = JSON.stringify(path);
    let name = paths.get(key);
    if (!name) {
      name = `p${paths.size}`;
      paths.set(key, name);
      consts.push(`const ${name} = ${key};`);
    }
    return name;
  };
  const ops = new Map<string, string>();
  const opConst = (op: string): string => {
    let name = ops.get(op);
    if (!name) {
      name = `o${ops.size}`;
      ops.set(op, name);
      consts.push(`const ${name} = h.binary[${JSON.stringify(op)}];`);
    }
    return name;
  };
  const code = (e: Expression): string => {
    if ('lit' in e) return JSON.stringify(e.lit);
    if ('get' in e) {
      if (e.get.length === 1) return `((t = out[${JSON.stringify(e.get[0])}]), typeof t === "function" ? undefined : t)`;
      return `h.read(out, ${pathConst(e.get)}, 0)`;
    }
    if ('call' in e) {
      const only = e.args.length === 1 ? e.args[0]! : undefined;
      if (e.call === 'sum' && only && 'get' in only) {
        const path = only.get;
        // The usual sum, of a field over a list at the top (`sum(costs.amount)`), in one loop.
        if (path.length === 2) return `h.sumOf(out[${JSON.stringify(path[0])}], ${JSON.stringify(path[1])})`;
        return `h.sum(out, ${pathConst(path)})`;
      }
      if (expressionHelpers.isFixed(e.call)) return `h.${e.call}(${e.args.map(code).join(', ')})`;
      return `h.call(${JSON.stringify(e.call)}, [${e.args.map(code).join(', ')}])`;
    }
    if ('op' in e) return `${opConst(e.op)}(${code(e.a)}, ${code(e.b)})`;
    if ('not' in e) return `h.not(${code(e.not)})`;
    if ('neg' in e) return `h.neg(${code(e.neg)})`;
    return `h.pick(${code(e.if)}, ${code(e.then)}, ${code(e.else)})`;
  };
  const steps = fields.map((f) => {
    const value = `v = ${code(f.expression)}; if (v === null) v = undefined;`;
    const p = pathConst(f.path);
    if (f.path.length === 1) {
      const key = JSON.stringify(f.path[0]);
      return `${value} if (!present || has.call(out, ${key})) { if (v === undefined || out[${key}] !== v) out = put(out, ${p}, 0, v); }`;
    }
    return `${value} if (!present || hasPath(out, ${p})) out = put(out, ${p}, 0, v);`;
  });
  const body = [
    '"use strict";',
    'const has = Object.prototype.hasOwnProperty;',
    ...consts,
    'return function derive(data, present) {',
    'let out = data, v, t;',
    ...steps,
    'return out;',
    '};',
  ].join('\n');
  // Generated from a checked tree, as Ajv generates its validators: never in a browser with a strict CSP (see runtime/).
  const deriver = new Function('h', 'put', 'hasPath', body)(expressionHelpers, putAt, hasPath) as Deriver;
  compiled.set(fields, deriver);
  return deriver;
}
