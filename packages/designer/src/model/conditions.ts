import type { JsonPath } from '../document/json-path.js';
import type { Operation, ProgramDocument } from '../document/program-document.js';
import { parseJsonText } from '../document/json-text.js';
import { designerError } from '../errors.js';
import type { FieldKind } from './field-kinds.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What a rule asks of a field. */
export type Operator = 'equals' | 'notEquals' | 'oneOf' | 'contains' | 'gt' | 'gte' | 'lt' | 'lte' | 'isSet' | 'isNotSet';
export type Scalar = string | number | boolean;

/** One rule of a condition: a top-level field, what is asked of it and (except for the set/not-set ones) a value. */
export interface Rule {
  readonly field: string;
  readonly op: Operator;
  readonly value?: Scalar | readonly Scalar[];
}

/** A condition the editor can show as rules: all of them must hold, or any one. */
export interface Condition {
  readonly join: 'all' | 'any';
  readonly rules: readonly Rule[];
}

/** The operators that fit a field's kind, in the order the editor offers them. */
export function operatorsFor(kind: FieldKind): Operator[] {
  switch (kind) {
    case 'choice':
      return ['equals', 'notEquals', 'oneOf', 'isSet', 'isNotSet'];
    case 'choices':
      return ['contains', 'isSet', 'isNotSet'];
    case 'integer':
    case 'number':
    case 'amount':
      return ['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte', 'isSet', 'isNotSet'];
    case 'boolean':
    case 'consent':
      return ['equals', 'isSet', 'isNotSet'];
    case 'group':
    case 'list':
    case 'file':
    case 'other':
      return ['isSet', 'isNotSet'];
    default:
      return ['equals', 'notEquals', 'isSet', 'isNotSet'];
  }
}

const bounds: Partial<Record<Operator, string>> = { gt: 'exclusiveMinimum', gte: 'minimum', lt: 'exclusiveMaximum', lte: 'maximum' };

/**
 * The JSON Schema of one rule: `properties` with `required` (so that an empty field does not match), nested for a
 * field inside a group (`person.age`); "not set" is `not` of "set".
 */
function ruleSchema(rule: Rule): Json {
  if (rule.op === 'isNotSet') return { not: ruleSchema({ field: rule.field, op: 'isSet' }) };
  const path = rule.field.split('.');
  const last = path.pop()!;
  let s: Json | undefined;
  if (rule.op === 'equals') s = { const: rule.value };
  else if (rule.op === 'notEquals') s = { not: { const: rule.value } };
  else if (rule.op === 'oneOf') s = { enum: [...(Array.isArray(rule.value) ? rule.value : [rule.value])] };
  else if (rule.op === 'contains') s = { contains: { const: rule.value } };
  else if (rule.op !== 'isSet') s = { [bounds[rule.op]!]: rule.value };
  let out: Json = s ? { properties: { [last]: s }, required: [last] } : { required: [last] };
  for (const seg of path.reverse()) out = { properties: { [seg]: out }, required: [seg] };
  return out;
}

/** Two "all of" pieces as one: their `properties` merged field by field, their `required` joined. */
function merge(a: Json, b: Json): Json {
  const pa = (a.properties ?? {}) as Json;
  const pb = (b.properties ?? {}) as Json;
  const properties: Json = { ...pa };
  for (const [k, v] of Object.entries(pb)) properties[k] = k in pa ? merge(pa[k] as Json, v as Json) : v;
  const required = [...(a.required as string[])];
  for (const r of b.required as string[]) if (!required.includes(r)) required.push(r);
  return { ...(Object.keys(properties).length ? { properties } : {}), required };
}

/**
 * The JSON Schema of a condition, written as authoring.md shows: rules on different fields joined by "all" share one
 * `properties`/`required`; "any" is an `anyOf`; what cannot share (two rules on one field, "not set") goes in `allOf`.
 */
export function conditionSchema(c: Condition): Json {
  const pieces = c.rules.map(ruleSchema);
  if (pieces.length === 1) return pieces[0]!;
  if (c.join === 'any') return { anyOf: pieces };
  const fields = c.rules.map((r) => r.field);
  const overlapping = fields.some((f, i) => fields.some((g, j) => i !== j && (f === g || g.startsWith(f + '.'))));
  const mergeable = c.rules.every((r) => r.op !== 'isNotSet') && !overlapping;
  return mergeable ? pieces.reduce(merge) : { allOf: pieces };
}

const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A rule from a field's schema inside `properties` (with the field required). */
function ruleOf(field: string, s: unknown): Rule | undefined {
  if (!isObject(s)) return undefined;
  const keys = Object.keys(s);
  if (keys.length !== 1) return undefined;
  const k = keys[0]!;
  const v = s[k];
  if (k === 'const' && isScalar(v)) return { field, op: 'equals', value: v };
  if (k === 'enum' && Array.isArray(v) && v.length > 0 && v.every(isScalar)) return { field, op: 'oneOf', value: v };
  if (k === 'not' && isObject(v) && Object.keys(v).length === 1 && isScalar(v.const)) return { field, op: 'notEquals', value: v.const };
  if (k === 'contains' && isObject(v) && Object.keys(v).length === 1 && isScalar(v.const)) return { field, op: 'contains', value: v.const };
  const op = (Object.keys(bounds) as Operator[]).find((o) => bounds[o] === k);
  if (op && typeof v === 'number') return { field, op, value: v };
  return undefined;
}

/** The rules of a schema that all must hold, or undefined when it says more than rules can. */
function allRules(s: unknown): Rule[] | undefined {
  if (!isObject(s)) return undefined;
  const keys = Object.keys(s);
  if (keys.length === 1 && keys[0] === 'not') {
    const inner = allRules(s.not);
    return inner && inner.length === 1 && inner[0]!.op === 'isSet' ? [{ field: inner[0]!.field, op: 'isNotSet' }] : undefined;
  }
  if (keys.length === 1 && keys[0] === 'allOf') {
    if (!Array.isArray(s.allOf)) return undefined;
    const out: Rule[] = [];
    for (const p of s.allOf) {
      const r = allRules(p);
      if (!r) return undefined;
      out.push(...r);
    }
    return out;
  }
  if (keys.some((k) => k !== 'properties' && k !== 'required')) return undefined;
  const required = s.required;
  if (!Array.isArray(required) || !required.every((x): x is string => typeof x === 'string')) return undefined;
  const props = s.properties === undefined ? {} : s.properties;
  if (!isObject(props)) return undefined;
  // A property tested but not required holds while the field is empty: not what a rule says.
  if (Object.keys(props).some((k) => !required.includes(k))) return undefined;
  const out: Rule[] = [];
  for (const f of required) {
    if (!(f in props)) {
      out.push({ field: f, op: 'isSet' });
      continue;
    }
    const r = ruleOf(f, props[f]);
    if (r) {
      out.push(r);
      continue;
    }
    // A field inside a group: its own rules, named by their path.
    const inner = allRules(props[f]);
    if (!inner || inner.length === 0 || inner.some((x) => x.op === 'isNotSet')) return undefined;
    out.push(...inner.map((x) => ({ ...x, field: `${f}.${x.field}` })));
  }
  return out;
}

/**
 * Reads a condition as rules, or returns undefined when the schema says something rules cannot (the editor then
 * shows it in words and as JSON). A condition is taken only when writing its rules gives back the same schema, so an
 * edit never rewrites a condition into something else.
 */
export function parseCondition(schema: unknown): Condition | undefined {
  let c: Condition | undefined;
  if (isObject(schema) && Object.keys(schema).length === 1 && Array.isArray(schema.anyOf)) {
    const rules: Rule[] = [];
    for (const p of schema.anyOf) {
      const r = allRules(p);
      if (!r || r.length !== 1) return undefined;
      rules.push(r[0]!);
    }
    c = { join: 'any', rules };
  } else {
    const rules = allRules(schema);
    c = rules && rules.length > 0 ? { join: 'all', rules } : undefined;
  }
  if (!c || c.rules.length === 0) return undefined;
  return sameJson(conditionSchema(c), schema) ? c : undefined;
}

/** Whether two JSON values are equal, whatever the order of their keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return a === b;
}

/** The words a description is made of, per designer language. */
export interface ConditionWords {
  readonly ops: Record<Operator, string>;
  readonly and: string;
  readonly or: string;
  readonly not: string;
  readonly yes: string;
  readonly no: string;
  /** For what the words cannot say: "a condition written in JSON". */
  readonly json: string;
  /** The quotation marks around names: „…“ in German, “…” in English. */
  readonly quotes: readonly [string, string];
}

export interface Namer {
  /** A field's label by its key (the key when it has none). */
  field(key: string): string;
  /** An option's label of a field by its value (the value when it has none). */
  option(key: string, value: Scalar): string;
}

function valueWords(rule: Rule, words: ConditionWords, names: Namer): string {
  const [open, close] = words.quotes;
  const one = (v: Scalar) => (typeof v === 'boolean' ? (v ? words.yes : words.no) : typeof v === 'number' ? String(v) : `${open}${names.option(rule.field, v)}${close}`);
  const v = rule.value;
  if (v === undefined) return '';
  return Array.isArray(v) ? v.map(one).join(', ') : one(v as Scalar);
}

/** One rule in words: `“Housing” is “No fixed abode”`. */
export function ruleWords(rule: Rule, words: ConditionWords, names: Namer): string {
  const [open, close] = words.quotes;
  const text = words.ops[rule.op].replace('{field}', `${open}${names.field(rule.field)}${close}`).replace('{value}', valueWords(rule, words, names));
  return text.trim();
}

/**
 * A condition in words. Rules are joined with "and"/"or"; any other JSON Schema is described as far as its common
 * keywords go (`properties`, `required`, `const`, `enum`, `not`, `allOf`, `anyOf`, `oneOf`, number bounds,
 * `contains`), and the rest is named as JSON.
 */
export function describeCondition(schema: unknown, words: ConditionWords, names: Namer): string {
  const c = parseCondition(schema);
  if (c) return c.rules.map((r) => ruleWords(r, words, names)).join(c.join === 'all' ? ` ${words.and} ` : ` ${words.or} `);
  return describeLoose(schema, words, names) ?? words.json;
}

function describeLoose(s: unknown, words: ConditionWords, names: Namer): string | undefined {
  if (s === true) return undefined;
  if (!isObject(s)) return undefined;
  const parts: string[] = [];
  const required = Array.isArray(s.required) ? s.required.filter((x): x is string => typeof x === 'string') : [];
  for (const [k, v] of Object.entries(s)) {
    if (k === 'properties' && isObject(v)) {
      for (const [f, fs] of Object.entries(v)) {
        const r = ruleOf(f, fs);
        if (!r) return undefined;
        parts.push(ruleWords(r, words, names));
      }
    } else if (k === 'required') {
      for (const f of required) if (!(isObject(s.properties) && f in s.properties)) parts.push(ruleWords({ field: f, op: 'isSet' }, words, names));
    } else if ((k === 'allOf' || k === 'anyOf' || k === 'oneOf') && Array.isArray(v)) {
      const inner = v.map((x) => describeLoose(x, words, names));
      if (inner.some((x) => x === undefined)) return undefined;
      // Inner parts joined the other way are bracketed, so that "and" and "or" never read ambiguously.
      const join = k === 'allOf' ? words.and : words.or;
      const other = k === 'allOf' ? words.or : words.and;
      parts.push(inner.map((x) => (x!.includes(` ${other} `) ? `(${x})` : x)).join(` ${join} `));
    } else if (k === 'not') {
      const inner = describeLoose(v, words, names);
      if (inner === undefined) return undefined;
      parts.push(`${words.not} (${inner})`);
    } else return undefined;
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : parts.map((x) => (x.includes(` ${words.or} `) ? `(${x})` : x)).join(` ${words.and} `);
}

// ---- where conditions live

/** Where a top-level field's "show when" is: its page entry's `when`. */
function entryOf(doc: ProgramDocument, form: string, key: string): { path: JsonPath; entry: unknown } | undefined {
  const pages = doc.get(['forms', form, 'ui', 'pages']);
  if (!Array.isArray(pages)) return undefined;
  for (let p = 0; p < pages.length; p++) {
    const fields = isObject(pages[p]) ? (pages[p] as Json).fields : undefined;
    if (!Array.isArray(fields)) continue;
    const i = fields.findIndex((e) => e === key || (isObject(e) && e.field === key));
    if (i !== -1) return { path: ['forms', form, 'ui', 'pages', p, 'fields', i], entry: fields[i] };
  }
  return undefined;
}

/** The condition that shows a top-level field (its page entry's `when`), if it has one. */
export function showWhen(doc: ProgramDocument, form: string, key: string): unknown {
  const e = entryOf(doc, form, key);
  return e && isObject(e.entry) ? e.entry.when : undefined;
}

/**
 * Sets (or with `undefined` removes) the condition that shows a top-level field. A field placed by its name alone
 * becomes `{ "field": …, "when": … }`; the field needs a page (a form with `ui.pages`).
 */
export function setShowWhen(doc: ProgramDocument, form: string, key: string, when: Json | undefined, label = key): void {
  const e = entryOf(doc, form, key);
  if (!e) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}/ui/pages` });
  if (typeof e.entry === 'string') {
    if (when) doc.apply([{ op: 'replace', path: e.path, value: { field: key, when } }], label);
    return;
  }
  const has = isObject(e.entry) && e.entry.when !== undefined;
  if (!when) {
    if (has) doc.apply([{ op: 'remove', path: [...e.path, 'when'] }], label);
  } else doc.apply([{ op: has ? 'replace' : 'add', path: [...e.path, 'when'], value: when }], label);
}

/** The condition that shows a page, if it has one. */
export function pageWhen(doc: ProgramDocument, form: string, page: string): unknown {
  const pages = doc.get(['forms', form, 'ui', 'pages']);
  const p = Array.isArray(pages) ? pages.find((x) => isObject(x) && x.id === page) : undefined;
  return isObject(p) ? p.when : undefined;
}

/** Sets (or with `undefined` removes) the condition that shows a page. */
export function setPageWhen(doc: ProgramDocument, form: string, page: string, when: Json | undefined, label = page): void {
  const pages = doc.get(['forms', form, 'ui', 'pages']);
  const i = Array.isArray(pages) ? pages.findIndex((x) => isObject(x) && x.id === page) : -1;
  if (i === -1) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}/ui/pages` });
  const at: JsonPath = ['forms', form, 'ui', 'pages', i, 'when'];
  const has = (pages as Json[])[i]!.when !== undefined;
  if (!when) {
    if (has) doc.apply([{ op: 'remove', path: at }], label);
  } else doc.apply([{ op: has ? 'replace' : 'add', path: at, value: when }], label);
}

/** A "required when": an `if` whose `then` makes exactly this one field required. */
export interface RequiredWhen {
  /** Where the `if`/`then` pair is: the schema itself or an entry of its `allOf`. */
  readonly at: JsonPath;
  readonly condition: unknown;
  /** False when the `then` says more than this field's being required, or there is an `else`: shown, not edited. */
  readonly editable: boolean;
}

/** The conditions under which a top-level field is required: the form schema's `if`/`then` and those in its `allOf`. */
export function requiredWhen(doc: ProgramDocument, form: string, key: string): RequiredWhen[] {
  const base: JsonPath = ['forms', form, 'schema'];
  const schema = doc.get(base);
  const out: RequiredWhen[] = [];
  const look = (at: JsonPath, s: unknown) => {
    if (!isObject(s) || !isObject(s.then) || s.if === undefined) return;
    const then = s.then;
    const req = Array.isArray(then.required) ? then.required : [];
    if (!req.includes(key)) return;
    const only = Object.keys(then).length === 1 && req.length === 1;
    const bare = at.length > base.length ? Object.keys(s).every((k) => k === 'if' || k === 'then') : s.else === undefined;
    out.push({ at, condition: s.if, editable: only && bare });
  };
  look(base, schema);
  if (isObject(schema) && Array.isArray(schema.allOf)) schema.allOf.forEach((s, i) => look([...base, 'allOf', i], s));
  return out;
}

/**
 * Sets the condition under which a top-level field is required. With `at` it replaces that `if` (or with
 * `undefined` removes the pair); without, it adds `{ "if": …, "then": { "required": [key] } }` to the schema's
 * `allOf` (made after `required` or `properties` when the schema has none).
 */
export function setRequiredWhen(doc: ProgramDocument, form: string, key: string, at: JsonPath | undefined, condition: Json | undefined, label = key): void {
  const base: JsonPath = ['forms', form, 'schema'];
  const schema = doc.get(base);
  if (!isObject(schema)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}/schema` });
  const ops: Operation[] = [];
  if (at) {
    const pair = doc.get(at);
    if (!isObject(pair) || pair.if === undefined) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/' + at.join('/') });
    if (condition) ops.push({ op: 'replace', path: [...at, 'if'], value: condition });
    else if (at.length === base.length) ops.push({ op: 'remove', path: [...at, 'if'] }, { op: 'remove', path: [...at, 'then'] });
    else {
      const all = schema.allOf as unknown[];
      ops.push(all.length === 1 ? { op: 'remove', path: [...base, 'allOf'] } : { op: 'remove', path: at });
    }
  } else {
    if (!condition) return;
    const pair = { if: condition, then: { required: [key] } };
    if (Array.isArray(schema.allOf)) ops.push({ op: 'add', path: [...base, 'allOf', schema.allOf.length], value: pair });
    else {
      const keys = Object.keys(schema);
      const after = keys.includes('required') ? keys.indexOf('required') : keys.indexOf('properties');
      ops.push({ op: 'add', path: [...base, 'allOf'], value: [pair], ...(after === -1 ? {} : { index: after + 1 }) });
    }
  }
  doc.apply(ops, label);
}

/**
 * Reads a condition typed as JSON in the fallback box.
 *
 * @throws DesignerError `DESIGNER_NOT_JSON` (with line and column) or `DESIGNER_CONDITION_INVALID` for JSON that is
 * not an object.
 */
export function conditionFromJson(doc: ProgramDocument, text: string): Json {
  const v = parseJsonText(text, doc.locale).value;
  if (!isObject(v)) throw designerError(doc.locale, 'DESIGNER_CONDITION_INVALID');
  return v;
}
