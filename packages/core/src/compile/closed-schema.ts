import type { JsonSchema } from '../model/json-schema.js';
import { resolveLocalRef } from '../runtime/form-fields.js';

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
