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
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date (`2026-06-30`), or undefined for anything else. */
function dayNumber(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = DATE.exec(v);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const time = Date.UTC(y, mo - 1, d);
  const back = new Date(time);
  // 2026-02-30 would roll over into March: not a date.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return time / 86_400_000;
}

/** The values of the arguments, lists opened up, that are numbers. */
function numbersOf(args: readonly unknown[]): number[] {
  const out: number[] = [];
  for (const a of args) {
    if (Array.isArray(a)) for (const v of a) isNumber(v) && out.push(v);
    else if (isNumber(a)) out.push(a);
  }
  return out;
}

/** Full years from one ISO date to another, as a person's age is counted (a birthday on 29 February counts on 1 March). */
function ageAt(birth: unknown, at: unknown): number | undefined {
  if (dayNumber(birth) === undefined || dayNumber(at) === undefined) return undefined;
  const [by, bm, bd] = (birth as string).split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = (at as string).split('-').map(Number) as [number, number, number];
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}

/** The functions an expression may call, with how many arguments each takes. */
export const expressionFunctions = {
  /** The total of the numbers (a list's entries count one by one); 0 when there are none. */
  sum: { min: 1, max: Infinity, run: ((args) => numbersOf(args).reduce((s, n) => s + n, 0)) as Fn },
  /** How many values there are: a list's entries that hold a value, or 1 for a single value, 0 for none. */
  count: {
    min: 1,
    max: 1,
    run: (([v]) => (Array.isArray(v) ? v.filter((e) => e !== undefined && e !== null).length : v === undefined || v === null ? 0 : 1)) as Fn,
  },
  min: { min: 1, max: Infinity, run: ((args) => (numbersOf(args).length > 0 ? Math.min(...numbersOf(args)) : undefined)) as Fn },
  max: { min: 1, max: Infinity, run: ((args) => (numbersOf(args).length > 0 ? Math.max(...numbersOf(args)) : undefined)) as Fn },
  /** A number rounded to some decimal places (0 to 6; none by default), halves away from zero. */
  round: {
    min: 1,
    max: 2,
    run: (([v, digits = 0]) => {
      if (!isNumber(v) || !isNumber(digits) || !Number.isInteger(digits) || digits < 0 || digits > 6) return undefined;
      const scale = 10 ** digits;
      return (Math.sign(v) * Math.round(Math.abs(v) * scale + 1e-9)) / scale;
    }) as Fn,
  },
  /** A person's age in full years on a date: `ageAt(birthDate, '2026-06-30')`. */
  ageAt: { min: 2, max: 2, run: (([birth, at]) => ageAt(birth, at)) as Fn },
  /** Days from the first date to the second (negative when the second comes first). */
  daysBetween: {
    min: 2,
    max: 2,
    run: (([a, b]) => {
      const from = dayNumber(a);
      const to = dayNumber(b);
      return from === undefined || to === undefined ? undefined : to - from;
    }) as Fn,
  },
} as const;

export type FunctionName = keyof typeof expressionFunctions;

/** Whether a name is one of the functions an expression may call. */
export function isFunctionName(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(expressionFunctions, name);
}

/** Reads a field path; passing through a list gives the values of every entry (entries without one left out). */
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
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, path[i]!)) return undefined;
    node = (node as Record<string, unknown>)[path[i]!];
  }
  return node;
}

/** Rounds away the noise of binary fractions (0.1 + 0.2 is 0.3), the same in every JavaScript engine. */
const tidy = (n: number): number | undefined => (Number.isFinite(n) ? Number(n.toPrecision(15)) : undefined);

function arithmetic(op: BinaryOperator, a: unknown, b: unknown): unknown {
  switch (op) {
    case '&&':
      return a === false || b === false ? false : a === true && b === true ? true : undefined;
    case '||':
      return a === true || b === true ? true : a === false && b === false ? false : undefined;
    case '==':
    case '!=':
      if (a === undefined || b === undefined || typeof a === 'object' || typeof b === 'object') return undefined;
      return (a === b) === (op === '==');
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const comparable = (isNumber(a) && isNumber(b)) || (typeof a === 'string' && typeof b === 'string');
      if (!comparable) return undefined;
      const x = a as number | string;
      const y = b as number | string;
      return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
    }
    default: {
      if (!isNumber(a) || !isNumber(b)) return undefined;
      if ((op === '/' || op === '%') && b === 0) return undefined;
      return tidy(op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b);
    }
  }
}

/** Turns a parsed expression into a function of the data (closures: no code is generated). */
export function compileExpression(e: Expression): Evaluate {
  if ('lit' in e) {
    const v = e.lit;
    return () => v;
  }
  if ('get' in e) {
    const path = e.get;
    return (data) => read(data, path, 0);
  }
  if ('call' in e) {
    const fn = expressionFunctions[e.call].run;
    const args = e.args.map(compileExpression);
    return (data) => {
      const v = fn(args.map((arg) => arg(data)));
      return typeof v === 'number' ? tidy(v) : v;
    };
  }
  if ('op' in e) {
    const { op } = e;
    const a = compileExpression(e.a);
    const b = compileExpression(e.b);
    return (data) => arithmetic(op, a(data), b(data));
  }
  if ('not' in e) {
    const a = compileExpression(e.not);
    return (data) => {
      const v = a(data);
      return typeof v === 'boolean' ? !v : undefined;
    };
  }
  if ('neg' in e) {
    const a = compileExpression(e.neg);
    return (data) => {
      const v = a(data);
      return isNumber(v) ? tidy(-v) : undefined;
    };
  }
  const test = compileExpression(e.if);
  const then = compileExpression(e.then);
  const otherwise = compileExpression(e.else);
  return (data) => {
    const t = test(data);
    return t === true ? then(data) : t === false ? otherwise(data) : undefined;
  };
}
