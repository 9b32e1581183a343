import type { ConditionCheck } from './visibility.js';

type Schema = Record<string, unknown>;

const IGNORED = new Set(['title', 'description', '$comment', 'examples', 'default']);

/** Deep equality of JSON values, as JSON Schema's `const` and `enum` define it. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k) || !jsonEqual((a as Schema)[k], (b as Schema)[k])) return false;
  }
  return true;
}

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

const TYPES: Record<string, (v: unknown) => boolean> = {
  object: isObject,
  array: Array.isArray,
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
};

function compile(schema: unknown, depth: number): ConditionCheck | undefined {
  if (schema === true) return () => true;
  if (schema === false) return () => false;
  if (!isObject(schema) || depth > 8) return undefined;
  const tests: ConditionCheck[] = [];
  for (const [keyword, value] of Object.entries(schema)) {
    if (IGNORED.has(keyword)) continue;
    const test = keywordTest(keyword, value, depth);
    if (!test) return undefined;
    tests.push(test);
  }
  if (tests.length === 1) return tests[0];
  return (data) => {
    for (const t of tests) if (!t(data)) return false;
    return true;
  };
}

function numberTest(value: unknown, ok: (n: number, limit: number) => boolean): ConditionCheck | undefined {
  if (typeof value !== 'number') return undefined;
  return (data) => typeof data !== 'number' || ok(data, value);
}

function keywordTest(keyword: string, value: unknown, depth: number): ConditionCheck | undefined {
  switch (keyword) {
    case 'const':
      return (data) => jsonEqual(data, value);
    case 'enum':
      return Array.isArray(value) ? (data) => value.some((v) => jsonEqual(data, v)) : undefined;
    case 'type': {
      const test = typeof value === 'string' ? TYPES[value] : undefined;
      return test;
    }
    case 'required':
      if (!Array.isArray(value) || !value.every((k) => typeof k === 'string')) return undefined;
      // Like Ajv without `ownProperties`: a property counts when reading it gives a value.
      return (data) => !isObject(data) || value.every((k: string) => data[k] !== undefined);
    case 'properties': {
      if (!isObject(value)) return undefined;
      const entries: [string, ConditionCheck][] = [];
      for (const [k, sub] of Object.entries(value)) {
        const test = compile(sub, depth + 1);
        if (!test) return undefined;
        entries.push([k, test]);
      }
      return (data) => {
        if (!isObject(data)) return true;
        for (const [k, test] of entries) {
          if (data[k] !== undefined && !test(data[k])) return false;
        }
        return true;
      };
    }
    case 'not': {
      const test = compile(value, depth + 1);
      return test && ((data) => !test(data));
    }
    case 'allOf':
    case 'anyOf': {
      if (!Array.isArray(value) || value.length === 0) return undefined;
      const tests = value.map((v) => compile(v, depth + 1));
      if (tests.some((t) => !t)) return undefined;
      const all = tests as ConditionCheck[];
      return keyword === 'allOf' ? (data) => all.every((t) => t(data)) : (data) => all.some((t) => t(data));
    }
    case 'contains': {
      const test = compile(value, depth + 1);
      return test && ((data) => !Array.isArray(data) || data.some((item) => test(item)));
    }
    case 'minimum':
      return numberTest(value, (n, l) => n >= l);
    case 'maximum':
      return numberTest(value, (n, l) => n <= l);
    case 'exclusiveMinimum':
      return numberTest(value, (n, l) => n > l);
    case 'exclusiveMaximum':
      return numberTest(value, (n, l) => n < l);
    case 'minItems':
      return typeof value === 'number' ? (data) => !Array.isArray(data) || data.length >= value : undefined;
    case 'maxItems':
      return typeof value === 'number' ? (data) => !Array.isArray(data) || data.length <= value : undefined;
    default:
      return undefined;
  }
}

/**
 * Compiles a condition written with the keywords conditions mostly use (`properties`, `required`, `const`,
 * `enum`, `not`, `contains`, `allOf`, `anyOf`, `type`, number and item limits) into plain closures, which
 * run several times faster than a validator call per condition. Anything else returns undefined and the
 * condition runs through Ajv. The results equal Ajv's: a property test compares the two on every example's
 * conditions. Closures, not generated code, so this is safe under a strict Content-Security-Policy.
 */
export function compileFastCondition(schema: unknown): ConditionCheck | undefined {
  return compile(schema, 0);
}
