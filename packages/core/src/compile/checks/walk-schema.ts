import { escapePointerToken } from '../../runtime/pointer.js';

/** Calls `visit` for every subschema of a JSON Schema (draft 2020-12), with its JSON Pointer. */
export function walkSchema(
  schema: unknown,
  pointer: string,
  visit: (node: Record<string, unknown>, pointer: string) => void,
  depth = 0,
): void {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema) || depth > 64) return;
  const node = schema as Record<string, unknown>;
  visit(node, pointer);
  for (const key of MAP_KEYWORDS) {
    const map = node[key];
    if (typeof map === 'object' && map !== null && !Array.isArray(map)) {
      for (const [k, sub] of Object.entries(map)) walkSchema(sub, `${pointer}/${key}/${escapePointerToken(k)}`, visit, depth + 1);
    }
  }
  for (const key of SINGLE_KEYWORDS) if (key in node) walkSchema(node[key], `${pointer}/${key}`, visit, depth + 1);
  for (const key of LIST_KEYWORDS) {
    const list = node[key];
    if (Array.isArray(list)) list.forEach((sub, i) => walkSchema(sub, `${pointer}/${key}/${i}`, visit, depth + 1));
  }
}

const MAP_KEYWORDS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SINGLE_KEYWORDS = ['items', 'contains', 'additionalProperties', 'propertyNames', 'if', 'then', 'else', 'not', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema'];
const LIST_KEYWORDS = ['prefixItems', 'allOf', 'anyOf', 'oneOf'];

/** Every keyword of JSON Schema draft 2020-12. */
export const KNOWN_KEYWORDS: ReadonlySet<string> = new Set([
  '$schema', '$id', '$ref', '$anchor', '$dynamicRef', '$dynamicAnchor', '$vocabulary', '$comment', '$defs',
  ...MAP_KEYWORDS, ...SINGLE_KEYWORDS, ...LIST_KEYWORDS,
  'type', 'const', 'enum', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum',
  'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxContains', 'minContains',
  'maxProperties', 'minProperties', 'required', 'dependentRequired',
  'title', 'description', 'default', 'deprecated', 'readOnly', 'writeOnly', 'examples', 'format',
  'contentEncoding', 'contentMediaType',
  // ajv-formats' comparisons of formatted values (dates), usually with a limit from another field.
  'formatMinimum', 'formatMaximum', 'formatExclusiveMinimum', 'formatExclusiveMaximum',
]);
