import type { JsonSchema } from '../model/json-schema.js';
import { resolveLocalRef } from '../runtime/form-fields.js';
import { defaultLimits, isForbiddenKey, isPlainAt, isStorableText, type ResolvedLimits } from '../runtime/check-input.js';

type Schema = Record<string, unknown>;

const BOUNDED_FORMATS = new Set(['date', 'time', 'date-time', 'email', 'uuid', 'ipv4', 'ipv6']);

/**
 * Whether a schema admits only bounded, plain JSON: every object closed (`additionalProperties: false` or
 * `unevaluatedProperties: false`), every string capped by `maxLength` (or an enum, const or bounded format),
 * every array's items closed, every value typed. When Ajv accepts data for such a schema, the data has no
 * unknown keys (so none of `__proto__`, `constructor`, `prototype`), is no deeper than the schema, holds no
 * string longer than allowed and no non-finite number — the input guard would find nothing, so valid data
 * skips it. (Conditional branches only narrow a closed schema, so they need no look.)
 */
export function isClosedSchema(root: JsonSchema, maxStringLength: number): boolean {
  const seen = new Set<unknown>();
  const closed = (node: unknown): boolean => {
    const resolved = resolveLocalRef(root, node);
    if (!resolved) return false;
    const s: Schema = resolved.schema;
    if (seen.has(s)) return true; // recursion through $ref: judged where it started
    seen.add(s);
    if ('const' in s || Array.isArray(s['enum'])) return true;
    const type = s['type'];
    if (typeof type !== 'string') return false;
    switch (type) {
      case 'string':
        return (typeof s['maxLength'] === 'number' && s['maxLength'] <= maxStringLength) || BOUNDED_FORMATS.has(s['format'] as string);
      case 'number':
      case 'integer':
      case 'boolean':
      case 'null':
        return true;
      case 'array':
        return s['items'] !== undefined && s['items'] !== true && closed(s['items']) && !('prefixItems' in s);
      case 'object': {
        if (s['additionalProperties'] !== false && s['unevaluatedProperties'] !== false) return false;
        if ('patternProperties' in s) return false;
        const props = (s['properties'] ?? {}) as Schema;
        return Object.values(props).every(closed);
      }
      default:
        return false;
    }
  };
  return closed(root);
}

/**
 * What must still be looked at in data a schema accepted, at one place (token path, `*` for every item of a list):
 * `text` a string that may hold text a database cannot store; `string` also one that may be longer than the input
 * guard allows (no `maxLength`, or a larger one); `any` a value the schema says nothing definite about (an object not
 * closed, a value without a type, a union of types), which gets the input guard's whole look there.
 */
export interface GuardPlace {
  readonly path: readonly string[];
  readonly kind: 'text' | 'string' | 'any';
}

/**
 * Where data that a schema accepted can still hold something the input guard refuses, and what: for a closed schema
 * (see `isClosedSchema`) only its free text (strings that are no bounded format and no enum or const of storable
 * values; keys are declared names); for any other, also its strings without a bound within `maxStringLength` and
 * the values below its open or untyped places. Everywhere else the schema already holds the data to what the guard
 * allows (declared keys, typed finite values, bounded strings, no deeper than the schema). Undefined where that is not
 * so simple (recursion, objects closed by `unevaluatedProperties`, whose keys branches may declare): validation then
 * runs the whole guard.
 */
export function guardPlaces(root: JsonSchema, maxStringLength: number): GuardPlace[] | undefined {
  const out: GuardPlace[] = [];
  const visit = (node: unknown, path: string[]): boolean => {
    const resolved = path.length <= 32 ? resolveLocalRef(root, node) : undefined; // deeper only through recursion
    if (!resolved) return false;
    const s: Schema = resolved.schema;
    const literals = 'const' in s ? [s['const']] : Array.isArray(s['enum']) ? (s['enum'] as unknown[]) : undefined;
    if (literals) {
      if (literals.some((v) => typeof v === 'string' && !isStorableText(v))) out.push({ path, kind: 'text' });
      return true;
    }
    switch (s['type']) {
      case 'string':
        if (!BOUNDED_FORMATS.has(s['format'] as string)) out.push({ path, kind: typeof s['maxLength'] === 'number' && s['maxLength'] <= maxStringLength ? 'text' : 'string' });
        return true;
      case 'number':
      case 'integer':
      case 'boolean':
      case 'null':
        return true;
      case 'array':
        if (s['items'] === undefined || s['items'] === true || 'prefixItems' in s) break;
        return visit(s['items'], [...path, '*']);
      case 'object':
        if (s['unevaluatedProperties'] === false) return false;
        if (s['additionalProperties'] !== false || 'patternProperties' in s) break;
        return Object.entries((s['properties'] ?? {}) as Schema).every(([key, sub]) => visit(sub, [...path, key]));
      default:
        break;
    }
    out.push({ path, kind: 'any' });
    return true;
  };
  return visit(root, []) ? out : undefined;
}

/** The places of a tree: a node's own kind, if it is a place, and the places below it by key (`*` for every item). */
interface PlaceTree {
  kind: GuardPlace['kind'] | undefined;
  readonly below: Map<string, PlaceTree>;
}

/**
 * A check of data a schema accepted, at these places (see `guardPlaces`): whether the input guard would find nothing
 * there — strings it can store, no longer than `maxStringLength` where no `maxLength` kept them shorter, and plain
 * JSON within the guard's limits below an open place. What is missing is passed over. It is generated code that reads
 * each place by its names (as Ajv's validators do, where code may be generated), so good data costs a look at a few
 * values, not a walk; a group shared by several places is read once.
 */
export function guardPlacesCheck(places: readonly GuardPlace[], maxStringLength: number): (data: unknown) => boolean {
  const body = guardPlacesSource(places, maxStringLength);
  // Generated from the schema's own names, each written as a JSON string: never in a browser (see runtime/).
  const limits = { ...defaultLimits, maxStringLength };
  return new Function('storable', 'plainAt', 'limits', body)(isStorableText, isPlainAt, limits) as (data: unknown) => boolean;
}

/**
 * The body of a function of `storable` (`isStorableText`), `plainAt` (`isPlainAt`) and `limits` (the guard's, with
 * `maxStringLength`) that returns `guardPlacesCheck`'s check: written into a precompiled module when it is built, so
 * that a browser runs the same look under a strict CSP.
 */
export function guardPlacesSource(places: readonly GuardPlace[], maxStringLength: number): string {
  const root: PlaceTree = { kind: undefined, below: new Map() };
  for (const place of places) {
    let node = root;
    for (const token of place.path) {
      let next = node.below.get(token);
      if (!next) node.below.set(token, (next = { kind: undefined, below: new Map() }));
      node = next;
    }
    node.kind = place.kind === 'any' || node.kind === 'any' ? 'any' : place.kind === 'string' || node.kind === 'string' ? 'string' : 'text';
  }
  let names = 0;
  /** Statements that return false when the value in `v` (at `depth`) holds something the guard refuses. */
  const code = (node: PlaceTree, v: string, depth: number): string => {
    if (node.kind === 'any') return `if (!plainAt(${v}, ${depth}, limits)) return false;`;
    if (node.kind === 'string') return `if (typeof ${v} === "string" && (${v}.length > ${maxStringLength} || !storable(${v}))) return false;`;
    if (node.kind === 'text') return `if (typeof ${v} === "string" && !storable(${v})) return false;`;
    const items = node.below.get('*');
    if (items) {
      const i = `i${names++}`;
      const item = `v${names++}`;
      return `if (Array.isArray(${v})) for (let ${i} = 0; ${i} < ${v}.length; ${i}++) { const ${item} = ${v}[${i}]; ${code(items, item, depth + 1)} }`;
    }
    const inner = [...node.below].map(([key, child]) => {
      const k = JSON.stringify(key);
      // A key the data lacks is passed over, as the guard never sees it; one it holds is looked at, even as undefined.
      if (child.kind === 'any') return `if (has.call(${v}, ${k}) && !plainAt(${v}[${k}], ${depth + 1}, limits)) return false;`;
      const c = `v${names++}`;
      return `{ const ${c} = ${v}[${k}]; ${code(child, c, depth + 1)} }`;
    });
    return `if (typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v})) { ${inner.join(' ')} }`;
  };
  return `"use strict"; const has = Object.prototype.hasOwnProperty; return function fine(data) { ${code(root, 'data', 0)} return true; };`;
}

/**
 * The most values (as the input guard counts them) that data can hold where a schema holds it, for a schema whose
 * every place is bounded: strings, numbers, booleans and nulls count one, a literal its own values, a list `maxItems`
 * times its items (and itself), a closed object its declared properties (and itself). Infinite where the guard could
 * still find something the schema does not rule out there: a list without `maxItems`, an open or untyped place, a key
 * the guard refuses, an object or list at the guard's `maxDepth` or deeper, recursion (see `guardPlaces`).
 */
export function heldValues(root: JsonSchema, limits: ResolvedLimits): number {
  const open = new Set<unknown>();
  const count = (node: unknown, depth: number): number => {
    const resolved = resolveLocalRef(root, node);
    if (!resolved) return Infinity;
    const s: Schema = resolved.schema;
    if (open.has(s)) return Infinity; // recursion: as deep as the data
    const literals = 'const' in s ? [s['const']] : Array.isArray(s['enum']) ? (s['enum'] as unknown[]) : undefined;
    if (literals) return literals.every((v) => v === null || typeof v !== 'object') ? 1 : Infinity;
    switch (s['type']) {
      case 'string':
      case 'number':
      case 'integer':
      case 'boolean':
      case 'null':
        return 1;
      case 'array': {
        const most = s['maxItems'];
        if (typeof most !== 'number' || depth >= limits.maxDepth || s['items'] === undefined || s['items'] === true || 'prefixItems' in s) return Infinity;
        open.add(s);
        const each = most === 0 ? 0 : count(s['items'], depth + 1);
        open.delete(s);
        return 1 + most * each;
      }
      case 'object': {
        if (s['additionalProperties'] !== false || 'patternProperties' in s || s['unevaluatedProperties'] === false || depth >= limits.maxDepth) return Infinity;
        let sum = 1;
        open.add(s);
        for (const [key, sub] of Object.entries((s['properties'] ?? {}) as Schema)) {
          if (isForbiddenKey(key) || !isStorableText(key)) sum = Infinity;
          if (sum > limits.maxValues) break;
          sum += count(sub, depth + 1);
        }
        open.delete(s);
        return sum;
      }
      default:
        return Infinity;
    }
  };
  return count(root, 0);
}

export { guardFreeDespiteErrors } from '../runtime/guard-free.js';
