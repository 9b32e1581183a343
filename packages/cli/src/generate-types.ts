import { compile, type JSONSchema } from 'json-schema-to-typescript';
import type { Program } from '@civicflow/core';
import { textKeys, unescapePointerToken } from '@civicflow/core/runtime';

type Node = { [keyword: string]: unknown };

/** Two forms of a program whose ids give the same interface name: a problem of the program, which `civicflow types` exits 1 for. */
export class TypeNamesClashError extends Error {
  readonly code = 'TYPE_NAMES_CLASH' as const;
  constructor(readonly forms: readonly [string, string], readonly typeName: string) {
    super(`the forms "${forms[0]}" and "${forms[1]}" would both be typed as ${typeName}; rename one of them`);
    this.name = 'TypeNamesClashError';
  }
}

/** The interface names `generateTypes` gives a program's forms, by form id. */
export interface GeneratedTypes {
  /** The `.d.ts` source. */
  readonly source: string;
  /** `IntakeData` for the form `intake`, and so on. */
  readonly names: Readonly<Record<string, string>>;
}

// Keywords whose value is data, not a schema: walking into them would rewrite a user's `$ref`-shaped value.
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples', 'dependentRequired']);
// Keywords whose value maps names to schemas: the names are the user's, never keywords.
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
// Identifiers and annotations that would steer json-schema-to-typescript: `title` names interfaces after
// free text, `$id` moves the base URI the references are resolved against.
const DROPPED = new Set(['$id', '$schema', '$anchor', '$dynamicAnchor', '$dynamicRef', '$recursiveRef', '$recursiveAnchor', '$comment', '$vocabulary', 'title']);

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `intake` → `IntakeData`, `follow_up` → `FollowUpData`. */
export function interfaceNameOf(formId: string): string {
  const pascal = formId
    .split('_')
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  return `${pascal}Data`;
}

function refTarget(root: Node, ref: string): Node | undefined {
  let target: unknown = root;
  for (const token of ref.slice(2).split('/').filter((t) => t !== '')) {
    if (!isNode(target)) return undefined;
    target = target[unescapePointerToken(decodeURIComponent(token))];
  }
  return isNode(target) ? target : undefined;
}

// Keywords that annotate rather than constrain: a `$ref`'s siblings of this kind can merge with its target.
const isAnnotation = (key: string) => key.startsWith('x-') || key === 'description' || key === 'title' || key === '$comment';

/**
 * A copy of a schema with its local references written out in place. Each field then has its own node for
 * its own label: two fields sharing `#/$defs/address` are labelled differently, and
 * json-schema-to-typescript, given a `$ref` with a description beside it, would declare the referenced
 * type a second time. A reference into its own expansion (a recursive structure) stays a reference.
 */
function inlineRefs(root: Node): Node {
  let budget = 5000;
  const expand = (node: unknown, stack: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((item) => expand(item, stack));
    if (!isNode(node)) return node;
    const ref = node['$ref'];
    const local = typeof ref === 'string' && (ref === '#' || ref.startsWith('#/'));
    if (local && !stack.includes(ref) && budget-- > 0) {
      const target = refTarget(root, ref);
      if (target) {
        const { $ref: _ref, ...siblings } = node;
        const inner = expand(target, [...stack, ref]) as Node;
        const clash = Object.keys(siblings).some((k) => !isAnnotation(k) && k in inner);
        return expand(clash ? { allOf: [inner], ...siblings } : { ...inner, ...siblings }, [...stack, ref]);
      }
    }
    const out: Node = {};
    for (const [key, value] of Object.entries(node)) out[key] = DATA_KEYWORDS.has(key) ? value : expand(value, stack);
    return out;
  };
  return expand(root, []) as Node;
}

/** Label, help text, option labels and personal-data marks of one field, as JSDoc text. */
function describeField(node: Node, texts: Readonly<Record<string, string>>, formId: string, path: string): string | undefined {
  const lines: string[] = [];
  const label = texts[textKeys.fieldLabel(formId, path)];
  const help = texts[textKeys.fieldHelp(formId, path)];
  if (label) lines.push(label);
  if (help && help !== label) lines.push('', help);
  if (typeof node['description'] === 'string' && node['description'] !== label) lines.push('', node['description']);
  const options = Array.isArray(node['enum']) ? node['enum'] : [];
  const optionLines = options
    .map((v) => [v, texts[textKeys.fieldOption(formId, path, v as string)]] as const)
    .filter(([, text]) => text !== undefined)
    .map(([v, text]) => `- \`${JSON.stringify(v)}\`: ${text}`);
  if (optionLines.length > 0) lines.push('', ...optionLines);
  const tags: string[] = [];
  if (node['x-personal-data'] === true) tags.push('@personalData');
  if (typeof node['x-retention'] === 'string') tags.push(`@retention ${node['x-retention']}`);
  if (typeof node['x-retention-basis'] === 'string') tags.push(`@retentionBasis ${node['x-retention-basis']}`);
  if (tags.length > 0) lines.push('', ...tags);
  while (lines[0] === '') lines.shift();
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/** Writes each field's description in place, by the same paths core uses for text keys. */
function annotate(root: Node, texts: Readonly<Record<string, string>>, formId: string): void {
  const visit = (schema: Node, parent: string, depth: number) => {
    const props = schema['properties'];
    if (!isNode(props) || depth > 32) return;
    for (const [name, node] of Object.entries(props)) {
      if (!isNode(node)) continue;
      const path = parent ? `${parent}.${name}` : name;
      const description = describeField(node, texts, formId, path);
      if (description) node['description'] = description;
      if (isNode(node['properties'])) visit(node, path, depth + 1);
      else if (isNode(node['items'])) visit(node['items'], path, depth + 1);
    }
  };
  visit(root, '', 0);
}

/**
 * A copy of a form schema that json-schema-to-typescript can compile offline: local references are
 * re-rooted under `#/$defs/<form>`, references it cannot resolve without the network (remote URLs,
 * anchors) are dropped, and `x-` keywords are left out.
 */
function prepare(node: unknown, formId: string): unknown {
  if (Array.isArray(node)) return node.map((item) => prepare(item, formId));
  if (!isNode(node)) return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || DROPPED.has(key)) continue;
    if (key === '$ref') {
      if (typeof value === 'string' && (value === '#' || value.startsWith('#/'))) out[key] = `#/$defs/${formId}${value.slice(1)}`;
    } else if (DATA_KEYWORDS.has(key)) {
      out[key] = value;
    } else if (SCHEMA_MAPS.has(key) && isNode(value)) {
      const field = key === 'properties' || key === 'patternProperties';
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, field ? prepareField(schema, formId) : prepare(schema, formId)]));
    } else if (key === 'items' || key === 'additionalProperties') {
      out[key] = prepareField(value, formId);
    } else {
      out[key] = prepare(value, formId);
    }
  }
  return out;
}

const TYPING = ['type', 'enum', 'const', 'properties', 'patternProperties', 'additionalProperties', 'items', 'prefixItems', 'anyOf', 'oneOf', 'allOf', '$ref'];

/**
 * `prepare` for the schema of a value: one that says nothing about its type (`{}`, or a remote `$ref` that
 * was dropped) is typed `unknown`, where json-schema-to-typescript would guess an object once a
 * description sits in it.
 */
function prepareField(node: unknown, formId: string): unknown {
  const out = prepare(node, formId);
  return isNode(out) && !TYPING.some((k) => k in out) ? { ...out, tsType: 'unknown' } : out;
}

/**
 * Generates TypeScript declarations for the data of every form of a program: one exported interface per
 * form (`IntakeData` for `intake`) with each field's label, in the program's first locale, as its JSDoc,
 * and a `Forms` interface that maps form ids to them. Runs json-schema-to-typescript without network or
 * file access. Conditional requirements (`if`/`then`) make a field optional, since the type cannot know
 * the condition; properties the schema does not list are not part of the type unless the schema allows
 * them explicitly.
 *
 * @throws TypeNamesClashError `TYPE_NAMES_CLASH` when two form ids give the same interface name (`follow_up` and `followUp`).
 */
export async function generateTypes(program: Program): Promise<GeneratedTypes> {
  const texts = program.definition.texts?.[program.locales[0] ?? ''] ?? {};
  const names: Record<string, string> = {};
  const defs: Record<string, unknown> = {};
  const taken = new Map<string, string>();
  for (const [formId, form] of Object.entries(program.definition.forms)) {
    const name = interfaceNameOf(formId);
    const other = taken.get(name);
    if (other !== undefined) throw new TypeNamesClashError([other, formId], name);
    taken.set(name, formId);
    names[formId] = name;
    const schema = inlineRefs(form.schema as Node);
    annotate(schema, texts, formId);
    const formTitle = texts[textKeys.formTitle(formId)];
    const prepared = prepare(schema, formId) as Node;
    const description = [formTitle, prepared['description']].filter((d) => typeof d === 'string' && d !== '').join('\n\n');
    defs[formId] = { ...prepared, title: name, ...(description ? { description } : {}) };
  }
  const formIds = Object.keys(names);
  const wrapper = {
    title: 'Forms',
    description: `The data of each form of ${program.ref}, by form id.`,
    type: 'object',
    additionalProperties: false,
    required: formIds,
    properties: Object.fromEntries(formIds.map((id) => [id, { $ref: `#/$defs/${id}` }])),
    $defs: defs,
  };
  const banner = [
    '/* eslint-disable */',
    `// Types of the form data of ${program.ref} (hash ${program.hash}).`,
    '// Generated by `civicflow types`; do not edit, run it again when the program changes.',
  ].join('\n');
  const source = await compile(wrapper as JSONSchema, 'Forms', {
    bannerComment: banner,
    additionalProperties: false,
    // Tuples for every minItems/maxItems would turn "up to 12 household members" into 13 tuple types.
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: false,
    $refOptions: { resolve: { http: false, file: false } },
  });
  return { source, names };
}
