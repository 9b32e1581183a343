// Hostile data for the fuzz tests of `validate` and of the HTTP API: random JSON with the keys, numbers and strings
// that broke parsers, validators and stores before, and a form's own data with a few things changed.
import fc from 'fast-check';
import { arbitraryFromSchema } from './arbitrary-from-schema.js';

type Schema = Record<string, unknown>;

/** What the generators may produce. The defaults are the hardest data every layer must already take. */
export interface FuzzDataOptions {
  /**
   * Strings and keys with NUL (`\u0000`) or an unpaired surrogate (`\ud800`): JSON carries them, PostgreSQL's jsonb
   * cannot. Default true.
   */
  unstorableText?: boolean;
  /** The longest list that may hold errors. Default 1,000. */
  maxListItems?: number;
}

/** Keys that name something every object has, or mean something to JSON Schema, JSON Pointer or a template. */
export const oddKeys: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  '__lookupSetter__',
  'length',
  'then',
  '$ref',
  '$id',
  '$dynamicRef',
  '',
  ' ',
  '0',
  '-1',
  'a/b',
  '~1',
  '~',
  '..',
  '%2F',
  '<b>',
  '🙂',
  'Straße',
];

/** Numbers at the edges of what a double, a JSON parser or an integer column holds. */
export const oddNumbers: readonly number[] = [
  0,
  -0,
  1,
  -1,
  0.1,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e21,
  123456789.12345679,
];

const unstorable = ['\u0000', 'a\u0000b', '\ud800', 'x\udc00', '\udfff\ud800'];

/** Random text: any UTF-16 code units, or, without `unstorableText`, none that PostgreSQL cannot store. */
function textArb(o: Required<FuzzDataOptions>, maxLength: number): fc.Arbitrary<string> {
  if (o.unstorableText) return fc.string({ maxLength, unit: 'binary' });
  // With the u flag a class of surrogates matches only unpaired ones.
  return fc.string({ maxLength, unit: 'grapheme' }).map((s) => s.replace(/[\ud800-\udfff]/gu, '\ufffd').replaceAll('\u0000', '\ufffd'));
}

function oddStrings(o: Required<FuzzDataOptions>): fc.Arbitrary<string> {
  const fixed = [
    '',
    ' ',
    '\t\n',
    '2024-02-30',
    '0000-00-00',
    '9999-12-31T23:59:60Z',
    'a@b',
    'x'.repeat(255),
    'x'.repeat(256),
    '‮rtl',
    '<script>alert(1)</script>',
    "'; DROP TABLE cases; --",
    '\\u0000',
    '🙂'.repeat(50),
    'e\u0301',
    ...(o.unstorableText ? unstorable : []),
  ];
  const text = textArb(o, 30);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...fixed), weight: 4 },
    { arbitrary: text, weight: 4 },
    // Around the input guard's limit of 100,000 characters.
    { arbitrary: fc.integer({ min: 99_990, max: 100_010 }).map((n) => 'y'.repeat(n)), weight: 1 },
  );
}

/** An object whose own keys are exactly `entries` (also `__proto__`, which plain assignment would turn into a prototype). */
export function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/**
 * About how much JSON one repetition may make: a little more than the server takes (1 MiB), so that bodies past the
 * limit come up, but never the hundreds of megabytes a list of copies of a long string would be.
 */
const REPEATED_BYTES = 1_200_000;

/** How many copies of `value` fit in REPEATED_BYTES, at most `wanted`. */
function copiesOf(value: unknown, wanted: number): number {
  const bytes = (JSON.stringify(value) ?? '').length + 1;
  return Math.max(1, Math.min(wanted, Math.floor(REPEATED_BYTES / bytes)));
}

/** The first entries that fit in REPEATED_BYTES. */
function fitting(entries: readonly (readonly [string, unknown])[]): (readonly [string, unknown])[] {
  let bytes = 0;
  return entries.filter(([k, v]) => (bytes += k.length + (JSON.stringify(v) ?? '').length + 4) <= REPEATED_BYTES);
}

const resolved = (o: FuzzDataOptions): Required<FuzzDataOptions> => ({ unstorableText: o.unstorableText ?? true, maxListItems: o.maxListItems ?? 1000 });

function keyArb(o: Required<FuzzDataOptions>): fc.Arbitrary<string> {
  return fc.oneof({ arbitrary: fc.constantFrom(...oddKeys), weight: 1 }, { arbitrary: textArb(o, 12), weight: 2 });
}

function scalarArb(o: Required<FuzzDataOptions>): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(...oddNumbers),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    oddStrings(o),
  );
}

/**
 * Random JSON: deep, wide, with odd keys, numbers and strings, lists of (often equal) objects for `uniqueItems`,
 * nesting past the guard's 32 levels and the server's 40, lists up to `maxListItems` long.
 */
export function hostileJson(options: FuzzDataOptions = {}): fc.Arbitrary<unknown> {
  const o = resolved(options);
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { arbitrary: scalarArb(o), weight: 3 },
      { arbitrary: fc.array(tie('value'), { maxLength: 6 }), weight: 1 },
      { arbitrary: fc.array(fc.tuple(keyArb(o), tie('value')), { maxLength: 6 }).map(objectOf), weight: 2 },
    ),
  }));
  const item = fc.oneof(scalarArb(o), value);
  return fc.oneof(
    { arbitrary: value, weight: 6 },
    // Equal objects, and objects that shadow what every object inherits, in one list: uniqueItems compares them.
    { arbitrary: fc.array(fc.constantFrom<unknown>({ a: 1 }, { a: 1 }, objectOf([['toString', 1]]), objectOf([['valueOf', 'x']]), [], {}), { maxLength: 8 }), weight: 1 },
    { arbitrary: fc.tuple(fc.integer({ min: 1, max: o.maxListItems }), item).map(([n, v]) => Array.from({ length: copiesOf(v, n) }, () => v)), weight: 1 },
    { arbitrary: fc.array(fc.tuple(keyArb(o), item), { minLength: 50, maxLength: 300 }).map((entries) => objectOf(fitting(entries))), weight: 1 },
    { arbitrary: fc.tuple(fc.integer({ min: 30, max: 45 }), fc.boolean(), item).map(([depth, asList, v]) => nest(v, depth, asList)), weight: 1 },
  );
}

function nest(value: unknown, depth: number, asList: boolean): unknown {
  let v = value;
  for (let i = 0; i < depth; i++) v = asList ? [v] : { a: v };
  return v;
}

/** Every property name the schema declares, at any depth. */
function propertyNames(schema: unknown, out = new Set<string>()): Set<string> {
  if (schema === null || typeof schema !== 'object') return out;
  const props = (schema as Schema)['properties'];
  if (props !== null && typeof props === 'object') for (const k of Object.keys(props)) out.add(k);
  for (const v of Object.values(schema)) propertyNames(v, out);
  return out;
}

/**
 * Random JSON aimed at a form: mostly an object whose keys are the schema's property names (at any depth) and odd
 * keys, with hostile values (see `hostileJson`); sometimes any JSON at all.
 */
export function hostileBody(schema: Schema, options: FuzzDataOptions = {}): fc.Arbitrary<unknown> {
  const o = resolved(options);
  const names = [...propertyNames(schema)];
  const key = names.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...names), weight: 3 }, { arbitrary: keyArb(o), weight: 1 }) : keyArb(o);
  const value = hostileJson(o);
  const field = fc.oneof(value, fc.array(fc.tuple(key, value), { maxLength: 5 }).map(objectOf));
  return fc.oneof({ arbitrary: fc.array(fc.tuple(key, field), { maxLength: 8 }).map(objectOf), weight: 3 }, { arbitrary: value, weight: 1 });
}

/** One change to a form's data: the pointer (as a list of tokens) of a value in it, and what happens there. */
type Mutation = { at: number; kind: 'replace' | 'remove' | 'addKey' | 'repeat' | 'wrap' | 'taint'; value: unknown; key: string; times: number; mark: string };

function mutation(o: Required<FuzzDataOptions>): fc.Arbitrary<Mutation> {
  return fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('replace', 'replace', 'remove', 'addKey', 'repeat', 'wrap', 'taint'),
    value: fc.oneof({ arbitrary: scalarArb(o), weight: 3 }, { arbitrary: hostileJson(o), weight: 1 }),
    key: keyArb(o),
    times: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: o.maxListItems })),
    // What `taint` puts into a string: often all that is wrong with otherwise valid data.
    mark: fc.constantFrom(...(o.unstorableText ? unstorable : []), '\u200b', '\ufeff', '🙂', '\u0301', '\n'),
  });
}

/** Every place in a value, parents before children, as paths of keys. */
function places(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => places(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) places(v, [...path, k], out);
  return out;
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value !== null && typeof value === 'object') return objectOf(Object.entries(value).map(([k, v]) => [k, copy(v)]));
  return value;
}

/** Where a string sits in a value, as a path of keys. */
function isStringAt(data: unknown, path: (string | number)[]): boolean {
  let v = data;
  for (const token of path) v = (v as Record<string | number, unknown>)[token];
  return typeof v === 'string';
}

function apply(data: unknown, m: Mutation): unknown {
  // A taint goes into one of the strings, wherever they are.
  const all = m.kind === 'taint' ? places(data).filter((p) => isStringAt(data, p)) : places(data);
  if (all.length === 0) return data;
  const path = all[m.at % all.length]!;
  const change = (v: unknown): unknown => {
    switch (m.kind) {
      case 'replace':
        return m.value;
      case 'addKey':
        return v !== null && typeof v === 'object' && !Array.isArray(v) ? objectOf([...Object.entries(v), [m.key, m.value]]) : m.value;
      case 'repeat':
        return Array.isArray(v) && v.length > 0
          ? [...v, ...Array.from({ length: copiesOf(v[0], m.times) }, () => copy(v[0]))]
          : Array.from({ length: copiesOf(v, m.times) }, () => v);
      case 'wrap':
        return [v];
      case 'taint': {
        // Between code points, so that a mark never splits a surrogate pair.
        const points = Array.from(v as string);
        const at = m.times % (points.length + 1);
        return [...points.slice(0, at), m.mark, ...points.slice(at)].join('');
      }
      default:
        return v;
    }
  };
  if (path.length === 0) return m.kind === 'remove' ? {} : change(data);
  const root = copy(data);
  let parent = root as Record<string | number, unknown>;
  for (const token of path.slice(0, -1)) parent = parent[token] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (m.kind === 'remove') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (Array.isArray(parent)) parent[last as number] = change(parent[last as number]);
  else Object.defineProperty(parent, last, { value: change(parent[last]), enumerable: true, writable: true, configurable: true });
  return root;
}

/** Data made from the form's schema, then changed in one to three places (a value replaced, removed, repeated, …). */
export function mutatedFromSchema(schema: Schema, options: FuzzDataOptions = {}): fc.Arbitrary<unknown> {
  const o = resolved(options);
  return fc.tuple(arbitraryFromSchema(schema), fc.array(mutation(o), { minLength: 1, maxLength: 3 })).map(([data, changes]) => changes.reduce(apply, data));
}

/**
 * Data made from the form's schema with one mark put into one of its strings: a character that is rare in forms
 * (zero-width space, byte order mark, emoji, a combining accent) or, with `unstorableText`, NUL or an unpaired
 * surrogate. Such data is often valid, so it reaches what validation lets through: the store, the answer.
 */
export function taintedFromSchema(schema: Schema, options: FuzzDataOptions = {}): fc.Arbitrary<unknown> {
  const o = resolved(options);
  return fc.tuple(arbitraryFromSchema(schema), mutation(o)).map(([data, m]) => apply(data, { ...m, kind: 'taint' }));
}

/** How many values (scalars, objects and lists) a value holds, itself included. */
export function countValues(value: unknown): number {
  let n = 0;
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    n++;
    if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === 'object') stack.push(...Object.values(v));
  }
  return n;
}
