import type { JsonSchema } from '../model/json-schema.js';
import { resolveLocalRef } from '../runtime/form-fields.js';
import { isStorableText } from '../runtime/check-input.js';

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
 * Where a closed schema (see `isClosedSchema`) lets data hold free text: the token paths (`*` for every item of a
 * list) of its strings that are no bounded format and no enum or const of storable values. Data the schema accepts
 * holds text nowhere else (its keys are declared property names), so validation looks only there for text a
 * database cannot store. Undefined where that is not so simple (recursion, objects closed by
 * `unevaluatedProperties`, whose keys branches may declare): validation then looks at every string.
 */
export function freeTextPaths(root: JsonSchema): string[][] | undefined {
  const out: string[][] = [];
  const visit = (node: unknown, path: string[]): boolean => {
    const resolved = path.length <= 32 ? resolveLocalRef(root, node) : undefined; // deeper only through recursion
    if (!resolved) return false;
    const s: Schema = resolved.schema;
    const literals = 'const' in s ? [s['const']] : Array.isArray(s['enum']) ? (s['enum'] as unknown[]) : undefined;
    if (literals) {
      if (literals.some((v) => typeof v === 'string' && !isStorableText(v))) out.push(path);
      return true;
    }
    switch (s['type']) {
      case 'string':
        if (!BOUNDED_FORMATS.has(s['format'] as string)) out.push(path);
        return true;
      case 'array':
        return visit(s['items'], [...path, '*']);
      case 'object':
        return s['additionalProperties'] === false && Object.entries((s['properties'] ?? {}) as Schema).every(([key, sub]) => visit(sub, [...path, key]));
      default:
        return true;
    }
  };
  return visit(root, []) ? out : undefined;
}

type TextTree = readonly (readonly [string, TextTree | null])[];

/**
 * A check of the strings at these places (token paths, `*` for every item of a list): whether they can all be
 * stored (see `isStorableText`); what is missing or no string is passed over. For data a closed schema accepted,
 * at the places of its free text (`freeTextPaths`), so that good data costs a look at a few strings, not a walk.
 * The paths are merged into a tree, so that a group shared by several of them is read once.
 */
export function storableTextCheck(paths: readonly (readonly string[])[]): (data: unknown) => boolean {
  const root: Record<string, object> = {};
  for (const path of paths) {
    let node = root;
    for (const token of path) node = (node[token] ??= {}) as Record<string, object>;
  }
  const toTree = (node: Record<string, object>): TextTree | null =>
    Object.keys(node).length === 0 ? null : Object.entries(node).map(([key, child]) => [key, toTree(child as Record<string, object>)] as const);
  const tree = toTree(root);
  return (data) => storableIn(data, tree);
}

function storableIn(value: unknown, node: TextTree | null): boolean {
  if (node === null) return typeof value !== 'string' || isStorableText(value);
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    const items = node[0]!;
    if (items[0] === '*') for (const item of value) if (!storableIn(item, items[1])) return false;
    return true;
  }
  for (const [key, child] of node) if (!storableIn((value as Record<string, unknown>)[key], child)) return false;
  return true;
}
