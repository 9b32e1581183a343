// Evaluating a derived value's expression. The expression arrives already parsed and checked (see
// `parseExpression` in compile/), as plain JSON, so that a browser needs no parser: it only turns that tree
// into closures once, which a strict Content-Security-Policy allows (no eval, no new Function).

/** An operator between two values. `==` and `!=` compare plain values; `<` and the like numbers, or texts such as dates. */
export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';

/** A parsed expression, as JSON (it travels inside a form's plan to the browser). */
export type Expression =
  | { readonly lit: number | string | boolean | null }
  /** The value at a field path from the form's root (property names); a list on the way yields every entry's value. */
  | { readonly get: readonly string[] }
  | { readonly call: FunctionName; readonly args: readonly Expression[] }
  | { readonly op: BinaryOperator; readonly a: Expression; readonly b: Expression }
  | { readonly not: Expression }
  | { readonly neg: Expression }
  | { readonly if: Expression; readonly then: Expression; readonly else: Expression };

/** A compiled expression: the value for the data, or `undefined` when it has none (a value it needs is missing). */
export type Evaluate = (data: unknown) => unknown;

type Fn = (args: readonly unknown[]) => unknown;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};

/** An ISO date (`2026-06-30`) as the number 20260630, or undefined for anything else (also 2026-02-30). */
function dateNumber(v: unknown): number | undefined {
  if (typeof v !== 'string' || v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return undefined;
  const y = digit(v, 0) * 1000 + digit(v, 1) * 100 + digit(v, 2) * 10 + digit(v, 3);
  const m = digit(v, 5) * 10 + digit(v, 6);
  const d = digit(v, 8) * 10 + digit(v, 9);
  if (!(y >= 0 && m >= 1 && m <= 12 && d >= 1)) return undefined; // a character that is no digit makes NaN
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS[m - 1]! + (leap ? 1 : 0) ? y * 10000 + m * 100 + d : undefined;
}

/** Days since 1970-01-01 of an ISO date, or undefined. */
function dayNumber(v: unknown): number | undefined {
  const n = dateNumber(v);
  return n === undefined ? undefined : Date.UTC(Math.floor(n / 10000), (Math.floor(n / 100) % 100) - 1, n % 100) / 86_400_000;
}

/** The values of the arguments, lists opened up, that are numbers. */
function numbersOf(args: readonly unknown[]): number[] {
  const out: number[] = [];
  for (const a of args) {
    if (Array.isArray(a)) {
      for (const v of a) if (isNumber(v)) out.push(v);
    } else if (isNumber(a)) out.push(a);
  }
  return out;
}

/**
 * Full years from one ISO date to another, as a person's age is counted (a birthday on 29 February counts on
 * 1 March): the difference of the dates written as numbers (20260630 - 20080701), in ten thousands.
 */
function ageAt(birth: unknown, at: unknown): number | undefined {
  const b = dateNumber(birth);
  const a = dateNumber(at);
  return b === undefined || a === undefined ? undefined : Math.floor((a - b) / 10000);
}

/** How many values there are: a list's entries that hold a value, or 1 for a single value, 0 for none. */
function count(v: unknown): number {
  if (!Array.isArray(v)) return v === undefined || v === null ? 0 : 1;
  let n = 0;
  for (const e of v) if (e !== undefined && e !== null) n++;
  return n;
}

/** A number rounded to some decimal places (0 to 6; none by default), halves away from zero. */
function round(v: unknown, digits: unknown = 0): number | undefined {
  if (!isNumber(v) || !isNumber(digits) || !Number.isInteger(digits) || digits < 0 || digits > 6) return undefined;
  const scale = 10 ** digits;
  return (Math.sign(v) * Math.round(Math.abs(v) * scale + 1e-9)) / scale;
}

/** Days from the first date to the second (negative when the second comes first). */
function daysBetween(a: unknown, b: unknown): number | undefined {
  const from = dayNumber(a);
  const to = dayNumber(b);
  return from === undefined || to === undefined ? undefined : to - from;
}

/** Functions of one or two values, called with them directly (no list of arguments to make on every call). */
const FIXED = { count, round, ageAt, daysBetween } as const;

/** The functions an expression may call, with how many arguments each takes. */
export const expressionFunctions = {
  /** The total of the numbers (a list's entries count one by one); 0 when there are none. */
  sum: { min: 1, max: Infinity, run: ((args) => numbersOf(args).reduce((s, n) => s + n, 0)) as Fn },
  count: { min: 1, max: 1, run: ((args) => count(args[0])) as Fn },
  min: { min: 1, max: Infinity, run: ((args) => (numbersOf(args).length > 0 ? Math.min(...numbersOf(args)) : undefined)) as Fn },
  max: { min: 1, max: Infinity, run: ((args) => (numbersOf(args).length > 0 ? Math.max(...numbersOf(args)) : undefined)) as Fn },
  round: { min: 1, max: 2, run: ((args) => round(args[0], args[1])) as Fn },
  /** A person's age in full years on a date: `ageAt(birthDate, '2026-06-30')`. */
  ageAt: { min: 2, max: 2, run: ((args) => ageAt(args[0], args[1])) as Fn },
  daysBetween: { min: 2, max: 2, run: ((args) => daysBetween(args[0], args[1])) as Fn },
} as const;

export type FunctionName = keyof typeof expressionFunctions;

/** Whether a name is one of the functions an expression may call. */
export function isFunctionName(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(expressionFunctions, name);
}

/**
 * Reads a field path; passing through a list gives the values of every entry (entries without one left out). Data
 * is JSON: a function there can only be inherited (`toString`), and counts as no value.
 */
function read(data: unknown, path: readonly string[], from: number): unknown {
  let node = data;
  for (let i = from; i < path.length; i++) {
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      for (const entry of node) {
        const v = read(entry, path, i);
        if (Array.isArray(v)) out.push(...v);
        else if (v !== undefined) out.push(v);
      }
      return out;
    }
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[path[i]!];
  }
  return typeof node === 'function' ? undefined : node;
}

/** A reader of one path, without a loop for a name at the top (the usual case). */
function reader(path: readonly string[]): Evaluate {
  if (path.length !== 1) return (data) => read(data, path, 0);
  const key = path[0]!;
  return (data) => {
    if (typeof data !== 'object' || data === null) return undefined;
    const v = (data as Record<string, unknown>)[key];
    return typeof v === 'function' ? undefined : v;
  };
}

/** The total of `key` over a list's entries (the usual sum: `sum(costs.amount)`), or at a group's `key`. */
function sumOf(list: unknown, key: string): number {
  if (!Array.isArray(list)) return sumAt(list, [key], 0);
  let total = 0;
  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    if (typeof entry !== 'object' || entry === null) continue;
    const v = (entry as Record<string, unknown>)[key];
    if (typeof v === 'number' && Number.isFinite(v)) total += v;
    else if (Array.isArray(v)) total += sumAt(v, [], 0);
  }
  return total;
}

/** The total of the numbers at a path, through lists. */
function sumAt(data: unknown, path: readonly string[], from: number): number {
  let node = data;
  for (let i = from; i < path.length; i++) {
    if (Array.isArray(node)) {
      let total = 0;
      for (const entry of node) total += sumAt(entry, path, i);
      return total;
    }
    if (typeof node !== 'object' || node === null) return 0;
    node = (node as Record<string, unknown>)[path[i]!];
  }
  if (!Array.isArray(node)) return isNumber(node) ? node : 0;
  let total = 0;
  for (const v of node) if (isNumber(v)) total += v;
  return total;
}

/**
 * Rounds to 6 decimal places, which takes away the noise of binary fractions (0.1 + 0.2 is 0.3) the same way in every
 * JavaScript engine; numbers of a billion and more have no such noise to lose.
 */
const tidy = (n: number): number | undefined => (!Number.isFinite(n) ? undefined : Math.abs(n) >= 1e9 ? n : Math.round(n * 1e6) / 1e6);

type Binary = (x: unknown, y: unknown) => unknown;
const arithmetic =
  (f: (x: number, y: number) => number): Binary =>
  (x, y) =>
    typeof x === 'number' && typeof y === 'number' ? tidy(f(x, y)) : undefined;
const comparison =
  (f: (x: number | string, y: number | string) => boolean): Binary =>
  (x, y) =>
    (isNumber(x) && isNumber(y)) || (typeof x === 'string' && typeof y === 'string') ? f(x, y) : undefined;
const equality =
  (same: boolean): Binary =>
  (x, y) =>
    x === undefined || y === undefined || typeof x === 'object' || typeof y === 'object' ? undefined : (x === y) === same;

/** What each operator does with the values of its operands. */
const BINARY: Readonly<Record<BinaryOperator, Binary>> = {
  '&&': (x, y) => (x === false || y === false ? false : x === true && y === true ? true : undefined),
  '||': (x, y) => (x === true || y === true ? true : x === false && y === false ? false : undefined),
  '==': equality(true),
  '!=': equality(false),
  '<': comparison((x, y) => x < y),
  '<=': comparison((x, y) => x <= y),
  '>': comparison((x, y) => x > y),
  '>=': comparison((x, y) => x >= y),
  '+': arithmetic((x, y) => x + y),
  '-': arithmetic((x, y) => x - y),
  '*': arithmetic((x, y) => x * y),
  '/': arithmetic((x, y) => (y === 0 ? NaN : x / y)),
  '%': arithmetic((x, y) => (y === 0 ? NaN : x % y)),
};

const not = (v: unknown): unknown => (typeof v === 'boolean' ? !v : undefined);
const neg = (v: unknown): unknown => (isNumber(v) ? tidy(-v) : undefined);
const pick = (test: unknown, then: unknown, otherwise: unknown): unknown => (test === true ? then : test === false ? otherwise : undefined);
const call = (name: FunctionName, args: readonly unknown[]): unknown => {
  const v = expressionFunctions[name].run(args);
  return typeof v === 'number' ? tidy(v) : v;
};
const fixed = (name: keyof typeof FIXED, a: unknown, b: unknown): unknown => {
  const v = FIXED[name](a, b);
  return typeof v === 'number' ? tidy(v) : v;
};
const isFixed = (name: FunctionName): name is keyof typeof FIXED => Object.prototype.hasOwnProperty.call(FIXED, name);

/**
 * The pieces an expression is made of, for code that a server generates from the same tree (see
 * `compileDeriver` in compile/): the closures below and that code do exactly the same.
 * @internal
 */
export const expressionHelpers = {
  read,
  sum: (data: unknown, path: readonly string[]) => tidy(sumAt(data, path, 0)),
  sumOf: (list: unknown, key: string) => tidy(sumOf(list, key)),
  binary: BINARY,
  tidy,
  not,
  neg,
  pick,
  call,
  isFixed,
  count: (a: unknown) => count(a),
  round: (a: unknown, b: unknown) => fixed('round', a, b),
  ageAt: (a: unknown, b: unknown) => fixed('ageAt', a, b),
  dateNumber,
  /** `ageAt` on a date already read by `dateNumber`: a whole number of years, which `tidy` leaves as it is. */
  ageOn: (birth: unknown, at: number | undefined) => {
    const b = dateNumber(birth);
    return b === undefined || at === undefined ? undefined : Math.floor((at - b) / 10000);
  },
  daysBetween: (a: unknown, b: unknown) => fixed('daysBetween', a, b),
} as const;

/** Turns a parsed expression into a function of the data (closures: no code is generated). */
export function compileExpression(e: Expression): Evaluate {
  if ('lit' in e) {
    const v = e.lit;
    return () => v;
  }
  if ('get' in e) return reader(e.get);
  if ('call' in e) {
    const only = e.args.length === 1 ? e.args[0]! : undefined;
    if (e.call === 'sum' && only && 'get' in only) {
      const path = only.get;
      return (data) => expressionHelpers.sum(data, path);
    }
    const name = e.call;
    const args = e.args.map(compileExpression);
    if (isFixed(name)) {
      const [a, b] = args as [Evaluate, Evaluate | undefined];
      return b ? (data) => fixed(name, a(data), b(data)) : (data) => fixed(name, a(data), undefined);
    }
    return (data) => call(name, args.map((arg) => arg(data)));
  }
  if ('op' in e) {
    const f = BINARY[e.op];
    const a = compileExpression(e.a);
    const b = compileExpression(e.b);
    return (data) => f(a(data), b(data));
  }
  if ('not' in e) {
    const a = compileExpression(e.not);
    return (data) => not(a(data));
  }
  if ('neg' in e) {
    const a = compileExpression(e.neg);
    return (data) => neg(a(data));
  }
  const test = compileExpression(e.if);
  const then = compileExpression(e.then);
  const otherwise = compileExpression(e.else);
  return (data) => pick(test(data), then(data), otherwise(data));
}
