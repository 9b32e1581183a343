import type { JsonSchema } from '../model/json-schema.js';
import { escapePointerToken, parsePointer } from './pointer.js';

type SchemaObject = { [keyword: string]: unknown };

/** What kind of value a field holds, as far as layout and redaction care. */
export type FieldKind = 'group' | 'list' | 'value';

/** One property of a form's data schema. */
export interface FieldInfo {
  /** Dotted path without array indices, e.g. `household.firstName`. */
  readonly path: string;
  /** Path of the enclosing group or list field, or `''` at the top. */
  readonly parent: string;
  /** The property name. */
  readonly name: string;
  /** `group` for an object with properties, `list` for an array whose items are such objects. */
  readonly kind: FieldKind;
  /** Whether this field lies inside a list (a repeatable group). */
  readonly inList: boolean;
  /** The property's schema, with a local `$ref` resolved. */
  readonly schema: SchemaObject;
  /** JSON Pointer of the property's schema inside the form schema (where its `$ref` leads, if it has one). */
  readonly schemaPointer: string;
  /** JSON Pointer of the property's declaration (`…/properties/<name>`): where a `$ref` and marks beside it sit. */
  readonly declaredAt: string;
  /** `x-personal-data: true` on the field (beside its `$ref` too), on a group or list that encloses it, or on the root. */
  readonly personal: boolean;
  /** `x-retention` of the field or the nearest enclosing field that has one. */
  readonly retention: string | undefined;
  /**
   * `x-retention-basis` of the field or the nearest enclosing field that has one: the legal obligation to keep it for
   * its retention, which an erasure on request then leaves in place.
   */
  readonly retentionBasis: string | undefined;
  /** Listed in its parent's `required`. */
  readonly required: boolean;
  /** A group or list whose schema is one of its own ancestors (through `$ref`): its fields are not listed again. */
  readonly recursive?: true;
}

function isObject(v: unknown): v is SchemaObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Resolves a `$ref` that points into the same form schema (`#/$defs/...`); other schemas come back as they are. */
export function resolveLocalRef(root: JsonSchema, schema: unknown, seen = 0): { schema: SchemaObject; pointer?: string } | undefined {
  if (!isObject(schema)) return undefined;
  const ref = schema['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#') || seen > 16) return { schema };
  let node: unknown = root;
  const pointer = ref.slice(1);
  for (const token of parsePointer(decodeURIComponent(pointer))) {
    if (!isObject(node)) return undefined;
    node = node[token];
  }
  const resolved = resolveLocalRef(root, node, seen + 1);
  return resolved && { schema: resolved.schema, pointer: resolved.pointer ?? pointer };
}

function itemObjectSchema(root: JsonSchema, schema: SchemaObject): { schema: SchemaObject; pointer: string } | undefined {
  const items = resolveLocalRef(root, schema['items']);
  if (!items || !isObject(items.schema['properties'])) return undefined;
  return { schema: items.schema, pointer: items.pointer ?? '' };
}

/**
 * Lists every property of a form schema, depth first in schema order: nested objects become groups, arrays
 * of objects become lists whose item properties follow them.
 */
export function listFormFields(root: JsonSchema): FieldInfo[] {
  const out: FieldInfo[] = [];
  if (!isObject(root)) return out;
  const visit = (
    schema: SchemaObject,
    schemaPointer: string,
    parent: string,
    inList: boolean,
    personal: boolean,
    retention: string | undefined,
    basis: string | undefined,
    depth: number,
    ancestors: ReadonlySet<SchemaObject>,
  ) => {
    const props = schema['properties'];
    if (!isObject(props) || depth > 32) return;
    const inside = new Set(ancestors).add(schema);
    const required = Array.isArray(schema['required']) ? (schema['required'] as unknown[]) : [];
    for (const name of Object.keys(props)) {
      const resolved = resolveLocalRef(root, props[name]);
      if (!resolved) continue;
      const own = resolved.schema;
      const declaredAt = `${schemaPointer}/properties/${escapePointerToken(name)}`;
      const ownPointer = resolved.pointer ?? declaredAt;
      const path = parent ? `${parent}.${name}` : name;
      // A mark may sit beside a `$ref` (`{ "$ref": "#/$defs/person", "x-personal-data": true }`): it describes this
      // field and wins over the referenced schema's own.
      const beside = props[name] as SchemaObject;
      const mark = (key: string): unknown => (key in beside ? beside[key] : own[key]);
      const isPersonal = personal || mark('x-personal-data') === true;
      const ret = typeof mark('x-retention') === 'string' ? (mark('x-retention') as string) : retention;
      const ownBasis = typeof mark('x-retention-basis') === 'string' ? (mark('x-retention-basis') as string) : basis;
      const items = own['type'] === 'array' || 'items' in own ? itemObjectSchema(root, own) : undefined;
      const kind: FieldKind = isObject(own['properties']) ? 'group' : items ? 'list' : 'value';
      const recursive = (kind === 'group' && inside.has(own)) || (kind === 'list' && items !== undefined && inside.has(items.schema));
      out.push({
        path, parent, name, kind, inList, schema: own, schemaPointer: ownPointer, declaredAt, personal: isPersonal, retention: ret, retentionBasis: ownBasis, required: required.includes(name),
        ...(recursive ? { recursive: true as const } : {}),
      });
      if (recursive) continue;
      if (kind === 'group') visit(own, ownPointer, path, inList, isPersonal, ret, ownBasis, depth + 1, inside);
      if (kind === 'list' && items) visit(items.schema, items.pointer || `${ownPointer}/items`, path, true, isPersonal, ret, ownBasis, depth + 1, inside);
    }
  };
  // Marks on the root cover every field of the form.
  const rootMark = (key: string): string | undefined => (typeof root[key] === 'string' ? (root[key] as string) : undefined);
  visit(root, '', '', false, root['x-personal-data'] === true, rootMark('x-retention'), rootMark('x-retention-basis'), 0, new Set());
  return out;
}
