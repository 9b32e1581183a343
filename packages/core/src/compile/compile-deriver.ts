import type { DerivedField } from '../runtime/derive.js';
import type { Expression } from '../runtime/expression.js';
import { expressionHelpers } from '../runtime/expression.js';
import { putAt, hasPath } from '../runtime/derive.js';

/** Works out a form's derived values, as `deriveValues` does (see there for `present`). */
export type Deriver = (data: Record<string, unknown>, present: boolean) => Record<string, unknown>;

const compiled = new WeakMap<readonly DerivedField[], Deriver>();

/** Arithmetic written out in the generated code, as `expressionHelpers.binary` does it (see there). */
const ARITHMETIC: Readonly<Record<string, (a: string, b: string) => string>> = {
  '+': (a, b) => `${a} + ${b}`,
  '-': (a, b) => `${a} - ${b}`,
  '*': (a, b) => `${a} * ${b}`,
  '/': (a, b) => `(${b} === 0 ? NaN : ${a} / ${b})`,
  '%': (a, b) => `(${b} === 0 ? NaN : ${a} % ${b})`,
};

/**
 * `expressionHelpers.tidy` written out, for the number in `t`: no value unless finite, else rounded to 6 places below a
 * billion. The usual case (a finite number below a billion) is asked about first: one comparison before the rounding.
 */
const tidy = (t: string): string => `${t} = Math.abs(${t}) < 1e9 ? Math.round(${t} * 1e6) / 1e6 : ${t} - ${t} === 0 ? ${t} : undefined;`;

/**
 * A name at the top of the data. Data is JSON: a function there can only be inherited (`toString`), and counts as no
 * value; only a name that objects inherit needs that looked at.
 */
const readTop = (name: string): string => {
  const at = `out[${JSON.stringify(name)}]`;
  return name in Object.prototype ? `(typeof ${at} === "function" ? undefined : ${at})` : at;
};

/**
 * A form's derived values as one generated function, for `validate` (Ajv at run time generates code the same way, so
 * this runs where Ajv does). A validators module carries the same code, written when it was built (`deriverSource`),
 * which a browser runs under a strict CSP.
 */
export function compileDeriver(fields: readonly DerivedField[]): Deriver {
  const known = compiled.get(fields);
  if (known) return known;
  // Generated from a checked tree, as Ajv generates its validators: never in a browser (see runtime/).
  const deriver = new Function('h', 'put', 'hasPath', deriverSource(fields))(expressionHelpers, putAt, hasPath) as Deriver;
  compiled.set(fields, deriver);
  return deriver;
}

/**
 * The body of a function of `h` (`expressionHelpers`), `put` (`putAt`) and `hasPath` that returns the deriver of
 * these fields. It does what `deriveValues` does with closures, on the same tree: arithmetic written out, the
 * functions called from `expressionHelpers`. Every part is worked out once, in a local variable: a part that comes
 * back (`sum(costs.amount)` in several values) is read from there. That holds because the values are worked out in
 * order, each after those it reads, and nothing else changes the data on the way. A server validating many
 * submissions then pays about what the arithmetic costs, not a closure call per step of every expression.
 */
export function deriverSource(fields: readonly DerivedField[]): string {
  const consts: string[] = [];
  const lines: string[] = [];
  let temps = 0;
  const temp = (): string => `t${temps++}`;
  const constants = new Map<string, string>();
  const constant = (value: string): string => {
    let name = constants.get(value);
    if (!name) {
      name = `k${constants.size}`;
      constants.set(value, name);
      consts.push(`const ${name} = ${value};`);
    }
    return name;
  };
  const parts = new Map<string, string>();
  /** Locals that hold a number or nothing (`let`: arithmetic, `round`), never `null`. */
  const numbers = new Set<string>();
  /** The name of a local holding the expression's value (worked out once), or a literal. */
  const code = (e: Expression): string => {
    // A number in brackets, so that `-` before it never makes `--`; String(-0) would lose the sign.
    if ('lit' in e) return typeof e.lit === 'number' ? (Object.is(e.lit, -0) ? '(-0)' : `(${e.lit})`) : JSON.stringify(e.lit);
    const key = JSON.stringify(e);
    const known = parts.get(key);
    if (known) return known;
    const t = temp();
    parts.set(key, t);
    const made = steps(t, e);
    if (made[0]!.startsWith('let ')) numbers.add(t);
    lines.push(...made);
    return t;
  };
  /** Statements that leave the expression's value in `t` (declared there). */
  const steps = (t: string, e: Exclude<Expression, { lit: unknown }>): string[] => {
    if ('get' in e) {
      if (e.get.length > 1) return [`const ${t} = h.read(out, ${constant(JSON.stringify(e.get))}, 0);`];
      return [`const ${t} = ${readTop(e.get[0]!)};`];
    }
    if ('call' in e) {
      const only = e.args.length === 1 ? e.args[0]! : undefined;
      if (e.call === 'sum' && only && 'get' in only) {
        const path = only.get;
        // The usual sum, of a field over a list at the top (`sum(costs.amount)`), in one loop.
        if (path.length === 2) return [`const ${t} = h.sumOf(${readTop(path[0]!)}, ${JSON.stringify(path[1])});`];
        return [`const ${t} = h.sum(out, ${constant(JSON.stringify(path))});`];
      }
      const digits = e.call === 'round' ? (e.args[1] ?? { lit: 0 }) : undefined;
      if (digits && 'lit' in digits && typeof digits.lit === 'number' && Number.isInteger(digits.lit) && digits.lit >= 0 && digits.lit <= 6) {
        // `round` to a fixed number of places, written out as `expressionHelpers.round` does it.
        const a = code(e.args[0]!);
        const scale = 10 ** digits.lit;
        // Its result k / 10^d (d <= 6) is what `tidy` would make of it, below a billion (k * 10^(6-d) is then an exact
        // integer, and both divisions round the same number), so only a result that is not finite needs looking at.
        return [`let ${t}; if (typeof ${a} === "number" && ${a} - ${a} === 0) { ${t} = (Math.sign(${a}) * Math.round(Math.abs(${a}) * ${scale} + 1e-9)) / ${scale}; if (${t} - ${t} !== 0) ${t} = undefined; }`];
      }
      const on = e.call === 'ageAt' ? e.args[1]! : undefined;
      if (on && 'lit' in on) {
        // An age on a date written in the expression (the usual case): that date is read once, when the code is made.
        // The age is a whole number, which `tidy` leaves as it is.
        const birth = code(e.args[0]!);
        return [`const ${t} = h.ageOn(${birth}, ${constant(`h.dateNumber(${JSON.stringify(on.lit)})`)});`];
      }
      const args = e.args.map(code);
      if (expressionHelpers.isFixed(e.call)) return [`const ${t} = h.${e.call}(${args.join(', ')});`];
      return [`const ${t} = h.call(${JSON.stringify(e.call)}, [${args.join(', ')}]);`];
    }
    if ('op' in e) {
      const a = code(e.a);
      const b = code(e.b);
      const arithmetic = ARITHMETIC[e.op];
      if (arithmetic) return [`let ${t}; if (typeof ${a} === "number" && typeof ${b} === "number") { ${t} = ${arithmetic(a, b)}; ${tidy(t)} }`];
      return [`const ${t} = ${constant(`h.binary[${JSON.stringify(e.op)}]`)}(${a}, ${b});`];
    }
    if ('not' in e) {
      const a = code(e.not);
      return [`const ${t} = typeof ${a} === "boolean" ? !${a} : undefined;`];
    }
    if ('neg' in e) {
      const a = code(e.neg);
      return [`let ${t}; if (typeof ${a} === "number") { ${t} = -${a}; ${tidy(t)} }`];
    }
    return [`const ${t} = h.pick(${code(e.if)}, ${code(e.then)}, ${code(e.else)});`];
  };
  fields.forEach((f, i) => {
    const v = code(f.expression);
    const p = constant(JSON.stringify(f.path));
    const got = `v${i}`;
    lines.push(numbers.has(v) ? `const ${got} = ${v};` : `const ${got} = ${v} === null ? undefined : ${v};`);
    if (f.path.length === 1) {
      const key = JSON.stringify(f.path[0]);
      lines.push(`if ((!present || has.call(out, ${key})) && (${got} === undefined || out[${key}] !== ${got})) out = put(out, ${p}, 0, ${got});`);
    } else {
      lines.push(`if (!present || hasPath(out, ${p})) out = put(out, ${p}, 0, ${got});`);
    }
  });
  return [
    '"use strict";',
    'const has = Object.prototype.hasOwnProperty;',
    ...consts,
    'return function derive(data, present) {',
    'let out = data;',
    ...lines,
    'return out;',
    '};',
  ].join('\n');
}
